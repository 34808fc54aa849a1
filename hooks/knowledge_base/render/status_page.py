"""Render the translation status page and the notices shown on untranslated or stale pages."""

from __future__ import annotations

from ..content.locales import Labels
from ..content.units import BODY
from ..translate.translations import Item, LanguageStatus
from .cards import Slack
from .markup import esc, link, md_text, relative, site_path
from .worddiff import word_diff


def _count(labels: Labels, done: int, total: int) -> str:
    percent = done * 100 // total if total else 100
    return labels("translation.count", done=done, total=total, percent=percent)


def _edit(item: Item, edit_base: str | None) -> str:
    if edit_base:
        return link(edit_base.rstrip("/") + "/" + item.file, item.file)
    return f"<code>{esc(item.file)}</code>"


def page_site_path(name: str, lang: str) -> str:
    """The site path of the page `name` (`techniques/x.md`) in `lang`."""
    stem = name[:-3]
    return site_path(lang, "home") + ("" if stem == "index" else stem + "/")


def _changes(item: Item, lang: str, labels: Labels, here: str) -> str:
    """What changed in the English of an outdated item: each changed text as reviewed and now, marked word by word."""
    if item.state != "outdated" or item.now is None:
        return ""
    page = ""
    if item.name.endswith(".md"):
        page = f'<p>{link(relative(page_site_path(item.name, lang), here), labels("review.open_page"))}</p>'
    if item.was is None:
        return f'{page}<p class="kb-diff-none">{esc(labels("review.not_recorded"))}</p>'
    rows = []
    for key, old, new in item.changes:
        before, after = word_diff(old, new)
        name = labels("review.body") if key == BODY else key
        rows.append(
            f'<div class="kb-diff"><p class="kb-diff-key"><code>{esc(name)}</code></p>'
            f'<div class="kb-diff-was"><p class="kb-diff-head">{esc(labels("review.was"))}</p>'
            f'<p lang="en" class="kb-diff-text">{before}</p></div>'
            f'<div class="kb-diff-now"><p class="kb-diff-head">{esc(labels("review.now"))}</p>'
            f'<p lang="en" class="kb-diff-text">{after}</p></div></div>'
        )
    return (f'{page}<details class="kb-changes"><summary>{esc(labels("review.show_changes"))}</summary>'
            f'<p class="kb-diff-legend">{esc(labels("review.legend"))}</p>{"".join(rows)}</details>')


def _room(tight: dict[str, list[Slack]], names: dict[str, str], labels: Labels) -> str:
    """The cards with the least room left, per language: card, size, millimetres and characters of a step."""
    rows = "".join(
        f'<tr><td lang="{esc(code)}">{esc(names.get(code, code))}</td>'  # language names are endonyms
        f'<td lang="{esc(slack.tech.text(code).lang)}">{esc(slack.tech.text(code).title)}</td>'
        f'<td>{esc(labels("paper." + slack.paper))}</td>'
        f'<td>{esc(labels("messages.room.mm", mm=f"{slack.free_mm:.0f}"))}, '
        f'{esc(labels("messages.room.chars", count=slack.step_chars))}</td></tr>'
        for code, cards in tight.items() for slack in cards)
    head = "".join(f'<th scope="col">{esc(labels(k))}</th>' for k in
                   ("translation.language", "messages.room.card", "messages.room.size", "messages.room.left"))
    return (f'## {md_text(labels("messages.room.title"))} {{#card-room}}\n\n<p>{esc(labels("messages.room.intro"))}</p>'
            f'<table class="kb-status-room"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


def render_status(statuses: list[LanguageStatus], names: dict[str, str], lang: str, labels: Labels,
                  edit_base: str | None, tight: dict[str, list[Slack]] | None = None) -> str:
    """The status page: a summary table of every language, then what to do per language, then the tightest cards.

    `tight`: per language, the cards with the least room left (see `cards.tightest_cards`).
    """
    here = site_path(lang, "translations")
    head = "".join(f'<th scope="col">{esc(labels(k))}</th>' for k in
                   ("translation.language", "translation.ui_strings", "translation.pages", "translation.outdated"))
    rows = "".join(
        f'<tr><th scope="row"><a href="#lang-{esc(s.lang)}">{esc(names.get(s.lang, s.lang))}</a></th>'
        f"<td>{esc(_count(labels, s.labels_done, len(s.labels)))}</td>"
        f"<td>{esc(_count(labels, s.pages_done, len(s.pages)))}</td>"
        f"<td>{len(s.outdated)}</td></tr>"
        for s in statuses
    )
    parts = [
        f'<p>{esc(labels("translation.intro"))} {link(relative(site_path(lang, "guide"), here), labels("translation.guide_link"))}</p>',
        f'<table class="kb-status"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>',
    ]
    for status in statuses:
        todo = [i for i in (*status.pages, *status.labels) if i.state != "translated"]
        parts.append(f"## {md_text(names.get(status.lang, status.lang))} {{#lang-{status.lang}}}")
        if not todo:
            parts.append(f'<p>{esc(labels("translation.none"))}</p>')
            continue
        items = "".join(
            f"<tr><td>{esc(i.name)}</td><td>{esc(labels('translation.state_' + i.state))}"
            f"{' (' + esc(labels('translation.reason_never' if 'never' in i.reason else 'translation.reason_changed')) + ')' if i.reason else ''}"
            f"</td><td>{_edit(i, edit_base)}</td></tr>"
            + (f'<tr class="kb-changes-row"><td colspan="3">{changes}</td></tr>'
               if (changes := _changes(i, status.lang, labels, here)) else "")
            for i in todo
        )
        parts.append(
            '<table class="kb-status-items"><thead><tr>'
            f'<th scope="col">{esc(labels("translation.item"))}</th><th scope="col">{esc(labels("translation.state"))}</th>'
            f'<th scope="col">{esc(labels("translation.file"))}</th></tr></thead><tbody>{items}</tbody></table>'
        )
    if tight:
        parts.append(_room(tight, names, labels))
    return "\n\n".join(parts) + "\n"


def notice(labels: Labels, lang: str, here: str, kind: str) -> str:
    """The note on a page shown in English (`fallback`) or translated from an older English (`outdated`)."""
    return (
        f'<div class="kb-notice kb-notice--{kind}" role="note"><p>{esc(labels("translation.notice_" + kind))} '
        f'{link(relative(site_path(lang, "guide"), here), labels("translation.guide_link"))}</p></div>'
    )
