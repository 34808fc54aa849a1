"""Write translated texts back into locale files and page front matter, keeping everything else.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and layout; only the values
that change are rewritten, and a file whose values do not change is not written at all.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..content.units import BODY, UnitPath

_RESOLVER = Resolver()
_SPLIT = re.compile(r"\A(---[ \t]*\r?\n)(.*?)(^---[ \t]*\r?$\n?)(.*)\Z", re.DOTALL | re.MULTILINE)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _read_as_text(value: str) -> bool:
    """Whether every YAML reader (PyYAML reads YAML 1.1: `No`, `on`, `1.0`, `010`, `~` are not text) sees `value` as text."""
    return _RESOLVER.resolve(ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _styled(old: Any, new: str) -> Any:
    """`new` in the quoting style of the value it replaces; double-quoted where a plain value would not read as text."""
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(new)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(new)
    return new if _read_as_text(new) else DoubleQuotedScalarString(new)


def _container(parent: Any, part: str | int, following: str | int | None) -> Any:
    """The child of `parent` at `part`, created (empty mapping or list) if missing."""
    make = CommentedSeq if isinstance(following, int) or (isinstance(following, str) and following.startswith("#")) \
        else CommentedMap
    if isinstance(part, str) and part.startswith("#"):
        for item in parent:
            if isinstance(item, dict) and item.get("id") == part[1:]:
                return item
        parent.append(CommentedMap([("id", part[1:])]))
        return parent[-1]
    if isinstance(parent, list):
        while len(parent) <= int(part):
            parent.append(None)
        if parent[int(part)] is None:
            parent[int(part)] = make()
        return parent[int(part)]
    if parent.get(part) is None:
        parent[part] = make()
    return parent[part]


def set_value(data: Any, path: UnitPath, value: str) -> bool:
    """Put `value` at `path` in round-trip data; True if anything changed."""
    parent = data
    for i, part in enumerate(path[:-1]):
        parent = _container(parent, part, path[i + 1])
    last = path[-1]
    if isinstance(parent, list):
        index = int(last)
        while len(parent) <= index:
            parent.append(None)
        old = parent[index]
        if old == value:
            return False
        parent[index] = _styled(old, value)
        return True
    old = parent.get(last)
    if old == value:
        return False
    parent[last] = _styled(old, value)
    return True


def update_yaml_text(text: str, values: list[tuple[UnitPath, str]]) -> str:
    """A YAML document with `values` set, or `text` itself when nothing changes."""
    text = text.removeprefix("\ufeff")  # a byte-order mark is accepted on reading, so it must not stop a write
    yaml = _yaml()
    data = yaml.load(text) if text.strip() else CommentedMap()
    if data is None:
        data = CommentedMap()
    changed = False
    for path, value in values:
        changed = set_value(data, path, value) or changed
    if not changed:
        return text
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def update_page_text(text: str, values: list[tuple[UnitPath, str]]) -> str:
    """A markdown page with front matter `values` set and its body (unit path ('body',)) replaced."""
    match = _SPLIT.match(text.removeprefix("\ufeff"))
    opening, front, closing, body = match.groups() if match else ("---\n", "", "---\n", "\n")
    fields = [(p, v) for p, v in values if p != (BODY,)]
    new_front = update_yaml_text(front, fields)
    for path, value in values:
        if path == (BODY,) and body.strip() != value.strip():
            empty = not body.strip()
            lead = "\n" if empty else body[: len(body) - len(body.lstrip())]
            trail = "\n" if empty else body[len(body.rstrip()):]
            body = lead + value.strip() + trail
    return opening + new_front + closing + body


def write_if_changed(file: Path, text: str) -> bool:
    """Write `text` to `file` unless it already holds exactly that; True if written."""
    if file.exists() and file.read_text(encoding="utf-8") == text:
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return True
