"""MkDocs glue for the knowledge base's navigation: the menu in the product's order, and the
language switcher pointed at the same page in every language (generated pages included).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kb_build import state
from knowledge_base.render.markup import esc, site_path
from knowledge_base.render.navigation import NavSection, PageKey, page_key, site_nav


def _structure(entries: list[NavSection | PageKey], pages: dict[PageKey, Page], parent: Section | None) -> list:
    items: list = []
    for entry in entries:
        if isinstance(entry, NavSection):
            section = Section(esc(entry.title), [])
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
    pages = {key: page for page in nav.pages if (key := page_key(page.file.src_uri))}
    items = _structure(site_nav(build.catalog, build.labels.lang, build.labels), pages, None)
    ordered = _flatten(items)
    for previous, current in zip([None, *ordered], ordered, strict=False):
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


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    """Point the language switcher at this same page in every language, generated pages included.

    The theme prints each language's name (mkdocs.yml) unescaped: it is escaped here, for every page.
    """
    key = page_key(page.file.src_uri)
    build = state()
    # mkdocs-static-i18n sets this as an attribute, which shadows the mapping key: do the same.
    if key is None:
        given = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
        if given:  # mkdocs-static-i18n's own list, fresh for each page
            config.extra.alternate = [{**alt, "name": esc(str(alt.get("name", "")))} for alt in given]
        return context
    config.extra.alternate = [
        {"name": esc(name), "lang": lang, "link": site_path(lang, *key) or "./"} for lang, name in build.names.items()
    ]
    return context
