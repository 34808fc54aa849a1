"""Benchmark: how long `mkdocs serve` takes from saving a file to serving the changed page.

    ./run bench serve                      (the project's own catalog, all three languages)
    ./run bench serve --techniques 200     (a synthetic catalog of 200 techniques, as `./run bench`)
    ./run bench serve --edits 20 --port 8001

It copies the catalog into a temp dir, starts a real `mkdocs serve` on a loopback port, then
edits files one after another, alternating a technique page (English, then Swedish) and a
locale label shown on that page (Swedish, then Spanish). After each save it waits as the
browser's live reload does (a long poll of /livereload/ that returns when a newer build is
served), then loads the page until its HTML holds the new text. It prints the time of each edit,
the server's CPU time for it, the median and the worst. Nothing here is asserted: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_catalog  # noqa: E402  (tools/ is not a package)

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 900.0  # the first build of 500 techniques on a busy 2-core machine
EDIT_TIMEOUT_S = 120.0
SETTLE_S = 1.0  # between edits, so that each rebuild starts from a quiet server


@dataclass(frozen=True)
class Edit:
    """One kind of save: which file, how to put the marker in, and which page shows it."""

    name: str
    path: str
    url: str
    apply: object  # Callable[[str, str], str]: (file text, marker) -> new file text


def _technique_prose(text: str, marker: str) -> str:
    """Rewrite the last line of the page's prose (after the front matter) to end with the marker."""
    head, _, body = text.rpartition("\n---\n")
    lines = body.rstrip("\n").split("\n")
    lines[-1] = re.sub(r" ?benchedit\w+$", "", lines[-1]) + f" {marker}"
    return f"{head}\n---\n" + "\n".join(lines) + "\n"


def _label(key: str) -> object:
    """Rewrite the locale label `section.name` (a plain one-line value) to end with the marker."""
    section, name = key.split(".")

    def apply(text: str, marker: str) -> str:
        pattern = re.compile(rf"(^{section}:\n(?:[ #].*\n|\n)*?  {name}: )(.*?)(?: benchedit\w+)?$", re.MULTILINE)
        new, count = pattern.subn(lambda m: f"{m[1]}{m[2]} {marker}", text, count=1)
        if not count:
            raise SystemExit(f"bench serve: no label {key} in the locale file")
        return new
    return apply


def edits(technique: str) -> list[Edit]:
    """The kinds of edit, in the order they alternate: page, label, page, label."""
    return [
        Edit("page en", f"docs/techniques/{technique}.en.md", f"techniques/{technique}/", _technique_prose),
        Edit("label sv", "locales/sv.yml", f"sv/techniques/{technique}/", _label("technique.why")),
        Edit("page sv", f"docs/techniques/{technique}.sv.md", f"sv/techniques/{technique}/", _technique_prose),
        Edit("label es", "locales/es.yml", f"es/techniques/{technique}/", _label("technique.why")),
    ]


def copy_project(project: Path, techniques: int | None) -> str:
    """The project's catalog (techniques=None) or a synthetic one in `project`; returns the technique edited."""
    if techniques is not None:
        make_catalog(project, techniques)
        return "technique-0000"
    for part in ("mkdocs.yml", "hooks", "locales", "overrides", "docs", "schemas"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, project / part)
    return "let-them-vent"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT_S) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def cpu_seconds(pid: int) -> float | None:
    """CPU time the process has used (user + system), where /proc tells: a figure a busy machine inflates less."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")


def epoch_of(page: str) -> tuple[int, int]:
    """The site version a served page shows and its request id, from the live-reload script MkDocs injects."""
    match = _LIVERELOAD.search(page)
    if match is None:
        raise SystemExit("bench serve: the served page has no live-reload script")
    return int(match[1]), int(match[2])


def wait_for(base: str, url: str, marker: str, epoch: int, request: int, timeout: float,
             server: subprocess.Popen) -> tuple[float, int, int]:
    """Seconds until the page at `url` holds `marker`, waiting as the browser does: a long poll of
    /livereload/<epoch>/ returns when a newer build is served, then the page is loaded again."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise SystemExit("bench serve: mkdocs serve stopped")
        answer = fetch(f"{base}livereload/{epoch}/{request}")
        if answer is None or int(answer) <= epoch:
            continue
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - start, *epoch_of(page)
        epoch = int(answer)
    raise SystemExit(f"bench serve: {url} did not show {marker} within {timeout:.0f} s")


Result = tuple[str, float, "float | None"]  # kind of edit, seconds, server CPU seconds


def run(project: Path, technique: str, count: int, port: int, languages: str | None) -> list[Result]:
    """Start `mkdocs serve` on `project`, make `count` edits, and return (kind, seconds, server CPU seconds) of each."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "TMPDIR" not in env and os.access("/dev/shm", os.W_OK):  # the site folder in memory, as `./run serve` has it
        env["TMPDIR"] = "/dev/shm"
    env.pop("KB_LANGUAGE", None)
    if languages:
        env["KB_LANGUAGE"] = languages
    log = (project / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
                               str(project / "mkdocs.yml")], stdout=log, stderr=subprocess.STDOUT, env=env,
                              cwd=project)
    base = f"http://127.0.0.1:{port}/"
    kinds = [e for e in edits(technique) if languages in (None, "sv") or "sv" not in e.name]
    results: list[Result] = []
    try:
        start = time.perf_counter()
        while fetch(base) is None:
            if server.poll() is not None or time.perf_counter() - start > START_TIMEOUT_S:
                log_text = (project / "serve.log").read_text()
                raise SystemExit("bench serve: the server did not start:\n" + log_text[-3000:])
            time.sleep(0.2)
        print(f"first build and start: {time.perf_counter() - start:.1f} s", flush=True)
        epoch, request = epoch_of(fetch(base) or "")
        for n in range(count):
            edit = kinds[n % len(kinds)]
            marker = f"benchedit{n}x{os.getpid()}"
            path = project / edit.path
            new = edit.apply(path.read_text("utf-8"), marker)
            time.sleep(SETTLE_S)
            cpu_before = cpu_seconds(server.pid)
            path.write_text(new, "utf-8")  # the clock starts at the save
            seconds, epoch, request = wait_for(base, base + edit.url, marker, epoch, request, EDIT_TIMEOUT_S, server)
            cpu_after = cpu_seconds(server.pid)
            cpu = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
            results.append((edit.name, seconds, cpu))
            used = f"  (server CPU {cpu:.2f} s)" if cpu is not None else ""
            print(f"edit {n + 1:>2} {edit.name:<9} {seconds:6.2f} s{used}", flush=True)
    except SystemExit:
        log.flush()
        print((project / "serve.log").read_text()[-3000:], file=sys.stderr)
        raise
    finally:
        # As Ctrl-C (hooks/kb_serve.py): mkdocs serve removes its temporary site folder. Not SIGINT itself, which a
        # benchmark started in the background passes on ignored.
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    built = re.findall(r"Documentation built in ([0-9.]+) seconds", (project / "serve.log").read_text("utf-8"))
    print(f"build times mkdocs logged after the first (not every rebuild logs one): {' '.join(built[1:])} s")
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./run bench serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--techniques", type=int, help="a synthetic catalog of this many techniques "
                        "(default: the project's own catalog)")
    parser.add_argument("--edits", type=int, default=12, help="how many edits to time (default 12)")
    parser.add_argument("--port", type=int, default=0, help="loopback port for mkdocs serve (default: a free one)")
    parser.add_argument("--language", help="serve only English and this language (KB_LANGUAGE)")
    args = parser.parse_args(argv)
    print(f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M')} · load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = Path(tmp)
        technique = copy_project(project, args.techniques)
        what = f"{args.techniques} techniques" if args.techniques is not None else "the project's catalog"
        print(f"mkdocs serve, {what}, languages: {'en + ' + args.language if args.language else 'all'}", flush=True)
        results = run(project, technique, args.edits, args.port or free_port(), args.language)
    seconds = [s for _, s, _ in results]
    cpu = [c for _, _, c in results if c is not None]
    print(f"median {statistics.median(seconds):.2f} s · worst {max(seconds):.2f} s · {len(seconds)} edits · "
          f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if cpu:
        print(f"server CPU per edit: median {statistics.median(cpu):.2f} s · worst {max(cpu):.2f} s "
              "(what the save cost the server; the wait above also holds detection and a busy machine's queue)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
