"""Load and validate the live-call console's content (`docs/live.<lang>.md`).

The English file holds the structure: each situation's id, the technique and step that answer
it and the source section it comes from, and per phase of the call the steps to tick
(`technique/step`, 5 to 9 per phase, like the pause points of a surgical checklist).
Translations hold only wording under the same situation ids. Every error names file, field and line.
"""

from __future__ import annotations

import re

from . import fields as f
from .errors import ContentError
from .model import DEFAULT_LANGUAGE, PHASES, Catalog, LiveContent, Situation
from .yamltext import Document, Lines

STEP_REF = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")
SITUATION_STRUCTURE = ("technique", "step", "source")
LIVE_STRUCTURE_FIELDS = ("phases",)
MIN_SITUATIONS, MAX_SITUATIONS = 6, 10
MIN_PHASE_STEPS, MAX_PHASE_STEPS = 5, 9


def load_live(docs: dict[str, Document], catalog: Catalog) -> LiveContent:
    """The console's situations and pause points, checked against the catalog."""
    english = docs[DEFAULT_LANGUAGE]
    data, lines = english.data, english.lines
    f.check_keys(data, lines, (), required=("title", "situations", "phases"), optional=())
    situations = [_situation(raw, i, lines, catalog)
                  for i, raw in enumerate(f.mapping_list(data, "situations", lines, least=MIN_SITUATIONS,
                                                         most=MAX_SITUATIONS))]
    ids = [s[0] for s in situations]
    for i, sid in enumerate(ids):
        if sid in ids[:i]:
            raise lines.error(f"duplicate id '{sid}'", "situations", i, "id")
    texts: dict[str, dict[str, str]] = {sid: {} for sid in ids}
    titles: dict[str, str] = {}
    for lang, doc in docs.items():
        titles[lang] = f.text(doc.data, "title", doc.lines, limit=80)
        for sid, wording in _wording(doc, lang, ids, english.lines.path).items():
            texts[sid][lang] = wording
    return LiveContent(
        situations=tuple(Situation(sid, tid, step, source, texts[sid]) for sid, tid, step, source in situations),
        phases=_phases(data, lines, catalog),
        titles=titles,
        paths={lang: doc.lines.path for lang, doc in docs.items()},
    )


def _situation(raw: dict[str, object], i: int, lines: Lines, catalog: Catalog) -> tuple[str, str, str, str]:
    at = ("situations", i)
    f.check_keys(raw, lines, at, required=("id", "text", *SITUATION_STRUCTURE), optional=())
    sid = f.id_value(raw["id"], lines, (*at, "id"))
    tid = f.id_value(raw["technique"], lines, (*at, "technique"))
    tech = catalog.techniques.get(tid)
    if tech is None:
        raise lines.error(f"technique '{tid}' does not exist", *at, "technique")
    step = f.id_value(raw["step"], lines, (*at, "step"))
    if step not in {s.id for s in tech.steps}:
        raise lines.error(f"technique '{tid}' has no step '{step}' (its steps: {', '.join(s.id for s in tech.steps)})",
                          *at, "step")
    source = f.text(raw, "source", lines, at)
    article_id, _, section_id = source.partition("/")
    article = catalog.articles.get(article_id)
    if not STEP_REF.match(source) or article is None or article.section(section_id) is None:
        raise lines.error(f"source section '{source}' does not exist (write it as article/section, as in the "
                          "sources page)", *at, "source")
    return sid, tid, step, source


def _wording(doc: Document, lang: str, ids: list[str], english: str) -> dict[str, str]:
    """Each situation's text in one language; a translation has the English ids, in order."""
    data, lines = doc.data, doc.lines
    is_english = lang == DEFAULT_LANGUAGE
    if not is_english:
        misplaced = {k: english for k in LIVE_STRUCTURE_FIELDS}
        f.check_keys(data, lines, (), required=("title", "situations"), optional=(), misplaced=misplaced)
    raw_list = f.mapping_list(data, "situations", lines, most=MAX_SITUATIONS)
    found = [raw.get("id") for raw in raw_list]
    if found != ids:
        first = next((i for i, (a, b) in enumerate(zip(found, ids, strict=False)) if a != b), min(len(found), len(ids)))
        want = ids[first] if first < len(ids) else "(none)"
        got = found[first] if first < len(found) else "(none)"
        raise lines.problem("page.situation_ids_drift", "situations", min(first, len(raw_list) - 1), english=english,
                            number=first + 1, got=got, want=want, order=", ".join(ids))
    wording = {}
    for i, raw in enumerate(raw_list):
        at = ("situations", i)
        if not is_english:
            misplaced = {k: english for k in SITUATION_STRUCTURE}
            f.check_keys(raw, lines, at, required=("id", "text"), optional=(), misplaced=misplaced)
        wording[raw["id"]] = f.text(raw, "text", lines, at, limit=80)
    if not doc.body.strip():
        raise ContentError(lines.path, code="page.empty_introduction")
    return wording


def _phases(data: dict[str, object], lines: Lines, catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Per phase of the call, 5 to 9 existing technique steps; no step in two phases."""
    raw = f.check_keys(data["phases"], lines, ("phases",), required=PHASES, optional=())
    seen: dict[str, str] = {}
    phases: dict[str, tuple[str, ...]] = {}
    for phase in PHASES:
        refs = f.id_list(raw, phase, lines, ("phases",), least=MIN_PHASE_STEPS, most=MAX_PHASE_STEPS, pattern=STEP_REF)
        for i, ref in enumerate(refs):
            tid, _, step = ref.partition("/")
            tech = catalog.techniques.get(tid)
            if tech is None:
                raise lines.error(f"technique '{tid}' does not exist", "phases", phase, i)
            if step not in {s.id for s in tech.steps}:
                raise lines.error(f"technique '{tid}' has no step '{step}' (its steps: "
                                  f"{', '.join(s.id for s in tech.steps)})", "phases", phase, i)
            if ref in seen:
                raise lines.error(f"step '{ref}' is already in phase '{seen[ref]}'", "phases", phase, i)
            seen[ref] = phase
        phases[phase] = refs
    return phases
