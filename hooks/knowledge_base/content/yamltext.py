"""Strict YAML reading that remembers the line of every key.

PyYAML drops line numbers and silently keeps the last of two duplicate keys; authors need
both reported. `load_yaml` returns plain Python data plus a `Lines` map from key paths to
1-based line numbers in the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
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
        """A ContentError located at `keys`, named in dotted form."""
        dotted = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, message, key=dotted, line=self.of(*keys), hint=hint)


def read_text(file: Path, shown: str) -> str:
    """Read `file` as UTF-8 without a byte-order mark, or raise a ContentError naming it."""
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError(shown, "the file starts with a byte-order mark; save it as UTF-8 without BOM", line=1)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(shown, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", line=line) from None


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
        line, message, hint = explain_yaml_error(exc, text)
        raise ContentError(shown, message, line=line + first_line - 1 if line else None, hint=hint) from None
    except yaml.YAMLError as exc:
        raise ContentError(shown, f"the YAML cannot be read ({exc})",
                           hint="compare the text with the lines around it: indentation, quotes and colons") from None


# Where the mistake is depends on the construct: a quote, a list in brackets or a bare word opens
# on the line that is wrong, and the parser only notices further down; otherwise the parser stops
# on the wrong line itself (the context would be the enclosing list, often lines above).
_OPENED_EARLIER = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")

# (problem text from the parser, plain message, hint): first match wins.
_PLAIN: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed",
     "a colon followed by a space starts a new field here",
     "if the colon belongs to the text, put the whole text in double quotes (\"...\"); if this line is a field, "
     "line it up with the fields around it, using spaces"),
    ("found unexpected end of stream",
     "the quotation mark that opens on this line is never closed",
     "add the closing quotation mark at the end of the text, or remove the opening one"),
    ("did not find expected '-' indicator",
     "this line does not fit the list above it",
     "start every item of a list with '- ' at the same indentation; a text that starts with a quotation mark "
     "must also end with it, so put such a text in other quotes"),
    ("did not find expected key",
     "this line is indented differently from the fields around it",
     "line it up with the other fields of the same level, using spaces"),
    ("could not find expected ':'",
     "this line is neither a field ('name: text') nor a list item ('- text')",
     "if it is another item of the list above, start it with '- '; if it continues the previous text, join it to "
     "that line"),
    ("did not find expected ',' or ']'",
     "the list opened with '[' on this line is not closed",
     "end it with ']' on the same line, and put any text that contains a comma in double quotes"),
    ("did not find expected ',' or '}'",
     "the mapping opened with '{' on this line is not closed",
     "end it with '}' on the same line, and put any text that contains a comma in double quotes"),
    ("cannot start any token",
     "a text cannot start with this character",
     "put the whole text in double quotes"),
)
_QUOTED_START = re.compile(r"""(?:^\s*-\s+|:\s+)(["'])(?:(?!\1).)*\1[ \t]*[^\s#,\]}]""")
_QUOTE_THEN_TEXT = ("a text that starts with a quotation mark must also end with it",
                    "put the whole text in double quotes (\"...\") and use the language's own quotation marks "
                    "inside it, or do not start the text with a quotation mark")
_TAB = ("a tab character is used for indentation; YAML allows only spaces",
        "replace the tab at the start of the line with spaces (two per level)")


_OPENING = re.compile(r"""(?:^\s*-\s+|:\s+)(["'])(.*)$""")


def _opens_without_closing(row: str) -> bool:
    """True when a value on `row` starts with a quotation mark that the same line does not close."""
    match = _OPENING.search(row)
    if match is None:
        return False
    quote, rest = match.groups()
    rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
    return quote not in rest


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, str]:
    """The 1-based line of a YAML mistake in `text`, a plain-words message and a hint to fix it."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.context_mark if exc.context_mark and context.startswith(_OPENED_EARLIER) else exc.problem_mark
    mark = mark or exc.context_mark
    line = mark.line + 1 if mark else None
    source = text.splitlines()
    at = exc.problem_mark
    last = at.line if at is not None else len(source) - 1
    for number, row in enumerate(source[: last + 1]):
        if "\t" in row[: len(row) - len(row.lstrip())] or (number == last and at and "\t" in row[: at.column + 1]):
            return number + 1, *_TAB
    for number, row in enumerate(source[: last + 1]):
        if _opens_without_closing(row):  # the parser read on to a later quote and stopped further down
            return number + 1, *_PLAIN[1][1:]
    if line is not None and line <= len(source) and _QUOTED_START.search(source[line - 1]):
        return line, *_QUOTE_THEN_TEXT
    for needle, message, hint in _PLAIN:
        if needle in problem:
            return line, message, hint
    return line, f"the YAML cannot be read here ({' '.join(filter(None, [context, problem]))})", \
        "compare the line with the ones around it: indentation, quotes and colons"


def _construct(loader: yaml.SafeLoader, node: yaml.Node, at: KeyPath, lines: Lines, first: int) -> Any:
    lines.by_key.setdefault(at, node.start_mark.line + first)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + first
            if not isinstance(key, str):
                raise ContentError(lines.path, f"key {key!r} must be text", line=line)
            if key in result:
                raise ContentError(lines.path, f"duplicate key: '{key}' appears twice at the same level", key=".".join(map(str, (*at, key))),
                                   line=line, hint="keep one of the two; if this line starts a new list item, put '- ' "
                                   "before it")
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
    return _document(read_text(file, shown), shown)


@lru_cache(maxsize=8192)  # the same text parses to the same document: under `mkdocs serve` only edited files are parsed
def _document(text: str, shown: str) -> Document:
    """Split and parse a markdown file's text (its readers only read the data, so one parse can be shared)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ContentError(shown, "missing front matter: the file must start with '---', the YAML fields and '---'", line=1)
    data, lines = load_yaml(match.group(1), shown, first_line=2)
    if not isinstance(data, dict):
        raise ContentError(shown, "front matter must be a mapping of fields", line=2)
    return Document(data, lines, text[match.end():])
