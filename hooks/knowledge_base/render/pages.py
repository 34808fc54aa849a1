"""Render the markdown of technique, playbook, home and sources pages from the catalog.

Each renderer takes the page's own prose (`body`) and returns the whole page: headings in
markdown (so they reach the table of contents), generated parts as escaped raw HTML blocks.
All links are relative and stay inside the page's language.
"""

from __future__ import annotations

from ..content.locales import Labels
from .checklists import ChecklistStep, step_list, toolbar
from .names import names_panel
from .markup import (esc, fallback_labels, lang_attr, link, md_text, phrase_item, relative, site_path,
                     untranslated_note)
from ..content.model import PHASES, Catalog, Technique


def _heading(level: int, text: str, anchor: str, lang: str = "") -> str:
    attrs = f"#{anchor}" + (f" lang={lang}" if lang else "")
    return f"{'#' * level} {md_text(text)} {{{attrs}}}"


def _list(items: list[str], cls: str) -> str:
    return f'<ul class="{cls}">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _technique_link(tid: str, lang: str, here: str, anchor: str = "") -> str:
    target = site_path(lang, "technique", tid) + (f"#{anchor}" if anchor else "")
    return relative(target, here)


def render_technique(catalog: Catalog, tid: str, lang: str, labels: Labels, body: str,
                     english: Labels | None = None) -> str:
    """The whole markdown of a technique page in `lang`.

    Shown in English (no translation, or a broken one in the preview), its texts carry `lang="en"`
    and English quotation marks when `english` (the English labels) is given.
    """
    tech = catalog.techniques[tid]
    text = tech.text(lang)
    source = fallback_labels(text.lang, lang, english)
    mark = lang_attr(text.lang, lang) if source else ""
    if source:
        body = f'<div{mark} markdown="1">\n\n{text.body.strip()}\n\n</div>'
    here = site_path(lang, "technique", tid)
    steps = [
        ChecklistStep(anchor=s.id, key=f"{tid}/{s.id}", text=text.steps[s.id].text, say=text.steps[s.id].say,
                      window=(s.window.start, s.window.end) if s.window else None,
                      marks=s.window.marks if s.window else (), source=source)
        for s in tech.steps
    ]
    used_in = [link(relative(site_path(lang, "playbook", p.id), here), p.text(lang).title,
                    lang=_other(p.text(lang).lang, lang, english)) for p in catalog.playbooks_using(tid)]
    related = [link(_technique_link(rid, lang, here), catalog.techniques[rid].text(lang).title,
                    lang=_other(catalog.techniques[rid].text(lang).lang, lang, english)) for rid in tech.related]
    parts = [
        f"# {md_text(text.title)}" + (f" {{lang={text.lang}}}" if source else ""),
        f'<p class="kb-summary"{mark}>{esc(text.summary)}</p>',
        '<p class="kb-page-actions">'
        + link(relative(site_path(lang, "card", tid), here), labels("technique.print_card"), "md-button kb-print-card") + "</p>",
        names_panel(labels),
        _heading(2, labels("technique.steps"), "kb-steps"),
        toolbar(labels) + step_list(labels, steps),
        _heading(2, labels("technique.say"), "kb-say"),
        _list([phrase_item(labels, p, copyable=True, source=source) for p in text.say], "kb-phrases kb-phrases-say"),
        _heading(2, labels("technique.avoid"), "kb-avoid"),
        _list([phrase_item(labels, p, copyable=False, source=source) for p in text.avoid], "kb-phrases kb-phrases-avoid"),
        _heading(2, labels("technique.why"), "kb-why"),
        body.strip(),
        _heading(2, labels("technique.pitfalls"), "kb-pitfalls"),
        _list([f"<span{mark}>{esc(p)}</span>" if mark else esc(p) for p in text.pitfalls], "kb-pitfalls"),
        _heading(2, labels("technique.used_in"), "kb-used-in"),
        _list(used_in, "kb-used-in") if used_in else f'<p>{esc(labels("technique.not_in_playbook"))}</p>',
    ]
    if related:
        parts += [_heading(2, labels("technique.related"), "kb-related"), _list(related, "kb-related")]
    parts += [_heading(2, labels("technique.sources"), "kb-sources"), _sources_of(catalog, tech, lang, labels)]
    return "\n\n".join(parts) + "\n"


def _other(text_lang: str, lang: str, english: Labels | None) -> str:
    """The language to mark on a text shown in another language than its page, or ''."""
    return text_lang if english is not None and text_lang != lang else ""


def _sources_of(catalog: Catalog, tech: Technique, lang: str, labels: Labels) -> str:
    here = site_path(lang, "technique", tech.id)
    items = []
    for ref in tech.sources:
        article_id, _, section_id = ref.partition("/")
        article = catalog.articles[article_id]
        section = article.section(section_id)
        assert section is not None  # checked by the loader
        anchor = f"{article_id}--{section_id}"
        entry = labels("sources.entry", article=article.title, language=labels(f"language.{article.language}"),
                       section=section.heading)
        items.append(link(relative(site_path(lang, "sources") + "#" + anchor, here), entry))
    return _list(items, "kb-source-list")


def render_playbook(catalog: Catalog, pid: str, lang: str, labels: Labels, body: str,
                    english: Labels | None = None) -> str:
    """The whole markdown of a playbook checklist page in `lang`.

    With `english` (the English labels), each technique shown in English carries `lang="en"` and
    a note in the reader's language saying it is not translated yet.
    """
    book = catalog.playbooks[pid]
    text = book.text(lang)
    here = site_path(lang, "playbook", pid)
    mark = lang_attr(text.lang, lang) if fallback_labels(text.lang, lang, english) else ""
    parts = [f"# {md_text(text.title)}" + (f" {{lang={text.lang}}}" if mark else ""),
             f'<p class="kb-summary"{mark}>{esc(text.summary)}</p>', body.strip(), toolbar(labels), names_panel(labels)]
    for number, tid in enumerate(book.techniques, start=1):
        tech = catalog.techniques[tid]
        tech_text = tech.text(lang)
        source = fallback_labels(tech_text.lang, lang, english)
        steps = [
            ChecklistStep(anchor=f"{tid}--{s.id}", key=f"{tid}/{s.id}", text=tech_text.steps[s.id].text,
                          say=tech_text.steps[s.id].say,
                          window=(s.window.start, s.window.end) if s.window else None,
                          marks=s.window.marks if s.window else (),
                          explain_href=_technique_link(tid, lang, here, s.id), source=source)
            for s in tech.steps
        ]
        note = untranslated_note(labels) if source else ""
        parts += [
            _heading(2, labels("playbook.group", number=number, title=tech_text.title), tid,
                     tech_text.lang if source else ""),
            f'<p class="kb-group-summary"><span{lang_attr(tech_text.lang, lang) if source else ""}>'
            f'{esc(tech_text.summary)}</span> '
            + link(_technique_link(tid, lang, here), labels("playbook.open_technique"), "kb-open-technique")
            + "</p>",
            *([note] if note else []),
            step_list(labels, steps),
        ]
    return "\n\n".join(parts) + "\n"


LIVE_ENTRY_ID = "kb-live-entry"  # "Skip to content" on a home page lands here (kb.py on_post_page)


def render_home(catalog: Catalog, lang: str, labels: Labels, body: str, after_entry: str = "") -> str:
    """The home page: a link into the live-call console first (then `after_entry`, a generated
    block), its prose, the playbooks, the catalog by phase."""
    here = site_path(lang, "home")
    if after_entry:
        body = f"{after_entry}\n\n{body.strip()}"
    if catalog.live is not None:
        entry = link(relative(site_path(lang, "console"), here), labels("console.home_link"),
                     "md-button md-button--primary kb-live-link")
        body = f'<p class="kb-live-entry" id="{LIVE_ENTRY_ID}">{entry}</p>\n\n{body.strip()}'

    books = [
        _entry(relative(site_path(lang, "playbook", b.id), here), b.text(lang).title, b.text(lang).summary,
               b.text(lang).lang, lang)
        for b in catalog.playbooks.values()
    ]
    parts = [body.strip(), _heading(2, labels("home.playbooks"), "kb-playbooks"), _list(books, "kb-playbook-list"),
             _heading(2, labels("home.catalog"), "kb-catalog")]
    by_phase = catalog.ordered_techniques(lang)
    for phase in PHASES:
        entries = [
            _entry(_technique_link(t.id, lang, here), t.text(lang).title, t.text(lang).summary, t.text(lang).lang, lang)
            for t in by_phase if t.phase == phase
        ]
        if entries:
            parts += [_heading(3, labels(f"phase.{phase}"), f"kb-phase-{phase}"), _list(entries, "kb-technique-list")]
    return "\n\n".join(parts) + "\n"


def _entry(href: str, title: str, summary: str, text_lang: str, lang: str) -> str:
    """A linked title and its summary, marked as English when shown untranslated."""
    entry = link(href, title) + " – " + esc(summary)
    return f"<span{lang_attr(text_lang, lang)}>{entry}</span>" if text_lang != lang else entry


def render_sources(catalog: Catalog, lang: str, labels: Labels, body: str) -> str:
    """The sources page: every section and point of both articles, with the steps covering it."""
    here = site_path(lang, "sources")
    parts = [f"# {md_text(catalog.sources_titles.get(lang) or catalog.sources_titles['en'])}", body.strip()]
    for article in catalog.articles.values():
        parts.append(_heading(2, article.title, article.id))
        parts.append(f'<p class="kb-article-meta">{esc(labels("sources.article_meta", language=labels(f"language.{article.language}")))}</p>')
        rows = []
        for section in article.sections:
            for i, item in enumerate(section.items):
                covering = [
                    link(_technique_link(t.id, lang, here, s.id),
                         labels("sources.step_ref", technique=t.text(lang).title, number=t.steps.index(s) + 1))
                    for t, s in catalog.covering_steps(item.path)
                ]
                head = ""
                if i == 0:
                    head = (f'<th scope="rowgroup" rowspan="{len(section.items)}" id="{esc(article.id)}--{esc(section.id)}">'
                            f"{esc(section.heading)}</th>")
                rows.append(f"<tr>{head}<td>{esc(item.text(lang))}</td><td>{'<br>'.join(covering)}</td></tr>")
        parts.append(
            '<table class="kb-sources-table"><thead><tr>'
            f'<th scope="col">{esc(labels("sources.section"))}</th><th scope="col">{esc(labels("sources.point"))}</th>'
            f'<th scope="col">{esc(labels("sources.covered_by"))}</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>"
        )
    return "\n\n".join(parts) + "\n"
