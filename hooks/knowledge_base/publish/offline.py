"""The offline copy of the site: which built files a reader's browser keeps, and the service worker.

The precache is computed from the built output (never a fixed list), so pages other features add
are kept too. Files are grouped: `shared` (theme assets, used by every language), `core` (what
every language needs on a call: its live console, home page, cheat sheet, offline page, search
index and web app manifest) and one group per language (the rest of its pages and its 404 page).
`shared` and `core` are saved at the first visit, a language's group when one of its pages is
opened (or when the reader saves every language). The build id is a hash of every kept file's
path and bytes: a new deployment gets a new id, so the browser installs a new service worker that
fills new caches and drops the old ones only once the new ones are complete.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from urllib.parse import quote, unquote

from .site_map import lunr_language

SERVICE_WORKER = "sw.js"
_TEMPLATE = Path(__file__).with_name("service_worker.js")
# Files for programs or for printing on paper, not for reading on a call: not kept offline.
_SKIP_DIRS = {"api", "schemas", "pdf"}
_SKIP_SUFFIXES = {".md", ".txt", ".xml", ".gz", ".map", ".pdf"}
LUNR_FOLDER = "assets/javascripts/lunr/min"
_LUNR_LANGUAGE = re.compile(r"^assets/javascripts/lunr/(?:min/lunr\.(?P<lang>[a-z]+)\.min\.js|(?:tinyseg|wordcut)\.js)$")
_LUNR_ALWAYS = {"stemmer", "multi"}
_SEGMENT_SAFE = "!*'()"  # with letters, digits and -_.~: what JavaScript's encodeURIComponent leaves as it is
# Kept for every language at the first visit (paths inside a language's root).
CORE = ("", "live/", "cheatsheet/", "offline/", "search/search_index.json", "manifest.webmanifest")


def _kept(rel: str, lunr: Collection[str]) -> bool:
    parts = rel.split("/")
    if rel == SERVICE_WORKER or _SKIP_DIRS.intersection(parts[:2]) or Path(rel).suffix in _SKIP_SUFFIXES:
        return False
    match = _LUNR_LANGUAGE.match(rel)
    return match is None or (match["lang"] or "") in lunr


def _url(rel: str) -> str:
    """The URL (relative to the site root) a file is requested by: directories for index pages, each path segment
    percent-encoded as service_worker.js's canonicalPath does (spaces, '#', '?', '%' and non-ASCII letters)."""
    path = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
    return "/".join(quote(segment, safe=_SEGMENT_SAFE) for segment in path.split("/"))


def precache_groups(site: Path, languages: Sequence[str], default: str) -> dict[str, list[str]]:
    """Every file a reader needs offline, by group (`shared`, `core` or a language), as root-relative URLs."""
    groups: dict[str, list[str]] = {"shared": [], "core": [], **{lang: [] for lang in languages}}
    available = {p.name.split(".")[1] for p in (site / LUNR_FOLDER).glob("lunr.*.min.js")}
    lunr = {code for lang in languages if (code := lunr_language(lang, available))} | _LUNR_ALWAYS
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        if not _kept(rel, lunr):
            continue
        first, _, rest = rel.partition("/")
        lang, inside = (first, rest) if first in languages and first != default and rest else (default, rel)
        if first == "assets":
            groups["shared"].append(_url(rel))
        elif _url(inside) in CORE:
            groups["core"].append(_url(rel))
        else:
            groups[lang].append(_url(rel))
    return groups


def build_id(site: Path, groups: dict[str, list[str]]) -> str:
    """A short hash naming this build: changes when any kept file's path or bytes change."""
    digest = hashlib.sha256()
    for url in sorted(u for urls in groups.values() for u in urls):
        path = site / unquote(url + "index.html" if url == "" or url.endswith("/") else url)
        digest.update(url.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:10]


def service_worker(groups: dict[str, list[str]], build: str, default: str, not_found: dict[str, str],
                   offline_pages: dict[str, str] | None = None, file_offline: dict[str, str] | None = None) -> str:
    """The service worker script, with this build's id and precache manifest filled in.

    Per language: `not_found` its 404 page, `offline_pages` its offline page (for a page not saved)
    and `file_offline` the plain text answered for a file (PDF, JSON, ...) not saved.
    """
    manifest = {"build": build, "default": default, "groups": groups, "notFound": not_found,
                "offlinePage": offline_pages or {}, "fileOffline": file_offline or {}}
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return _TEMPLATE.read_text(encoding="utf-8").replace("/*KB_MANIFEST*/null", text)
