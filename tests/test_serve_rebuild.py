"""Under `mkdocs serve`, what a rebuild serves after any sequence of edits is byte for byte what a
fresh start of `mkdocs serve` on the same files serves (the rebuilds reuse unchanged work: kb_rebuild.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from difflib import unified_diff
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

DRIVER = Path(__file__).resolve().parent / "serve_rebuild.py"


def _run(*args: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("KB_LANGUAGE", "KB_REBUILD_CHECK")}
    proc = subprocess.run([sys.executable, str(DRIVER), *map(str, args)], capture_output=True, text=True, env=env,
                          cwd=cwd)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return proc.stdout


def _differences(served: Path, fresh: Path) -> list[str]:
    """Every file that is only on one side or differs in a byte, with the start of a diff of text files."""
    left = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
    right = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
    found = [f"only after the rebuilds: {name}" for name in sorted(left - right)]
    found += [f"only in the fresh build: {name}" for name in sorted(right - left)]
    for name in sorted(left & right):
        a, b = (served / name).read_bytes(), (fresh / name).read_bytes()
        if a != b:
            diff = unified_diff(a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines(),
                                "rebuilt", "fresh", n=1, lineterm="")
            found.append(f"differs: {name}\n" + "\n".join(list(diff)[:12]))
    return found


@pytest.mark.slow
def test_rebuilds_under_serve_serve_the_same_bytes_as_a_fresh_start(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    checkpoints = tmp_path / "checkpoints"
    counts = json.loads(_run("rebuild", project, tmp_path / "served", checkpoints, cwd=project).splitlines()[-1])
    for name in ("broken", "end"):
        point = checkpoints / name
        _run("fresh", point / "project", tmp_path / f"fresh-{name}", cwd=point / "project")
        assert _differences(point / "site", tmp_path / f"fresh-{name}") == [], name
    broken = (checkpoints / "broken" / "site" / "sv" / "index.html").read_text("utf-8")
    assert "listen-actively.sv.md" in broken  # the preview's panel names the broken file
    # The rebuilds did reuse work (otherwise this test would only compare two full builds).
    assert counts["renderings reused"] > 0 and counts["conversions reused"] > 0, counts
    assert counts["not fingerprinted"] == 0, counts
