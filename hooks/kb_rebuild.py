"""MkDocs glue for `mkdocs serve`: a rebuild converts and renders again only the pages whose inputs changed.

Every save under `mkdocs serve` rebuilds the whole site in every language. Profiled, converting
each page's markdown and rendering Material's template around it were most of a rebuild, yet
one edit changes few pages. So, under `serve` only (`mkdocs build` does all the work):

- a page's markdown is converted again only when what the conversion reads changed: the
  markdown after every hook, the page's file and address, the site's files (links resolve
  against them) and the markdown settings. Warnings logged by the conversion are logged again
  when its result is reused;
- a page's template is rendered again only when anything the template receives changed: the
  page (content, table of contents, metadata, title, neighbours, language), the navigation,
  every file, the configuration (labels in `extra`, the language switcher's links), and the
  theme's template files. The context is fingerprinted by value; a value of a kind not known
  here turns reuse off for that page, so a new plugin's context cannot be reused unseen. The
  404 page, rendered without a page of its own, is reused the same way;
- a page's entries in Material's search index are made again only when its content, table of
  contents, address, title or metadata changed, and its content without the `data-search-*`
  marks (Material takes them out with an expression over the whole page) only when its
  content changed;
- a page's front matter is parsed again only when the file's text changed.

Saved files are noticed sooner too: see kb_serve.py.

Nothing decides a later build's output except work whose complete input it repeats: a result is
kept under the fingerprint of its input, and results not used by the last rebuild are dropped.
With KB_REBUILD_CHECK=1 every reused result is also computed again and compared (the tests do).
"""

from __future__ import annotations

import copy
import functools
import logging
import os
import types
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from kb_build import i18n_finished
from kb_fingerprint import (CHECK, PAGE_SKIP, Results, Uncacheable, digest, file_fingerprint, forget, memoized, other_page,
                            plain, text_digest, theme_files, toc_fingerprint)

# Settings of MkDocs that a page's markdown conversion reads (Page.render and its tree processors).
_MARKDOWN_SETTINGS = ("markdown_extensions", "mdx_configs", "validation", "use_directory_urls", "docs_dir",
                      "site_url", "site_dir")
# The page (fingerprinted on its own), the list of pages (once per build) and the time of the build (no
# template of the theme prints it; a clean build at another time would differ as much).
_CONTEXT_SKIP = frozenset({"page", "pages", "build_date_utc", "config"})
# Theme templates rendered without a page whose output is reused like a page's (the theme's sitemap is
# not rendered at all: kb_outputs writes the sitemaps).
_PAGELESS = frozenset({"404.html"})


_serving = False
_converted = Results()
_rendered = Results()
_indexed_entries = Results()
_read_front_matter = Results()
_unmarked = Results()
_not_fingerprinted: set[str] = set()  # kinds of value met that turned reuse off
_build_config: tuple[MkDocsConfig, str] | None = None  # this language build's config and its fingerprint


def stats() -> dict[str, int]:
    """How many conversions and renderings the last rebuilds reused (for tests and benchmarks)."""
    return {"conversions reused": _converted.reused, "conversions done": _converted.done,
            "renderings reused": _rendered.reused, "renderings done": _rendered.done,
            "search entries reused": _indexed_entries.reused, "search entries done": _indexed_entries.done,
            "not fingerprinted": len(_not_fingerprinted)}


def _logged_again(records: list[logging.LogRecord]) -> None:
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _convert(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` (markdown to HTML), reused when the markdown and what the conversion reads are the same."""
    del page.render  # back to the class's method
    try:
        key = digest(["md", text_digest(page.markdown or ""), file_fingerprint(page.file), plain(files),
                       [plain(config.get(name)) for name in _MARKDOWN_SETTINGS]])
    except Uncacheable as exc:
        _not_fingerprinted.add(str(exc))
        page.render(config, files)
        return
    known = _converted.get(key)
    if known is not None and not os.environ.get(CHECK):
        content, toc, title, anchors, links, records = known
        page.content, page.toc, page._title_from_render = content, toc, title
        page.present_anchor_ids = set(anchors)
        if links is not None:
            page.links_to_anchors = {f: dict(v) for uri, v in links.items() if (f := files.get_file_from_path(uri))}
        _logged_again(records)
        return
    recorder = _Recorder()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(recorder)
    try:
        page.render(config, files)
    finally:
        mkdocs_log.removeHandler(recorder)
    links = {f.src_uri: dict(v) for f, v in page.links_to_anchors.items()} if page.links_to_anchors else None
    result = (page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()), links,
              recorder.records)
    same = known is None or (known[0], toc_fingerprint(known[1]), known[2]) == (result[0], toc_fingerprint(result[1]),
                                                                             result[2])
    if not same:
        raise RuntimeError(f"{CHECK}: the reused conversion of {page.file.src_uri} differs from a fresh one")
    _converted.put(key, result)


class ReusedTemplate(jinja2.Template):
    """A theme template whose output for a page is reused while its context is the same."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        page = context.get("page")
        if not _serving or not (isinstance(page, Page) or (page is None and self.name in _PAGELESS)):
            return super().render(*args, **kwargs)
        try:
            key = digest(["html", self.name, self.filename, theme_files(context.get("config")),
                           memoized(context.get("pages"), lambda files: [file_fingerprint(f) for f in files or ()]),
                           _config_digest(context.get("config")),
                           plain({k: v for k, v in context.items() if k not in _CONTEXT_SKIP}),
                           _page_fingerprint(page) if page is not None else None])
        except Uncacheable as exc:
            _not_fingerprinted.add(str(exc))
            return super().render(*args, **kwargs)
        known = _rendered.get(key)
        if known is not None and not os.environ.get(CHECK):
            return known
        output = super().render(*args, **kwargs)
        if known is not None and known != output:
            raise RuntimeError(f"{CHECK}: the reused page {page.file.src_uri} differs from a fresh rendering")
        _rendered.put(key, output)
        return output


def _page_fingerprint(page: Page) -> list[object]:
    """What a template reads of the page it renders."""
    current = {k: v for k, v in vars(page).items() if k not in PAGE_SKIP and k != "content"}
    return [text_digest(page.content or ""), page.title, page.url, page.is_homepage, plain(current),
            [other_page(p) if p else None for p in (page.previous_page, page.next_page)],
            [a.title for a in page.ancestors]]


def _front_matter(original: Any, doc: str) -> tuple[str, dict[str, Any]]:
    """MkDocs' `meta.get_data` (a page's front matter, read with PyYAML's pure-Python loader), reused for the same
    text; the data is copied, since hooks change `page.meta`."""
    known = _read_front_matter.get(doc)
    if known is not None and not os.environ.get(CHECK):
        return known[0], copy.deepcopy(known[1])
    markdown, data = original(doc)
    if known is not None and (known[0], known[1]) != (markdown, data):
        raise RuntimeError(f"{CHECK}: reused front matter differs from a fresh reading")
    _read_front_matter.put(doc, (markdown, copy.deepcopy(data)))
    return markdown, data


def _indexed(index: Any, original: Any, page: Page) -> None:
    """Material's `SearchIndex.add_entry_from_context`: the page's search entries, reused while what it reads
    is the same."""
    try:
        key = digest(["search", plain(index.config), text_digest(page.content or ""), toc_fingerprint(page.toc or ()),
                      page.url, page.title, plain(page.meta)])
    except Uncacheable as exc:
        _not_fingerprinted.add(str(exc))
        original(page)
        return
    known = _indexed_entries.get(key)
    if known is not None and not os.environ.get(CHECK):
        index.entries.extend(copy.deepcopy(known))
        return
    before = len(index.entries)
    original(page)
    entries = copy.deepcopy(index.entries[before:])
    if known is not None and known != entries:
        raise RuntimeError(f"{CHECK}: the reused search entries of {page.file.src_uri} differ from fresh ones")
    _indexed_entries.put(key, entries)


def _search_context(plugin: Any, original: Any, context: Any, *, page: Page, **kwargs: Any) -> Any:
    """Material's search `on_page_context`: index the page (through `_indexed`), then take the `data-search-*`
    marks out of its content (a regular expression over the whole page); the content without marks is reused
    for the same content."""
    if not plugin.config.enabled:
        return original(context, page=page, **kwargs)
    key = text_digest(page.content or "")
    known = _unmarked.get(key)
    if known is not None and not os.environ.get(CHECK):
        plugin.search_index.add_entry_from_context(page)
        page.content = known
        return None
    result = original(context, page=page, **kwargs)
    if known is not None and known != page.content:
        raise RuntimeError(f"{CHECK}: the reused search-ready content of {page.file.src_uri} differs from a fresh one")
    _unmarked.put(key, page.content)
    return result


def _config_fingerprint(config: MkDocsConfig) -> str:
    """The configuration but `extra`, as when this language's pages began (`extra` is fingerprinted per page:
    the language switcher's links change from page to page)."""
    return digest(plain({k: v for k, v in config.items() if k != "extra"})).hex()


def _config_digest(config: object) -> list[object]:
    if not isinstance(config, MkDocsConfig):
        raise Uncacheable("no config")
    if _build_config is None or _build_config[0] is not config:
        raise Uncacheable("config not fingerprinted")
    return [_build_config[1], plain(config.get("extra"))]


def on_startup(command: str, **kwargs: Any) -> None:
    """Reuse work only under `mkdocs serve` (there, pages' front matter is read through `_front_matter`)."""
    global _serving
    _serving = command == "serve"
    if _serving and not isinstance(meta.get_data, functools.partial):
        meta.get_data = functools.partial(_front_matter, meta.get_data)


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """A new language build: fingerprints of the last one's objects are forgotten."""
    forget()
    _rendered.start_build()


@event_priority(-1000)  # after every other hook and plugin changed the markdown
def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    """Under serve, convert this page through `_convert` (MkDocs calls `page.render` next)."""
    if _serving:
        page.render = types.MethodType(_convert, page)  # type: ignore[method-assign]
    return markdown


def on_env(env: jinja2.Environment, config: MkDocsConfig, **kwargs: Any) -> jinja2.Environment:
    """Under serve, load this build's templates as `ReusedTemplate` (none is loaded before this event), and
    index pages for search through `_indexed`."""
    global _build_config
    if not _serving:
        return env
    _build_config = None
    try:
        _build_config = (config, _config_fingerprint(config))
    except Uncacheable as exc:
        _not_fingerprinted.add(str(exc))
    env.template_class = ReusedTemplate
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        original = getattr(index, "add_entry_from_context", None)
        if callable(original) and isinstance(getattr(index, "entries", None), list):
            index.add_entry_from_context = functools.partial(_indexed, index, original)
            events = config.plugins.events["page_context"]
            for n, event in enumerate(events):
                if getattr(event, "__self__", None) is plugin and event.__name__ == "on_page_context":
                    events[n] = functools.partial(_search_context, plugin, event)
    return env


@event_priority(100)  # first, before mkdocs-static-i18n builds the next language with this config
def _check_config(config: MkDocsConfig) -> None:
    """If the configuration changed while this language's pages were rendered, their renderings are not kept."""
    global _build_config
    if _build_config is not None and _build_config[0] is config:
        forget()  # the plugins' settings are read again, not taken from this build's memo
        if _config_fingerprint(config) != _build_config[1]:
            _rendered.forget_this_build()
            _not_fingerprinted.add("config changed during the build")
    _build_config = None
    _rendered.start_build()


@event_priority(-1000)  # last: after every language is built
def _next_rebuild(config: MkDocsConfig) -> None:
    """After the last language of a rebuild: drop what it did not use."""
    forget()
    if i18n_finished(config):
        Results.next_rebuild_everywhere()


on_post_build = CombinedEvent(_check_config, _next_rebuild)
