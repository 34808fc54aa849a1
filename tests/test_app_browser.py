"""The site as an app on the agent's phone, in Chromium: installable in every language, and
offline in every language once any page has loaded, including languages never opened."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from realsite import CATALOG, LABELS, LANGS, LAPTOP, PHONE, READY
from sitecheck import prefix
from statichost import static_host

# (viewport, the language opened online, a language never opened before going offline)
WALKS = [pytest.param(LAPTOP, "en", "es", id="laptop-en-then-es"), pytest.param(PHONE, "es", "sv", id="phone-es-then-sv")]


@pytest.fixture
def subpath_site(subpath_build) -> Path:
    return subpath_build.site


def errors_of(page) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


@contextmanager
def app_page(browser, site: Path, viewport: dict[str, int], path: str) -> Iterator[tuple[str, BrowserContext, Page]]:
    """(base URL, context, page): `path` of `site` hosted under /kb/, loaded in a fresh browser context until
    its offline copy is saved; the test fails if a script of the page raised an error meanwhile."""
    with static_host(site, "/kb/") as base:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        errors = errors_of(page)
        page.goto(base + path)
        page.wait_for_function(READY, timeout=20_000)
        yield base, context, page
        context.close()
    assert not errors, errors


ICON_SIZE = """async (src) => { const img = new Image(); img.src = src; await img.decode();
                                 return [img.naturalWidth, img.naturalHeight]; }"""


@pytest.mark.parametrize(("viewport", "lang"), [(LAPTOP, "sv"), (PHONE, "es")], ids=["laptop-sv", "phone-es"])
def test_every_language_is_installable_with_its_own_manifest(browser, subpath_site: Path, viewport, lang: str) -> None:
    labels = LABELS[lang]
    technique = prefix(lang) + "techniques/let-them-vent/"
    with app_page(browser, subpath_site, viewport, technique) as (base, context, page):
        href = page.evaluate("document.querySelector('link[rel=manifest]').href")
        assert href == base + prefix(lang) + "manifest.webmanifest"
        assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == "#4051b5"
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == href and not manifest["errors"], manifest["errors"]
        data = json.loads(manifest["data"])
        assert (data["name"], data["short_name"], data["lang"]) == (labels("app.name"), labels("app.short_name"), lang)
        installability = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # Playwright's contexts are incognito ones, where Chromium installs nothing: every other criterion holds.
        assert [e for e in installability if e["errorId"] != "in-incognito"] == [], installability
        parsed = page.evaluate("""async (href) => {
            const m = await (await fetch(href)).json(), at = (u) => new URL(u, href).href;
            return {start: at(m.start_url), scope: at(m.scope), icons: m.icons.map(i => [at(i.src), i.sizes, i.purpose]),
                    shortcuts: m.shortcuts.map(s => at(s.url))}; }""", href)
        assert parsed["start"] == base + prefix(lang) + "live/" and parsed["scope"] == base
        assert parsed["shortcuts"] == [base + prefix(lang) + "live/", base + prefix(lang) + "cheatsheet/"]
        purposes = set()
        for src, sizes, purpose in parsed["icons"]:
            assert page.evaluate(ICON_SIZE, src) == [int(n) for n in sizes.split("x")], src
            purposes.add((sizes, purpose))
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
        apple = page.evaluate("document.querySelector('link[rel=apple-touch-icon]').href")
        assert page.evaluate(ICON_SIZE, apple) == [180, 180]
        has_fetch_handler = page.evaluate("""async () => {
            const reg = await navigator.serviceWorker.ready;
            const source = await (await fetch(reg.active.scriptURL)).text();
            return /addEventListener\\(\\s*["']fetch["']/.test(source) && navigator.serviceWorker.controller !== null; }""")
        assert has_fetch_handler, "a service worker with a fetch handler controls the page"


@pytest.mark.parametrize(("viewport", "first", "other"), WALKS)
def test_offline_before_visiting_a_language_its_console_works_and_the_rest_says_so(
        browser, subpath_site: Path, viewport, first: str, other: str) -> None:
    labels = LABELS[other]
    live = CATALOG.live
    with app_page(browser, subpath_site, viewport, prefix(first) + "live/") as (base, context, page):
        context.set_offline(True)

        page.goto(base + prefix(other) + "live/")
        assert page.locator("h1").first.inner_text().rstrip("¶").strip() == live.titles[other]
        venting = next(i for i, s in enumerate(live.situations) if s.id == "venting")
        page.locator(".kb-situation").nth(venting).click()
        move = page.locator("#situation-venting")
        move.wait_for(state="visible")
        assert CATALOG.techniques["let-them-vent"].text(other).title in move.inner_text()

        asked = base + prefix(other) + "techniques/broken-record/"
        response = page.goto(asked)
        assert page.url.startswith(base + prefix(other) + "offline/"), page.url
        assert page.locator("h1").first.inner_text().rstrip("¶").strip() == labels("app.offline_title")
        assert page.evaluate("document.documentElement.lang") == other
        retry = page.locator("[data-kb-retry]")
        assert retry.is_visible() and retry.get_attribute("href") == asked
        links = page.locator(".kb-offline-page a[href]").evaluate_all("links => links.map(a => a.href)")
        for path in ("live/", "", "cheatsheet/"):
            assert base + prefix(other) + path in links
        assert {base + prefix(code) + "live/" for code in LANGS} <= set(links), "every console is linked"
        assert not page.locator(".kb-offline").is_visible(), "no 'this is the saved copy' notice on the offline page"
        page.locator(".kb-offline-page a", has_text=LABELS[other]("cheatsheet.title")).click()
        page.wait_for_url(base + prefix(other) + "cheatsheet/")
        assert page.locator("h1").first.inner_text().rstrip("¶").strip() == LABELS[other]("cheatsheet.title")

        for path in ("pdf/x.pdf", f"api/{other}/techniques.json", f"{prefix(other)}techniques/let-them-vent.md"):
            response = page.goto(base + path)
            assert response.status == 503, path
            assert response.headers["content-type"] == "text/plain; charset=utf-8"
            said_in = "en" if path.startswith("pdf/") else other  # the language of the path's first folder
            assert page.inner_text("body").strip() == LABELS[said_in]("app.file_offline"), path
        fetched = page.evaluate("(u) => fetch(u).then(async r => [r.status, await r.text()])", base + "api/index.json")
        assert fetched == [503, LABELS["en"]("app.file_offline") + "\n"], "a script's fetch gets the same honest answer"


@pytest.mark.parametrize(("viewport", "lang"), [(PHONE, "sv"), (LAPTOP, "en")], ids=["phone-sv", "laptop-en"])
def test_save_every_language_fills_the_caches_with_progress(browser, subpath_site: Path, viewport, lang: str) -> None:
    labels = LABELS[lang]
    with app_page(browser, subpath_site, viewport, prefix(lang)) as (base, context, page):
        control = page.locator("[data-kb-save-all]")
        button = control.get_by_role("button", name=labels("app.save_all"))
        assert button.is_visible()
        assert control.locator("[role=status]").count() == 1
        page.evaluate("""() => { window.kbSeen = [];
            const status = document.querySelector('.kb-save-all__status');
            new MutationObserver(() => kbSeen.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true}); }""")
        button.click()
        page.wait_for_function("document.querySelector('[data-kb-save-all]').dataset.kbState === 'done'", timeout=60_000)
        seen = page.evaluate("kbSeen")
        progress = re.compile(re.escape(labels("app.save_progress")).replace(r"\{done\}", r"(\d+)").replace(r"\{total\}", r"(\d+)"))
        counts = [tuple(map(int, m.groups())) for text in seen if (m := progress.fullmatch(text))]
        assert counts, seen
        total = counts[0][1]
        assert all(t == total for _, t in counts) and [d for d, _ in counts] == sorted(d for d, _ in counts)
        assert seen[-1] == labels("app.save_done") and button.is_enabled()
        groups = page.evaluate("""async () => {
            const names = (await caches.keys()).filter(n => !n.endsWith('-runtime'));
            return Promise.all(names.map(async n => [n.slice(n.lastIndexOf('-') + 1), (await (await caches.open(n)).keys()).length]));
        }""")
        kept = dict(groups)
        assert set(kept) == {"shared", "core", *LANGS}
        assert sum(kept.values()) - len(kept) == total, "every file counted once (besides each group's completion mark)"

        context.set_offline(True)
        for code in LANGS:
            page.goto(base + prefix(code) + "techniques/broken-record/")
            title = CATALOG.techniques["broken-record"].text(code).title
            assert page.locator("h1").first.inner_text().rstrip("¶").strip() == title
        page.goto(base + prefix(lang) + "offline/")
        saved = page.locator(".kb-offline-page__saved li:not([hidden]) a")
        saved.first.wait_for()
        assert saved.count() == len(CATALOG.techniques) + len(CATALOG.playbooks) + 2  # + cards and sources
        response = page.goto(base + prefix(lang) + "techniques/no-such-page/")
        assert response.status == 404 and page.evaluate("document.documentElement.lang") == lang, \
            "with the whole language saved, a missing address is a missing page"


def test_save_every_language_says_when_it_failed(browser, subpath_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(subpath_site, site)
    shutil.rmtree(site / "sv" / "techniques" / "broken-record")  # a Swedish page missing on the host
    labels = LABELS["es"]
    with app_page(browser, site, LAPTOP, "es/") as (base, context, page):
        page.get_by_role("button", name=labels("app.save_all")).click()
        page.wait_for_function("['done', 'failed'].includes(document.querySelector('[data-kb-save-all]').dataset.kbState)",
                               timeout=60_000)
        assert page.evaluate("document.querySelector('[data-kb-save-all]').dataset.kbState") == "failed"
        assert page.locator(".kb-save-all [role=status]").inner_text() == labels("app.save_failed")
        assert page.get_by_role("button", name=labels("app.save_all")).is_enabled(), "the reader can try again"
