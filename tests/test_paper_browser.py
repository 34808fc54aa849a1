"""The paper choice on print pages, the phone preview of cards and sheets, and the QR codes' markup.

A team lead picks A4 or US Letter (and, on a card page, office paper or card stock) with labels
from the locale files; the choice is remembered. On a 390 px phone, card pages and the
print-all page show a scaled preview instead of scrolling sideways.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import TEST_SITE_URL
from knowledge_base.content.locales import load_labels
from knowledge_base.render.cards import paper_control
from sitecheck import page_file, prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_paper_choice_is_labelled_remembered_and_switches_the_print_size(page, site_url: str, lang: str) -> None:
    labels = LABELS[lang]
    page.goto(f"{site_url}{prefix(lang)}cards/let-them-vent/")
    letter = page.get_by_role("radio", name=labels("paper.letter"))
    card_stock = page.get_by_role("radio", name=labels("paper.card_stock"))
    assert page.get_by_role("group", name=labels("paper.legend")).is_visible()
    assert page.get_by_role("radio", name=labels("paper.office")).is_checked(), "office paper is the default"
    letter.check()
    card_stock.check()
    assert page.get_by_text(labels("paper.card_help_letter")).is_visible()
    assert not page.get_by_text(labels("paper.card_help_a4")).is_visible()
    for path in ("cards/", "cheatsheet/", "cards/broken-record/"):  # remembered on every print page
        page.goto(f"{site_url}{prefix(lang)}{path}")
        assert page.get_by_role("radio", name=labels("paper.letter")).is_checked(), path
        assert page.evaluate("document.documentElement.dataset.kbPaper") == "letter"
    assert page.get_by_role("radio", name=labels("paper.card_stock")).is_checked()
    page.get_by_role("radio", name=labels("paper.a4")).check()
    page.reload()
    assert page.get_by_role("radio", name=labels("paper.a4")).is_checked()


@pytest.mark.parametrize(("region", "paper"), [("es-MX", "letter"), ("en-US", "letter"), ("es-ES", "a4"), ("sv-SE", "a4")])
def test_without_a_choice_the_browser_region_picks_the_paper(browser, site_url: str, region: str, paper: str) -> None:
    context = browser.new_context(locale=region)
    tab = context.new_page()
    tab.goto(site_url + "es/cards/")
    assert tab.evaluate("document.documentElement.dataset.kbPaper") == paper
    context.close()


def test_card_pages_and_the_print_all_page_fit_a_phone_without_sideways_scrolling(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
    tab = context.new_page()
    for path in ("sv/cards/understand-the-real-problem/", "es/cards/", "cards/set-the-pace/"):
        tab.goto(site_url + path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways: {width} px wide"
        for selector in (".kb-card", ".kb-sheet-page"):
            for box in tab.locator(selector).all()[:2]:
                rect = box.bounding_box()
                assert rect is not None and rect["x"] >= 0 and rect["x"] + rect["width"] <= 390, \
                    f"{path}: {selector} cut off at the right ({rect})"
    context.close()


def test_qr_codes_are_named_for_screen_readers_and_kept_out_of_search(site: Path) -> None:
    card = page_file(site, "es/cards/let-them-vent/").read_text("utf-8")
    url = f"{TEST_SITE_URL}es/techniques/let-them-vent/"
    start = card.index('<svg class="kb-qr"')
    svg = card[start:card.index("</svg>", start)]
    name = LABELS["es"]("paper.qr_card", title="Dejar que el cliente se desahogue", url=url)
    assert 'role="img"' in svg and f'aria-label="{name}"' in svg and f"<title>{name}</title>" in svg
    assert 'data-search-exclude' in card[card.rindex("<div", 0, card.index('<svg class="kb-qr"')):card.index('<svg class="kb-qr"')]
    for lang in LANGS:
        index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
        text = json.dumps(index, ensure_ascii=False)
        assert LABELS[lang]("paper.qr_card", title="", url="").split(":")[0].strip() not in text


def test_a_page_with_its_own_paper_choice_prints_on_the_chosen_paper(page, site_url: str) -> None:
    """What the live console's print relies on: `paper_control(follow=True)` makes the page follow the choice."""
    page.goto(f"{site_url}sv/checklists/live-call/")
    page.evaluate("html => document.querySelector('.md-content__inner').insertAdjacentHTML('afterbegin', html)",
                  paper_control(LABELS["sv"], stock=False, follow=True))
    sizes = {}
    for paper in ("a4", "letter"):
        page.evaluate("paper => { document.documentElement.dataset.kbPaper = paper; }", paper)
        box = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages[0].mediabox
        sizes[paper] = (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72))
    assert sizes == {"a4": (210, 297), "letter": (216, 279)}, sizes


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_live_console_prints_its_table_on_the_chosen_paper(page, site_url: str, lang: str) -> None:
    labels = LABELS[lang]
    page.goto(f"{site_url}{prefix(lang)}live/")
    sizes = {}
    for paper in ("letter", "a4"):
        page.get_by_role("radio", name=labels(f"paper.{paper}")).check()
        reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
        box = reader.pages[0].mediabox
        sizes[paper] = (len(reader.pages), round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72))
    assert sizes == {"a4": (1, 210, 297), "letter": (1, 216, 279)}, sizes
