"""Cross-references of the catalog: related techniques, playbook entries, source sections and items.

Checked once every technique, playbook and source article is loaded: each reference must lead to
something that exists, and every item of the source articles must be covered by a technique step,
so that nothing of either article is lost. Every error names the file, the field and the line.
"""

from __future__ import annotations

from .model import Catalog
from .yamltext import Lines


def check_references(catalog: Catalog, technique_lines: dict[str, Lines], playbook_lines: dict[str, Lines],
                     sources_lines: Lines) -> None:
    """Related ids, playbook entries, section and item references must all exist."""
    for tech in catalog.techniques.values():
        lines = technique_lines[tech.id]
        for i, rid in enumerate(tech.related):
            if rid not in catalog.techniques or rid == tech.id:
                raise lines.error(f"related technique '{rid}' does not exist", "related", i)
        for i, ref in enumerate(tech.sources):
            article_id, _, section_id = ref.partition("/")
            article = catalog.articles.get(article_id)
            if not article or not article.section(section_id):
                raise lines.error(f"source section '{ref}' is not in {sources_lines.path}", "sources", i)
        for s, step in enumerate(tech.steps):
            for i, ref in enumerate(step.covers):
                if catalog.item(ref) is None:
                    raise lines.error(f"source item '{ref}' is not in {sources_lines.path}", "steps", s, "covers", i)
                if ref.rsplit("/", 1)[0] not in tech.sources:
                    raise lines.error(f"the section of '{ref}' is not listed in 'sources'", "steps", s, "covers", i)
            for m, mark in enumerate(step.window.marks if step.window else ()):
                if catalog.item(mark.covers) is None:
                    raise lines.error(f"source item '{mark.covers}' is not in {sources_lines.path}",
                                      "steps", s, "window", "marks", m, "covers")
    for book in catalog.playbooks.values():
        lines = playbook_lines[book.id]
        for i, tid in enumerate(book.techniques):
            if tid not in catalog.techniques:
                raise lines.error(f"technique '{tid}' does not exist", "techniques", i)
        if book.source and book.source not in catalog.articles:
            raise lines.error(f"source article '{book.source}' is not in {sources_lines.path}", "source")
    marked = [p for p in catalog.playbooks.values() if p.cheatsheet]
    if len(marked) > 1:
        raise playbook_lines[marked[1].id].error(f"only one playbook can be on the cheat sheet; '{marked[0].id}' "
                                                 "already is", "cheatsheet")
    covered = {ref for t in catalog.techniques.values() for s in t.steps for ref in s.covers}
    for a, article in enumerate(catalog.articles.values()):
        for s, section in enumerate(article.sections):
            for i, item in enumerate(section.items):
                if item.path not in covered:
                    raise sources_lines.error(f"source item '{item.path}' is not covered by any technique step "
                                              "(list it in a step's 'covers')", "articles", a, "sections", s, "items", i)
