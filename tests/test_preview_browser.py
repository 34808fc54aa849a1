"""`./run serve` never freezes: a real `mkdocs serve` shows a translator's mistake in the browser,
keeps the rest of the site working, and clears the message once the file is fixed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from conftest import ROOT, copy_project
from knowledge_base.render.preview import sentence
from serving import WAIT_S, free_port, wait_until_listening

PAGE = "docs/techniques/let-them-vent.es.md"
PANEL = "#kb-preview-problems"
LOAD_MS = 15_000  # one load of a served page


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the project under `mkdocs serve` (English and Spanish only, to keep rebuilds short)."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_LANGUAGE": "es"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_listening(proc, port, tmp_path / "serve.log")
        yield project, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def heading(page) -> str:
    """The page's h1 without its permalink sign."""
    return page.locator("h1").inner_text().rstrip("¶").strip()


def poll(page, url: str, done: Callable[[], bool], what: str) -> None:
    """Load `url` again until `done()` holds, at most WAIT_S seconds.

    The page's live reload also reloads it after every rebuild; a load that such a reload cuts
    off (or whose end Playwright loses track of) is simply tried again."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            page.goto(url, wait_until="domcontentloaded", timeout=LOAD_MS)  # the panel is in the served HTML
            if done():
                return
        except PlaywrightError:
            pass
        time.sleep(1)
    pytest.fail(f"timed out waiting until {what}")


def leave(page) -> None:
    """Go to about:blank, where no live reload runs, before the page is closed.

    Closing a page while its live reload is navigating hangs Chromium 156.0.8078.114 (the close
    never returns); a navigation that such a reload interrupts is tried again."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            page.goto("about:blank", timeout=LOAD_MS)
            return
        except PlaywrightError:
            time.sleep(0.5)
    pytest.fail("the page kept reloading")


def test_serve_shows_a_mistake_in_every_page_and_clears_it_when_fixed(served: tuple[Path, str], browser) -> None:
    project, url = served
    labels = yaml.safe_load((ROOT / "locales" / "es.yml").read_text(encoding="utf-8"))["preview"]
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    technique = url + "es/techniques/let-them-vent/"
    page.goto(technique)
    assert page.locator(PANEL).count() == 0
    good_title = heading(page)
    # A preview keeps no offline copy (it would show an older save), and removes one left on this address.
    page.evaluate("navigator.serviceWorker.register('/sw.js').then(r => r.active || new Promise(d => setTimeout(d, 500)))")
    page.add_init_script("window.kbRegistered = 0; const kbRegister = navigator.serviceWorker.register;"
                         " navigator.serviceWorker.register = function () { window.kbRegistered += 1;"
                         " return kbRegister.apply(this, arguments); };")
    page.reload()
    assert page.locator("html[data-kb-preview]").count() == 1
    page.wait_for_function("navigator.serviceWorker.getRegistrations().then(r => r.length === 0)", polling=200)
    assert page.evaluate("window.kbRegistered") == 0, "kb-offline.js registered a worker in the preview"
    assert page.evaluate("navigator.serviceWorker.controller === null")
    assert page.locator("[data-kb-save-all]").count() == 0 or not page.locator("[data-kb-save-all]").is_visible()

    file = project / PAGE
    original = file.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert lines[7].startswith("    text: ")  # line 8: the second step's text
    lines[7] = " " + lines[7]  # one space too many: the classic indentation mistake
    file.write_text("".join(lines), encoding="utf-8")

    poll(page, technique, lambda: page.locator(PANEL).count() == 1, "the error panel appears")
    panel = page.locator(PANEL)
    text = panel.inner_text()
    assert labels["title"].split(":")[0] in text and labels["fix"] in text, text
    assert PAGE in text and f'{labels["line"]} 8' in text, text
    spanish = yaml.safe_load((ROOT / "locales" / "es.yml").read_text(encoding="utf-8"))["messages"]["yaml"]
    said = [m for m in spanish.values() if sentence(m["message"]) in text and sentence(m.get("fix", "")) in text]
    assert said, f"the message and fix are in Spanish: {text}"
    assert panel.is_visible() and panel.bounding_box()["y"] < 768, "visible without scrolling"
    assert heading(page) == "Let the customer vent", "the broken page falls back to English"
    assert page.locator(".kb-step").count() == 3, "the checklist still works"

    home = url + "es/"
    poll(page, home, lambda: page.locator(PANEL).count() == 1 and page.locator(".kb-technique-list a").count() > 5,
         "every page says so, and the rest of the site keeps working")
    poll(page, url + "techniques/let-them-vent/",
         lambda: page.locator(PANEL).count() == 1 and heading(page) == "Let the customer vent", "English too")

    file.write_text(original, encoding="utf-8")
    poll(page, technique, lambda: page.locator(PANEL).count() == 0, "the error panel clears")
    assert heading(page) == good_title
    if os.environ.get("KB_SCREENSHOTS"):
        page.screenshot(path=os.environ["KB_SCREENSHOTS"] + "/preview-fixed.png")

    locale = project / "locales" / "es.yml"  # a broken locale file: labels fall back to English meanwhile
    good_locale = locale.read_text(encoding="utf-8")
    english_reset = yaml.safe_load((ROOT / "locales" / "en.yml").read_text(encoding="utf-8"))["checklist"]["reset"]
    broken = good_locale.replace("\nchecklist:\n", "\nchecklist:\n  note: Borrar: todo\n", 1)
    line = broken.splitlines().index("  note: Borrar: todo") + 1
    locale.write_text(broken, encoding="utf-8")
    poll(page, technique, lambda: page.locator(PANEL).count() == 1, "the locale error appears")
    text = page.locator(PANEL).inner_text()
    assert "locales/es.yml" in text and f"line {line}" in text and "colon" in text, text  # labels in English now
    if os.environ.get("KB_SCREENSHOTS"):
        page.screenshot(path=os.environ["KB_SCREENSHOTS"] + "/preview-locale.png")
    assert page.locator(".kb-reset").first.inner_text() == english_reset
    assert heading(page) == good_title, "content stays translated while only the labels fall back"
    locale.write_text(good_locale, encoding="utf-8")
    poll(page, technique, lambda: page.locator(PANEL).count() == 0, "the locale error clears")
    leave(page)
    context.close()


def test_serve_mode_is_only_for_serve(tmp_path: Path) -> None:
    """`mkdocs build` still stops on the same mistake (no panel, no silent fallback)."""
    from conftest import mkdocs_build

    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    file = project / PAGE
    file.write_text(file.read_text(encoding="utf-8").replace("\n    text: ", "\n     text: ", 2).replace(
        "\n     text: ", "\n    text: ", 1), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0 and f"{PAGE}:8" in build.output, build.output
