"""The real site, built once: every page in every language, with its steps and working links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge_base.content.loader import load_catalog
from sitecheck import html_pages, page_file, parse, prefix, resolve

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)


@pytest.mark.parametrize("lang", LANGS)
def test_every_technique_page_exists_with_its_steps_in_order(site: Path, lang: str) -> None:
    for tech in CATALOG.techniques.values():
        file = page_file(site, f"{prefix(lang)}techniques/{tech.id}/")
        assert file.exists(), f"missing {file}"
        html = file.read_text(encoding="utf-8")
        text = tech.text(lang)
        assert text.lang == lang, f"{tech.id} has no {lang} translation"
        positions = [html.index(f'id="{step.id}"') for step in tech.steps]
        assert positions == sorted(positions), f"steps of {tech.id} out of order"
        for step in tech.steps:
            assert html.count(f'data-kb-step="{tech.id}/{step.id}"') == 1
        assert f'<html lang="{lang}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_home_lists_every_playbook_and_every_technique_by_phase(site: Path, lang: str) -> None:
    page = f"{prefix(lang)}"
    collected = parse(page_file(site, page).read_text(encoding="utf-8"))
    targets = {resolve(page, href)[0] for href, _ in collected.links if resolve(page, href)}
    for tech in CATALOG.techniques.values():
        assert f"{prefix(lang)}techniques/{tech.id}/" in targets
    for book in CATALOG.playbooks.values():
        assert f"{prefix(lang)}checklists/{book.id}/" in targets
    for phase in ("before", "opening", "listening", "responding", "resolving"):
        assert f"kb-phase-{phase}" in collected.ids


@pytest.mark.parametrize("lang", LANGS)
def test_playbook_links_resolve_to_anchors_in_the_same_language(site: Path, lang: str) -> None:
    for book in CATALOG.playbooks.values():
        page = f"{prefix(lang)}checklists/{book.id}/"
        collected = parse(page_file(site, page).read_text(encoding="utf-8"))
        checked = 0
        for href, classes in collected.links:
            if "kb-explain" not in classes and "kb-open-technique" not in classes:
                continue
            target = resolve(page, href)
            assert target is not None
            path, anchor = target
            assert path.startswith(f"{prefix(lang)}techniques/"), f"{page} links {href} outside {lang}"
            target_file = page_file(site, path)
            assert target_file.exists(), f"{page} links missing page {href}"
            if anchor:
                assert anchor in parse(target_file.read_text(encoding="utf-8")).ids, f"{page}: no #{anchor} in {path}"
            checked += 1
        steps = sum(len(CATALOG.techniques[t].steps) for t in book.techniques)
        assert checked == steps + len(book.techniques)


@pytest.mark.parametrize("lang", ("sv", "es"))
def test_content_links_never_leave_the_language(site: Path, lang: str) -> None:
    pages = {url: f for url, f in html_pages(site).items() if url.startswith(f"{lang}/")}
    assert len(pages) > len(CATALOG.techniques)
    for url, file in pages.items():
        html = file.read_text(encoding="utf-8")
        content = html[html.index('<article'): html.index("</article>")]
        for href, _ in parse(content).links:
            target = resolve(url, href)
            if target is None or not target[0]:
                continue
            if url == f"{lang}/offline/" and target[0].endswith("live/"):
                continue  # the offline page links every language's console on purpose (hreflang, named)
            assert target[0].startswith(f"{lang}/"), f"{url} links to {href} in another language"


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_maps_every_point_to_a_step(site: Path, lang: str) -> None:
    page = f"{prefix(lang)}sources/"
    html = page_file(site, page).read_text(encoding="utf-8")
    collected = parse(html)
    for article in CATALOG.articles.values():
        for section in article.sections:
            assert f"{article.id}--{section.id}" in collected.ids
    step_links = [resolve(page, h) for h, _ in collected.links if "/techniques/" in h or h.startswith("../techniques")]
    covered = {(p, a) for p, a in step_links if a}
    wanted = {(f"{prefix(lang)}techniques/{t.id}/", s.id) for t in CATALOG.techniques.values() for s in t.steps if s.covers}
    assert wanted <= covered


@pytest.mark.parametrize("lang", LANGS)
def test_technique_pages_and_cards_link_each_other(site: Path, lang: str) -> None:
    for tid in CATALOG.techniques:
        tech_page, card_page = f"{prefix(lang)}techniques/{tid}/", f"{prefix(lang)}cards/{tid}/"
        tech_links = {resolve(tech_page, h) for h, c in parse(page_file(site, tech_page).read_text("utf-8")).links
                      if "kb-print-card" in c}
        assert tech_links == {(card_page, "")}
        card_html = page_file(site, card_page).read_text("utf-8")
        card = card_html[card_html.index('<article class="kb-card'):]
        back = {resolve(card_page, h) for h, _ in parse(card[: card.index("</article>")]).links}
        assert back == {(tech_page, "")}
        assert f'lang="{lang}"' in card


def _menu(site: Path, page: str) -> set[str]:
    """The site addresses (language prefix included) that `page`'s menu (Material's primary navigation) links to."""
    html = page_file(site, page).read_text("utf-8")
    start = html.index('<nav class="md-nav md-nav--primary"')
    menu = html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]
    return {resolve(page, href)[0] for href, _ in parse(menu).links}


@pytest.mark.parametrize("lang", LANGS)
def test_print_pages_menu_keeps_the_sections_and_one_link_per_phase(site: Path, lang: str) -> None:
    """A card page's menu (the phone's drawer) still reaches every part of the site, with each phase as one link
    to a technique of it instead of every technique; technique pages keep the whole menu."""
    at = prefix(lang)
    techniques = {f"{at}techniques/{t.id}/": t.phase for t in CATALOG.techniques.values()}
    tid = next(iter(CATALOG.techniques))
    assert set(techniques) <= _menu(site, f"{at}techniques/{tid}/")
    for page in (f"cards/{tid}/", "cards/", "cheatsheet/"):
        menu = _menu(site, at + page)
        linked = [techniques[path] for path in menu if path in techniques]
        assert sorted(linked) == sorted(set(techniques.values())), (page, menu)  # one technique of each phase
        assert {f"{at}cards/", f"{at}cheatsheet/", f"{at}sources/", f"{at}checklists/live-call/"} <= menu, (page, menu)


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_content_not_the_translation_status(site: Path, lang: str) -> None:
    """The status page lists files and states: a search for a technique's words should not land there."""
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("techniques/") for loc in locations)
    assert not [loc for loc in locations if loc.startswith("translations/")], lang
    assert page_file(site, prefix(lang) + "translations/").is_file()
