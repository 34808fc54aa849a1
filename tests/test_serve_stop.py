"""A `mkdocs serve` stopped by a closed terminal (SIGHUP) or a process manager (SIGTERM) ends as on
Ctrl+C: it removes its temporary copy of the site (kept in memory under `./run serve`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from minisite import mini_project
from serving import WAIT_S, free_port, wait_until_listening


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_stopped_preview_leaves_no_copy_of_the_site_behind(tmp_path: Path, stop: signal.Signals) -> None:
    project = mini_project(tmp_path / "project")
    temp = tmp_path / "temp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                                env=env, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_as_in_a_terminal)
        try:
            wait_until_listening(proc, port, log)
            assert [p.name for p in temp.iterdir() if p.name.startswith("mkdocs_")], "serve builds into TMPDIR"
            proc.send_signal(stop)
            code = proc.wait(timeout=WAIT_S)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert code == 0, log.read_text()
    assert not list(temp.iterdir()), log.read_text()


def _as_in_a_terminal() -> None:
    """In the server's process, before it starts: each signal does what it does in a terminal. A suite started in
    the background (CI, `&`) passes SIGINT on ignored, and `nohup` SIGHUP."""
    for stop in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(stop, signal.SIG_DFL)

