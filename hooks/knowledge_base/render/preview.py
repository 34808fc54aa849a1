"""The error panel `mkdocs serve` shows on every page while content or locale files have mistakes.

Under `serve` a mistake must not stop the preview: the build carries on from the English
fallback (or the last good content) and every page shows what is wrong, where, and how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.errors import ContentError
from ..content.locales import Labels, LocaleIssue
from ..content.messages import english, localize
from .markup import esc

_LANGUAGE_OF_FILE = re.compile(r"(?:^|[/.])(?P<lang>[A-Za-z_-]+)\.(?:md|yml)$")
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_HTML = re.compile(r"<html\b", re.IGNORECASE)
PREVIEW_MARK = "data-kb-preview"  # on <html> under `mkdocs serve`: kb-offline.js keeps no offline copy there
PANEL_ID = "kb-preview-problems"
_STYLE = (
    f"#{PANEL_ID}{{background:#fff4f2;color:#2b0b05;border:3px solid #b3261e;margin:0;padding:.8rem 1.2rem;"
    "font:15px/1.45 system-ui,sans-serif;position:relative;z-index:10}"
    f"#{PANEL_ID} h2{{margin:0 0 .3rem;font-size:1.15rem;color:#b3261e}}"
    f"#{PANEL_ID} ol{{margin:.3rem 0 0;padding-left:1.4rem}}#{PANEL_ID} li{{margin:.4rem 0}}"
    f"#{PANEL_ID} code{{background:#fde3df;padding:0 .25em;border-radius:3px;word-break:break-all}}"
    f"#{PANEL_ID} p{{margin:.1rem 0}}"
)


@dataclass(frozen=True)
class Problem:
    """One mistake to show: file, line and key where known, what is wrong, and how to fix it."""

    path: str
    message: str
    line: int | None = None
    key: str | None = None
    hint: str | None = None
    code: str | None = None  # the message's key in `messages`: shown in the page's language when it has one
    params: tuple[tuple[str, object], ...] = ()

    @staticmethod
    def of_error(exc: ContentError) -> Problem:
        """The problem a content or locale error describes."""
        return Problem(exc.path, exc.message, exc.line, exc.key, exc.hint, exc.code, tuple(exc.params.items()))

    @staticmethod
    def of_issue(issue: LocaleIssue) -> Problem:
        """The problem a locale check found (its label falls back to English meanwhile)."""
        return Problem(issue.path, issue.message, issue.line, None if issue.key == "*" else issue.key,
                       code=issue.code, params=issue.params)

    @staticmethod
    def coded(path: str, code: str, line: int | None = None, **params: object) -> Problem:
        """A problem with the message `code` (see `messages`), its English filled in from `params`."""
        message, hint = english(code, params)
        return Problem(path, message, line, hint=hint, code=code, params=tuple(params.items()))


def translation_language(path: str, default: str) -> str | None:
    """The language of a translation file (`docs/x.sv.md`, `locales/sv.yml`); None for English files."""
    match = _LANGUAGE_OF_FILE.search(path)
    if match is None or match["lang"] == default:
        return None
    return match["lang"]


def sentence(text: str) -> str:
    """`text` as a sentence on its own: first letter upper-case (messages are written to follow 'file:line:')."""
    return text[:1].upper() + text[1:]


def render_panel(problems: list[Problem], labels: Labels) -> str:
    """The panel listing every problem, labelled and worded in the page's language (English where it has none)."""
    items = []
    for problem in problems:
        message, hint = localize(problem.code, dict(problem.params), labels.values, problem.message, problem.hint)
        message, hint = sentence(message), sentence(hint) if hint else None
        where = [f'{esc(labels("preview.file"))} <code>{esc(problem.path)}</code>']
        if problem.line:
            where.append(f'{esc(labels("preview.line"))} <strong>{problem.line}</strong>')
        if problem.key:
            where.append(f'{esc(labels("preview.key"))} <code>{esc(problem.key)}</code>')
        fix = (f'<p class="kb-preview-fix"><strong>{esc(labels("preview.fix"))}</strong> {esc(hint)}</p>'
               if hint else "")
        items.append(f'<li><p class="kb-preview-where">{", ".join(where)}</p>'
                     f'<p class="kb-preview-message">{esc(message)}</p>{fix}</li>')
    return (f'<section id="{PANEL_ID}" role="alert" aria-labelledby="{PANEL_ID}-title"><style>{_STYLE}</style>'
            f'<h2 id="{PANEL_ID}-title">{esc(labels("preview.title", count=len(problems)))}</h2>'
            f'<p>{esc(labels("preview.intro"))}</p><ol>{"".join(items)}</ol></section>')


def insert_panel(html: str, panel: str) -> str:
    """`html` with `panel` right after the opening body tag (or in front, for a page without one)."""
    match = _BODY.search(html)
    if match is None:
        return panel + html
    return html[: match.end()] + panel + html[match.end():]


def mark_preview(html: str) -> str:
    """`html` with its `<html>` tag marked as a preview (a page without one is returned as it is)."""
    return _HTML.sub(f"<html {PREVIEW_MARK}", html, count=1)
