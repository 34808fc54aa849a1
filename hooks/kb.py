"""MkDocs glue for the de-escalation knowledge base.

Thin event handlers: load and validate all content and labels once per language build,
then let the plain-Python core in `knowledge_base` render each page. mkdocs-static-i18n
re-runs the whole build per language, so every per-build value is replaced in `on_config`
and nothing is carried from one language (or one `mkdocs serve` rebuild) to the next.
"""

from __future__ import annotations

import json
import os
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

from knowledge_base.cards import card_fit, render_card, render_cheatsheet, render_sheet
from knowledge_base.errors import ContentError
from knowledge_base.loader import load_catalog
from knowledge_base.locales import Labels, load_labels
from knowledge_base.markup import site_path
from knowledge_base.model import DEFAULT_LANGUAGE, Catalog
from knowledge_base.navigation import NavSection, PageKey, site_nav
from knowledge_base.pages import render_home, render_playbook, render_sources, render_technique
from knowledge_base.status_page import notice, render_status
from knowledge_base.translations import LanguageStatus, current_fingerprints, language_status

log = get_plugin_logger("knowledge-base")

_SOURCE = re.compile(r"^(?:(?P<folder>techniques|checklists)/(?P<id>[a-z0-9-]+)|(?P<single>index|sources|translating))"
                     r"\.[A-Za-z_-]+\.md$")
_LANG_SUFFIX = re.compile(r"\.[A-Za-z_-]+\.md$")
ONLY_LANGUAGE = "KB_LANGUAGE"


@dataclass(frozen=True)
class BuildState:
    """What one language build needs: the validated catalog and that language's labels."""

    catalog: Catalog
    labels: Labels
    root: Path
    statuses: list[LanguageStatus]
    names: dict[str, str]


_state: BuildState | None = None


def languages_of(config: MkDocsConfig) -> tuple[str, dict[str, str]]:
    """The language being built and every configured language with its name, from mkdocs-static-i18n."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return DEFAULT_LANGUAGE, {DEFAULT_LANGUAGE: DEFAULT_LANGUAGE}
    current = i18n.current_language or i18n.default_language
    return current, {lang["locale"]: lang["name"] or lang["locale"] for lang in i18n.config["languages"]}


def _limit_languages(config: MkDocsConfig) -> None:
    """With KB_LANGUAGE=xx, build only English (the reference every fallback needs) and xx."""
    only = os.environ.get(ONLY_LANGUAGE)
    i18n = config.plugins.get("i18n")
    if not only or i18n is None:
        return
    known = [lang["locale"] for lang in i18n.config["languages"]]
    if only not in known:
        raise PluginError(f"{ONLY_LANGUAGE}={only}: not a language of mkdocs.yml (one of {', '.join(known)})")
    for lang in i18n.config["languages"]:
        lang["build"] = lang["locale"] in (only, i18n.default_language)


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


@event_priority(-110)  # after mkdocs-static-i18n has chosen this build's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate every content file and locale before anything is rendered."""
    global _state
    _state = None
    root = project_root(config)
    _limit_languages(config)
    current, names = languages_of(config)
    languages = tuple(names)
    docs_dir = Path(config.docs_dir)
    try:
        catalog = load_catalog(docs_dir, languages, root)
        labels, issues = load_labels(root / "locales", languages, root)
        now = current_fingerprints(root, docs_dir)
        statuses = [language_status(root, docs_dir, lang, now) for lang in languages if lang != DEFAULT_LANGUAGE]
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for issue in issues:
        if issue.path.endswith(f"/{current}.yml"):
            log.warning("%s", issue)
    _state = BuildState(catalog, labels[current], root, statuses, names)
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


def _edit_base(config: MkDocsConfig) -> str | None:
    """Where files are edited online (repo_url + edit_uri), if the project says."""
    if not config.repo_url or not config.edit_uri:
        return None
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/").removesuffix("docs").rstrip("/")


def _page(config: MkDocsConfig, src_uri: str, title: str, layout: str, body: str, in_nav: bool) -> File:
    content = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nprint_layout: {layout or 'none'}\n---\n\n{body}"
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
        files.append(_page(config, site_path(lang, "card", tid) + "index.md", title, "card", body, in_nav=False))
    sheet = render_sheet(catalog, lang, labels, site_url, _pdf(lang, "cards"))
    files.append(_page(config, site_path(lang, "cards") + "index.md", labels("cards.title"), "sheet", sheet, in_nav=True))
    cheat = render_cheatsheet(catalog, lang, labels, _pdf(lang, "cheatsheet"))
    files.append(_page(config, site_path(lang, "cheatsheet") + "index.md", labels("cheatsheet.title"), "cheatsheet", cheat,
                       in_nav=True))
    status = render_status(build.statuses, build.names, lang, labels, _edit_base(config))
    files.append(_page(config, site_path(lang, "translations") + "index.md", labels("translation.title"), "", status, in_nav=True))
    pdf_dir = build.root / "pdf" / lang
    for pdf in sorted(pdf_dir.rglob("*.pdf")) if pdf_dir.is_dir() else []:
        name = pdf.relative_to(pdf_dir).with_suffix("").as_posix()
        files.append(File.generated(config, _pdf_site_path(lang, name), abs_src_path=str(pdf)))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str | None:
    """Render each content page from the catalog, with a notice if it is untranslated or stale."""
    match = _SOURCE.match(page.file.src_uri)
    if not match:
        return None
    build = state()
    lang, catalog, labels = build.labels.lang, build.catalog, build.labels
    if match["folder"] == "techniques":
        rendered = render_technique(catalog, match["id"], lang, labels, markdown)
    elif match["folder"] == "checklists":
        rendered = render_playbook(catalog, match["id"], lang, labels, markdown)
    elif match["single"] == "sources":
        rendered = render_sources(catalog, lang, labels, markdown)
    elif page.meta.get("home"):
        rendered = render_home(catalog, lang, labels, markdown)
    else:
        rendered = markdown
    kind = _translation_notice(page, lang)
    if kind is None:
        return rendered
    note = notice(labels, lang, page.url, kind)
    if rendered.startswith("# "):
        title, _, rest = rendered.partition("\n")
        return f"{title}\n\n{note}\n{rest}"
    return f"{note}\n\n{rendered}"


def _translation_notice(page: Page, lang: str) -> str | None:
    """'fallback' for a page shown in English in another language, 'outdated' for a stale translation."""
    if lang == DEFAULT_LANGUAGE:
        return None
    if getattr(page.file, "locale", lang) != lang:
        return "fallback"
    name = _LANG_SUFFIX.sub(".md", page.file.src_uri)
    status = next((s for s in state().statuses if s.lang == lang), None)
    if status and any(item.name == name and item.state == "outdated" for item in status.pages):
        return "outdated"
    return None


_PAGE_KEY = re.compile(r"^(?:[A-Za-z_-]+/)?(?P<kind>cards|cheatsheet|translations)/index\.md$")


def _page_key(page: Page) -> PageKey | None:
    match = _SOURCE.match(page.file.src_uri)
    if match and match["folder"]:
        return ("technique" if match["folder"] == "techniques" else "playbook", match["id"])
    if match:
        return ({"index": "home", "translating": "guide"}.get(match["single"], match["single"]), "")
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
