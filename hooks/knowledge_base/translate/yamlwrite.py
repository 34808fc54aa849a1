"""Write translated texts back into locale files and page front matter, keeping everything else.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and layout; only the values
that change are rewritten, and a file whose values do not change is not written at all. A value
that a YAML 1.1 reader (PyYAML, MkDocs) would not read back as the same text (`No`, `on`, `1.0`,
`~`, `2024-01-01`) is written in quotes.

Every file the tools write goes through `write_if_changed`: a temporary file in the same folder,
flushed to disk, then renamed over the old one, so a reader or an interrupted run never sees half
a file. `project_lock` serialises whole read-modify-write runs (`reviewed`, `import`) of several
processes with an advisory lock on `.kb-write.lock` at the project root.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml as yaml11
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from ..content.units import BODY, UnitPath

_SPLIT = re.compile(r"\A(---[ \t]*\r?\n)(.*?)(^---[ \t]*\r?$\n?)(.*)\Z", re.DOTALL | re.MULTILINE)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


_RESOLVER = yaml11.resolver.Resolver()


_INDICATOR_START = tuple("-?:,[]{}#&*!|>'\"%@`")


def reads_back_as_text(value: str) -> bool:
    """Whether `value`, written without quotes, is read back as this text by a YAML 1.1 reader too.

    Besides YAML 1.1's other types (`No`, `1.0`), a plain value may not start with an indicator
    (`- `, `? `, `: `, `*`, ...) or hold `: ` or ` #`: in a list written in brackets, ruamel.yaml
    writes some of those plain, and PyYAML then reads something else or nothing.
    """
    if not value or value != value.strip() or value.startswith(_INDICATOR_START) or ": " in value or " #" in value:
        return False
    return _RESOLVER.resolve(yaml11.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _styled(old: Any, new: str) -> Any:
    """`new` in the quoting style of the value it replaces; quoted where YAML 1.1 would read something else."""
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(new)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(new)
    return new if reads_back_as_text(new) else DoubleQuotedScalarString(new)


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
    """Write `text` to `file` atomically unless it already holds exactly that; True if written.

    The text goes to a temporary file in the same folder, is flushed to disk and renamed over
    `file`: readers and an interrupted run see the old file or the new one, never a part.
    """
    if file.is_file() and file.read_bytes() == text.encode("utf-8"):
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        if file.exists():
            os.chmod(temporary, file.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(file.parent)
    return True


def remove_file(file: Path) -> None:
    """Remove `file` (if there), recorded on disk like a write."""
    file.unlink(missing_ok=True)
    _sync_folder(file.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system allows opening a folder)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


LOCK_FILE = ".kb-write.lock"
_held: dict[Path, tuple[int, int]] = {}  # lock file -> (descriptor, depth): the lock is re-entrant in a process
_guard = threading.Lock()


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's write lock (`.kb-write.lock`, advisory) for a whole read-modify-write run.

    Another process waits until it is released; nested use in one process is free.
    """
    path = (root / LOCK_FILE).resolve()
    with _guard:
        held = _held.get(path)
        if held is not None:
            _held[path] = (held[0], held[1] + 1)
    if held is None:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        fcntl.flock(handle, fcntl.LOCK_EX)
        with _guard:
            _held[path] = (handle, 1)
    try:
        yield
    finally:
        with _guard:
            handle, depth = _held[path]
            if depth > 1:
                _held[path] = (handle, depth - 1)
            else:
                del _held[path]
                fcntl.flock(handle, fcntl.LOCK_UN)
                os.close(handle)
