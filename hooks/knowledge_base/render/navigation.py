"""The site's navigation as plain data: which pages, in which sections, in which order.

Pages are named by key (`("technique", id)`, `("home", "")`, ...); the MkDocs glue turns
keys into its page objects. Section titles come from the locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.locales import Labels
from ..content.model import PHASES, Catalog

PageKey = tuple[str, str]


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
