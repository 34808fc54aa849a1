"""MkDocs glue for the life of `mkdocs serve`: saved files noticed sooner, and a clean stop on any polite signal.

- MkDocs looks for changed files every 0.5 s, then waits 0.1 s for more changes: a save waited
  0.35 s on average before its rebuild began. On Linux the system tells of each save at once
  (inotify, through watchdog's own observer); a watched file (mkdocs.yml, the team profile) is
  followed through its folder, so that an editor that saves by replacing the file is seen too.
  Where that cannot start (no inotify, or its limit of watches reached), MkDocs' polling stays
  and looks every 0.15 s. Either way the rebuild starts 0.05 s after the last change seen
  instead of 0.1 s (an editor writes a save's files within one notification or one look).
- `mkdocs serve` builds into a temporary folder (in memory under `./run serve`) and removes it when
  it stops on Ctrl+C. Stopped any other polite way (a closed terminal's SIGHUP, a process
  manager's SIGTERM), Python ended at once and left that copy of the whole site behind, in memory.
  Here those signals stop the server as Ctrl+C does, so MkDocs removes its folder.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

from mkdocs.plugins import event_priority, get_plugin_logger
from watchdog.events import (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)

log = get_plugin_logger("knowledge-base")
# What the polling observer reports, no more: a build opening and reading files must not ask for another.
_CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent]

WATCH_INTERVAL_S = 0.15
QUIET_S = 0.05  # after a change is seen, the rebuild waits this long without another one
# Signals that ask a process to end, with nothing of its own set for them: ended like Ctrl+C under serve.
_POLITE_STOPS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def _as_ctrl_c(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def on_startup(command: str, **kwargs: Any) -> None:
    """Under serve, end on SIGTERM and SIGHUP as on Ctrl+C, where nobody else has set what they do."""
    if command != "serve" or threading.current_thread() is not threading.main_thread():
        return
    for stop in _POLITE_STOPS:
        if signal.getsignal(stop) == signal.SIG_DFL:
            signal.signal(stop, _as_ctrl_c)


class _OneFile(FileSystemEventHandler):
    """MkDocs' handler for a watched file, fed by a watch of its folder: only events of that file pass."""

    def __init__(self, handler: FileSystemEventHandler, path: str) -> None:
        self.handler, self.path = handler, path

    def dispatch(self, event: FileSystemEvent) -> None:
        if self.path in (os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")):
            self.handler.dispatch(event)


def _schedule(observer: Any, watches: dict[str, Any], handlers: dict[Any, set[Any]]) -> dict[str, Any]:
    """Every watch of MkDocs' observer on `observer` (a watched file through its folder); the new watches by path."""
    refs = {}
    for path, watch in watches.items():
        for handler in handlers.get(watch, ()):
            if os.path.isdir(path):
                refs[path] = observer.schedule(handler, path, recursive=watch.is_recursive, event_filter=_CHANGES)
            else:
                refs[path] = observer.schedule(_OneFile(handler, path), os.path.dirname(path), recursive=False,
                                               event_filter=_CHANGES)
    return refs


def _notified(server: Any) -> bool:
    """Move every watch of MkDocs' polling observer, not started yet, to the system's notifications."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return False
    polling = getattr(server, "observer", None)
    handlers, watches = getattr(polling, "_handlers", None), getattr(server, "_watch_refs", None)
    if not isinstance(handlers, dict) or not isinstance(watches, dict) or polling.is_alive():
        return False  # not the MkDocs and watchdog this was written for: MkDocs' polling stays
    probe = InotifyObserver()  # the system sets up the watches when an observer starts: try them first
    try:
        _schedule(probe, watches, handlers)
        probe.start()
    except OSError as exc:  # e.g. the system's limit of inotify watches
        log.info("Watching files by polling every %.2f s (%s)", WATCH_INTERVAL_S, exc)
        return False
    finally:
        probe.stop()
        if probe.is_alive():
            probe.join()
    native = InotifyObserver()
    server._watch_refs = _schedule(native, watches, handlers)
    server.observer = native
    return True


def _faster_polling(server: Any) -> None:
    observer = getattr(server, "observer", None)
    for watcher in (observer, *getattr(observer, "emitters", ())):
        if isinstance(getattr(watcher, "_timeout", None), (int, float)):
            watcher._timeout = min(watcher._timeout, WATCH_INTERVAL_S)


@event_priority(-100)  # after kb.py and plugins added their folders to watch
def on_serve(server: Any, **kwargs: Any) -> Any:
    """Learn of saved files from the system (or look every 0.15 s instead of 0.5 s), and start the rebuild
    0.05 s after the last change seen instead of 0.1 s."""
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = min(server.build_delay, QUIET_S)
    if not _notified(server):
        _faster_polling(server)
    return server
