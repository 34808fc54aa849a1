"""The real site builds with ProperDocs (the maintained fork of MkDocs 1.6) exactly as with MkDocs.

ProperDocs (pinned in requirements.txt) installs beside MkDocs in the same environment: its own
command `properdocs` redirects `mkdocs.*` imports to itself only in its own process. Only the
generator tag of each page and the service worker's build id (a hash of the files) may differ.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TEST_SITE_URL

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_BUILD_ID = re.compile(rb'"build":"[0-9a-f]+"')


def _normalised(file: Path) -> bytes:
    return _BUILD_ID.sub(b'"build":""', _GENERATOR.sub(b"", file.read_bytes()))


def test_properdocs_builds_the_same_site(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    env = {**os.environ, "KB_SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "WARNING" not in proc.stderr, proc.stderr[-3000:]
    assert b"ProperDocs" in (out / "index.html").read_bytes()  # it really was ProperDocs that built it
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == files
    differing = [name for name in files if _normalised(site / name) != _normalised(out / name)]
    assert differing == []
    for page in ("index.html", "sv/techniques/let-them-vent/index.html", "es/live/index.html", "sv/translations/index.html"):
        assert (out / page).stat().st_size > 1000, page
