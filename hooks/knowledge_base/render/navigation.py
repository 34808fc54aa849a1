"""The site's navigation as plain data: which pages, in which sections, in which order.

Pages are named by key (`("technique", id)`, `("home", "")`, ...); the MkDocs glue turns
keys into its page objects. Section titles come from the locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.locales import Labels
from ..content.model import PHASES, Catalog

PageKey = tuple[str, str]
# A content file: a technique or playbook (`folder`, `id`), or one of the single pages.
SOURCE_PAGE = re.compile(r"^(?:(?P<folder>techniques|checklists)/(?P<id>[a-z0-9-]+)|(?P<single>index|sources|translating|live))"
                         r"\.[A-Za-z_-]+\.md$")
# A page the hooks generate: card pages, the print sheets, translation status and offline pages.
_GENERATED_PAGE = re.compile(r"^(?:[A-Za-z_-]+/)?(?:(?P<kind>cards|cheatsheet|translations|offline)|cards/(?P<card>[a-z0-9-]+))/index\.md$")


@dataclass(frozen=True)
class NavSection:
    """A titled group of pages and subsections."""

    title: str
    children: list[NavSection | PageKey] = field(default_factory=list)


def site_nav(catalog: Catalog, lang: str, labels: Labels) -> list[NavSection | PageKey]:
    """Home, playbooks, techniques by phase, print pages, sources: the order an agent needs them."""
    first = catalog.cheatsheet_playbook()
    books = sorted(catalog.playbooks.values(), key=lambda b: (b is not first, b.id))
    phases = []
    for phase in PHASES:
        pages: list[NavSection | PageKey] = [("technique", t.id) for t in catalog.ordered_techniques(lang) if t.phase == phase]
        if pages:
            phases.append(NavSection(labels(f"phase.{phase}"), pages))
    return [
        ("home", ""),
        ("console", ""),
        NavSection(labels("nav.playbooks"), [("playbook", b.id) for b in books]),
        NavSection(labels("nav.techniques"), phases),
        NavSection(labels("nav.print"), [("cards", ""), ("cheatsheet", "")]),
        ("sources", ""),
        NavSection(labels("nav.translate"), [("guide", ""), ("translations", "")]),
    ]


def page_key(src_uri: str) -> PageKey | None:
    """The key of the page built from `src_uri` (a content file or a generated page), or None for any other page."""
    match = SOURCE_PAGE.match(src_uri)
    if match and match["folder"]:
        return ("technique" if match["folder"] == "techniques" else "playbook", match["id"])
    if match:
        return ({"index": "home", "translating": "guide", "live": "console"}.get(match["single"], match["single"]), "")
    generated = _GENERATED_PAGE.match(src_uri)
    if generated is None:
        return None
    return ("card", generated["card"]) if generated["card"] else (generated["kind"], "")
