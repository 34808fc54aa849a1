"""How the preview learns of saved files: every save is seen once, however the editor saves it; a
rebuild reading the files does not start another one, nor does a file beside mkdocs.yml that is not
part of the site (kb_serve.py)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.inotify import InotifyObserver

import kb_serve
from minisite import mini_project
from serving import WAIT_S, free_port, wait_until_listening

QUIET_S = 2.0  # long enough for a rebuild started by mistake to show in the log
REBUILD = "Detected file changes"


def _page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=WAIT_S) as response:
        return response.read().decode("utf-8")


def _wait_for(port: int, path: str, text: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if text in _page(port, path):  # the server answers once the rebuild is done
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never served at /{path}:\n{log.read_text()}")


def _replace(file: Path, old: str, new: str) -> None:
    """Save as many editors do: write a new file beside it, then rename it over the old one."""
    spare = file.with_name(file.name + ".tmp")
    spare.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.replace(spare, file)


def test_each_save_rebuilds_once_however_it_is_written(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_listening(proc, port, log)
            _page(port, "techniques/breathe/")
            time.sleep(QUIET_S)
            assert log.read_text().count(REBUILD) == 0, "reading files (a build, a served page) is no change"

            page = project / "docs" / "techniques" / "breathe.en.md"
            page.write_text(page.read_text(encoding="utf-8").replace("Why breathing helps.", "Why a breath helps."),
                            encoding="utf-8")
            _wait_for(port, "techniques/breathe/", "Why a breath helps.", log)
            time.sleep(QUIET_S)
            assert log.read_text().count(REBUILD) == 1, log.read_text()

            _replace(project / "mkdocs.yml", "primary: indigo", "primary: teal")
            _wait_for(port, "techniques/breathe/", 'data-md-color-primary="teal"', log)

            _replace(project / "locales" / "sv.yml", "why: Därför fungerar det", "why: Så fungerar det")
            _wait_for(port, "sv/techniques/breathe/", "Så fungerar det", log)
            (project / "notes.txt").write_text("Not part of the site.\n", encoding="utf-8")  # beside mkdocs.yml
            time.sleep(QUIET_S)
            assert log.read_text().count(REBUILD) == 3, log.read_text()
        finally:
            proc.terminate()
            proc.wait(timeout=WAIT_S)


def _server(tmp_path: Path) -> LiveReloadServer:
    """MkDocs' preview server as `mkdocs serve` makes it, watching a folder and a file, not started."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    return server


def test_the_preview_hears_of_saves_from_the_system(tmp_path: Path) -> None:
    server = _server(tmp_path)
    kb_serve.on_serve(server)
    assert isinstance(server.observer, InotifyObserver)
    assert sorted(server._watch_refs) == [str(tmp_path / "docs"), str(tmp_path / "mkdocs.yml")]
    assert server.build_delay == kb_serve.QUIET_S


def test_out_of_system_watches_the_preview_looks_for_saves_itself(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's limit of inotify watches reached (a machine with many projects open): MkDocs' polling
    stays, looking every 0.15 s instead of 0.5 s, and the server starts."""
    def refuse(self: InotifyObserver) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    server = _server(tmp_path)
    polling = server.observer
    monkeypatch.setattr(InotifyObserver, "start", refuse)
    kb_serve.on_serve(server)
    assert server.observer is polling
    assert [e.timeout for e in polling.emitters] == [kb_serve.WATCH_INTERVAL_S] * 2
