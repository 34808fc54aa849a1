"""Load and validate every content file before anything is rendered.

Files follow the suffix layout `<dir>/<id>.<lang>.md`. The English file of a technique or
playbook holds its structure; translations hold phrasing only, with the same step ids in the
same order. Every error names the file, the field and the line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from . import fields as f
from .errors import ContentError
from .live import load_live
from .prose import check_pages
from .references import check_references
from .slots import check_technique_slots
from .model import (DEFAULT_LANGUAGE, MARK_KINDS, PHASES, Article, Catalog, Mark, Playbook, PlaybookText, Section,
                    SourceItem, Step, StepText, Technique, TechniqueText, Window)
from .yamltext import Document, Lines, read_document

_FILE_NAME = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[A-Za-z_-]+)\.md$")
SECTION_REF = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")
ITEM_REF = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+$")

TECHNIQUE_TEXT_FIELDS = ("title", "summary", "steps", "say", "avoid", "pitfalls")
TECHNIQUE_STRUCTURE_FIELDS = ("phase", "related", "sources")
PLAYBOOK_STRUCTURE_FIELDS = ("techniques", "source", "cheatsheet")
STEP_STRUCTURE_FIELDS = ("window", "covers")


def load_catalog(docs_dir: Path, languages: Sequence[str], root: Path | None = None,
                 skip: frozenset[str] = frozenset(), slots: Collection[str] | None = None) -> Catalog:
    """Read techniques, playbooks and sources under `docs_dir` and check they fit together.

    Translation files named in `skip` (paths as shown in errors) are left out: their pages fall back to English.
    `slots` are the slot names phrases may use (see `slots.declared_slots`); None checks only that each
    translated phrase uses the slots of its English phrase.
    """
    root = root or docs_dir.parent
    languages = tuple(languages)
    check_pages(docs_dir, languages, root, skip)
    technique_docs = _group(docs_dir, "techniques", languages, root, skip)
    playbook_docs = _group(docs_dir, "checklists", languages, root, skip)
    techniques = {tid: _technique(tid, docs, slots) for tid, docs in technique_docs.items()}
    playbooks = {pid: _playbook(pid, docs) for pid, docs in playbook_docs.items()}
    source_docs = _group_single(docs_dir, "sources", languages, root, skip)
    articles, titles = _sources(source_docs, languages)
    catalog = Catalog(techniques, playbooks, articles, languages, titles)
    check_references(catalog, {t: d[DEFAULT_LANGUAGE].lines for t, d in technique_docs.items()},
                     {p: d[DEFAULT_LANGUAGE].lines for p, d in playbook_docs.items()},
                     source_docs[DEFAULT_LANGUAGE].lines)
    live_docs = {lang: read_document(file, _shown(file, root)) for lang in languages
                 if (file := docs_dir / f"live.{lang}.md").exists()}
    if live_docs:
        catalog = replace(catalog, live=load_live(live_docs, catalog))
    return catalog


def _shown(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _group(docs_dir: Path, folder: str, languages: tuple[str, ...], root: Path,
           skip: frozenset[str]) -> dict[str, dict[str, Document]]:
    """Documents of one folder by id, then language; the English one must exist."""
    grouped: dict[str, dict[str, Document]] = {}
    for file in sorted((docs_dir / folder).glob("*.md")):
        shown = _shown(file, root)
        match = _FILE_NAME.match(file.name)
        if not match or match["lang"] not in languages:
            raise ContentError(shown, code="file.name", params={"languages": ", ".join(languages)})
        if not f.SLUG.match(match["id"]):
            raise ContentError(shown, code="file.id")
        if shown in skip and match["lang"] != DEFAULT_LANGUAGE:
            continue
        grouped.setdefault(match["id"], {})[match["lang"]] = read_document(file, shown)
    for item_id, docs in grouped.items():
        if DEFAULT_LANGUAGE not in docs:
            lang, doc = next(iter(docs.items()))
            raise ContentError(doc.lines.path, code="page.no_english", params={"english": f"{folder}/{item_id}.en.md"})
    return grouped


def _technique(tid: str, docs: dict[str, Document], slots: Collection[str] | None = None) -> Technique:
    english = docs[DEFAULT_LANGUAGE]
    data, lines = english.data, english.lines
    f.check_keys(data, lines, (), required=(*TECHNIQUE_TEXT_FIELDS, "phase", "sources"), optional=("related",))
    phase = f.text(data, "phase", lines)
    if phase not in PHASES:
        raise lines.error(f"unknown phase '{phase}' (expected one of: {', '.join(PHASES)})", "phase")
    steps = tuple(_step_structure(s, lines, i) for i, s in enumerate(f.mapping_list(data, "steps", lines, most=8)))
    _unique([s.id for s in steps], lines, ("steps",), "id")
    texts = {DEFAULT_LANGUAGE: _technique_text(english, DEFAULT_LANGUAGE, steps, english)}
    texts |= {lang: _technique_text(doc, lang, steps, english) for lang, doc in docs.items() if lang != DEFAULT_LANGUAGE}
    for text in texts.values():
        check_technique_slots(text, docs[text.lang].lines, texts[DEFAULT_LANGUAGE], slots)
    return Technique(
        id=tid,
        phase=phase,
        steps=steps,
        related=f.id_list(data, "related", lines, most=8),
        sources=f.id_list(data, "sources", lines, least=1, pattern=SECTION_REF),
        texts=texts,
    )


def _step_structure(step: dict[str, object], lines: Lines, i: int) -> Step:
    at = ("steps", i)
    sid = f.id_value(step.get("id"), lines, (*at, "id"))
    window = None
    if "window" in step:
        raw = f.check_keys(step["window"], lines, (*at, "window"), required=("from", "to"), optional=("marks",))
        start = f.whole_number(raw["from"], lines, (*at, "window", "from"), 1, 3600)
        end = f.whole_number(raw["to"], lines, (*at, "window", "to"), 1, 3600)
        if end <= start:
            raise lines.error("'to' must be later than 'from'", *at, "window", "to")
        window = Window(start, end, _marks(raw, lines, (*at, "window")) if "marks" in raw else ())
    return Step(sid, window, f.id_list(step, "covers", lines, at, pattern=ITEM_REF))


def _marks(window: dict[str, object], lines: Lines, at: tuple[str | int, ...]) -> tuple[Mark, ...]:
    """The timer's marks: ascending seconds, a known kind, the source item giving the figure."""
    marks: list[Mark] = []
    for i, raw in enumerate(f.mapping_list(window, "marks", lines, at, most=6)):
        mat = (*at, "marks", i)
        f.check_keys(raw, lines, mat, required=("at", "kind", "covers"), optional=())
        second = f.whole_number(raw["at"], lines, (*mat, "at"), 1, 3600)
        if marks and second <= marks[-1].at:
            raise lines.error("marks must be in ascending order of 'at'", *mat, "at")
        kind = f.text(raw, "kind", lines, mat)
        if kind not in MARK_KINDS:
            raise lines.error(f"unknown kind '{kind}' (expected one of: {', '.join(MARK_KINDS)})", *mat, "kind")
        covers = f.text(raw, "covers", lines, mat)
        if not ITEM_REF.match(covers):
            raise lines.error(f"{covers!r} is not a valid reference", *mat, "covers")
        marks.append(Mark(second, kind, covers))
    return tuple(marks)


def _technique_text(doc: Document, lang: str, steps: tuple[Step, ...], english: Document) -> TechniqueText:
    data, lines = doc.data, doc.lines
    is_english = lang == DEFAULT_LANGUAGE
    if not is_english:
        misplaced = {k: english.lines.path for k in TECHNIQUE_STRUCTURE_FIELDS}
        f.check_keys(data, lines, (), required=TECHNIQUE_TEXT_FIELDS, optional=(), misplaced=misplaced)
    step_texts: dict[str, StepText] = {}
    raw_steps = f.mapping_list(data, "steps", lines, most=8)
    expected = [s.id for s in steps]
    found = [s.get("id") for s in raw_steps]
    if found != expected:
        first = next((i for i, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b), min(len(found), len(expected)))
        want = expected[first] if first < len(expected) else "(none)"
        got = found[first] if first < len(found) else "(none)"
        raise lines.problem("page.step_ids_drift", "steps", min(first, len(raw_steps) - 1), "id",
                            english=english.lines.path, number=first + 1, got=got, want=want, order=", ".join(expected))
    english_steps = english.data["steps"]
    for i, raw in enumerate(raw_steps):
        at = ("steps", i)
        misplaced = {k: english.lines.path for k in STEP_STRUCTURE_FIELDS} if not is_english else None
        f.check_keys(raw, lines, at, required=("id", "text"),
                     optional=("say",) + (() if not is_english else STEP_STRUCTURE_FIELDS), misplaced=misplaced)
        if not is_english and ("say" in raw) != ("say" in english_steps[i]):
            code = "page.step_needs_say" if "say" in english_steps[i] else "page.step_without_say"
            raise lines.problem(code, *at, step=raw["id"], english=english.lines.path)
        step_texts[raw["id"]] = StepText(f.text(raw, "text", lines, at), f.optional_phrase(raw, "say", lines, at))
    body = doc.body.strip()
    if not body:
        raise ContentError(lines.path, code="page.empty_explanation")
    return TechniqueText(
        lang=lang,
        title=f.text(data, "title", lines, limit=f.MAX_TITLE),
        summary=f.text(data, "summary", lines, limit=f.MAX_SUMMARY),
        steps=step_texts,
        say=f.phrase_list(data, "say", lines, most=5),
        avoid=f.phrase_list(data, "avoid", lines, most=5),
        pitfalls=f.text_list(data, "pitfalls", lines, most=5),
        body=body,
        path=lines.path,
    )


def _playbook(pid: str, docs: dict[str, Document]) -> Playbook:
    english = docs[DEFAULT_LANGUAGE]
    data, lines = english.data, english.lines
    f.check_keys(data, lines, (), required=("title", "summary", "techniques"), optional=("source", "cheatsheet"))
    cheatsheet = f.flag(data, "cheatsheet", lines)
    texts = {}
    for lang, doc in docs.items():
        if lang != DEFAULT_LANGUAGE:
            misplaced = {k: lines.path for k in PLAYBOOK_STRUCTURE_FIELDS}
            f.check_keys(doc.data, doc.lines, (), required=("title", "summary"), optional=(), misplaced=misplaced)
        texts[lang] = PlaybookText(lang, f.text(doc.data, "title", doc.lines, limit=f.MAX_TITLE),
                                   f.text(doc.data, "summary", doc.lines, limit=f.MAX_SUMMARY), doc.lines.path,
                                   body=doc.body.strip())
    source = f.optional_text(data, "source", lines)
    return Playbook(pid, f.id_list(data, "techniques", lines, least=1), source, texts, cheatsheet)


def _sources(docs: dict[str, Document], languages: tuple[str, ...]) -> tuple[dict[str, Article], dict[str, str]]:
    english = docs[DEFAULT_LANGUAGE]
    data, lines = english.data, english.lines
    f.check_keys(data, lines, (), required=("title", "articles"), optional=())
    translated: dict[str, dict[str, str]] = {}
    titles = {DEFAULT_LANGUAGE: f.text(data, "title", lines)}
    for lang, doc in docs.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        misplaced = {"articles": lines.path}
        f.check_keys(doc.data, doc.lines, (), required=("title", "items"), optional=(), misplaced=misplaced)
        titles[lang] = f.text(doc.data, "title", doc.lines)
        items = doc.data["items"]
        if not isinstance(items, dict):
            raise doc.lines.problem("sources.items_not_mapping", "items")
        translated[lang] = {key: f.text_value(value, doc.lines, ("items", key)) for key, value in items.items()}
    articles: dict[str, Article] = {}
    for a, raw in enumerate(f.mapping_list(data, "articles", lines, most=20)):
        at = ("articles", a)
        f.check_keys(raw, lines, at, required=("id", "title", "language", "file", "sections"), optional=())
        aid = f.id_value(raw["id"], lines, (*at, "id"))
        if aid in articles:
            raise lines.error(f"duplicate article id '{aid}'", *at, "id")
        sections = []
        for s, raw_section in enumerate(f.mapping_list(raw, "sections", lines, at, most=40)):
            sat = (*at, "sections", s)
            f.check_keys(raw_section, lines, sat, required=("id", "heading", "items"), optional=())
            sid = f.id_value(raw_section["id"], lines, (*sat, "id"))
            items = []
            for i, raw_item in enumerate(f.mapping_list(raw_section, "items", lines, sat)):
                iat = (*sat, "items", i)
                f.check_keys(raw_item, lines, iat, required=("id", "text"), optional=())
                path = f"{aid}/{sid}/{f.id_value(raw_item['id'], lines, (*iat, 'id'))}"
                item_texts = {DEFAULT_LANGUAGE: f.text(raw_item, "text", lines, iat)}
                item_texts.update({lang: t[path] for lang, t in translated.items() if path in t})
                items.append(SourceItem(path, item_texts))
            _unique([i.path for i in items], lines, (*sat, "items"), "id")
            sections.append(Section(sid, f.text(raw_section, "heading", lines, sat), tuple(items)))
        _unique([s.id for s in sections], lines, (*at, "sections"), "id")
        language = f.text(raw, "language", lines, at)
        if language not in languages:
            raise lines.error(f"unknown language '{language}' (the site's languages: {', '.join(languages)})",
                              *at, "language", hint="write the code of one of the site's languages, as in mkdocs.yml")
        articles[aid] = Article(aid, f.text(raw, "title", lines, at), language,
                                f.text(raw, "file", lines, at), tuple(sections))
    known = {i.path for art in articles.values() for s in art.sections for i in s.items}
    for lang, items in translated.items():
        for key in items:
            if key not in known:
                raise docs[lang].lines.problem("sources.no_item", "items", key)
    return articles, titles


def _group_single(docs_dir: Path, stem: str, languages: tuple[str, ...], root: Path,
                  skip: frozenset[str]) -> dict[str, Document]:
    docs = {}
    for lang in languages:
        file = docs_dir / f"{stem}.{lang}.md"
        if file.exists() and (lang == DEFAULT_LANGUAGE or _shown(file, root) not in skip):
            docs[lang] = read_document(file, _shown(file, root))
    if DEFAULT_LANGUAGE not in docs:
        raise ContentError(_shown(docs_dir / f"{stem}.en.md", root), "missing: the English sources page is required")
    return docs


def _unique(ids: list[str], lines: Lines, at: tuple[str | int, ...], key: str) -> None:
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            raise lines.error(f"duplicate id '{value}'", *at, i, key)
        seen.add(value)
