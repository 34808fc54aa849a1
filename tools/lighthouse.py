"""Lighthouse on a local build: accessibility and performance scores and layout shift, on a phone.

    ./run lighthouse [--lang en sv es] [--runs N] [--site DIR] [--port N]

Builds the site (or takes a built one with --site), serves it on loopback the way a static host
does (gzip for text files), and runs npm's `lighthouse` (installed by `./run lighthouse` into
`.cache/lighthouse/`) with Debian's Chromium, in its default mobile emulation, on the live
console, the home page, a technique page and the cards index of each language. Prints one row
per page: accessibility and performance scores, cumulative layout shift, and the ids of the
accessibility audits that failed; with --runs N, the median of N runs (the performance score
moves with the machine's load). Nothing here is asserted: it prints figures (the README
quotes them); the test suite checks the same concerns with axe and its own layout-shift test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

from knowledge_base.render.markup import site_path  # noqa: E402
from printing import CHROMIUM, QuietHandler  # noqa: E402

LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = [("console", ""), ("home", ""), ("technique", "let-them-vent"), ("cards", "")]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".md"}


class GzipHandler(QuietHandler):
    """Static files, text ones gzip-compressed when the browser accepts it (as hosts serve them)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # also redirects a folder without its trailing slash
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def build(out: Path, site_url: str) -> Path:
    """`mkdocs build --strict` of the project into `out`, published at `site_url`."""
    env = os.environ | {"KB_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)
    return out


def audit(url: str) -> dict[str, object]:
    """One Lighthouse run (mobile): scores, layout shift and failed accessibility audits."""
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=accessibility,performance",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env=os.environ | {"CHROME_PATH": CHROMIUM}, check=False)
    if proc.returncode:
        raise SystemExit(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    categories, audits = report["categories"], report["audits"]
    failed = [ref["id"] for ref in categories["accessibility"]["auditRefs"]
              if ref["weight"] and audits[ref["id"]]["score"] not in (None, 1)]
    return {
        "accessibility": round(categories["accessibility"]["score"] * 100),
        "performance": round(categories["performance"]["score"] * 100),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": failed,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", default=["en", "sv", "es"])
    parser.add_argument("--site", type=Path, help="a site already built for http://127.0.0.1:PORT/")
    parser.add_argument("--port", type=int, default=8650)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run ./run lighthouse, which installs it with npm")
    base = f"http://127.0.0.1:{args.port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp) / "site", base)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port),
                                                 functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print(f"{'page':<34} {'a11y':>5} {'perf':>5} {'CLS':>6}  failed accessibility audits")
            for lang in args.lang:
                for kind, item in PAGES:
                    path = site_path(lang, kind, item)
                    runs = [audit(base + path) for _ in range(max(1, args.runs))]
                    result = {key: statistics.median(r[key] for r in runs) for key in ("accessibility", "performance", "cls")}
                    result["failed"] = sorted({f for r in runs for f in r["failed"]})
                    print(f"/{path:<33} {result['accessibility']:>5g} {result['performance']:>5g} "
                          f"{result['cls']:>6.3f}  {' '.join(result['failed']) or '-'}", flush=True)
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
