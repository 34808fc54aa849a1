"""Printed cards, print-all sheets and cheat sheets, checked in Chromium's print engine on A4 and
US Letter, in every language and in a pseudo-locale 40 % longer than English.

For each paper: the print-all sheet gives one page of that paper per four cards, with no card
cut off, cards of the card size and cut marks on the card edges; a card page prints one card at
its exact size on office paper with crop marks, or alone on card stock; the cheat sheet is one
page with no text below 8 pt. QR codes, rendered from the PDF, decode to the right URLs.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conftest import TEST_SITE_URL, copy_project, mkdocs_build
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import Labels, load_labels
from knowledge_base.content.model import Catalog
from knowledge_base.render.markup import phrase_text
from printing import decode_qr, print_page, serve
from pseudo import pseudo_localise
from sitecheck import prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS = load_labels(ROOT / "locales", LANGS, ROOT)[0]
# (paper width, paper height, card width, card height) in mm, as the issue defines them:
# four A6 cards to an A4 sheet, four quarter-Letter cards (4.25 x 5.5 in) to a Letter sheet.
PAPER = {"a4": (210.0, 297.0, 105.0, 148.0), "letter": (215.9, 279.4, 4.25 * 25.4, 5.5 * 25.4)}
PX_MM = 25.4 / 96

# Boxes in mm relative to the printed sheet: cards, and the centre lines of the cut or crop marks.
MARKS = """([sheetSel, cardSel]) => [...document.querySelectorAll(sheetSel)].map(sheet => {
  const o = sheet.getBoundingClientRect(), mm = 25.4 / 96;
  const box = el => { const r = el.getBoundingClientRect();
    return {x: (r.left - o.left) * mm, y: (r.top - o.top) * mm, w: r.width * mm, h: r.height * mm, cls: el.className}; };
  return {sheet: box(sheet), cards: [...sheet.querySelectorAll(cardSel)].map(box),
          marks: [...sheet.querySelectorAll('.kb-cut, .kb-crop')].filter(m => m.offsetParent).map(box)};
})"""


def longest_card(catalog: Catalog, lang: str) -> str:
    """The technique whose card holds the most text: the first to overflow."""
    def size(tid: str) -> int:
        text = catalog.techniques[tid].text(lang)
        return sum(map(len, [text.title, text.summary, *(s.text for s in text.steps.values()), *text.say[:3],
                             *text.avoid[:2]]))
    return max(catalog.techniques, key=size)


def near(value: float, expected: float, what: str) -> None:
    assert abs(value - expected) <= 0.5, f"{what}: {value:.2f} mm, expected {expected:.2f} ± 0.5 mm"


def check_sheet(page, base: str, catalog: Catalog, lang: str, paper: str) -> None:
    paper_w, paper_h, card_w, card_h = PAPER[paper]
    where = f"print-all sheet ({lang}, {paper})"
    sheet = print_page(page, f"{base}{prefix(lang)}cards/", ".kb-sheet-page", paper)
    assert len(sheet.sizes) == math.ceil(len(catalog.techniques) / 4), f"{where}: {len(sheet.sizes)} pages"
    for width, height in sheet.sizes:
        near(width, paper_w, f"{where} page width")
        near(height, paper_h, f"{where} page height")
    assert not sheet.clipped, f"{where}: cut off: {sheet.clipped}"
    assert sheet.smallest_px >= 12, f"{where}: text below 9 pt ({sheet.smallest_px} px)"
    page.emulate_media(media="print")
    layouts = page.evaluate(MARKS, [".kb-sheet-page", ".kb-card"])
    page.emulate_media(media="screen")
    for layout in layouts:
        for card in layout["cards"]:
            near(card["w"], card_w, f"{where} card width")
            near(card["h"], card_h, f"{where} card height")
        # the sheet is cut along its middle, where the cards meet: the marks stand on the cards' edges
        vertical = [m["x"] + m["w"] / 2 for m in layout["marks"] if m["h"] > m["w"]]
        horizontal = [m["y"] + m["h"] / 2 for m in layout["marks"] if m["w"] > m["h"]]
        assert len(vertical) >= 2 and len(horizontal) >= 2, f"{where}: cut marks missing: {layout['marks']}"
        for x in vertical:
            near(x, paper_w / 2, f"{where} vertical cut mark")
            for card in layout["cards"]:
                left = card["x"] + card["w"] / 2 < x
                near(card["x"] + card["w"] if left else card["x"], x, f"{where} card edge at the vertical cut")
        for y in horizontal:
            near(y, paper_h / 2, f"{where} horizontal cut mark")
            for card in layout["cards"]:
                above = card["y"] + card["h"] / 2 < y
                near(card["y"] + card["h"] if above else card["y"], y, f"{where} card edge at the horizontal cut")
    first_four = [t.id for t in catalog.ordered_techniques(lang)][:4]
    codes = decode_qr(sheet.pdf, 1)
    assert sorted(codes) == sorted(f"{TEST_SITE_URL}{prefix(lang)}techniques/{tid}/" for tid in first_four), \
        f"{where}: QR codes on the first sheet read {codes}"


def check_card(page, base: str, lang: str, tid: str, paper: str) -> None:
    paper_w, paper_h, card_w, card_h = PAPER[paper]
    where = f"card {tid} ({lang}, {paper})"
    url = f"{base}{prefix(lang)}cards/{tid}/"
    office = print_page(page, url, ".kb-card", paper, "office")
    assert len(office.sizes) == 1, f"{where} on office paper: {len(office.sizes)} pages"
    near(office.sizes[0][0], paper_w, f"{where} office paper width")
    near(office.sizes[0][1], paper_h, f"{where} office paper height")
    assert not office.clipped, f"{where}: cut off: {office.clipped}"
    page.emulate_media(media="print")
    [layout] = page.evaluate(MARKS, [".kb-card-sheet", ".kb-card"])
    page.emulate_media(media="screen")
    [card] = layout["cards"]
    near(card["w"], card_w, f"{where} card width")
    near(card["h"], card_h, f"{where} card height")
    crop = {"tl-v": card["x"], "bl-v": card["x"], "tr-v": card["x"] + card_w, "br-v": card["x"] + card_w}
    crop_y = {"tl-h": card["y"], "tr-h": card["y"], "bl-h": card["y"] + card_h, "br-h": card["y"] + card_h}
    def corner(mark: dict) -> str:
        names = [c.removeprefix("kb-crop--") for c in mark["cls"].split()]
        return next(n for n in names if n in ("tl", "tr", "bl", "br")) + ("-v" if mark["h"] > mark["w"] else "-h")

    found = {corner(m): m for m in layout["marks"]}
    assert set(found) == set(crop) | set(crop_y), f"{where}: crop marks {sorted(found)}"
    for name, x in crop.items():
        near(found[name]["x"] + found[name]["w"] / 2, x, f"{where} crop mark {name}")
        assert found[name]["y"] + found[name]["h"] <= card["y"] or found[name]["y"] >= card["y"] + card_h, \
            f"{where}: crop mark {name} runs into the card"
    for name, y in crop_y.items():
        near(found[name]["y"] + found[name]["h"] / 2, y, f"{where} crop mark {name}")
    assert decode_qr(office.pdf) == [f"{TEST_SITE_URL}{prefix(lang)}techniques/{tid}/"], f"{where}: QR code"
    stock = print_page(page, url, ".kb-card", paper, "card")
    assert len(stock.sizes) == 1 and not stock.clipped, f"{where} on card stock: {stock.sizes} {stock.clipped}"
    near(stock.sizes[0][0], card_w, f"{where} card stock width")
    near(stock.sizes[0][1], card_h, f"{where} card stock height")


def check_cheatsheet(page, base: str, catalog: Catalog, labels: Labels, paper: str) -> None:
    lang = labels.lang
    paper_w, paper_h, _, _ = PAPER[paper]
    where = f"cheat sheet ({lang}, {paper})"
    cheat = print_page(page, f"{base}{prefix(lang)}cheatsheet/", ".kb-cheatsheet", paper)
    assert len(cheat.sizes) == 1, f"{where} printed on {len(cheat.sizes)} pages"
    near(cheat.sizes[0][0], paper_w, f"{where} width")
    near(cheat.sizes[0][1], paper_h, f"{where} height")
    assert not cheat.clipped, f"{where}: cut off: {cheat.clipped}"
    assert cheat.smallest_px >= 10.6, f"{where} uses text below 8 pt ({cheat.smallest_px} px)"
    text = page.inner_text(".kb-cheatsheet")
    for tech in catalog.techniques.values():
        phrases = tech.text(lang)
        # (a closing full stop may stand after the quotation mark: Spanish «…».; slots show their blanks)
        say, avoid = (phrase_text(labels, p).rstrip(".") for p in (phrases.say[0], phrases.avoid[0]))
        assert say in text and avoid in text, \
            f"{where}: phrases of {tech.id} missing"
    book = catalog.cheatsheet_playbook()
    assert book is not None
    # the live-call console once the site has one, the live-call playbook until then
    has_console = page.request.get(f"{base}{prefix(lang)}live/").ok
    target = "live/" if has_console else f"checklists/{book.id}/"
    assert decode_qr(cheat.pdf) == [f"{TEST_SITE_URL}{prefix(lang)}{target}"], f"{where}: QR code"


def check_language(page, base: str, catalog: Catalog, labels: Labels) -> None:
    lang = labels.lang
    for paper in PAPER:
        check_sheet(page, base, catalog, lang, paper)
        check_card(page, base, lang, longest_card(catalog, lang), paper)
        check_cheatsheet(page, base, catalog, labels, paper)


@pytest.mark.parametrize("lang", LANGS)
def test_cards_sheets_and_cheat_sheet_print_on_a4_and_letter(page, site_url: str, lang: str) -> None:
    check_language(page, site_url, CATALOG, LABELS[lang])


@pytest.fixture(scope="module")
def pseudo_site_url(tmp_path_factory: pytest.TempPathFactory):
    """The project with English rewritten in the pseudo-locale, built and served."""
    project = copy_project(tmp_path_factory.mktemp("pseudo"))
    pseudo_localise(project)
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    with serve(project / "site") as url:
        yield url, load_catalog(project / "docs", LANGS, project), load_labels(project / "locales", LANGS, project)[0]


def test_print_layout_holds_for_a_pseudo_locale_40_percent_longer(page, pseudo_site_url) -> None:
    url, catalog, labels = pseudo_site_url
    page.goto(url + "cards/let-them-vent/")
    assert "ŵéļļðñé" in page.inner_text(".kb-card"), "the pseudo-locale was not applied"
    check_language(page, url, catalog, labels["en"])
