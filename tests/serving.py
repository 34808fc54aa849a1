"""A real `mkdocs serve` for the tests that drive one: a free loopback port, and waiting until it listens."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from bench_serve import free_port

__all__ = ["WAIT_S", "free_port", "wait_until_listening"]

WAIT_S = 90  # upper bound for a build or rebuild on a busy machine; polling returns as soon as it is done


def wait_until_listening(proc: subprocess.Popen, port: int, log: Path) -> None:
    """Return once the server answers on `port`; fail with its log if it ends or does not start within WAIT_S."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("mkdocs serve did not start:\n" + log.read_text())
