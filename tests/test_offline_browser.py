"""The site everywhere, in Chromium: offline after the first visit (under a subpath), a new
deployment replacing the offline copy, the 404 page in every language, and the dark scheme."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from knowledge_base.publish.offline import SERVICE_WORKER, build_id, precache_groups, service_worker
from realsite import CATALOG, FOCUSED, LABELS, LANGS, LAPTOP, PHONE, READY
from sitecheck import prefix
from statichost import static_host



def search(page, query: str) -> list[str]:
    """Open search (the magnifier on phones), type `query`; the result links once they settle."""
    if page.viewport_size["width"] < 1220:
        page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.locator(".md-search-result__item").first.wait_for(state="detached")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    results = page.locator(".md-search-result__item > a")
    page.locator(".md-search-result__meta", has_text=re.compile(r"\d")).wait_for(timeout=10_000)
    return results.evaluate_all("links => links.map(a => a.href)")


def heading(page) -> str:
    """The page's h1 without its permalink sign."""
    return page.locator("h1").first.inner_text().rstrip("¶").strip()


def watch(page, base: str) -> dict[str, list[str]]:
    """Collect requests to other hosts, failed responses and console errors of a page."""
    seen: dict[str, list[str]] = {"outside": [], "failed": [], "errors": []}
    host = urlsplit(base).netloc
    page.on("request", lambda r: seen["outside"].append(r.url)
            if urlsplit(r.url).netloc != host and not r.url.startswith(("data:", "blob:")) else None)
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


@pytest.fixture
def subpath_site(subpath_build) -> Path:
    return subpath_build.site


def test_swedish_site_works_offline_after_the_first_visit_under_a_subpath(browser, subpath_site: Path) -> None:
    labels = LABELS["sv"]
    vent = CATALOG.techniques["let-them-vent"].text("sv")
    with static_host(subpath_site, "/kb/") as base:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        seen = watch(page, base)
        page.goto(base + "sv/")
        page.wait_for_function(READY, timeout=20_000)
        build = page.evaluate(READY)
        notice = page.locator(".kb-offline")
        assert not notice.is_visible()

        context.set_offline(True)
        page.goto(base + "sv/checklists/live-call/")
        assert heading(page) == CATALOG.playbooks["live-call"].text("sv").title
        assert notice.is_visible()
        text = notice.inner_text()
        assert labels("offline.notice") in text and labels("offline.build", build=build) in text
        box = page.locator("input.kb-check").first
        box.check()
        page.reload()
        assert page.locator("input.kb-check").first.is_checked(), "the tick survives a reload offline"

        links = search(page, vent.title)
        assert "/kb/sv/techniques/let-them-vent/" in links[0], links

        page.goto(base + "sv/techniques/let-them-vent/")
        timer = page.locator("button.kb-timer-toggle").first
        timer.click()
        assert timer.inner_text() == labels("timer.stop")
        page.goto(base + "sv/cards/let-them-vent/")
        assert vent.title in page.locator(".kb-card").first.inner_text()
        response = page.goto(base + "sv/finns-inte/")
        assert heading(page) == labels("not_found.title") and response.status == 404, "Swedish is saved: no such page"
        names = page.evaluate("caches.keys()")
        context.close()
    assert names and all(name.startswith(f"kb-offline-{build}-") for name in names), names
    assert not seen["outside"], seen["outside"]
    assert seen["errors"] == ["Failed to load resource: the server responded with a status of 404 (Not Found)"], \
        seen["errors"]  # that missing page, and nothing else


def test_a_new_deployment_replaces_the_offline_copy_as_a_whole(browser, subpath_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(subpath_site, site)
    playbook = site / "sv" / "checklists" / "live-call" / "index.html"
    with static_host(site, "/kb/") as base:
        context = browser.new_context(viewport=LAPTOP)
        page = context.new_page()
        page.goto(base + "sv/checklists/live-call/")
        page.wait_for_function(READY, timeout=20_000)
        old = page.evaluate(READY)

        # Deploy a new build: one page changes, so the build id and the service worker change.
        playbook.write_text(playbook.read_text("utf-8").replace("</h1>", " (ny version)</h1>", 1), "utf-8")
        groups = precache_groups(site, list(LANGS), "en")
        new = build_id(site, groups)
        assert new != old
        not_found = {lang: prefix(lang) + "404.html" for lang in LANGS}
        (site / SERVICE_WORKER).write_text(service_worker(groups, new, "en", not_found), "utf-8")

        page.goto(base + "sv/")
        page.wait_for_function(f"{READY} === {json.dumps(new)}", timeout=20_000)
        context.set_offline(True)
        page.goto(base + "sv/checklists/live-call/")
        title = heading(page)
        names = page.evaluate("caches.keys()")
        assert new in page.locator(".kb-offline").inner_text()
        context.close()
    assert title.endswith("(ny version)")
    assert names and all(name.startswith(f"kb-offline-{new}-") for name in names), names


@pytest.mark.parametrize(("path", "lang"), [("finns/inte/", "en"), ("sv/techniques/gammal-sida/", "sv"),
                                            ("es/a/b/c.html", "es")])
def test_404_page_speaks_the_language_of_the_missing_path(browser, subpath_site: Path, path: str, lang: str) -> None:
    labels = LABELS[lang]
    with static_host(subpath_site, "/kb/") as base:
        context = browser.new_context(viewport=LAPTOP, service_workers="block")
        page = context.new_page()
        seen = watch(page, base)
        response = page.goto(base + path)
        assert response.status == 404
        page.locator("h1", has_text=labels("not_found.title")).wait_for()
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.title() == f"{labels('not_found.title')} - {labels('site.name')}"
        assert page.url == base + path, "the address stays the one the reader asked for"
        menu = page.locator("a.md-select__link").evaluate_all("links => links.map(a => a.href)")
        assert menu == [base + prefix(code) for code in LANGS]
        technique = CATALOG.techniques["acknowledge-the-anger"].text(lang).title
        links = search(page, technique)
        assert links[0].startswith(f"{base}{prefix(lang)}techniques/acknowledge-the-anger/"), links
        context.close()
    assert seen["failed"] == [f"404 {base}{path}"], "only the missing page itself answers 404"
    errors = [e for e in seen["errors"] if not e.startswith("Failed to load resource")]  # that 404, again
    assert not seen["outside"] and not errors, seen


def test_dark_scheme_follows_the_system_has_a_labelled_toggle_and_meets_wcag_aa(browser, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    labels = LABELS["sv"]
    pages = ["sv/techniques/let-them-vent/", "es/404.html"]
    for scheme, expected in (("light", "default"), ("dark", "slate")):
        context = browser.new_context(viewport=LAPTOP, color_scheme=scheme, service_workers="block")
        page = context.new_page()
        for path in pages:
            page.goto(site_url + path)
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected
            if "404" not in path:
                continue  # axe checks technique pages in both schemes in test_site_integrity; the 404 page only here
            violations = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa"]}).response["violations"]
            assert not violations, f"{scheme} {path}: " + json.dumps(
                [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations])
        context.close()

    context = browser.new_context(viewport=LAPTOP, color_scheme="light", service_workers="block")
    page = context.new_page()
    page.goto(site_url + "sv/techniques/let-them-vent/")
    toggle = page.get_by_role("button", name=labels("theme.to_dark"))
    for _ in range(40):  # every Tab stop is visible; one of the first is the toggle
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-skip')"):
            page.wait_for_timeout(300)  # Material's skip link fades in
        focused = page.evaluate(FOCUSED)
        assert focused and focused["visible"], focused
        if page.evaluate("document.activeElement.classList.contains('kb-theme-toggle')"):
            break
    else:
        pytest.fail("the light/dark toggle is not reachable with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # kb-theme.js puts the focus back on the toggle and relabels it once Material has switched (a frame later)
    page.wait_for_function("label => document.activeElement.getAttribute('aria-label') === label",
                           arg=labels("theme.to_light"), timeout=3000)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == labels("theme.to_light")
    assert not toggle.is_visible()
    assert page.evaluate(FOCUSED)["visible"], "focus stays on a visible toggle"
    page.keyboard.press("Space")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == labels("theme.to_dark")
    page.keyboard.press("Enter")  # dark again, then print

    page.emulate_media(media="print")
    page.wait_for_timeout(300)  # Material animates link colours
    colours = page.evaluate("""() => [...document.querySelectorAll('body, .md-main, h1, h2, p, li, a')]
        .filter(el => el.offsetParent !== null || el === document.body)
        .map(el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])""")
    context.close()
    assert colours[0][1] == "rgb(255, 255, 255)", "paper is white"
    texts = {color for color, _ in colours}
    assert texts == {"rgb(0, 0, 0)"}, texts


def test_a_query_matching_a_technique_title_lists_that_technique_first(browser, site_url: str) -> None:
    context = browser.new_context(viewport=LAPTOP, service_workers="block")
    page = context.new_page()
    wrong = []
    for lang in ("sv", "es"):
        titles = {tid: set(re.findall(r"\w{5,}", t.text(lang).title.lower())) for tid, t in CATALOG.techniques.items()}
        page.goto(site_url + f"{lang}/")
        for tid, words in titles.items():  # a word (or its inflections) found in this title only
            own = sorted(w for w in words if not any(w[:5] == o[:5] for t, other in titles.items() if t != tid for o in other))
            if not own:
                continue
            links = search(page, own[0])
            if not links or f"/{lang}/techniques/{tid}/" not in links[0]:
                wrong.append((lang, own[0], links[:1]))
    context.close()
    assert not wrong, wrong
