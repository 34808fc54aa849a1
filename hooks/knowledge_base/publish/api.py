"""Machine-readable views of the catalog: JSON for programs (each naming its published schema
in `$schema`) and schema.org HowTo JSON-LD for pages. URLs are absolute (on `site_url`).
The markdown for language models is in `llms.py`."""

from __future__ import annotations

import json
from typing import Any

from ..content.locales import Labels
from ..content.model import DEFAULT_LANGUAGE, PHASES, Article, Catalog, Playbook, Technique
from ..content.slots import ON_DEVICE, declared_slots
from ..render.markup import absolute, blank, phrase_text, site_path

SCHEMA_VERSION = 3
TECHNIQUES_SCHEMA = "techniques.schema.json"
INDEX_SCHEMA = "index.schema.json"


def api_path(lang: str) -> str:
    """Site-relative path of a language's techniques.json."""
    return f"api/{lang}/techniques.json"


def schema_path(name: str) -> str:
    """Site-relative path of a published JSON schema."""
    return f"schemas/{name}"


def markdown_path(lang: str, item_id: str, kind: str = "technique") -> str:
    """Site-relative path of the plain-markdown copy of a page (technique, playbook or sources)."""
    return site_path(lang, kind, item_id).rstrip("/") + ".md"


def technique_data(catalog: Catalog, tech: Technique, lang: str, site_url: str,
                   labels: dict[str, Labels]) -> dict[str, Any]:
    """One technique as JSON-able data in `lang`.

    Each phrase is given filled (the team's values, a visible blank where there is none) and as
    its template with the `{slot}` names (`say_templates`, `avoid_templates`, a step's `say_template`).
    """
    text = tech.text(lang)
    own = labels[text.lang] if text.lang in labels else labels[lang]
    page = absolute(site_url, site_path(lang, "technique", tech.id))
    sources_url = absolute(site_url, site_path(lang, "sources"))
    steps = []
    for step in tech.steps:
        entry: dict[str, Any] = {"id": step.id, "text": text.steps[step.id].text, "url": f"{page}#{step.id}"}
        if text.steps[step.id].say:
            entry["say"] = phrase_text(own, text.steps[step.id].say)
            entry["say_template"] = text.steps[step.id].say
        if step.window:
            entry["window_seconds"] = {"from": step.window.start, "to": step.window.end}
        entry["covers"] = [
            {"point": path, "text": item.text(lang), "url": sources_url + "#" + path.rsplit("/", 1)[0].replace("/", "--")}
            for path in step.covers if (item := catalog.item(path)) is not None
        ]
        steps.append(entry)
    sources = []
    for ref in tech.sources:
        article_id, _, section_id = ref.partition("/")
        article = catalog.articles[article_id]
        section = article.section(section_id)
        sources.append({"article": article.id, "article_title": article.title, "language": article.language,
                        "section": section_id, "heading": section.heading if section else section_id})
    return {
        "id": tech.id, "title": text.title, "summary": text.summary, "phase": tech.phase,
        "language": text.lang, "url": page, "card_url": absolute(site_url, site_path(lang, "card", tech.id)),
        "markdown_url": absolute(site_url, markdown_path(lang, tech.id)),
        "steps": steps, "say": [phrase_text(own, p) for p in text.say], "say_templates": list(text.say),
        "avoid": [phrase_text(own, p) for p in text.avoid], "avoid_templates": list(text.avoid),
        "pitfalls": list(text.pitfalls),
        "explanation": text.body.strip(), "related": list(tech.related), "sources": sources,
    }


def playbook_data(catalog: Catalog, book: Playbook, lang: str, site_url: str) -> dict[str, Any]:
    """One playbook as JSON-able data: its ordered step references."""
    page = absolute(site_url, site_path(lang, "playbook", book.id))
    steps = [
        {"technique": tid, "step": s.id, "url": f"{page}#{tid}--{s.id}",
         "technique_url": absolute(site_url, site_path(lang, "technique", tid)) + f"#{s.id}"}
        for tid in book.techniques for s in catalog.techniques[tid].steps
    ]
    text = book.text(lang)
    return {"id": book.id, "title": text.title, "summary": text.summary, "language": text.lang, "url": page,
            "markdown_url": absolute(site_url, markdown_path(lang, book.id, "playbook")),
            "introduction": text.body, "techniques": list(book.techniques), "steps": steps}


def article_data(article: Article, lang: str, site_url: str) -> dict[str, Any]:
    """A source article: title and language as published, its sections and points (described in `lang`)."""
    page = absolute(site_url, site_path(lang, "sources"))
    return {
        "id": article.id, "title": article.title, "language": article.language,
        "sections": [{"id": section.id, "heading": section.heading, "url": f"{page}#{article.id}--{section.id}",
                      "points": [{"id": item.path, "text": item.text(lang)} for item in section.items]}
                     for section in article.sections],
    }


def _step_ref(catalog: Catalog, tid: str, step: str, lang: str, site_url: str) -> dict[str, Any]:
    return {"technique": tid, "step": step, "text": catalog.techniques[tid].text(lang).steps[step].text,
            "url": absolute(site_url, site_path(lang, "technique", tid)) + f"#{step}"}


def console_data(catalog: Catalog, lang: str, labels: Labels, site_url: str) -> dict[str, Any] | None:
    """The live-call console: each situation with the technique step that answers it and its source
    section, and the call's stages (phases) with their steps in order. None without a console."""
    live = catalog.live
    if live is None:
        return None
    page = absolute(site_url, site_path(lang, "console"))
    sources = absolute(site_url, site_path(lang, "sources"))
    situations = []
    for s in live.situations:
        article_id, _, section_id = s.source.partition("/")
        article = catalog.articles[article_id]
        section = article.section(section_id)
        step = _step_ref(catalog, s.technique, s.step, lang, site_url)
        situations.append({
            "id": s.id, "text": s.text(lang), "language": lang if lang in s.texts else DEFAULT_LANGUAGE,
            "url": f"{page}#situation-{s.id}", "technique": s.technique, "step": s.step,
            "step_text": step["text"], "step_url": step["url"],
            "source": {"article": article.id, "section": section_id, "heading": section.heading if section else section_id,
                       "url": f"{sources}#{article.id}--{section_id}"},
        })
    stages = [
        {"phase": phase, "position": n, "title": labels(f"phase.{phase}"), "url": f"{page}#phase-{phase}",
         "steps": [_step_ref(catalog, *ref.split("/", 1), lang, site_url) for ref in live.phases[phase]]}
        for n, phase in enumerate(PHASES, start=1)
    ]
    return {"title": live.titles.get(lang) or live.titles[DEFAULT_LANGUAGE], "url": page,
            "markdown_url": absolute(site_url, markdown_path(lang, "", "console")),
            "situations": situations, "stages": stages}


def slots_data(labels: Labels) -> list[dict[str, Any]]:
    """The slots phrases may use, described in `labels`' language, with the team's value or null."""
    return [{"name": name, "description": labels(f"slots.{name}.description"), "example": labels(f"slots.{name}.example"),
             "blank": blank(labels, name), "value": labels.team.get(name), "on_device": name in ON_DEVICE}
            for name in declared_slots(labels.values)]


def techniques_json(catalog: Catalog, lang: str, site_url: str, labels: dict[str, Labels]) -> str:
    """The whole catalog in one language, with the live-call console when there is one; `labels` by language
    (with the team's values) fill the phrases."""
    data: dict[str, Any] = {
        "$schema": absolute(site_url, schema_path(TECHNIQUES_SCHEMA)), "schema_version": SCHEMA_VERSION, "language": lang,
        "slots": slots_data(labels[lang]),
        "techniques": [technique_data(catalog, t, lang, site_url, labels) for t in catalog.ordered_techniques(lang)],
        "playbooks": [playbook_data(catalog, b, lang, site_url) for b in catalog.playbooks.values()],
        "articles": [article_data(a, lang, site_url) for a in catalog.articles.values()],
    }
    console = console_data(catalog, lang, labels[lang], site_url)
    if console is not None:
        data["console"] = console
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def index_json(catalog: Catalog, names: dict[str, str], site_url: str) -> str:
    """Languages, techniques and playbooks with their URLs in every language."""
    langs = list(names)

    def urls(kind: str, item_id: str = "") -> dict[str, str]:
        return {lang: absolute(site_url, site_path(lang, kind, item_id)) for lang in langs}

    data = {
        "$schema": absolute(site_url, schema_path(INDEX_SCHEMA)), "schema_version": SCHEMA_VERSION,
        "languages": [{"code": lang, "name": names[lang], "home": absolute(site_url, site_path(lang, "home")),
                       "techniques_json": absolute(site_url, api_path(lang)),
                       "llms_full_txt": absolute(site_url, site_path(lang, "home") + "llms-full.txt")} for lang in langs],
        "techniques": [{"id": t.id, "phase": t.phase, "urls": urls("technique", t.id)}
                       for t in catalog.ordered_techniques(DEFAULT_LANGUAGE)],
        "playbooks": [{"id": b.id, "urls": urls("playbook", b.id)} for b in catalog.playbooks.values()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def script_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside an HTML <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _howto_steps(tech: Technique, lang: str, page_url: str, anchor: str) -> list[dict[str, Any]]:
    text = tech.text(lang)
    return [{"@type": "HowToStep", "position": n, "name": text.steps[s.id].text, "text": text.steps[s.id].text,
             "url": f"{page_url}#{anchor.format(t=tech.id, s=s.id)}"} for n, s in enumerate(tech.steps, start=1)]


def technique_jsonld(catalog: Catalog, tid: str, lang: str, site_url: str) -> str:
    """A schema.org HowTo script element for a technique page."""
    tech = catalog.techniques[tid]
    url = absolute(site_url, site_path(lang, "technique", tid))
    data = {"@context": "https://schema.org", "@type": "HowTo", "name": tech.text(lang).title,
            "description": tech.text(lang).summary, "inLanguage": lang, "url": url,
            "step": _howto_steps(tech, lang, url, "{s}")}
    return f'<script type="application/ld+json">{script_json(data)}</script>'


def playbook_jsonld(catalog: Catalog, pid: str, lang: str, site_url: str) -> str:
    """A schema.org HowTo with one HowToSection per technique for a playbook page."""
    book = catalog.playbooks[pid]
    url = absolute(site_url, site_path(lang, "playbook", pid))
    sections = [{"@type": "HowToSection", "name": catalog.techniques[t].text(lang).title, "position": n,
                 "itemListElement": _howto_steps(catalog.techniques[t], lang, url, "{t}--{s}")}
                for n, t in enumerate(book.techniques, start=1)]
    data = {"@context": "https://schema.org", "@type": "HowTo", "name": book.text(lang).title,
            "description": book.text(lang).summary, "inLanguage": lang, "url": url, "step": sections}
    return f'<script type="application/ld+json">{script_json(data)}</script>'
