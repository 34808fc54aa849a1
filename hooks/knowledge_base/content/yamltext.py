"""Strict YAML reading that remembers the line of every key.

PyYAML drops line numbers and silently keeps the last of two duplicate keys; authors need
both reported. `load_yaml` returns plain Python data (every value as the text written: see
`yamlsafety`) plus a `Lines` map from key paths to 1-based line numbers in the original file.
Every mistake is explained in plain words at its line, with a hint to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .yamlsafety import (MAX_FILE_BYTES, bad_character, compose, conflict_markers, key_at, normalise,
                         stray_carriage_return)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)

KeyPath = tuple[str | int, ...]


@dataclass
class Lines:
    """Line numbers of keys and list items, by their path from the document root."""

    path: str
    by_key: dict[KeyPath, int] = field(default_factory=dict)

    def of(self, *keys: str | int) -> int | None:
        """The line of the deepest known prefix of `keys` (so errors always point somewhere)."""
        for end in range(len(keys), -1, -1):
            line = self.by_key.get(tuple(keys[:end]))
            if line is not None:
                return line
        return None

    def key_at(self, line: int) -> str | None:
        """The dotted key whose value is on (or, for a text of several lines, continues onto) file line `line`."""
        return key_at(self.by_key, line)

    def error(self, message: str, *keys: str | int, hint: str | None = None) -> ContentError:
        """A ContentError located at `keys`, named in dotted form (English only: prefer `problem`)."""
        dotted = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, message, key=dotted, line=self.of(*keys), hint=hint)

    def problem(self, code: str, *keys: str | int, **params: object) -> ContentError:
        """A ContentError with the message `code` (see `messages`), located at `keys`."""
        dotted = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, key=dotted, line=self.of(*keys), code=code, params=params)


def read_text(file: Path, shown: str) -> str:
    """Read `file` as UTF-8 as its author saw it (see `yamlsafety.normalise`), or raise a ContentError naming it.

    A byte-order mark (written by Windows Notepad and many CAT tools) and CRLF or CR line ends are accepted and
    do not count as a change; an unresolved merge conflict is an error at its first marker.
    """
    try:
        raw = file.read_bytes()
    except IsADirectoryError:
        raise ContentError(shown, code="safety.folder") from None
    except OSError as exc:
        raise ContentError(shown, code="safety.unreadable", params={"detail": exc.strerror or exc}) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(shown, code="safety.too_big", params={"megabytes": f"{len(raw) / 1e6:.1f}",
                                                                  "limit": f"{MAX_FILE_BYTES / 1e6:.0f}"})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(shown, line=line, code="yaml.not_utf8", params={"byte": exc.start}) from None
    stray_carriage_return(text, shown)
    text = normalise(text)
    conflict_markers(text, shown)
    return text


def check_characters(text: str, lines: Lines, first_line: int = 1, key: str | None = None) -> None:
    """Raise a located ContentError for an invisible or control character in `text` (file line `first_line` on)."""
    found = bad_character(text)
    if found is None:
        return
    line, _, code, params = found
    where = line + first_line
    raise ContentError(lines.path, key=key or lines.key_at(where), line=where, code=code, params=params)


def load_yaml(text: str, shown: str, first_line: int = 1) -> tuple[Any, Lines]:
    """Parse one YAML document; `first_line` is the file line where `text` starts.

    Every scalar comes back as the text written (see `yamlsafety.compose`); invisible characters are errors.
    """
    lines = Lines(shown)
    found = bad_character(text)
    probe = text if found is None else _BLANKED.sub(" ", text)  # parse anyway, to name the key of the mistake
    try:
        data, lines.by_key = compose(probe, first_line, shown)
    except yaml.MarkedYAMLError as exc:
        if found is not None:
            check_characters(text, lines, first_line)
        line, code, params = explain_yaml_error(exc, text)
        raise ContentError(shown, line=line + first_line - 1 if line else None, code=code, params=params) from None
    except yaml.YAMLError as exc:
        raise ContentError(shown, code="yaml.unreadable", params={"detail": exc}) from None
    check_characters(text, lines, first_line)
    return data, lines


_BLANKED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


# Where the mistake is depends on the construct: a quote, a list in brackets or a bare word opens
# on the line that is wrong, and the parser only notices further down; otherwise the parser stops
# on the wrong line itself (the context would be the enclosing list, often lines above).
_OPENED_EARLIER = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")

# (problem text from the parser, message key in `messages`): first match wins.
_PLAIN: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "yaml.colon"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("did not find expected '-' indicator", "yaml.list_item"),
    ("did not find expected key", "yaml.indent"),
    ("could not find expected ':'", "yaml.not_field"),
    ("did not find expected ',' or ']'", "yaml.open_list"),
    ("did not find expected ',' or '}'", "yaml.open_mapping"),
    ("cannot start any token", "yaml.bad_start"),
    ("expected chomping or indentation indicators", "yaml.block_start"),
    ("did not find expected comment or line break", "yaml.block_start"),
    ("block sequence entries are not allowed", "yaml.dash_start"),
)
_STARTS = {"while scanning an alias": "*", "while scanning an anchor": "&", "while scanning a tag": "!"}
_FLOW_COMMENT = re.compile(r"""^[^"'#]*[\[{][^"'#]*\S[ \t]+#""")
_QUOTED_START = re.compile(r"""(?:^\s*-\s+|:\s+)(["'])(?:(?!\1).)*\1[ \t]*[^\s#,\]}]""")


_OPENING = re.compile(r"""(?:^\s*-\s+|:\s+)(["'])(.*)$""")


def _opens_without_closing(row: str) -> bool:
    """True when a value on `row` starts with a quotation mark that the same line does not close."""
    match = _OPENING.search(row)
    if match is None:
        return False
    quote, rest = match.groups()
    rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
    return quote not in rest


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, dict[str, object]]:
    """The 1-based line of a YAML mistake in `text`, the key of its plain-words message and the message's parameters."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.context_mark if exc.context_mark and context.startswith(_OPENED_EARLIER) else exc.problem_mark
    mark = mark or exc.context_mark
    line = mark.line + 1 if mark else None
    source = text.splitlines()
    at = exc.problem_mark
    last = at.line if at is not None else len(source) - 1
    for number, row in enumerate(source[: last + 1]):
        if "\t" in row[: len(row) - len(row.lstrip())] or (number == last and at and "\t" in row[: at.column + 1]):
            return number + 1, "yaml.tab", {}
    for number, row in enumerate(source[: last + 1]):
        if _opens_without_closing(row):  # the parser read on to a later quote and stopped further down
            return number + 1, "yaml.unclosed_quote", {}
    if line is not None and line <= len(source) and _QUOTED_START.search(source[line - 1]):
        return line, "yaml.quote_then_text", {}
    if line is not None and line <= len(source) and _FLOW_COMMENT.search(source[line - 1]):
        return line, "yaml.flow_comment", {}
    start = _starting_character(exc, source)
    if start:
        return line, "yaml.starts_with", {"start": start}
    for needle, code in _PLAIN:
        if needle in problem:
            return line, code, {}
    return line, "yaml.unreadable_here", {"detail": " ".join(filter(None, [context, problem]))}


def _starting_character(exc: yaml.MarkedYAMLError, source: list[str]) -> str | None:
    """The character a text may not start with (`*`, `&`, `!`, `%`, `@`, a backtick), when that is the mistake."""
    for context, character in _STARTS.items():
        if (exc.context or "").startswith(context):
            return character
    mark = exc.problem_mark
    if "cannot start any token" in (exc.problem or "") and mark is not None and mark.line < len(source):
        return source[mark.line][mark.column: mark.column + 1] or None
    return None


@dataclass(frozen=True)
class Document:
    """A markdown file split into front matter data and body."""

    data: dict[str, Any]
    lines: Lines
    body: str


def read_document(file: Path, shown: str, required: bool = True) -> Document:
    """Read a markdown file whose front matter must be a YAML mapping (or, unless `required`, may be absent)."""
    return _document(read_text(file, shown), shown, required)


def _document(text: str, shown: str, required: bool) -> Document:
    """Split and parse a markdown file's text (its readers only read the data, so one parse can be shared)."""
    document = _parsed(text, shown)
    if document is None:
        if required:
            raise ContentError(shown, line=1, code="page.no_front_matter")
        lines = Lines(shown)
        check_characters(text, lines, 1, key="body")
        return Document({}, lines, text)
    return document


@lru_cache(maxsize=8192)  # the same text parses to the same document: under `mkdocs serve` only edited files are parsed
def _parsed(text: str, shown: str) -> Document | None:
    """The document of a text with front matter (None without), whichever reader asks first: the catalog's
    loader and MkDocs' reading of the page share one parse."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    data, lines = load_yaml(match.group(1), shown, first_line=2)
    if not isinstance(data, dict):
        raise ContentError(shown, line=2, code="page.front_matter_not_mapping")
    body = text[match.end():]
    check_characters(body, lines, text.count("\n", 0, match.end()) + 1, key="body")
    return Document(data, lines, body)


def page_source(file: Path, shown: str) -> tuple[str, dict[str, Any]]:
    """Any markdown page as MkDocs should read it: the text as its author saw it and its front matter as text.

    Raises a located ContentError before MkDocs' own YAML reader could expand an alias bomb in it.
    """
    text = read_text(file, shown)
    return text, dict(_document(text, shown, required=False).data)  # a copy: the catalog shares the parse


def without_front_matter(file: Path, shown: str) -> str:
    """The body of a page whose front matter is broken (shown without it under `mkdocs serve`); '' if unreadable."""
    try:
        text = read_text(file, shown)
    except ContentError:
        return ""
    return _FRONT_MATTER.sub("", text, count=1)
