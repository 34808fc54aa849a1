"""A `mkdocs serve` stopped by a closed terminal (SIGHUP) or a process manager (SIGTERM) ends as on
Ctrl+C: it removes its temporary copy of the site (kept in memory under `./run serve`)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minisite import mini_project
from test_preview_browser import WAIT_S, free_port


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
            deadline = time.monotonic() + WAIT_S
            while not _listening(port):
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
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


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
