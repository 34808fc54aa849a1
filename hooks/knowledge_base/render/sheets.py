"""The print-all sheet (four cards to an A4 or Letter page, with cut marks) and the one-page cheat sheet.

Both pages print on the paper the reader chose (see cards.py `PAPERS` and print-*.css).
"""

from __future__ import annotations

from ..content.locales import Labels
from ..content.model import PHASES, Catalog, Technique
from .cards import PAPERS, actions, card_html, for_paper, printed_address
from .markup import KINDS, absolute, esc, fallback_labels, lang_attr, link, quoted, relative, site_path
from .qr import qr_svg

CARDS_PER_SHEET = 4
CUT_MARKS = ("v-top", "v-bottom", "h-left", "h-right", "centre")


def _lang_of(tech: Technique, lang: str, english: Labels | None) -> str:
    """The language to mark on the technique's texts when shown in English on a `lang` page, or ''."""
    return tech.text(lang).lang if fallback_labels(tech.text(lang).lang, lang, english) else ""


def render_sheet(catalog: Catalog, lang: str, labels: Labels, site_url: str, pdfs: dict[str, str],
                 english: Labels | None = None) -> str:
    """Every card of a language, four to a sheet of the chosen paper, with cut marks.

    With `english`, a technique shown in English is marked so (see `cards.card_html`).
    """
    here = site_path(lang, "cards")
    techniques = catalog.ordered_techniques(lang)
    card_links = "".join("<li>" + link(relative(site_path(lang, "card", t.id), here), t.text(lang).title,
                                       lang=_lang_of(t, lang, english)) + "</li>" for t in techniques)
    sheets = []
    for start in range(0, len(techniques), CARDS_PER_SHEET):
        group = techniques[start:start + CARDS_PER_SHEET]
        cards = "".join(card_html(t, lang, labels, site_url, here, english) for t in group)
        marks = "".join(f'<span class="kb-cut kb-cut--{m}"></span>' for m in CUT_MARKS)
        sheets.append(f'<div class="kb-sheet-page">{cards}{marks}</div>')
    help_text = "".join(for_paper(p.id, esc(labels(f"paper.sheet_help_{p.id}"))) for p in PAPERS)
    return (
        f'<div class="kb-screen-only kb-card-actions">{actions(labels, "cards.print", pdfs, here)}'
        f'<p>{help_text}</p>'
        f'<ul class="kb-card-index">{card_links}</ul></div>\n\n'
        f'<div class="kb-preview"><div class="kb-sheet">{"".join(sheets)}</div></div>\n'
    )


CONSOLE_KIND = "console"  # markup.KINDS entry of the live-call console, once the site has one


def cheatsheet_target(catalog: Catalog, lang: str, has_console: bool) -> str | None:
    """Site path the cheat sheet's QR code opens: the live console if the site has one, else the live-call playbook."""
    if has_console and CONSOLE_KIND in KINDS:
        return site_path(lang, CONSOLE_KIND)
    book = catalog.cheatsheet_playbook()
    return site_path(lang, "playbook", book.id) if book else None


def _technique_row(tech: Technique, lang: str, labels: Labels, here: str, with_steps: bool,
                   english: Labels | None) -> str:
    text = tech.text(lang)
    source = fallback_labels(text.lang, lang, english)
    mark, quotes = (lang_attr(text.lang, lang), source) if source else ("", labels)
    steps = " ".join(f'<span class="kb-cheat-step"{mark}><b>{n}</b>\u00a0{esc(text.steps[s.id].text)}</span>'
                     for n, s in enumerate(tech.steps, start=1)) if with_steps else ""
    say = f'<span class="kb-cheat-say"{mark}>{quoted(quotes, text.say[0])}</span>' if text.say else ""
    avoid = f'<span class="kb-cheat-avoid"{mark}>{quoted(quotes, text.avoid[0])}</span>' if text.avoid else ""
    title = link(relative(site_path(lang, "technique", tech.id), here), text.title, lang=_lang_of(tech, lang, english))
    return (f'<li><strong>{title}</strong> '
            f'{steps}<br>{say}<br>{avoid}</li>')


def render_cheatsheet(catalog: Catalog, lang: str, labels: Labels, site_url: str, pdfs: dict[str, str],
                      has_console: bool = False, english: Labels | None = None) -> str:
    """One page: the phases of the live call, each technique in them with its steps,
    one phrase to say and one to avoid, and a QR code of the live console (or playbook).

    With `english`, a technique shown in English carries `lang="en"` and English quotation marks."""
    here = site_path(lang, "cheatsheet")
    book = catalog.cheatsheet_playbook()
    order = list(book.techniques) if book else []
    techniques = sorted(catalog.ordered_techniques(lang),
                        key=lambda t: (PHASES.index(t.phase), order.index(t.id) if t.id in order else len(order)))
    groups = []
    for phase in PHASES:
        rows = "".join(_technique_row(t, lang, labels, here, t.id in order, english) for t in techniques if t.phase == phase)
        if rows:
            groups.append(f'<section class="kb-cheat-phase"><h2>{esc(labels(f"phase.{phase}"))}</h2>'
                          f'<ul class="kb-cheat-list">{rows}</ul></section>')
    target = cheatsheet_target(catalog, lang, has_console)
    head, address = "", ""
    if target:
        url = absolute(site_url, target)
        on_console = has_console and CONSOLE_KIND in KINDS
        title = labels("paper.live_console") if on_console or not book else book.text(lang).title
        qr = qr_svg(url, labels("paper.qr_cheatsheet", title=title, url=url))
        head = f'<div class="kb-cheat-qr" data-search-exclude>{qr}</div>'
        address = f' <span class="kb-cheat-url">{link(relative(target, here), printed_address(url))}</span>'
    legend = (f'<p class="kb-cheat-legend"><span class="kb-cheat-say">{esc(labels("card.say"))}</span> '
              f'<span class="kb-cheat-avoid">{esc(labels("card.avoid"))}</span>{address}</p>')
    return (
        f'<div class="kb-screen-only kb-card-actions">{actions(labels, "cheatsheet.print", pdfs, here)}</div>\n\n'
        f'<div class="kb-cheatsheet" lang="{esc(lang)}">{head}{legend}{"".join(groups)}</div>\n'
    )
