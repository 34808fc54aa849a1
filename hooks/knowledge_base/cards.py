"""Printable quick-reference cards: one A6 card per technique, a print-all sheet, a cheat sheet.

Cards are HTML blocks sized in millimetres and points, so print layout does not depend on
the screen. `card_fit` estimates, before any browser sees the card, whether its text fits an
A6 card at the smallest allowed size, so the build can name the card that will not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .locales import Labels
from .markup import esc, link, phrase_item, quote_text, quoted, relative, site_path
from .model import PHASES, Catalog, Technique

CARD_WIDTH_MM, CARD_HEIGHT_MM, CARD_PADDING_MM = 105.0, 148.0, 6.0
CARDS_PER_SHEET = 4
MAX_SAY, MAX_AVOID = 3, 2
PT_MM = 25.4 / 72
# Average advance of a character in the card's sans-serif, as a share of the font size,
# measured with Chromium on Liberation Sans / DejaVu Sans for mixed sv/es/en text.
CHAR_EM = 0.53


@dataclass(frozen=True)
class Fit:
    """How a card's estimated text height compares with the room on an A6 card."""

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


def _card_blocks(tech: Technique, lang: str, labels: Labels) -> list[tuple[str, float, float]]:
    """(text, font size in pt, indent in mm) for each block, at the regular size."""
    text = tech.text(lang)
    blocks = [(text.title, 13.0, 0.0), (text.summary, 10.0, 0.0)]
    blocks += [(text.steps[s.id].text, 10.0, 5.0) for s in tech.steps]
    blocks += [(labels("card.say"), 10.0, 0.0)]
    blocks += [(quote_text(labels, p), 10.0, 4.0) for p in text.say[:MAX_SAY]]
    blocks += [(labels("card.avoid"), 10.0, 0.0)]
    blocks += [(quote_text(labels, p), 10.0, 4.0) for p in text.avoid[:MAX_AVOID]]
    blocks += [("www.example.invalid/" + site_path(lang, "technique", tech.id), 9.0, 0.0)]
    return blocks


def card_fit(tech: Technique, lang: str, labels: Labels) -> Fit:
    """Estimate whether the card fits; `dense` when only the 9 pt layout does."""
    room = CARD_HEIGHT_MM - 2 * CARD_PADDING_MM
    width = CARD_WIDTH_MM - 2 * CARD_PADDING_MM
    blocks = _card_blocks(tech, lang, labels)
    gaps = 1.2 * len(blocks)

    def needed(scale: float, leading: float) -> float:
        return gaps * scale + sum(_block_height(t, max(9.0, s * scale), width - indent, leading)
                                  for t, s, indent in blocks)

    regular = needed(1.0, 1.3)
    if regular <= room:
        return Fit(regular, room, dense=False)
    return Fit(needed(0.9, 1.2), room, dense=True)


def _actions(labels: Labels, print_key: str, pdf: str | None, here: str) -> str:
    """The screen-only print button (revealed by the script) and, when present, the PDF link."""
    actions = [f'<button type="button" class="md-button md-button--primary" data-kb-print hidden>'
               f'{esc(labels(print_key))}</button>']
    if pdf:
        actions.append(link(relative(pdf, here), labels("card.pdf"), "md-button"))
    return " ".join(actions)


def render_card(catalog: Catalog, tid: str, lang: str, labels: Labels, site_url: str, pdf: str | None) -> str:
    """The page of one card: a print button, the card itself, and a link to its PDF if present."""
    here = site_path(lang, "card", tid)
    tech = catalog.techniques[tid]
    fit = card_fit(tech, lang, labels)
    phrases = "".join(f"<li>{phrase_item(labels, p, copyable=True)}</li>" for p in tech.text(lang).say)
    return (
        f'<div class="kb-screen-only kb-card-actions">{_actions(labels, "card.print", pdf, here)}'
        f'<p>{esc(labels("card.help"))}</p></div>\n\n'
        + card_html(tech, lang, labels, site_url, here, dense=fit.dense)
        + f'\n\n<div class="kb-screen-only kb-card-phrases"><p class="kb-card-label">{esc(labels("technique.say"))}</p>'
        f'<ul class="kb-phrases kb-phrases-say">{phrases}</ul></div>\n'
    )


def card_html(tech: Technique, lang: str, labels: Labels, site_url: str, here: str,
              dense: bool) -> str:
    """One A6 card as a single HTML block."""
    text = tech.text(lang)
    target = site_path(lang, "technique", tech.id)
    printed = site_url.split("://", 1)[-1].rstrip("/") + "/" + target
    steps = "".join(f"<li>{esc(text.steps[s.id].text)}</li>" for s in tech.steps)
    say = "".join(f"<li>{quoted(labels, p)}</li>" for p in text.say[:MAX_SAY])
    avoid = "".join(f"<li>{quoted(labels, p)}</li>" for p in text.avoid[:MAX_AVOID])
    classes = "kb-card kb-card--dense" if dense else "kb-card"
    return (
        f'<article class="{classes}" lang="{esc(lang)}" id="card-{esc(tech.id)}">'
        f'<p class="kb-card-phase">{esc(labels(f"phase.{tech.phase}"))}</p>'
        f'<h2 class="kb-card-title">{esc(text.title)}</h2>'
        f'<p class="kb-card-summary">{esc(text.summary)}</p>'
        f'<ol class="kb-card-steps">{steps}</ol>'
        f'<p class="kb-card-label">{esc(labels("card.say"))}</p><ul class="kb-card-say">{say}</ul>'
        f'<p class="kb-card-label">{esc(labels("card.avoid"))}</p><ul class="kb-card-avoid">{avoid}</ul>'
        f'<p class="kb-card-link">{link(relative(target, here), printed)}</p>'
        "</article>"
    )


def render_sheet(catalog: Catalog, lang: str, labels: Labels, site_url: str, pdf: str | None) -> str:
    """Every card of a language, four to an A4 sheet with cut marks."""
    here = site_path(lang, "cards")
    techniques = catalog.ordered_techniques(lang)
    card_links = "".join(f"<li>{link(relative(site_path(lang, 'card', t.id), here), t.text(lang).title)}</li>"
                         for t in techniques)
    sheets = []
    for start in range(0, len(techniques), CARDS_PER_SHEET):
        group = techniques[start:start + CARDS_PER_SHEET]
        cards = "".join(card_html(t, lang, labels, site_url, here, card_fit(t, lang, labels).dense)
                        for t in group)
        marks = "".join(f'<span class="kb-cut kb-cut--{m}"></span>' for m in ("v-top", "v-bottom", "h-left", "h-right", "centre"))
        sheets.append(f'<div class="kb-sheet-page">{cards}{marks}</div>')
    return (
        f'<div class="kb-screen-only kb-card-actions">{_actions(labels, "cards.print", pdf, here)}'
        f'<p>{esc(labels("cards.help"))}</p>'
        f'<ul class="kb-card-index">{card_links}</ul></div>\n\n'
        f'<div class="kb-sheet">{"".join(sheets)}</div>\n'
    )


def render_cheatsheet(catalog: Catalog, lang: str, labels: Labels, pdf: str | None) -> str:
    """One A4 page: every technique in a line or two, then the steps of the cheat-sheet playbook."""
    here = site_path(lang, "cheatsheet")
    techniques = catalog.ordered_techniques(lang)
    groups = []
    for phase in PHASES:
        rows = "".join(
            f"<li><strong>{link(relative(site_path(lang, 'technique', t.id), here), t.text(lang).title)}</strong>"
            f" – {esc(t.text(lang).summary)}</li>"
            for t in techniques if t.phase == phase
        )
        if rows:
            groups.append(f'<h3>{esc(labels(f"phase.{phase}"))}</h3><ul>{rows}</ul>')
    book = catalog.cheatsheet_playbook()
    steps = []
    for tid in book.techniques if book else ():
        tech = catalog.techniques[tid]
        items = " ".join(f'<span class="kb-cheat-step"><b>{n}</b> {esc(tech.text(lang).steps[s.id].text)}</span>'
                         for n, s in enumerate(tech.steps, start=1))
        steps.append(f"<li><strong>{esc(tech.text(lang).title)}:</strong> {items}</li>")
    return (
        f'<div class="kb-screen-only kb-card-actions">{_actions(labels, "cheatsheet.print", pdf, here)}</div>\n\n'
        f'<div class="kb-cheatsheet" lang="{esc(lang)}">'
        f'<section class="kb-cheat-techniques"><h2>{esc(labels("cheatsheet.techniques"))}</h2>{"".join(groups)}</section>'
        + (f'<section class="kb-cheat-playbook"><h2>{esc(book.text(lang).title)}</h2><ol>{"".join(steps)}</ol></section>'
           if book else "")
        + "</div>\n"
    )
