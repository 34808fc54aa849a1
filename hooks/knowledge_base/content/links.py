"""Symbolic links under the folders the build reads (`docs/`, `locales/`).

MkDocs follows every link under `docs/` and publishes what it finds: a link to a file outside the
project would publish that file, and a link to a folder that contains it makes MkDocs walk the
same folders again and again until the operating system gives up (a traceback). `unsafe_links`
finds both before anything is read, each with the path of the link and a hint.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import ContentError



def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def unsafe_links(root: Path, folders: Sequence[Path]) -> list[ContentError]:
    """Every link under `folders` that leads out of `root`, loops, or leads nowhere; folders are walked once."""
    root = root.resolve()
    found: list[ContentError] = []
    seen: set[Path] = set()
    pending = [folder for folder in folders if folder.is_dir()]
    while pending:
        folder = pending.pop()
        real = folder.resolve()
        if real in seen:
            continue
        seen.add(real)
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = Path(entry.path)
                if not entry.is_symlink():
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(path)
                    continue
                problem = _link_problem(path, root)
                if problem:
                    found.append(ContentError(_shown(path, root), code=problem[0], params={"target": problem[1]}))
                elif path.is_dir():
                    pending.append(path)
    return found


def _link_problem(link: Path, root: Path) -> tuple[str, str] | None:
    """Why a symbolic link cannot be followed safely (a message key) and where it leads; None when it can."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, FileNotFoundError):
            return "safety.link_missing", os.readlink(link)
        return "safety.link_self", os.readlink(link)
    if not target.is_relative_to(root):
        return "safety.link_outside", str(target)
    if target.is_dir() and link.parent.resolve().is_relative_to(target):
        return "safety.link_loop", os.readlink(link)
    return None


def under_link(path: str, links: Sequence[str]) -> bool:
    """Whether the file `path` (as shown, relative to the project) is one of `links` or lies under one."""
    return any(path == link or path.startswith(link.rstrip("/") + "/") for link in links)
