"""MkDocs glue for the de-escalation knowledge base.

Thin event handlers: load and validate all content and labels once per language build,
then let the plain-Python core in `knowledge_base` render each page. mkdocs-static-i18n
re-runs the whole build per language, so every per-build value is replaced in `on_config`
and nothing is carried from one language (or one `mkdocs serve` rebuild) to the next.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from knowledge_base.cards import card_fit, card_path, cheatsheet_path, render_card, render_cheatsheet, render_sheet
from knowledge_base.errors import ContentError
from knowledge_base.loader import load_catalog
from knowledge_base.locales import Labels, load_labels
from knowledge_base.model import DEFAULT_LANGUAGE, Catalog
from knowledge_base.navigation import NavSection, PageKey, site_nav
from knowledge_base.pages import render_home, render_playbook, render_sources, render_technique

log = get_plugin_logger("knowledge-base")

_SOURCE = re.compile(r"^(?:(?P<folder>techniques|checklists)/(?P<id>[a-z0-9-]+)|(?P<single>index|sources))\.[A-Za-z_-]+\.md$")


@dataclass(frozen=True)
class BuildState:
    """What one language build needs: the validated catalog and that language's labels."""

    catalog: Catalog
    labels: Labels
    root: Path


_state: BuildState | None = None


def languages_of(config: MkDocsConfig) -> tuple[str, tuple[str, ...]]:
    """The language being built and all languages built, from mkdocs-static-i18n."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return DEFAULT_LANGUAGE, (DEFAULT_LANGUAGE,)
    current = i18n.current_language or i18n.default_language
    everything = tuple(lang["locale"] for lang in i18n.config["languages"])
    return current, everything


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


@event_priority(-110)  # after mkdocs-static-i18n has chosen this build's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate every content file and locale before anything is rendered."""
    global _state
    _state = None
    root = project_root(config)
    current, languages = languages_of(config)
    try:
        catalog = load_catalog(Path(config.docs_dir), languages, root)
        labels, issues = load_labels(root / "locales", languages, root)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for issue in issues:
        if issue.path.endswith(f"/{current}.yml"):
            log.warning("%s", issue)
    _state = BuildState(catalog, labels[current], root)
    config.site_name = labels[current]("site.name")
    for tech in catalog.techniques.values():
        fit = card_fit(tech, current, labels[current])
        if not fit.fits:
            log.warning("card '%s' (%s) does not fit an A6 card: about %.0f mm too tall; shorten its steps or phrases "
                        "in %s", tech.id, current, fit.overflow_mm, tech.text(current).path)
    return config


def state() -> BuildState:
    """This build's state; on_config always runs first."""
    if _state is None:
        raise PluginError("knowledge base: content was not loaded (on_config did not run)")
    return _state


def _pdf_site_path(lang: str, name: str) -> str:
    """Where a PDF is published: inside the language's part of the site."""
    return f"pdf/{name}.pdf" if lang == DEFAULT_LANGUAGE else f"{lang}/pdf/{name}.pdf"


def _pdf(lang: str, name: str) -> str | None:
    """Site path of a PDF written by `./run pdf` into `pdf/<lang>/`, if it exists."""
    exists = (state().root / "pdf" / lang / f"{name}.pdf").exists()
    return _pdf_site_path(lang, name) if exists else None


def _page(config: MkDocsConfig, src_uri: str, title: str, layout: str, body: str, in_nav: bool) -> File:
    content = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nprint_layout: {layout}\n---\n\n{body}"
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, src_uri, content=content, inclusion=inclusion)


@event_priority(-200)  # after mkdocs-static-i18n filtered the files of this language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated card pages, print-all sheet, cheat sheet and any PDFs of this language."""
    build = state()
    lang, labels, catalog = build.labels.lang, build.labels, build.catalog
    site_url = config.site_url or ""
    for tid in catalog.techniques:
        body = render_card(catalog, tid, lang, labels, site_url, _pdf(lang, f"cards/{tid}"))
        title = labels("card.page_title", title=catalog.techniques[tid].text(lang).title)
        files.append(_page(config, card_path(lang, tid) + "index.md", title, "card", body, in_nav=False))
    sheet = render_sheet(catalog, lang, labels, site_url, _pdf(lang, "cards"))
    files.append(_page(config, card_path(lang) + "index.md", labels("cards.title"), "sheet", sheet, in_nav=True))
    cheat = render_cheatsheet(catalog, lang, labels, _pdf(lang, "cheatsheet"))
    files.append(_page(config, cheatsheet_path(lang) + "index.md", labels("cheatsheet.title"), "cheatsheet", cheat,
                       in_nav=True))
    pdf_dir = build.root / "pdf" / lang
    for pdf in sorted(pdf_dir.rglob("*.pdf")) if pdf_dir.is_dir() else []:
        name = pdf.relative_to(pdf_dir).with_suffix("").as_posix()
        files.append(File.generated(config, _pdf_site_path(lang, name), abs_src_path=str(pdf)))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str | None:
    """Replace each content page's markdown with the rendered technique, playbook or index."""
    match = _SOURCE.match(page.file.src_uri)
    if not match:
        return None
    build = state()
    lang, catalog = build.labels.lang, build.catalog
    if match["folder"] == "techniques":
        return render_technique(catalog, match["id"], lang, build.labels, markdown)
    if match["folder"] == "checklists":
        return render_playbook(catalog, match["id"], lang, build.labels, markdown)
    if match["single"] == "sources":
        return render_sources(catalog, lang, build.labels, markdown)
    if page.meta.get("home"):
        return render_home(catalog, lang, build.labels, markdown)
    return None


_PAGE_KEY = re.compile(r"^(?:[a-z]{2}/)?(?P<kind>cards|cheatsheet)/index\.md$")


def _page_key(page: Page) -> PageKey | None:
    match = _SOURCE.match(page.file.src_uri)
    if match and match["folder"]:
        return ("technique" if match["folder"] == "techniques" else "playbook", match["id"])
    if match:
        return ("home" if match["single"] == "index" else "sources", "")
    generated = _PAGE_KEY.match(page.file.src_uri)
    return (generated["kind"], "") if generated else None


def _structure(entries: list[NavSection | PageKey], pages: dict[PageKey, Page], parent: Section | None) -> list:
    items: list = []
    for entry in entries:
        if isinstance(entry, NavSection):
            section = Section(entry.title, [])
            section.parent = parent
            section.children = _structure(entry.children, pages, section)
            items.append(section)
        elif entry in pages:
            pages[entry].parent = parent
            items.append(pages[entry])
    return items


@event_priority(-110)  # after mkdocs-static-i18n has built this language's navigation
def on_nav(nav: Navigation, **kwargs: Any) -> Navigation:
    """Replace the folder-shaped navigation with the product's: playbooks, techniques by phase, print."""
    build = state()
    pages = {key: page for page in nav.pages if (key := _page_key(page))}
    items = _structure(site_nav(build.catalog, build.labels.lang, build.labels), pages, None)
    ordered = _flatten(items)
    for previous, current in zip([None, *ordered], ordered):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if ordered:
        ordered[-1].next_page = None
    return Navigation(items, ordered)


def _flatten(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        pages.extend(_flatten(item.children) if isinstance(item, Section) else [item])
    return pages


def on_serve(server: Any, config: MkDocsConfig, **kwargs: Any) -> Any:
    """Rebuild when locale files or hooks change, not only docs."""
    root = project_root(config)
    server.watch(str(root / "locales"))
    server.watch(str(root / "hooks"))
    return server
