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

    def error(self, message: str, *keys: str | int) -> ContentError:
        """A ContentError located at `keys`, named in dotted form."""
        dotted = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, message, key=dotted, line=self.of(*keys))


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
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = mark.line + first_line if mark else None
        problem = " ".join(filter(None, [exc.context, exc.problem])) or "malformed YAML"
        raise ContentError(shown, f"malformed YAML: {problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise ContentError(shown, f"malformed YAML: {exc}") from None


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
                raise ContentError(lines.path, "duplicate key", key=".".join(map(str, (*at, key))), line=line)
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
        raise ContentError(shown, "missing front matter: the file must start with '---', the YAML fields and '---'", line=1)
    data, lines = load_yaml(match.group(1), shown, first_line=2)
    if not isinstance(data, dict):
        raise ContentError(shown, "front matter must be a mapping of fields", line=2)
    return Document(data, lines, text[match.end():])
