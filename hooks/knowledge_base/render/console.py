"""Render the live-call console (`/live/`): situations, the move for each, the call in pause points.

Without JavaScript the page reads top to bottom: each situation links to the technique step
that answers it, and every pause point is a plain checklist. `kb-console.js` turns it into a
one-screen tool (one situation's move at a time, one pause point at a time, keyboard keys).
Printed, it is a one-page table: situation, move, what to say. Every label comes from the locale.
Given the English labels, a technique shown in English (not translated) carries `lang="en"` and
English quotation marks, and a note in the reader's language says it is not translated yet.
"""

from __future__ import annotations

from ..content.locales import Labels
from .cards import paper_control
from .checklists import ChecklistStep, step_list, timer, toolbar
from .names import KEYS as NAME_KEYS, names_panel
from .markup import (esc, fallback_labels, lang_attr, md_text, phrase_item, quoted, relative, site_path,
                     untranslated_note)
from ..content.model import DEFAULT_LANGUAGE, PHASES, Catalog, LiveContent, Situation

MAX_MOVE_STEPS = 7
KEYS = {"next": "n", "tick": "x", "timer": "t", "copy": "c", "back": "b", "help": "?"}


def situation_key(index: int) -> str:
    """The number key that picks the situation at `index` (0-based): 1 to 9, then 0."""
    return str((index + 1) % 10)


def first_phrase(catalog: Catalog, situation: Situation, lang: str) -> str:
    """What to say first: the situation's step's own phrase, else the technique's first phrase to say."""
    text = catalog.techniques[situation.technique].text(lang)
    return text.steps[situation.step].say or text.say[0]


def render_console(catalog: Catalog, lang: str, labels: Labels, body: str, english: Labels | None = None) -> str:
    """The whole markdown of the console page in `lang`.

    With `english` (the English labels), text shown in English because it is not translated
    carries `lang="en"` and English quotation marks, and each such technique is noted.
    """
    live = catalog.live
    assert live is not None  # the glue renders this page only when docs/live.en.md exists
    title = live.titles.get(lang) or live.titles[DEFAULT_LANGUAGE]
    here = site_path(lang, "console")
    untranslated = english is not None and lang not in live.titles  # no docs/live.<lang>.md
    tool = "".join([
        '<div class="kb-console" data-kb-console>',
        _bar(labels, _first_progress(live, labels)),
        _situations(catalog, live, lang, labels, here, english),
        "".join(_move(catalog, s, lang, labels, here, english) for s in live.situations),
        names_panel(labels),  # after the situations and an open move, which come first; y, k or a tap on a blank reach it
        _help(labels, len(live.situations)),
        "</div>",
    ])
    call = "".join([
        '<div class="kb-console-call">',
        _phases(catalog, live, lang, labels, here, english),
        _paper(labels),
        _print_table(catalog, live, lang, labels, english),
        "</div>",
    ])
    intro = body.strip()
    if untranslated:
        intro = f'<div lang="{DEFAULT_LANGUAGE}" markdown="1">\n\n{intro}\n\n</div>'
    heading = f"# {md_text(title)}" + (f" {{lang={DEFAULT_LANGUAGE}}}" if untranslated else "")
    # The situations come first; the introduction (the page's own prose) waits below them. One
    # wrapper around all three keeps the sticky progress bar in view down to the last pause point.
    return (f'{heading}\n\n<div class="kb-console-page">\n\n{tool}\n\n{intro}\n\n{call}\n\n'
            "</div>\n")


def _situation_text(s: Situation, lang: str, english: Labels | None) -> str:
    """The situation's wording, escaped; marked as English when `lang` has none."""
    shown = lang if lang in s.texts else DEFAULT_LANGUAGE
    mark = lang_attr(shown, lang) if english is not None else ""
    return f"<span{mark}>{esc(s.text(lang))}</span>" if mark else esc(s.text(lang))


def _hint(key: str) -> str:
    """A key's visual hint inside a control; the control names its key with aria-keyshortcuts instead."""
    return f'<kbd aria-hidden="true">{esc(key)}</kbd>'


def _first_progress(live: LiveContent, labels: Labels) -> str:
    """The bar's progress text before the script counts ticks: the first pause point, none ticked
    (it takes the room the counted text will take)."""
    heading = labels("console.phase_of", number=1, total=len(PHASES), phase=labels(f"phase.{PHASES[0]}"))
    return heading + " · " + labels("console.phase_progress", done=0, total=len(live.phases[PHASES[0]]))


def _bar(labels: Labels, progress: str) -> str:
    """The sticky bar: the pause point's progress, next unticked step, overall progress, help."""
    return (
        '<div class="kb-console-bar" hidden>'
        f'<span class="kb-phase-progress" data-kb-template="{esc(labels("console.phase_progress"))}" '
        f'data-kb-all-done="{esc(labels("console.all_done"))}" aria-live="polite">{esc(progress)}</span>'
        f'<button type="button" class="md-button md-button--primary kb-next-step" aria-keyshortcuts="{KEYS["next"]}">'
        f'{esc(labels("console.next_step"))} {_hint(KEYS["next"])}</button>'
        + toolbar(labels) +
        f'<button type="button" class="md-button kb-help-open" aria-haspopup="dialog" aria-keyshortcuts="?">'
        f'{esc(labels("console.help"))} {_hint("?")}</button>'
        "</div>"
    )


def _step_href(tid: str, step: str, lang: str, here: str) -> str:
    return relative(site_path(lang, "technique", tid) + f"#{step}", here)


def _situations(catalog: Catalog, live: LiveContent, lang: str, labels: Labels, here: str,
                english: Labels | None) -> str:
    items = []
    for i, s in enumerate(live.situations):
        key = situation_key(i)
        items.append(
            f'<li><a class="kb-situation" href="{esc(_step_href(s.technique, s.step, lang, here))}" '
            f'data-kb-situation="{esc(s.id)}" data-kb-key="{key}" aria-keyshortcuts="{key}">'
            f'<kbd title="{esc(labels("console.key_badge", number=key))}" aria-hidden="true">{key}</kbd> '
            f'<span class="kb-situation-text">{_situation_text(s, lang, english)}</span></a></li>'
        )
    return ('<section class="kb-situations-panel" aria-labelledby="kb-situations-title">'
            f'<h2 id="kb-situations-title">{esc(labels("console.situations"))}</h2>'
            f'<ol class="kb-situations">{"".join(items)}</ol></section>')


def _move(catalog: Catalog, s: Situation, lang: str, labels: Labels, here: str, english: Labels | None) -> str:
    """One situation's move: title, first phrase (copyable), timer if timed, steps, what to avoid."""
    tech = catalog.techniques[s.technique]
    text = tech.text(lang)
    source = fallback_labels(text.lang, lang, english)
    mark = lang_attr(text.lang, lang) if source else ""
    shown = list(tech.steps[:MAX_MOVE_STEPS])
    if not any(step.id == s.step for step in shown):  # the situation's own step is always listed
        shown[-1] = next(step for step in tech.steps if step.id == s.step)
    this = ' class="kb-move-this"'
    steps = "".join(f"<li{this if step.id == s.step else ''}{mark}>{esc(text.steps[step.id].text)}</li>"
                    for step in shown)
    own = next(step for step in tech.steps if step.id == s.step)
    clock = timer(labels, own.window.start, own.window.end, own.window.marks) if own.window else ""
    avoid = "".join(f"<li>{phrase_item(labels, p, copyable=False, source=source)}</li>" for p in text.avoid)
    heading = f"kb-move-title-{s.id}"
    return (
        f'<section class="kb-move" id="situation-{esc(s.id)}" data-kb-move="{esc(s.id)}" '
        f'aria-labelledby="{heading}" tabindex="-1" hidden>'
        f'<p class="kb-move-situation">{_situation_text(s, lang, english)}</p>'
        f'<h2 id="{heading}"><span class="kb-move-label">{esc(labels("console.move"))}:</span> '
        f'<span{mark}>{esc(text.title)}</span></h2>'
        f'{untranslated_note(labels) if source else ""}'
        f'<p class="kb-move-say"><span class="kb-say-label">{esc(labels("console.say"))}</span> '
        f'{phrase_item(labels, first_phrase(catalog, s, lang), copyable=True, source=source)}</p>'
        f"{clock}"
        '<div class="kb-move-columns">'
        f'<div><h3>{esc(labels("console.steps"))}</h3><ol class="kb-move-steps">{steps}</ol></div>'
        f'<div><h3>{esc(labels("console.avoid"))}</h3><ul class="kb-phrases kb-phrases-avoid">{avoid}</ul></div>'
        "</div>"
        '<p class="kb-move-links">'
        f'<button type="button" class="md-button kb-back" aria-keyshortcuts="{KEYS["back"]}">'
        f'{esc(labels("console.back"))} {_hint(KEYS["back"])}</button> '
        f'<a class="kb-move-open" href="{esc(_step_href(s.technique, s.step, lang, here))}">'
        f'{esc(labels("console.open_technique"))}</a></p>'
        "</section>"
    )


def _phases(catalog: Catalog, live: LiveContent, lang: str, labels: Labels, here: str,
            english: Labels | None) -> str:
    """Every pause point as a checklist of `technique/step` keys shared with the playbook pages.

    Above a pause point's steps, one note names each technique of it that is shown in English.
    """
    sections = []
    for number, phase in enumerate(PHASES, start=1):
        steps, notes = [], {}
        for ref in live.phases[phase]:
            tid, _, sid = ref.partition("/")
            tech = catalog.techniques[tid]
            step = next(s for s in tech.steps if s.id == sid)
            words = tech.text(lang).steps[sid]
            source = fallback_labels(tech.text(lang).lang, lang, english)
            if source and tid not in notes:
                notes[tid] = untranslated_note(labels, tech.text(lang).title, tech.text(lang).lang)
            steps.append(ChecklistStep(anchor=f"{tid}--{sid}", key=ref, text=words.text, say=words.say,
                                       window=(step.window.start, step.window.end) if step.window else None,
                                       marks=step.window.marks if step.window else (),
                                       explain_href=_step_href(tid, sid, lang, here),
                                       technique=tech.text(lang).title, source=source))
        heading = labels("console.phase_of", number=number, total=len(PHASES), phase=labels(f"phase.{phase}"))
        sections.append(
            f'<section class="kb-phase" id="phase-{phase}" data-kb-phase="{phase}" aria-labelledby="kb-phase-{phase}">'
            f'<h3 id="kb-phase-{phase}">{esc(heading)}</h3>{"".join(notes.values())}{step_list(labels, steps)}</section>'
        )
    nav = (
        '<p class="kb-phase-nav" hidden>'
        f'<button type="button" class="md-button kb-phase-prev" aria-keyshortcuts="[">'
        f'{esc(labels("console.previous_phase"))} {_hint("[")}</button> '
        f'<button type="button" class="md-button kb-phase-next" aria-keyshortcuts="]">'
        f'{esc(labels("console.next_phase"))} {_hint("]")}</button>'
        "</p>"
    )
    return ('<section class="kb-phases" aria-labelledby="kb-phases-title">'
            f'<h2 id="kb-phases-title">{esc(labels("console.phases"))}</h2>{nav}{"".join(sections)}</section>')


def _help(labels: Labels, situations: int) -> str:
    """The keyboard help dialog; every description comes from the locale."""
    last = situation_key(situations - 1)
    rows = [
        (f"1–{last}", "key_situation"), (KEYS["next"], "key_next"), (KEYS["tick"], "key_tick"),
        (KEYS["timer"], "key_timer"), (KEYS["copy"], "key_copy"), (KEYS["back"], "key_back"),
        ("[ ]", "key_phase"), (KEYS["help"], "key_help"),
    ]
    names = [(NAME_KEYS["agent"], "names.key_agent"), (NAME_KEYS["customer"], "names.key_customer")]
    items = "".join(f"<dt><kbd>{esc(key)}</kbd></dt><dd>{esc(labels(label))}</dd>"
                    for key, label in [(k, f"console.{label}") for k, label in rows] + names)
    return (
        '<dialog class="kb-help" aria-labelledby="kb-help-title">'
        f'<h2 id="kb-help-title">{esc(labels("console.help"))}</h2><dl class="kb-keys">{items}</dl>'
        f'<p><button type="button" class="md-button kb-help-close">{esc(labels("console.help_close"))}</button></p>'
        "</dialog>"
    )


def _paper(labels: Labels) -> str:
    """Print button and A4 / US Letter choice for the printed table (screen only; see cards.paper_control)."""
    return (f'<div class="kb-console-paper kb-screen-only"><p><button type="button" class="md-button" data-kb-print hidden>'
            f'{esc(labels("paper.print_page"))}</button></p>{paper_control(labels, stock=False, follow=True)}</div>')


def _print_table(catalog: Catalog, live: LiveContent, lang: str, labels: Labels, english: Labels | None) -> str:
    """The printed console: one row per situation, for a one-page sheet by the phone."""
    rows = []
    for s in live.situations:
        text = catalog.techniques[s.technique].text(lang)
        source = fallback_labels(text.lang, lang, english)
        mark = lang_attr(text.lang, lang) if source else ""
        rows.append(f"<tr><td>{_situation_text(s, lang, english)}</td>"
                    f"<td{mark}><b>{esc(text.title)}</b>: {esc(text.steps[s.step].text)}</td>"
                    f"<td{mark}>{quoted(source or labels, first_phrase(catalog, s, lang))}</td></tr>")
    return (
        '<table class="kb-console-print"><thead><tr>'
        f'<th scope="col">{esc(labels("console.print_situation"))}</th>'
        f'<th scope="col">{esc(labels("console.print_move"))}</th>'
        f'<th scope="col">{esc(labels("console.print_say"))}</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )
