"""Reading a built site the way a link checker would: pages, their links and their anchors."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href") is not None:
            self.links.append((found["href"] or "", set((found.get("class") or "").split())))


def parse(html: str) -> _Collector:
    """Ids and links (href, classes) of a page."""
    collector = _Collector()
    collector.feed(html)
    return collector


def prefix(lang: str) -> str:
    """The site-relative path of a language's pages: '' for English, 'sv/' for Swedish."""
    return "" if lang == "en" else f"{lang}/"


def page_file(site: Path, url_path: str) -> Path:
    """The file serving a site-relative URL path like 'sv/techniques/x/'."""
    path = site / url_path
    return path / "index.html" if url_path.endswith("/") or url_path == "" else path


def resolve(page_url: str, href: str) -> tuple[str, str] | None:
    """A link from `page_url` as (site-relative path, anchor); None if it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page_url, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join("/" + page_url, unquote(parts.path)))
    if parts.path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined.lstrip("/"), unquote(parts.fragment)


def html_pages(site: Path) -> dict[str, Path]:
    """Every HTML page by its site-relative URL ('sv/techniques/x/' for directory pages)."""
    pages = {}
    for file in site.rglob("*.html"):
        rel = file.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        pages[url] = file
    return pages
