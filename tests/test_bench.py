"""`./run bench` runs: every benchmark task at a tiny size, so none can break unnoticed.

Figures are printed, never asserted: the test only checks that each task finishes and reports
a row per build.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_build_benchmark_runs_with_and_without_hooks() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "3"], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {cols[1]: cols for line in proc.stdout.splitlines() if (cols := line.split())[:1] == ["3"]}
    assert set(rows) == {"yes", "no"}, proc.stdout
    with_hooks, plain = int(rows["yes"][3]), int(rows["no"][3])
    # The comparison build without hooks renders the plain pages (3 techniques, home, guide, sources, checklists,
    # per language); the hooks add cards, print sheets and status pages on top.
    assert plain >= 3 * 3 and with_hooks > plain, proc.stdout


def test_import_benchmark_runs_at_a_tiny_size() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "bench_import.py"), "50"], capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "export:" in proc.stdout and "import:" in proc.stdout, proc.stdout


def test_serve_benchmark_runs_with_one_edit() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "bench_serve.py"), "--edits", "1"], capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "edit  1" in proc.stdout and "median" in proc.stdout, proc.stdout
