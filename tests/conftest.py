"""Shared fixtures: the real site built once per session, and tiny sites written into tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "sv", "es")
PROJECT_PARTS = ("mkdocs.yml", "hooks", "locales", "overrides", "docs")


@dataclass(frozen=True)
class Build:
    """The outcome of one `mkdocs build --strict`."""

    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path) -> Build:
    """Run `mkdocs build --strict` on `project` into `site`, as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(dest: Path) -> Path:
    """A full copy of the project's site sources in `dest`."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict into a temp dir."""
    out = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT, out / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build.site
