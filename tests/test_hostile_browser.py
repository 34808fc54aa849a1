"""Hostile content in a real browser: a tiny site whose titles, steps, phrases, labels and language
name carry script payloads that plain text may hold (shown as typed, never run), loaded page by page
with a dialog handler; and payloads the markup policy refuses (in a page's markdown, in KB_SITE_URL)
stopping the build with a located error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import mkdocs_build
from minisite import LISTEN_EN, TECHNIQUE_EN, TECHNIQUE_SV, mini_project
from printing import serve
from test_escaping import LiveMarkup

SHOWN = "<b>Ge mig</b> en sekund."  # typed into a phrase: plain text, shown as typed
PAYLOADS = {
    "title": '<img src=x onerror=alert("title")>Breathe',
    "step": '"><script>alert("step")</script>Breathe in.',
    "label": 'Reset <svg onload=alert("label")>',
    "language": '<img src=x onerror=alert("language")>Svenska',
}


def hostile_project(dest: Path) -> Path:
    project = mini_project(dest, **{
        "techniques/breathe.en.md": TECHNIQUE_EN.replace("title: Breathe", f"title: '{PAYLOADS['title']}'")
                                                .replace("text: Breathe in.", f"text: '{PAYLOADS['step']}'"),
        "techniques/breathe.sv.md": TECHNIQUE_SV.replace("say: [Ge mig en sekund.]", f"say: ['{SHOWN}']"),
    })
    for lang in ("en", "sv"):
        locale = project / "locales" / f"{lang}.yml"
        text = locale.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  reset: .*$", f"  reset: '{PAYLOADS['label']}'", text, count=1)
        locale.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: Svenska", f"name: '{PAYLOADS['language']}'"),
                      encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    build = mkdocs_build(hostile_project(folder / "project"), folder / "site")
    assert build.returncode == 0, build.output
    return build.site


PAGES = ["", "techniques/breathe/", "sv/techniques/breathe/", "checklists/short/", "sv/checklists/short/",
         "cards/breathe/", "sv/cards/", "cheatsheet/", "sv/translations/", "sources/", "does-not-exist/"]


def test_no_script_from_content_runs_in_a_browser(hostile_site: Path, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site) as base:
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(150)
        page.goto(base + "sv/techniques/breathe/")
        phrase = page.locator(".kb-phrase").filter(has_text="Ge mig").first.inner_text()
        switcher = page.locator(".md-select__link").all_inner_texts()
    page.kb_errors.clear()  # the 404 page's missing favicon and the like are not what this test is about
    assert dialogs == [], f"a script from content ran: {dialogs}"
    assert "<b>Ge mig</b> en sekund" in phrase, "markup typed into a phrase is shown as typed"
    assert any(PAYLOADS["language"] in name for name in switcher), switcher


def test_no_live_markup_in_any_output(hostile_site: Path) -> None:
    for file in hostile_site.rglob("*.html"):
        parser = LiveMarkup()
        parser.feed(file.read_text(encoding="utf-8"))
        assert not parser.found, f"{file.relative_to(hostile_site)}: {parser.found}"
    texts = [*hostile_site.rglob("*.md"), *hostile_site.rglob("llms*.txt"), hostile_site / "sw.js"]
    for file in texts:
        text = file.read_text(encoding="utf-8")
        for raw in ("<img", "<script", "<svg"):
            assert raw not in text, f"{file.relative_to(hostile_site)} contains {raw}"
    index = json.loads((hostile_site / "api" / "index.json").read_text(encoding="utf-8"))
    assert PAYLOADS["language"] in [lang["name"] for lang in index["languages"]], "JSON carries the name as data"
    api = json.loads((hostile_site / "api" / "techniques.json").read_text(encoding="utf-8")) \
        if (hostile_site / "api" / "techniques.json").exists() else None
    if api is not None:
        assert PAYLOADS["title"] in json.dumps(api, ensure_ascii=False)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda p: (p / "docs" / "techniques" / "listen.en.md").write_text(
        LISTEN_EN.replace("Why listening helps.", "Why [it](jav&#x61;script:alert(1)) helps."), encoding="utf-8"),
     ["docs/techniques/listen.en.md:14", "a link to 'javascript:'"]),
    (None, ["KB_SITE_URL='javascript://x/%0aalert(1)'", "must be an http:// or https:// URL"]),
    (None, ["KB_SITE_URL='https://x.test/\"><script>alert(1)</script>/'", "no spaces, quotes or angle brackets"]),
], ids=["refused-link-in-markdown", "javascript-site-url", "markup-in-site-url"])
def test_refused_payloads_stop_the_build_with_a_located_error(tmp_path: Path, change, expected: list[str]) -> None:
    project = mini_project(tmp_path / "project")
    if change is not None:
        change(project)
    site_url = expected[0].split("=", 1)[1].strip("'") if expected[0].startswith("KB_SITE_URL") else None
    build = mkdocs_build(project, tmp_path / "site", **({"site_url": site_url} if site_url else {}))
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    for text in expected:
        assert text in build.output, f"{text!r} not in\n{build.output}"
