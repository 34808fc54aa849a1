"""Printable quick-reference cards: one card per technique, for A4 and US Letter offices.

A card is an HTML block sized in millimetres and points, so print layout does not depend on
the screen. Its size follows the paper the reader chose: A6 (105 × 148 mm, a quarter of A4)
or a quarter of US Letter (4.25 × 5.5 in). `card_fit` estimates, before any browser sees the
card, whether its text fits each card size at the smallest allowed type, so the build can
name the card, the language and the size that will not. Given the English labels, a card shown
in English (technique not translated) marks that text `lang="en"` and quotes it the English way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..content.fields import MAX_SUMMARY, MAX_TEXT, MAX_TITLE
from ..content.locales import Labels
from ..content.model import Catalog, Technique
from .markup import absolute, esc, fallback_labels, lang_attr, link, phrase_item, quote_text, quoted, relative, site_path
from .names import names_panel
from .qr import qr_svg

CARD_PADDING_MM = 6.0
MAX_SAY, MAX_AVOID = 3, 2
PT_MM = 25.4 / 72
# Average advance of a character in the card's sans-serif, as a share of the font size,
# measured with Chromium on Liberation Sans / DejaVu Sans for mixed sv/es/en text.
CHAR_EM = 0.53
QR_MM = 22.0  # printed size of a QR code with its quiet zone (kb.css .kb-qr)
QR_GAP_MM = 2.0


@dataclass(frozen=True)
class Paper:
    """An office paper size and the card that is a quarter of it."""

    id: str
    width_mm: float
    height_mm: float
    card_width_mm: float
    card_height_mm: float


PAPERS: tuple[Paper, ...] = (
    Paper("a4", 210.0, 297.0, 105.0, 148.0),
    Paper("letter", 215.9, 279.4, 107.95, 139.7),
)


@dataclass(frozen=True)
class Fit:
    """How a card's estimated text height compares with the room on a card of one paper size."""

    paper: str
    needed_mm: float
    room_mm: float
    dense: bool

    @property
    def fits(self) -> bool:
        """Whether the text fits at the dense (smallest allowed) size."""
        return self.needed_mm <= self.room_mm

    @property
    def overflow_mm(self) -> float:
        """How many millimetres too tall the card is (0 when it fits)."""
        return max(0.0, self.needed_mm - self.room_mm)


@lru_cache(maxsize=65536)  # pure: each card size and layout measures the same texts again
def _block_height(text: str, size_pt: float, width_mm: float, leading: float) -> float:
    chars_per_line = max(1, int(width_mm / (size_pt * PT_MM * CHAR_EM)))
    words, lines, current = text.split(), 1, 0
    for word in words:
        extra = len(word) + (1 if current else 0)
        if current + extra > chars_per_line and current:
            lines, current = lines + 1, len(word)
        else:
            current += extra
        lines += max(0, math.ceil(len(word) / chars_per_line) - 1)
    return lines * size_pt * PT_MM * leading


def printed_address(url: str) -> str:
    """A URL as printed on paper: without its scheme."""
    return url.split("://", 1)[-1]


def card_url(site_url: str, tech: Technique, lang: str) -> str:
    """The absolute URL of the technique page a card points to, in the card's language."""
    return absolute(site_url, site_path(lang, "technique", tech.id))


def _card_blocks(tech: Technique, lang: str, labels: Labels, url: str,
                 english: Labels | None = None) -> list[tuple[str, float, float, str | None]]:
    """(text, font size in pt, indent in mm, unit key) for each block, at the regular size.

    The unit key (as in `content.units`) names the translatable text a block prints; None for labels and the URL.
    """
    text = tech.text(lang)
    quotes = fallback_labels(text.lang, lang, english) or labels
    blocks: list[tuple[str, float, float, str | None]] = [
        (labels(f"phase.{tech.phase}"), 9.0, 0.0, None), (text.title, 13.0, 0.0, "title"),
        (text.summary, 10.0, 0.0, "summary")]
    blocks += [(text.steps[s.id].text, 10.0, 5.0, f"steps.{s.id}.text") for s in tech.steps]
    blocks += [(labels("card.say"), 10.0, 0.0, None)]
    blocks += [(quote_text(quotes, p), 10.0, 4.0, f"say.{i}") for i, p in enumerate(text.say[:MAX_SAY])]
    blocks += [(labels("card.avoid"), 10.0, 0.0, None)]
    blocks += [(quote_text(quotes, p), 10.0, 4.0, f"avoid.{i}") for i, p in enumerate(text.avoid[:MAX_AVOID])]
    blocks += [(printed_address(url), 9.0, 0.0, None)]
    return blocks


@dataclass(frozen=True)
class Room:
    """How many characters one text printed on a card may have on one card size, the rest of the card as it is."""

    paper: str
    chars: int


_DENSE = (0.9, 1.2)  # type scale and line height of the dense layout: the last one before the card is too tall
_REGULAR = (1.0, 1.3)


def _layout(tech: Technique, lang: str, labels: Labels, paper: Paper, site_url: str, english: Labels | None,
            scale: float, leading: float) -> tuple[float, list[tuple[str | None, int, float, int]]]:
    """The estimated text height at one layout, and per block (unit key, characters per line, line height, lines).

    The QR code floats at the top right: text beside it has that much less width.
    """
    width = paper.card_width_mm - 2 * CARD_PADDING_MM
    url = card_url(site_url or "https://x.invalid/", tech, lang)
    height, rows = 0.0, []
    for text, size, indent, key in _card_blocks(tech, lang, labels, url, english):
        beside_qr = height < QR_MM + QR_GAP_MM
        room_width = width - indent - (QR_MM + QR_GAP_MM if beside_qr else 0.0)
        size_pt = max(9.0, size * scale)
        block = _block_height(text, size_pt, room_width, leading)
        line = size_pt * PT_MM * leading
        rows.append((key, max(1, int(room_width / (size_pt * PT_MM * CHAR_EM))), line, round(block / line)))
        height += 1.2 * scale + block
    return height, rows


def card_fit(tech: Technique, lang: str, labels: Labels, paper: Paper, site_url: str = "",
             english: Labels | None = None) -> Fit:
    """Estimate whether the card fits a card of `paper`; `dense` when only the 9 pt layout does."""
    room = paper.card_height_mm - 2 * CARD_PADDING_MM
    regular, _ = _layout(tech, lang, labels, paper, site_url, english, *_REGULAR)
    if regular <= room:
        return Fit(paper.id, regular, room, dense=False)
    return Fit(paper.id, _layout(tech, lang, labels, paper, site_url, english, *_DENSE)[0], room, dense=True)


def card_room(tech: Technique, lang: str, labels: Labels, site_url: str = "",
              english: Labels | None = None) -> dict[str, tuple[Room, ...]]:
    """Per unit key of the texts a card prints: the characters it may have on each card size.

    From the same estimate as `card_fit`, at the dense layout (the last before the card is too tall): the lines
    the text fills now plus the whole lines still free at the bottom of the card, times the characters per line
    of that text, never more than the field allows. A card already too tall leaves less room than its text has now.
    """
    limits = {"title": MAX_TITLE, "summary": MAX_SUMMARY}
    found: dict[str, list[Room]] = {}
    for paper in PAPERS:
        height, rows = _layout(tech, lang, labels, paper, site_url, english, *_DENSE)
        free = paper.card_height_mm - 2 * CARD_PADDING_MM - height
        for key, per_line, line, lines in rows:
            if key is not None:
                spare = math.floor(free / line)
                chars = min(max(0, (lines + spare) * per_line), limits.get(key, MAX_TEXT))
                found.setdefault(key, []).append(Room(paper.id, chars))
    return {key: tuple(rooms) for key, rooms in found.items()}


@dataclass(frozen=True)
class Slack:
    """The room left at the bottom of one card of one size, at the dense layout (negative: too tall)."""

    tech: Technique
    paper: str
    free_mm: float
    step_chars: int  # how many more characters of step text would fit


def tightest_cards(catalog: Catalog, lang: str, labels: Labels, site_url: str = "", english: Labels | None = None,
                   most: int = 5) -> list[Slack]:
    """The `most` cards of `lang` (any size) with the least room left, tightest first."""
    found = []
    for tech in catalog.techniques.values():
        for paper in PAPERS:
            height, rows = _layout(tech, lang, labels, paper, site_url, english, *_DENSE)
            free = paper.card_height_mm - 2 * CARD_PADDING_MM - height
            per_line, line = next((r[1], r[2]) for r in rows if (r[0] or "").startswith("steps."))
            found.append(Slack(tech, paper.id, free, max(0, math.floor(free / line)) * per_line))
    return sorted(found, key=lambda s: (s.free_mm, s.tech.id, s.paper))[:most]


def fit_problems(catalog: Catalog, lang: str, labels: Labels, site_url: str,
                 english: Labels | None = None) -> list[tuple[Technique, Fit]]:
    """Every card of `lang` that would not fit a card of some paper size, with how far."""
    return [(tech, fit) for tech in catalog.techniques.values() for paper in PAPERS
            if not (fit := card_fit(tech, lang, labels, paper, site_url, english)).fits]


def _dense_classes(tech: Technique, lang: str, labels: Labels, site_url: str, english: Labels | None) -> str:
    return "".join(f" kb-card--dense-{p.id}" for p in PAPERS
                   if card_fit(tech, lang, labels, p, site_url, english).dense)


def card_html(tech: Technique, lang: str, labels: Labels, site_url: str, here: str,
              english: Labels | None = None) -> str:
    """One card as a single HTML block: the technique, its phrases, its URL and a QR code of it.

    With `english` (the English labels), a technique shown in English carries `lang="en"` on its
    texts and English quotation marks on its phrases.
    """
    text = tech.text(lang)
    source = fallback_labels(text.lang, lang, english)
    mark, quotes = (lang_attr(text.lang, lang), source) if source else ("", labels)
    target = site_path(lang, "technique", tech.id)
    url = card_url(site_url, tech, lang)
    steps = "".join(f"<li>{esc(text.steps[s.id].text)}</li>" for s in tech.steps)
    say = "".join(f"<li>{quoted(quotes, p)}</li>" for p in text.say[:MAX_SAY])
    avoid = "".join(f"<li>{quoted(quotes, p)}</li>" for p in text.avoid[:MAX_AVOID])
    qr = qr_svg(url, labels("paper.qr_card", title=text.title, url=url))
    return (
        f'<article class="kb-card{_dense_classes(tech, lang, labels, site_url, english)}" lang="{esc(lang)}" '
        f'id="card-{esc(tech.id)}"><div class="kb-card-body">'
        f'<div class="kb-card-qr" data-search-exclude>{qr}</div>'
        f'<p class="kb-card-phase">{esc(labels(f"phase.{tech.phase}"))}</p>'
        f'<h2 class="kb-card-title"{mark}>{esc(text.title)}</h2>'
        f'<p class="kb-card-summary"{mark}>{esc(text.summary)}</p>'
        f'<ol class="kb-card-steps"{mark}>{steps}</ol>'
        f'<p class="kb-card-label">{esc(labels("card.say"))}</p><ul class="kb-card-say"{mark}>{say}</ul>'
        f'<p class="kb-card-label">{esc(labels("card.avoid"))}</p><ul class="kb-card-avoid"{mark}>{avoid}</ul>'
        f'</div><p class="kb-card-link">{link(relative(target, here), printed_address(url))}</p>'
        "</article>"
    )


def paper_control(labels: Labels, stock: bool, follow: bool = False) -> str:
    """The paper-size choice (and on a card page the card-stock choice); the script reveals it.

    `follow`: on a page without a print layout of its own (e.g. the live console), the whole
    page then prints on the chosen paper (kb.css, `kb-page-a4` / `kb-page-letter`).
    """
    def group(name: str, legend: str, options: list[tuple[str, str]]) -> str:
        radios = "".join(
            f'<label><input type="radio" name="kb-{name}" value="{value}" data-kb-choice="{name}"> {esc(text)}</label>'
            for value, text in options)
        marker = " data-kb-follow-paper" if follow and name == "paper" else ""
        return f'<fieldset class="kb-paper-choice kb-screen-only"{marker} hidden><legend>{esc(legend)}</legend>{radios}</fieldset>'

    html = group("paper", labels("paper.legend"), [("a4", labels("paper.a4")), ("letter", labels("paper.letter"))])
    if stock:
        html += group("stock", labels("paper.stock_legend"),
                      [("office", labels("paper.office")), ("card", labels("paper.card_stock"))])
    return html


def for_paper(paper: str, html: str, tag: str = "span") -> str:
    """`html` shown only while `paper` is chosen (both show when the script does not run)."""
    return f'<{tag} data-kb-only="{paper}">{html}</{tag}>'


def actions(labels: Labels, print_key: str, pdfs: dict[str, str], here: str, stock: bool = False) -> str:
    """The print button (revealed by the script), the paper choice and the PDFs for each size."""
    parts = [f'<button type="button" class="md-button md-button--primary" data-kb-print hidden>'
             f'{esc(labels(print_key))}</button>']
    parts += [for_paper(p, link(relative(pdf, here), labels(f"paper.pdf_{p}"), "md-button"))
              for p, pdf in pdfs.items()]
    return f'<p>{" ".join(parts)}</p>{paper_control(labels, stock)}'


def render_card(catalog: Catalog, tid: str, lang: str, labels: Labels, site_url: str, pdfs: dict[str, str],
                english: Labels | None = None) -> str:
    """The page of one card: print button, paper choice, the card itself, PDF links if present.

    With `english`, a technique shown in English is marked so (see `card_html`).
    """
    here = site_path(lang, "card", tid)
    tech = catalog.techniques[tid]
    source = fallback_labels(tech.text(lang).lang, lang, english)
    phrases = "".join(f"<li>{phrase_item(labels, p, copyable=True, source=source)}</li>" for p in tech.text(lang).say)
    help_text = "".join(for_paper(p.id, esc(labels(f"paper.card_help_{p.id}"))) for p in PAPERS)
    marks = "".join(f'<span class="kb-crop kb-crop--{corner} kb-crop--{line}"></span>'
                    for corner in ("tl", "tr", "bl", "br") for line in ("h", "v"))
    return (
        f'<div class="kb-screen-only kb-card-actions">{actions(labels, "card.print", pdfs, here, stock=True)}'
        f'<p>{help_text}</p></div>\n\n'
        f'<div class="kb-preview"><div class="kb-card-sheet">{card_html(tech, lang, labels, site_url, here, english)}'
        f'{marks}</div></div>\n\n'
        f'<div class="kb-screen-only kb-card-phrases"><p class="kb-card-label">{esc(labels("technique.say"))}</p>'
        f'<ul class="kb-phrases kb-phrases-say">{phrases}</ul></div>\n\n'
        f'{names_panel(labels)}\n'
    )
