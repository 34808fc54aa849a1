"""In Chromium: a site with a pt-BR language and file names that need percent-encoding installs its
service worker, works offline (those files included), and searches in pt-BR and in a language
without a stemmer."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mkdocs_build
from languages import multilingual_project
from statichost import static_host
from test_offline_browser import READY, search, watch


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("odd")
    build = mkdocs_build(multilingual_project(dest / "project", ("pt-BR", "zh-Hant")), dest / "site",
                         site_url="https://playbook.test/kb/")
    assert build.returncode == 0, build.output
    return build.site


def _open(browser, base: str, path: str):
    """A fresh laptop-sized context at `path`, with what the page asks of the network and its errors watched."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    seen = watch(page, base)
    page.goto(base + path)
    return context, page, seen


def test_pt_br_installs_the_offline_copy_with_odd_file_names(browser, odd_site: Path) -> None:
    with static_host(odd_site, "/kb/") as base:
        context, page, seen = _open(browser, base, "pt-BR/")
        page.wait_for_function(READY, timeout=30_000)
        context.set_offline(True)
        page.goto(base + "pt-BR/techniques/breathe/")
        assert page.locator("h1").first.inner_text().rstrip("¶").strip() == "Respire"
        page.goto(base + "pt-BR/notes%20and%20more/")
        assert "Notes" in page.locator("h1").first.inner_text()
        image = page.evaluate("fetch('../../assets/images/a%20map%20%231%20(%C3%B1)%20100%25.svg')"
                              ".then(r => r.text())")
        assert image.startswith("<svg")
        links = search(page, "Respire")
        assert links and "/kb/pt-BR/techniques/breathe/" in links[0], links
        names = page.evaluate("caches.keys()")
        context.close()
    assert any(name.endswith("-pt-BR") for name in names), names
    assert not seen["errors"], seen["errors"]
    assert not [f for f in seen["failed"] if "/404" not in f], seen["failed"]


def test_a_language_without_a_stemmer_gets_plain_search(browser, odd_site: Path) -> None:
    with static_host(odd_site, "/kb/") as base:
        context, page, seen = _open(browser, base, "zh-Hant/")
        links = search(page, "Respire")
        context.close()
    assert links and "/kb/zh-Hant/techniques/breathe/" in links[0], links
    assert not seen["errors"], seen["errors"]
