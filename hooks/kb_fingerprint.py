"""Fingerprints of what MkDocs hands a page's conversion and its template, for `kb_rebuild`.

`plain` turns a value into plain JSON data that is equal exactly when the inputs a template or
a conversion reads are equal: pages, files, the navigation, tables of contents, the
configuration with its plugins' settings and the theme. A value of a kind not known here
raises `Uncacheable`, so that work is done again rather than reused unseen. The navigation,
the file lists and plugin settings do not change while one language's pages are built: their
digest is computed once per language build (`forget` starts a new one). `Results` keeps
what one rebuild made for the next. This module is not itself a hook; kb_rebuild and kb_outputs import it.
"""

from __future__ import annotations

import hashlib
import json
import os
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.localization import Locale
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme

# What a page holds that its own rendering does not put into its template's output (work in progress, or
# read only by MkDocs after the page is written).
PAGE_SKIP = frozenset({"render", "markdown", "links_to_anchors", "present_anchor_ids", "kb_blocks", "parent",
                        "children", "previous_page", "next_page", "_Page__active"})


CHECK = "KB_REBUILD_CHECK"  # set: every reused result is computed again and compared


class Results:
    """Results of this and the previous rebuild under serve, by fingerprint of their input. Each rebuild keeps
    only what the one before it used (`next_rebuild_everywhere`, after the last language)."""

    every: list[Results] = []

    def __init__(self) -> None:
        self.kept: dict[object, Any] = {}
        self.used: dict[object, Any] = {}
        self.reused = 0
        self.done = 0
        self.fresh: list[object] = []  # put by the current language build
        Results.every.append(self)

    def get(self, key: object) -> Any:
        value = self.kept.get(key)
        if value is None:
            value = self.used.get(key)
        if value is not None:
            self.used[key] = value
            self.reused += 1
        return value

    def put(self, key: object, value: Any) -> None:
        self.used[key] = value
        self.fresh.append(key)
        self.done += 1

    def reuse(self, key: object, make: Callable[[], Any]) -> Any:
        """`make()` (whose result depends on nothing but `key`), or its result for the same key."""
        known = self.get(key)
        if known is not None and not os.environ.get(CHECK):
            return known
        value = make()
        if known is not None and known != value:
            raise RuntimeError(f"{CHECK}: a reused result differs from a fresh one ({make!r})")
        self.put(key, value)
        return value

    def start_build(self) -> None:
        self.fresh = []

    def forget_this_build(self) -> None:
        for key in self.fresh:
            self.used.pop(key, None)
        self.fresh = []

    def next_rebuild(self) -> None:
        """Keep only what the rebuild that just ended used."""
        self.kept, self.used = self.used, {}

    @classmethod
    def next_rebuild_everywhere(cls) -> None:
        """A rebuild ended: every kind of result keeps only what it used."""
        for results in cls.every:
            results.next_rebuild()


class Uncacheable(Exception):
    """A value of a kind this module does not fingerprint: the work is done again."""


_memo: dict[int, tuple[object, object]] = {}  # per language build: fingerprints of the nav and file lists


def forget() -> None:
    """A new language build (or a check of this one): no digest of an earlier object is used again."""
    _memo.clear()


def digest(value: object) -> bytes:
    """A short hash of plain JSON data (from `plain`)."""
    return hashlib.blake2b(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                           digest_size=20).digest()


def text_digest(value: str) -> str:
    """A short hash of a long text (a page's HTML or markdown), cheaper than putting the text in a fingerprint."""
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def file_fingerprint(file: File) -> list[object]:
    """A file's addresses and kind, and its language and translations (mkdocs-static-i18n's attributes)."""
    return ["file", file.src_uri, file.dest_uri, file.url, str(file.inclusion), file.abs_src_path is None,
            getattr(file, "locale", None), getattr(file, "locale_alternate_of", None),
            sorted((lang, f.url) for lang, f in (getattr(file, "alternates", None) or {}).items())]


def toc_fingerprint(items: Iterable[AnchorLink]) -> list[object]:
    """A table of contents: every heading's title, anchor and level."""
    return [[a.title, a.id, a.level, toc_fingerprint(a.children)] for a in items]


def other_page(page: Page) -> list[object]:
    """What a template reads of a page that is not the one being rendered (in the nav, its neighbours)."""
    return ["page", page.title, page.url, page.canonical_url, page.is_index, plain(page.meta), page.file.src_uri,
            plain({k: v for k, v in vars(page).items() if k not in PAGE_SKIP | {"toc", "content", "meta", "file"}})]


def _nav_item(item: object) -> list[object]:
    if isinstance(item, Page):
        return other_page(item)
    if isinstance(item, Section):
        return ["section", item.title, [_nav_item(child) for child in item.children]]
    if isinstance(item, Link):
        return ["link", item.title, item.url]
    raise Uncacheable(type(item).__name__)


def memoized(obj: object, make: Any) -> object:
    """The digest of `make(obj)`, computed once per object in this language build (the nav, the file lists
    and the theme's files do not change while a language's pages are built)."""
    known = _memo.get(id(obj))
    if known is None or known[0] is not obj:
        known = _memo[id(obj)] = (obj, digest(make(obj)).hex())
    return known[1]


def plain(value: object) -> object:
    """`value` as plain JSON data, equal for equal inputs of a template or a conversion."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(plain(v)) for v in value)
    if isinstance(value, Page):
        return other_page(value)
    if isinstance(value, File):
        return file_fingerprint(value)
    if isinstance(value, Navigation):
        return memoized(value, lambda nav: ["nav", [_nav_item(i) for i in nav.items],
                                             nav.homepage.url if nav.homepage else None])
    if isinstance(value, Files):
        return memoized(value, lambda files: [file_fingerprint(f) for f in files])
    if isinstance(value, (Section, Link)):
        return _nav_item(value)
    if isinstance(value, (TableOfContents, AnchorLink)):
        return toc_fingerprint(value if isinstance(value, TableOfContents) else [value])
    if isinstance(value, Theme):
        return ["theme", value.name, list(value.dirs), sorted(value.static_templates), plain(dict(value.items()))]
    if isinstance(value, PluginCollection):
        return [[name, type(plugin).__qualname__,
                 None if isinstance(plugin, types.ModuleType) else plain(plugin.config)]
                for name, plugin in value.items()]
    if isinstance(value, Config) and not isinstance(value, MkDocsConfig):  # a plugin's settings: part of
        return memoized(value, _mapping)  # the config fingerprint, which is checked again after the pages
    if isinstance(value, (Config, Mapping)):
        return _mapping(value)
    if isinstance(value, Locale):
        return ["locale", str(value)]
    if isinstance(value, ExtraScriptValue):
        return ["script", plain(vars(value))]
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        return f"{value.__module__}.{value.__qualname__}"
    raise Uncacheable(type(value).__name__)


def _mapping(value: Mapping[Any, Any]) -> list[object]:
    return [[str(k), plain(v)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
            if not isinstance(v, types.ModuleType)]


def theme_files(config: object) -> object:
    """Every template file of the theme with its size and modification time (icons excepted: they are assets)."""
    if not isinstance(config, MkDocsConfig):
        raise Uncacheable("no config")

    def stamps(dirs: tuple[str, ...]) -> list[object]:
        found = []
        for root in dirs:
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    if name.endswith((".html", ".xml", ".yml", ".js")) and "assets" not in folder:
                        st = os.stat(os.path.join(folder, name))
                        found.append([os.path.join(folder, name), st.st_mtime_ns, st.st_size])
        return found
    dirs = tuple(dict.fromkeys(config.theme.dirs))  # mkdocs-static-i18n adds a folder again in each language build
    return memoized(config.theme, lambda _: stamps(dirs))
