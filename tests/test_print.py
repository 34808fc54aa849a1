"""Printed cards, print-all sheets and cheat sheets, checked in Chromium's print engine.

Every card of every language prints on exactly one A6 page with nothing cut off; the print-all
sheet gives one A4 page per four cards; the cheat sheet one A4 page. The same holds for a
pseudo-locale 40 % longer than English.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from knowledge_base.loader import load_catalog
from printing import print_page, serve
from pseudo import pseudo_localise

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)

def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def check_cards(page, base: str, lang: str) -> None:
    for tid in CATALOG.techniques:
        card = print_page(page, f"{base}{prefix(lang)}cards/{tid}/", ".kb-card")
        assert card.sizes == [(105, 148)], f"card {tid} ({lang}) printed as {card.sizes}"
        assert not card.clipped, f"card {tid} ({lang}) clips: {card.clipped}"
        assert card.smallest_px >= 12, f"card {tid} ({lang}) uses text below 9 pt ({card.smallest_px} px)"


def check_sheets(page, base: str, lang: str) -> None:
    sheet = print_page(page, f"{base}{prefix(lang)}cards/", ".kb-sheet-page")
    assert sheet.sizes == [(210, 297)] * math.ceil(len(CATALOG.techniques) / 4), f"print-all ({lang}): {sheet.sizes}"
    assert not sheet.clipped, sheet.clipped
    assert sheet.smallest_px >= 12, f"print-all sheet ({lang}) uses text below 9 pt"
    cheat = print_page(page, f"{base}{prefix(lang)}cheatsheet/", ".kb-cheatsheet")
    assert cheat.sizes == [(210, 297)], f"cheat sheet ({lang}) printed on {len(cheat.sizes)} pages"
    assert cheat.smallest_px >= 10.6, f"cheat sheet ({lang}) uses text below 8 pt"


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_prints_on_one_a6_page_without_clipping(page, site_url: str, lang: str) -> None:
    check_cards(page, site_url, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_print_all_sheet_and_cheat_sheet_page_counts(page, site_url: str, lang: str) -> None:
    check_sheets(page, site_url, lang)


@pytest.fixture(scope="module")
def pseudo_site_url(tmp_path_factory: pytest.TempPathFactory):
    """The project with English rewritten in the pseudo-locale, built and served."""
    project = copy_project(tmp_path_factory.mktemp("pseudo"))
    pseudo_localise(project)
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    with serve(project / "site") as url:
        yield url


def test_layout_holds_for_a_pseudo_locale_40_percent_longer(page, pseudo_site_url: str) -> None:
    page.goto(pseudo_site_url + "cards/let-them-vent/")
    assert "ŵéļļðñé" in page.inner_text(".kb-card"), "the pseudo-locale was not applied"
    check_cards(page, pseudo_site_url, "en")
    check_sheets(page, pseudo_site_url, "en")
