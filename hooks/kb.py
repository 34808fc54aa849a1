"""MkDocs glue for the de-escalation knowledge base.

Thin event handlers: load and validate all content and labels once per language build,
then let the plain-Python core in `knowledge_base` render each page. mkdocs-static-i18n
re-runs the whole build per language, so every per-build value is replaced in `on_config`
and nothing is carried from one language (or one `mkdocs serve` rebuild) to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from knowledge_base.errors import ContentError
from knowledge_base.loader import load_catalog
from knowledge_base.locales import Labels, load_labels
from knowledge_base.model import DEFAULT_LANGUAGE, Catalog
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
    return config


def state() -> BuildState:
    """This build's state; on_config always runs first."""
    if _state is None:
        raise PluginError("knowledge base: content was not loaded (on_config did not run)")
    return _state


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


@event_priority(-110)  # after mkdocs-static-i18n has built this language's navigation
def on_nav(nav: Navigation, **kwargs: Any) -> Navigation:
    """Name the navigation sections from the locale."""
    labels = state().labels
    for item in nav.items:
        if isinstance(item, Section):
            key = {"Techniques": "nav.techniques", "Checklists": "nav.playbooks"}.get(item.title)
            if key:
                item.title = labels(key)
    return nav


def on_serve(server: Any, config: MkDocsConfig, **kwargs: Any) -> Any:
    """Rebuild when locale files or hooks change, not only docs."""
    root = project_root(config)
    server.watch(str(root / "locales"))
    server.watch(str(root / "hooks"))
    return server
