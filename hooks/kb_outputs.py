"""MkDocs glue for the knowledge base's files for programs: JSON, markdown, llms.txt,
sitemaps and per-language search indexes, written after the HTML.

Per language (each language build): `api/<lang>/techniques.json` and a markdown copy of each
technique page. Once every language is built: `api/index.json`, `llms.txt`, the sitemaps and
the search index split by language (mkdocs-static-i18n merges all languages into one).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority

from kb_build import i18n_finished, state
from knowledge_base.api import api_path, index_json, llms_txt, markdown_path, technique_markdown, techniques_json
from knowledge_base.markup import site_path
from knowledge_base.site_map import all_pages, search_index_json, sitemap_xml, split_search_index


def _write(site: Path, path: str, text: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


@event_priority(0)  # in every language build, before mkdocs-static-i18n starts the next language
def _language_files(config: MkDocsConfig) -> None:
    build = state()
    lang, site, site_url = build.labels.lang, Path(config.site_dir), config.site_url or ""
    _write(site, api_path(lang), techniques_json(build.catalog, lang, site_url))
    for tid in build.catalog.techniques:
        _write(site, markdown_path(lang, tid), technique_markdown(build.catalog, tid, lang, build.labels, site_url))


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the search index
def _site_files(config: MkDocsConfig) -> None:
    if not i18n_finished(config):
        return
    build = state()
    site, site_url = Path(config.site_dir), config.site_url or ""
    languages = [lang for lang in build.names if (site / site_path(lang, "home") / "index.html").exists()]
    _write(site, "api/index.json", index_json(build.catalog, build.names, site_url))
    _write(site, "llms.txt", llms_txt(build.catalog, build.names, build.all_labels, site_url))
    keys = all_pages(build.catalog)
    full = sitemap_xml(site_url, languages, keys)
    _write(site, "sitemap.xml", full)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(full.encode("utf-8"), mtime=0))
    for lang in languages[1:]:
        _write(site, f"{lang}/sitemap.xml", sitemap_xml(site_url, languages, keys, only=lang))
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        merged = json.loads(index_file.read_text(encoding="utf-8"))
        for lang, index in split_search_index(merged, languages).items():
            _write(site, site_path(lang, "home") + "search/search_index.json", search_index_json(index))


on_post_build = CombinedEvent(_language_files, _site_files)
