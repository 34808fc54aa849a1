"""Strict YAML reading that remembers the line of every key.

PyYAML drops line numbers and silently keeps the last of two duplicate keys; authors need
both reported. `load_yaml` returns plain Python data plus a `Lines` map from key paths to
1-based line numbers in the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)

KeyPath = tuple[str | int, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster


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

    def error(self, message: str, *keys: str | int, hint: str | None = None) -> ContentError:
        """A ContentError located at `keys`, named in dotted form (English only: prefer `problem`)."""
        dotted = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, message, key=dotted, line=self.of(*keys), hint=hint)

    def problem(self, code: str, *keys: str | int, **params: object) -> ContentError:
        """A ContentError with the message `code` (see `messages`), located at `keys`."""
        dotted = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, key=dotted, line=self.of(*keys), code=code, params=params)


def read_text(file: Path, shown: str) -> str:
    """Read `file` as UTF-8 without a byte-order mark, or raise a ContentError naming it."""
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError(shown, line=1, code="yaml.bom")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(shown, line=line, code="yaml.not_utf8", params={"byte": exc.start}) from None


def load_yaml(text: str, shown: str, first_line: int = 1) -> tuple[Any, Lines]:
    """Parse one YAML document; `first_line` is the file line where `text` starts."""
    lines = Lines(shown)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, lines
            return _construct(loader, node, (), lines, first_line), lines
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line, code, params = explain_yaml_error(exc, text)
        raise ContentError(shown, line=line + first_line - 1 if line else None, code=code, params=params) from None
    except yaml.YAMLError as exc:
        raise ContentError(shown, code="yaml.unreadable", params={"detail": exc}) from None


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
)
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
    for needle, code in _PLAIN:
        if needle in problem:
            return line, code, {}
    return line, "yaml.unreadable_here", {"detail": " ".join(filter(None, [context, problem]))}


def _construct(loader: yaml.SafeLoader, node: yaml.Node, at: KeyPath, lines: Lines, first: int) -> Any:
    lines.by_key.setdefault(at, node.start_mark.line + first)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + first
            if not isinstance(key, str):
                raise ContentError(lines.path, line=line, code="yaml.key_not_text", params={"name": repr(key)})
            if key in result:
                raise ContentError(lines.path, key=".".join(map(str, (*at, key))), line=line,
                                   code="yaml.duplicate_key", params={"name": key})
            lines.by_key[(*at, key)] = line
            result[key] = _construct(loader, value_node, (*at, key), lines, first)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*at, i), lines, first) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


@dataclass(frozen=True)
class Document:
    """A markdown file split into front matter data and body."""

    data: dict[str, Any]
    lines: Lines
    body: str


def read_document(file: Path, shown: str) -> Document:
    """Read a markdown file whose front matter must be a YAML mapping."""
    text = read_text(file, shown)
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ContentError(shown, line=1, code="page.no_front_matter")
    data, lines = load_yaml(match.group(1), shown, first_line=2)
    if not isinstance(data, dict):
        raise ContentError(shown, line=2, code="page.front_matter_not_mapping")
    return Document(data, lines, text[match.end():])
