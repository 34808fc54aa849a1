"""MkDocs glue for the knowledge base's files for programs: JSON, markdown, llms.txt,
sitemaps and per-language search indexes, written after the HTML.

Per language (each language build): `api/<lang>/techniques.json`, a markdown copy of each
technique page, playbook, the console and the sources page, `llms-full.txt`, the web app manifest
(with the app icons under `assets/icons/`), and that language's 404 page moved to `<lang>/404.html`. Once every language is
built: `api/index.json`, `llms.txt`, the JSON schemas under `schemas/`, the sitemaps, the search index split by language
(mkdocs-static-i18n merges all languages into one), the English `/404.html` and, last, the
service worker `sw.js` with the precache manifest of everything built.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb_build import i18n_finished, project_root, state
from kb_fingerprint import Results, text_digest
from knowledge_base.content.model import DEFAULT_LANGUAGE
from knowledge_base.publish.api import api_path, index_json, markdown_path, schema_path, techniques_json
from knowledge_base.publish.llms import (console_markdown, llms_full_path, llms_full_txt, llms_txt, playbook_markdown,
                                         sources_markdown, technique_markdown)
from knowledge_base.publish.offline import LUNR_FOLDER, SERVICE_WORKER, build_id, precache_groups, service_worker
from knowledge_base.publish.site_map import all_pages, search_index_json, sitemap_xml, split_search_index, technique_phrases
from knowledge_base.publish.webapp import APPLE_TOUCH_ICON, ICON_DIR, ICONS, icon_png, manifest_path, primary_colours, web_manifest
from knowledge_base.render.markup import absolute, esc, site_path


def _write(site: Path, path: str, text: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


NOT_FOUND = "404.html"
_english_not_found: str | None = None  # the English 404 page, kept while the other languages overwrite it


def _built_languages(config: MkDocsConfig) -> list[str]:
    i18n = config.plugins.get("i18n")
    return list(getattr(i18n, "build_languages", None) or [DEFAULT_LANGUAGE])


def _root_path(config: MkDocsConfig) -> str:
    """The site's own path on its host ('/' or '/sub/'), from site_url."""
    return urlsplit(config.site_url or "/").path.rstrip("/") + "/"


@event_priority(-120)  # after kb.py's on_config has loaded this language's labels
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Labels for the offline notice, the 404 page and the light/dark toggle of this language; no sitemap from
    the theme."""
    build = state()
    labels, lang = build.labels, build.labels.lang
    config.extra["kb_offline"] = {"notice": esc(labels("offline.notice")), "build": esc(labels("offline.build"))}
    root = _root_path(config)
    config.extra["kb_not_found"] = {
        "title": esc(labels("not_found.title")), "text": esc(labels("not_found.text")), "lang": lang,
        "languages": [code for code in _built_languages(config) if code != DEFAULT_LANGUAGE],
        "home": esc(root + site_path(lang, "home")),
    }
    config.extra["kb_app"] = {"manifest": manifest_path(lang), "colour": _theme_colour(config),
                              "apple_touch_icon": APPLE_TOUCH_ICON}
    # The sitemaps are written once every language is built (`_site_files`), over what the theme's template
    # (mkdocs-static-i18n's, listing every page of every language) rendered in each language build.
    config.theme.static_templates.discard("sitemap.xml")
    palette = config.theme["palette"]
    for option in palette if isinstance(palette, list) else []:
        if isinstance(option.get("toggle"), dict):
            key = "theme.to_light" if option.get("scheme") == "slate" else "theme.to_dark"
            option["toggle"]["name"] = esc(labels(key))
    return config


def _theme_colour(config: MkDocsConfig) -> str:
    """The header colour of the theme's first palette (Material's primary colour, as #rrggbb)."""
    palette = config.theme["palette"]
    first = (palette[0] if isinstance(palette, list) and palette else palette) or {}
    name = first.get("primary", "indigo") if isinstance(first, dict) else "indigo"
    sheets = [css for folder in config.theme.dirs for css in Path(folder).glob("assets/stylesheets/palette.*.min.css")]
    colours = primary_colours(sheets[0].read_text(encoding="utf-8")) if sheets else {}
    if name not in colours:
        raise PluginError(f"mkdocs.yml [theme.palette.primary]: '{name}' is not one of Material's named colours "
                          f"({', '.join(sorted(colours)) or 'palette stylesheet not found'}); the web app manifest "
                          "and icons take their colour from it")
    return colours[name]


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """On the 404 page the language menu leads to each language's home page."""
    if template_name == NOT_FOUND:
        root = _root_path(config)
        config.extra.alternate = [{"name": esc(name), "lang": lang, "link": root + site_path(lang, "home")}
                                  for lang, name in state().names.items() if lang in _built_languages(config)]
    return context


_DIRECTORY_LINK = re.compile(r"\]\((?P<target>(?:\.\./|\./)*[a-z0-9/-]+/)\)")


@event_priority(-10)  # after kb.py rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Point prose links to generated pages (`../translations/`) at their source file.

    MkDocs only recognises links to markdown files; a directory link to a page the hooks
    generate would be left as is with an "unrecognized relative link" line in the build log.
    """
    def resolve(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(page.url or ".", match["target"]))
        generated = files.get_file_from_path(f"{target}/index.md")
        if generated is None or generated.abs_src_path is not None:
            return match[0]
        return "](" + posixpath.relpath(generated.src_uri, posixpath.dirname(page.file.src_uri) or ".") + ")"
    return _DIRECTORY_LINK.sub(resolve, markdown)


_CONTROL = re.compile(r'<(?:button\b[^>]*|a\b[^>]*\bclass="[^"]*\b(?:md-button|kb-explain|kb-open-technique|kb-move-open)\b[^>]*)>')
# Interface around the content: checklist progress and "Ticks cleared", timers ("0:00"), the console's
# bar, help and print-only table, paper choices, table headings.
_INTERFACE = re.compile(r'<(?:thead|[a-z]+\b[^>]*\bclass="(?:[^"]*\s)?(?:kb-toolbar|kb-timer|kb-console-bar|kb-help|'
                        r'kb-phase-nav|kb-console-print|kb-paper-choice|kb-copy-status)(?:\s[^"]*)?"[^>]*)>')
_CELL_BOUNDARY = re.compile(r"(</t[dh]>|<br>)(?=<)")


_searchable = Results()  # under serve: each page's HTML as search reads it, by a digest of the HTML


def _search_ready(html: str) -> str:
    html = _CONTROL.sub(lambda m: m[0][:-1] + " data-search-exclude>", html)
    html = _INTERFACE.sub(lambda m: m[0][:-1] + " data-search-exclude>", html)
    return _CELL_BOUNDARY.sub(r"\1 ", html)


@event_priority(-10)  # after kb.py put the generated blocks back
def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    """Keep interface text out of search excerpts: the labels of buttons and action links ("Copy",
    "How and why"), progress counts, timers and table headings; keep table cells apart in them.
    Under serve, the result for the same HTML is reused (the expressions read every tag)."""
    if not state().serving:
        return _search_ready(html)
    return _searchable.reuse(text_digest(html), lambda: _search_ready(html))


def _keep_not_found(site: Path, lang: str) -> None:
    """Each language build writes /404.html: keep English in memory, move the others to /<lang>/."""
    global _english_not_found
    page = site / NOT_FOUND
    if not page.exists():
        return
    if lang == DEFAULT_LANGUAGE:
        _english_not_found = page.read_text(encoding="utf-8")
    else:
        _write(site, site_path(lang, "home") + NOT_FOUND, page.read_text(encoding="utf-8"))


@event_priority(0)  # in every language build, before mkdocs-static-i18n starts the next language
def _language_files(config: MkDocsConfig) -> None:
    build = state()
    lang, site, site_url = build.labels.lang, Path(config.site_dir), config.site_url or ""
    _keep_not_found(site, lang)
    catalog, labels = build.catalog, build.labels
    _write(site, api_path(lang), techniques_json(catalog, lang, site_url, build.all_labels))
    if catalog.live is not None:
        _write(site, markdown_path(lang, "", "console"), console_markdown(catalog, lang, labels, site_url))
    for tid in catalog.techniques:
        _write(site, markdown_path(lang, tid), technique_markdown(catalog, tid, lang, labels, site_url))
    for pid in catalog.playbooks:
        _write(site, markdown_path(lang, pid, "playbook"), playbook_markdown(catalog, pid, lang, labels, site_url))
    _write(site, markdown_path(lang, "", "sources"), sources_markdown(catalog, lang, labels, site_url))
    _write(site, llms_full_path(lang), llms_full_txt(catalog, lang, labels, site_url))
    colour = config.extra["kb_app"]["colour"]
    _write(site, manifest_path(lang), web_manifest(lang, labels, colour, colour))
    for icon in ICONS:  # drawn once per process (cached), written by every language build
        target = site / ICON_DIR / icon.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(icon_png(icon.size, icon.purpose, colour))


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the search index
def _site_files(config: MkDocsConfig) -> None:
    if not i18n_finished(config):
        return
    build = state()
    site, site_url = Path(config.site_dir), config.site_url or ""
    languages = [lang for lang in build.names if (site / site_path(lang, "home") / "index.html").exists()]
    _write(site, "api/index.json", index_json(build.catalog, build.names, site_url))
    _write(site, "llms.txt", llms_txt(build.catalog, build.names, build.all_labels, site_url))
    for schema in sorted((project_root(config) / "schemas").glob("*.json")):
        data = json.loads(schema.read_text(encoding="utf-8"))
        data["$id"] = absolute(site_url, schema_path(schema.name))  # where it is published, on this site
        _write(site, schema_path(schema.name), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    keys = all_pages(build.catalog)
    full = sitemap_xml(site_url, languages, keys)
    _write(site, "sitemap.xml", full)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(full.encode("utf-8"), mtime=0))
    for lang in languages[1:]:
        _write(site, f"{lang}/sitemap.xml", sitemap_xml(site_url, languages, keys, only=lang))
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        merged = json.loads(index_file.read_text(encoding="utf-8"))
        boosted = [site_path(DEFAULT_LANGUAGE, "technique", tid) for tid in build.catalog.techniques]
        stemmers = {p.name.split(".")[1] for p in (site / LUNR_FOLDER).glob("lunr.*.min.js")}
        phrases = {lang: technique_phrases(build.catalog, lang) for lang in languages}
        for lang, index in split_search_index(merged, languages, boosted, stemmers, phrases).items():
            _write(site, site_path(lang, "home") + "search/search_index.json", search_index_json(index))


@event_priority(-300)  # last: the service worker's precache lists every file the build wrote
def _offline_copy(config: MkDocsConfig) -> None:
    global _english_not_found
    if not i18n_finished(config):
        return
    site = Path(config.site_dir)
    if _english_not_found is not None:
        _write(site, NOT_FOUND, _english_not_found)
        _english_not_found = None
    if state().serving:  # a preview must show each rebuild at once: no offline copy, and retire any earlier one
        _write(site, SERVICE_WORKER, PREVIEW_SERVICE_WORKER)
        return
    languages = _built_languages(config)
    groups = precache_groups(site, languages, DEFAULT_LANGUAGE)
    not_found = {lang: site_path(lang, "home") + NOT_FOUND for lang in languages}
    offline_pages = {lang: site_path(lang, "offline") for lang in languages}
    file_offline = {lang: state().all_labels[lang]("app.file_offline") for lang in languages}
    _write(site, SERVICE_WORKER, service_worker(groups, build_id(site, groups), DEFAULT_LANGUAGE, not_found,
                                                offline_pages, file_offline))


PREVIEW_SERVICE_WORKER = """/* Under `mkdocs serve`: no offline copy. This worker caches nothing and removes itself,
 * so pages always come fresh from the preview server (and a worker left by a real build goes). */
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith("kb-")).map((n) => caches.delete(n))))
    .then(() => self.registration.unregister()));
});
"""


on_post_build = CombinedEvent(_language_files, _site_files, _offline_copy)
