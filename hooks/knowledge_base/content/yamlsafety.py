"""YAML as people write it: read safely, with every value that was written as text kept as text.

PyYAML reads YAML 1.1, where `No`, `on`, `1.0`, `010`, `~` and `2024-01-01` are not text, expands
every alias again (a ten-line alias bomb costs minutes) and composes nested collections
recursively (deep nesting crashes). Content never needs any of that, so `compose` builds the data
itself from libyaml's event stream, one event at a time: every scalar is the text as written
(an empty plain value is None), anchors, aliases, tags and merge keys are refused at their line,
nesting deeper than `MAX_DEPTH` stops at once, and a plain text that a ` #` cut short is reported
instead of silently losing its end.

Before parsing, `normalise` makes a file's bytes mean what its author saw: no byte-order mark,
one kind of line end, one Unicode normal form (NFC). `bad_character` finds what an editor does
not show (control characters, bidirectional overrides, zero-width characters) and
`conflict_markers` a merge left unresolved.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from .errors import ContentError

KeyPath = tuple[str | int, ...]
MAX_DEPTH = 24  # a technique's deepest field (steps.N.window.marks.N.at) is 5 levels deep
MAX_NODES = 200_000  # far beyond any real file (a fingerprint record of 500 techniques has about 40 000)
MAX_FILE_BYTES = 5_000_000  # likewise: bounds the time any file can cost the build
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster

_INVISIBLE = {"bidi": "safety.bidi", "zero-width": "safety.zero_width", "separator": "safety.separator",
              "control": "safety.control"}  # message keys, by kind of character
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069\u2028\u2029"
                  "\u200c\u200d]")
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: .*)?$", re.MULTILINE)


def normalise(text: str) -> str:
    """`text` without a byte-order mark, with every line end (CRLF, lone CR) as LF, in Unicode NFC."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def stray_carriage_return(text: str, shown: str) -> None:
    """Raise a ContentError at a carriage return inside a line of a file whose lines end otherwise.

    A file whose every line ends in CR (old Mac editors) or CRLF (Windows) is fine: `normalise` makes them LF.
    One CR on its own in an LF or CRLF file was not meant as a line end (it would split a title in two).
    """
    if "\n" not in text:
        return
    match = re.search("\r(?!\n)", text)
    if match is None:
        return
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    raise ContentError(shown, line=line, code="safety.stray_cr", params={"column": column})


def conflict_markers(text: str, shown: str) -> None:
    """Raise a ContentError at an unresolved merge conflict (<<<<<<<, =======, >>>>>>> lines)."""
    markers = [(m[1][0], text.count("\n", 0, m.start()) + 1) for m in _CONFLICT.finditer(text)]
    starts = [line for kind, line in markers if kind == "<"]
    if not starts:
        return
    ends = [line for kind, line in markers if kind == ">" and line > starts[0]]
    if ends:
        raise ContentError(shown, line=starts[0], code="safety.conflict", params={"first": starts[0], "last": ends[0]})
    raise ContentError(shown, line=starts[0], code="safety.conflict_open", params={"first": starts[0]})


def _kind(char: str) -> str:
    code = ord(char)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "bidi"
    if code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        return "zero-width"
    if code in (0x2028, 0x2029):
        return "separator"
    return "control"


def _joins_script(text: str, at: int) -> bool:
    """A zero-width (non-)joiner between two non-ASCII letters or symbols: emoji sequences, Persian, Indic scripts."""
    before, after = text[at - 1: at], text[at + 1: at + 2]
    return bool(before and after) and all(ord(c) > 0x7F and not c.isspace() for c in before + after)


def bad_character(text: str) -> tuple[int, int, str, dict[str, object]] | None:
    """(0-based line, 1-based column, message key, its parameters) of the first character nobody can see or mean."""
    for match in _BAD.finditer(text):
        char = match[0]
        if char in "\u200c\u200d" and _joins_script(text, match.start()):
            continue
        line = text.count("\n", 0, match.start())
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = "safety.nul" if char == "\0" else _INVISIBLE[_kind(char)]
        return line, column, code, {"code": f"{ord(char):04X}", "column": column}
    return None


def visible(text: str) -> str:
    """`text` without zero-width characters, for checks that must see words as a reader does."""
    return re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", text)


def key_at(lines: dict[KeyPath, int], line: int) -> str | None:
    """The dotted key whose value is on (or, for a text of several lines, continues onto) file line `line`."""
    before = [(at_line, len(path), path) for path, at_line in lines.items() if path and at_line <= line]
    return ".".join(map(str, max(before, key=lambda item: item[:2])[2])) if before else None


class _Refused(Exception):
    """A construct content never needs, at a 0-based line: message key and parameters."""

    def __init__(self, line: int, code: str, **params: object) -> None:
        super().__init__(code)
        self.line, self.code, self.params = line, code, params


def _refuse_event(event: Any, source: list[str]) -> None:
    """Anchors, aliases and tags: a text that starts with `&`, `*` or `!`, in plain words."""
    line, column = event.start_mark.line, event.start_mark.column
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None):
        row = source[line] if line < len(source) else ""
        start = row[column:].lstrip()[:1] or "*"
        code = {"*": "safety.alias", "&": "safety.anchor", "!": "safety.tag"}.get(start, "safety.construct")
        raise _Refused(line, code, start=start)


def _comment_cut(event: yaml.ScalarEvent, source: list[str]) -> None:
    """A plain text followed by ' #' on its line was cut there: PyYAML read the rest as a comment."""
    if event.style or not event.value:  # quoted or block (libyaml gives plain as "", PyYAML as None)
        return
    end = event.end_mark
    row = source[end.line] if end.line < len(source) else ""
    if _COMMENT_AFTER.match(row, end.column):  # match at a position: no copy of a long line per value
        rest = row[end.column: end.column + 200]
        raise _Refused(end.line, "safety.comment_cut", comment=rest.split("#", 1)[1][:20], kept=event.value[-30:])


def compose(text: str, first_line: int, shown: str) -> tuple[Any, dict[KeyPath, int]]:
    """The data of one YAML document and the 1-based line of each key path; ContentError for refused constructs.

    yaml.MarkedYAMLError passes through for `yamltext` to explain.
    """
    loader = _Loader(text)
    source = text.split("\n")
    lines: dict[KeyPath, int] = {}
    try:
        return _build(loader, source, lines, first_line, shown), lines
    except _Refused as exc:
        line = exc.line + first_line
        raise ContentError(shown, key=key_at(lines, line), line=line, code=exc.code, params=exc.params) from None
    finally:
        loader.dispose()


def _build(loader: Any, source: list[str], lines: dict[KeyPath, int], first: int, shown: str) -> Any:
    """Events to plain data with an explicit stack: no recursion, whatever the nesting."""
    root: list[Any] = []
    stack: list[tuple[Any, KeyPath, list[Any]]] = []  # (container, its path, [pending key, key line] for mappings)
    count = 0
    documents = 0
    while loader.check_event():
        event = loader.get_event()
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(event.start_mark.line, "safety.second_document")
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        _refuse_event(event, source)
        count += 1
        if count > MAX_NODES:
            raise _Refused(event.start_mark.line, "safety.too_many_values", limit=MAX_NODES)
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            _comment_cut(event, source)
            value = None if not event.style and event.value == "" else event.value
        else:
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
        line = event.start_mark.line + first
        if not stack:
            root.append(value)
            path: KeyPath = ()
            lines.setdefault(path, line)
        else:
            parent, at, pending = stack[-1]
            if isinstance(parent, list):
                path = (*at, len(parent))
                parent.append(value)
                lines.setdefault(path, line)
            elif not pending:  # a key
                if not isinstance(value, str):
                    raise ContentError(shown, line=line, code="safety.key_not_text")
                if value == "<<" and not event.style:
                    raise ContentError(shown, line=line, code="safety.merge_key")
                if value in parent:
                    dotted = ".".join(map(str, (*at, value)))
                    raise ContentError(shown, key=dotted, line=line, code="yaml.duplicate_key", params={"name": value})
                pending[:] = [value, line]
                lines[(*at, value)] = line  # so that a mistake in its value is named by this key
                continue
            else:
                key, key_line = pending
                pending.clear()
                path = (*at, key)
                parent[key] = value
                lines[path] = key_line
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(event.start_mark.line, "safety.too_deep", limit=MAX_DEPTH)
            stack.append((value, path, []))
    return root[0] if root else None
