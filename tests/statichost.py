"""A static host on loopback as GitHub Pages or Netlify behave: the site under a subpath, and
`/404.html` (with status 404) for every path that does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from printing import QuietHandler, serve


class _Handler(QuietHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def static_host(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `site` at `prefix` on a free loopback port; yields the site's base URL."""
    with serve(site, type("Handler", (_Handler,), {"prefix": prefix})) as root:
        yield root + prefix[1:]
