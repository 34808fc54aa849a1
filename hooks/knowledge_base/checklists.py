"""Render step checklists: interactive with JavaScript, a plain numbered list without it.

Every checkbox is named by its step text, every step carries a stable anchor id, and every
label comes from the locale. Ticks are stored per language, page and step id by `kb.js`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .locales import Labels
from .markup import esc, phrase_item

STORAGE_PREFIX = "deescalation-kb:v1"


@dataclass(frozen=True)
class ChecklistStep:
    """One row of a checklist: anchor, storage key, texts and optional extras."""

    anchor: str
    key: str
    text: str
    say: str | None = None
    window: tuple[int, int] | None = None
    explain_href: str | None = None


def toolbar(labels: Labels, page_path: str) -> str:
    """Progress count and reset button; hidden until the script takes over the page."""
    store = f"{STORAGE_PREFIX}:{labels.lang}:/{page_path}"
    return (
        f'<div class="kb-toolbar" data-kb-store="{esc(store)}" '
        f'data-kb-progress="{esc(labels("checklist.progress"))}" hidden>'
        f'<span class="kb-progress" role="status"></span> '
        f'<button type="button" class="md-button kb-reset">{esc(labels("checklist.reset"))}</button>'
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
        f'<label for="{esc(check_id)}" id="{esc(text_id)}" class="kb-step-text">{esc(step.text)}</label>',
    ]
    if step.say:
        parts.append(
            f'<p class="kb-step-say"><span class="kb-say-label">{esc(labels("checklist.say"))}</span> '
            f'{phrase_item(labels, step.say, copyable=True)}</p>'
        )
    if step.window:
        parts.append(_timer(labels, *step.window))
    if step.explain_href:
        parts.append(
            f'<a class="kb-explain" href="{esc(step.explain_href)}">{esc(labels("checklist.explain"))}</a>'
        )
    parts.append("</li>")
    return "".join(parts)


def _timer(labels: Labels, start: int, end: int) -> str:
    """The time window as text, and a timer the script reveals."""
    params = {"from": start, "to": end}
    return (
        f'<p class="kb-window">{esc(labels("timer.window", **params))}</p>'
        f'<div class="kb-timer" data-kb-from="{start}" data-kb-to="{end}" '
        f'data-kb-waiting="{esc(labels("timer.waiting", **params))}" '
        f'data-kb-open="{esc(labels("timer.open", **params))}" '
        f'data-kb-over="{esc(labels("timer.over", **params))}" '
        f'data-kb-start="{esc(labels("timer.start"))}" data-kb-stop="{esc(labels("timer.stop"))}" hidden>'
        f'<button type="button" class="md-button kb-timer-toggle">{esc(labels("timer.start"))}</button> '
        f'<span class="kb-timer-elapsed" role="timer" aria-label="{esc(labels("timer.elapsed"))}">0:00</span> '
        f'<span class="kb-timer-state" aria-live="polite"></span>'
        "</div>"
    )
