"""Render step checklists: interactive with JavaScript, a plain numbered list without it.

Every checkbox is named by its step text, every step carries a stable anchor id, and every
label comes from the locale. Ticks belong to the step, not to a language or page: `kb.js` keeps
one set of `technique/step` keys, so a tick shows on every page and language listing that step.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..content.model import Mark

from ..content.locales import Labels
from .markup import esc, lang_attr, phrase_item

STORAGE_KEY = "deescalation-kb:v2:ticks"  # v1 kept one list per language and page; kb.js migrates it


@dataclass(frozen=True)
class ChecklistStep:
    """One row of a checklist: anchor, storage key, texts and optional extras."""

    anchor: str
    key: str
    text: str
    say: str | None = None
    window: tuple[int, int] | None = None
    explain_href: str | None = None
    marks: tuple[Mark, ...] = ()
    technique: str | None = None  # the technique's title, where steps of several are listed together
    source: Labels | None = None  # labels of the texts' language when it is not the page's (English fallback)


def toolbar(labels: Labels) -> str:
    """Progress count and reset button (undoable); hidden until the script takes over the page."""
    return (
        f'<div class="kb-toolbar" data-kb-store="{esc(STORAGE_KEY)}" '
        f'data-kb-progress="{esc(labels("checklist.progress"))}" hidden>'
        f'<span class="kb-progress" role="status"></span> '
        f'<button type="button" class="md-button kb-reset">{esc(labels("checklist.reset"))}</button>'
        f'<span class="kb-undo" role="status"><span class="kb-undo-text" hidden>{esc(labels("console.cleared"))}</span> '
        f'<button type="button" class="md-button kb-undo-button" hidden>{esc(labels("console.undo"))}</button></span>'
        "</div>"
    )


def step_list(labels: Labels, steps: Sequence[ChecklistStep]) -> str:
    """An ordered list of checkable steps, as one raw HTML block."""
    rows = "".join(_row(labels, step) for step in steps)
    return f'<ol class="kb-checklist">{rows}</ol>'


def _row(labels: Labels, step: ChecklistStep) -> str:
    check_id, text_id = f"kb-check-{step.anchor}", f"kb-text-{step.anchor}"
    parts = [
        f'<li class="kb-step" id="{esc(step.anchor)}">',
        f'<input type="checkbox" class="kb-check" id="{esc(check_id)}" data-kb-step="{esc(step.key)}" '
        f'aria-labelledby="{esc(text_id)}">',
        f'<label for="{esc(check_id)}" id="{esc(text_id)}" class="kb-step-text"'
        f'{lang_attr(step.source.lang, labels.lang) if step.source else ""}>{esc(step.text)}</label>',
    ]
    explain = (f'<a class="kb-explain" href="{esc(step.explain_href)}">{esc(labels("checklist.explain"))}</a>'
               if step.explain_href else "")
    if step.technique:  # the technique's name and the link on one line
        name = (f"<span{lang_attr(step.source.lang, labels.lang)}>{esc(step.technique)}</span>" if step.source
                else esc(step.technique))
        parts.append(f'<p class="kb-step-technique">{name} · {explain}</p>' if explain
                     else f'<p class="kb-step-technique">{name}</p>')
        explain = ""
    if step.say:
        parts.append(
            f'<p class="kb-step-say"><span class="kb-say-label">{esc(labels("checklist.say"))}</span> '
            f'{phrase_item(labels, step.say, copyable=True, source=step.source)}</p>'
        )
    if step.window:
        parts.append(timer(labels, *step.window, marks=step.marks))
    parts.append(explain + "</li>")
    return "".join(parts)


def timer(labels: Labels, start: int, end: int, marks: tuple[Mark, ...] = ()) -> str:
    """The time window as text, and a timer the script reveals, with a large cue at each mark."""
    params = {"from": start, "to": end}
    cues = [{"at": m.at, "kind": m.kind, "text": labels(f"console.mark_{m.kind.replace('-', '_')}", at=m.at)}
            for m in marks]
    marks_attr = f' data-kb-marks="{esc(json.dumps(cues, ensure_ascii=False))}"' if cues else ""
    return (
        f'<p class="kb-window">{esc(labels("timer.window", **params))}</p>'
        f'<div class="kb-timer" data-kb-from="{start}" data-kb-to="{end}"{marks_attr} '
        f'data-kb-waiting="{esc(labels("timer.waiting", **params))}" '
        f'data-kb-open="{esc(labels("timer.open", **params))}" '
        f'data-kb-over="{esc(labels("timer.over", **params))}" '
        f'data-kb-start="{esc(labels("timer.start"))}" data-kb-stop="{esc(labels("timer.stop"))}" hidden>'
        f'<button type="button" class="md-button kb-timer-toggle">{esc(labels("timer.start"))}</button> '
        f'<span class="kb-timer-elapsed" role="timer" aria-label="{esc(labels("timer.elapsed"))}">0:00</span> '
        f'<span class="kb-timer-state" aria-live="assertive"></span>'
        "</div>"
    )
