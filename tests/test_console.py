"""The live-call console: its content is validated with file and line, and its renderer keeps
every situation one key and one link away from its technique step, in the reader's language."""

from __future__ import annotations

import dataclasses
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from knowledge_base.content.errors import ContentError
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import Labels, load_labels
from knowledge_base.content.model import PHASES
from knowledge_base.render.console import MAX_MOVE_STEPS, render_console
from knowledge_base.render.markup import phrase_text, quoted, relative, site_path
from knowledge_base.render.pages import render_playbook

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
LIVE = CATALOG.live
PLACEHOLDERS = re.compile(r"\{\w+\}")
MARKED = Labels("sv", {k: f"[{k} " + "".join(PLACEHOLDERS.findall(v)) + "]" for k, v in LABELS["en"].values.items()})


def sections(html: str, cls: str) -> list[str]:
    """The HTML of each `<section class="cls" ...>` element (they do not nest)."""
    return re.findall(rf'<section class="{cls}"[^>]*>.*?</section>', html)


@pytest.mark.parametrize("lang", LANGS)
def test_each_situation_is_a_numbered_link_to_the_step_that_answers_it(lang: str) -> None:
    html = render_console(CATALOG, lang, LABELS[lang], "Intro.")
    links = re.findall(r'<a class="kb-situation" href="([^"]+)" data-kb-situation="([^"]+)" data-kb-key="(\d)"', html)
    assert [sid for _, sid, _ in links] == [s.id for s in LIVE.situations]
    assert [key for _, _, key in links] == [str((i + 1) % 10) for i in range(len(LIVE.situations))]
    for (href, _, _), situation in zip(links, LIVE.situations, strict=True):
        target = site_path(lang, "technique", situation.technique) + "#" + situation.step
        assert href == relative(target, site_path(lang, "console"))
        assert situation.text(lang) in html


def test_a_move_shows_title_steps_first_phrase_with_copy_and_what_to_avoid() -> None:
    labels = LABELS["es"]
    html = render_console(CATALOG, "es", labels, "Intro.")
    moves = sections(html, "kb-move")
    assert len(moves) == len(LIVE.situations)
    for move, situation in zip(moves, LIVE.situations, strict=True):
        text = CATALOG.techniques[situation.technique].text("es")
        assert text.title in move and " hidden>" in move.split(">")[0] + ">"
        steps = re.findall(r"<li[^>]*>", move.split('class="kb-move-steps">')[1].split("</ol>")[0])
        assert 1 <= len(steps) <= MAX_MOVE_STEPS
        assert text.steps[situation.step].text in move.split("kb-move-this")[1]
        phrase = text.steps[situation.step].say or text.say[0]
        assert f'data-kb-copy="{escape(phrase_text(labels, phrase))}"' in move
        assert quoted(labels, phrase) in move
        assert all(quoted(labels, avoid) in move for avoid in text.avoid)


def test_every_pause_point_has_5_to_9_steps_with_the_playbook_tick_keys() -> None:
    html = render_console(CATALOG, "sv", LABELS["sv"], "Intro.")
    book = render_playbook(CATALOG, "live-call", "sv", LABELS["sv"], "")
    playbook_keys = set(re.findall(r'data-kb-step="([^"]+)"', book))
    phases = sections(html, "kb-phase")
    assert [re.search(r'data-kb-phase="([a-z]+)"', p)[1] for p in phases] == list(PHASES)
    for number, phase in enumerate(phases, start=1):
        keys = re.findall(r'data-kb-step="([^"]+)"', phase)
        assert 5 <= len(keys) <= 9
        assert set(keys) <= playbook_keys, "a console tick must show on the live-call playbook"
        name = LABELS["sv"](f"phase.{PHASES[number - 1]}")
        assert LABELS["sv"]("console.phase_of", number=number, total=len(PHASES), phase=name) in phase


def test_every_label_comes_from_the_locale() -> None:
    html = render_console(CATALOG, "sv", MARKED, "Intro.")
    for key in ("console.situations", "console.move", "console.say", "console.avoid", "console.back",
                "console.open_technique", "console.next_step", "console.help", "console.key_tick",
                "console.key_timer", "console.key_copy", "console.print_say", "checklist.reset"):
        assert f"[{key}" in html, key
    for english in ("Your move", "Say this first", "Keyboard shortcuts", "Back to", "Next unticked", "Clear ticks"):
        assert english not in html, f"hard-coded {english!r}"


def test_the_timer_marks_come_from_the_content_with_the_locale_words() -> None:
    vent = next(s for s in LIVE.situations if s.id == "venting")
    step = next(s for s in CATALOG.techniques[vent.technique].steps if s.id == vent.step)
    html = render_console(CATALOG, "es", LABELS["es"], "Intro.")
    move = next(m for m in sections(html, "kb-move") if 'data-kb-move="venting"' in m)
    assert step.window is not None and len(step.window.marks) >= 3
    for mark in step.window.marks:
        text = LABELS["es"](f"console.mark_{mark.kind.replace('-', '_')}", at=mark.at)
        assert f"&quot;at&quot;: {mark.at}" in move and text in move


def test_inserted_text_is_escaped() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    situation = dataclasses.replace(LIVE.situations[0], texts={"en": hostile})
    catalog = dataclasses.replace(CATALOG, live=dataclasses.replace(LIVE, situations=(situation, *LIVE.situations[1:])))
    html = render_console(catalog, "en", LABELS["en"], "Intro.")
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_the_print_table_has_one_row_per_situation() -> None:
    html = render_console(CATALOG, "sv", LABELS["sv"], "Intro.")
    table = html.split('<table class="kb-console-print">')[1].split("</table>")[0]
    assert table.count("<tr>") == len(LIVE.situations) + 1


def _broken_docs(tmp_path: Path, old: str, new: str, file: str = "live.en.md") -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    text = (docs / file).read_text(encoding="utf-8")
    assert old in text
    (docs / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return docs


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "key", "message"), [
    ("technique: let-them-vent", "technique: let-them-rant", "situations.1.technique", "'let-them-rant' does not exist"),
    ("step: give-it-time", "step: give-it-room", "situations.1.step", "has no step 'give-it-room'"),
    ("source: sv-back-down/vent", "source: sv-back-down/venting", "situations.1.source", "'sv-back-down/venting'"),
    ("let-them-vent/let-them-talk,", "let-them-vent/let-them-shout,", "phases.listening.0", "no step 'let-them-shout'"),
    ("broken-record/wait-for-it]", "broken-record/wait-for-it, set-the-pace/speak-softly]", "phases.resolving.7",
     "already in phase 'opening'"),
])
def test_a_dangling_reference_names_file_key_and_line(tmp_path: Path, old: str, new: str, key: str, message: str) -> None:
    docs = _broken_docs(tmp_path, old, new)
    with pytest.raises(ContentError) as error:
        load_catalog(docs, LANGS, tmp_path)
    line = _line_of((docs / "live.en.md").read_text(encoding="utf-8"), new.split(",")[0].split(":")[-1].strip().rstrip("]"))
    assert str(error.value).startswith(f"docs/live.en.md:{line} [{key}]: ") and message in str(error.value)


def test_a_pause_point_outside_5_to_9_steps_and_a_drifting_translation_are_refused(tmp_path: Path) -> None:
    docs = _broken_docs(tmp_path, "set-ego-aside/not-personal, set-ego-aside/keep-distance, set-ego-aside/pause-first, "
                                  "set-ego-aside/check-delivery,", "")
    with pytest.raises(ContentError, match=r"docs/live\.en\.md:\d+ \[phases\.before\]: must have 5 to 9 entries"):
        load_catalog(docs, LANGS, tmp_path)
    docs = _broken_docs(tmp_path / "sv", "id: venting", "id: shouting", "live.sv.md")
    with pytest.raises(ContentError, match=r"docs/live\.sv\.md:\d+ \[situations\.1\]: situation ids drift"):
        load_catalog(docs, LANGS, tmp_path / "sv")


def test_the_build_stops_naming_file_and_line_for_a_situation_with_a_missing_step(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    live = project / "docs" / "live.en.md"
    text = live.read_text(encoding="utf-8").replace("step: give-it-time", "step: give-it-space", 1)
    live.write_text(text, encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert f"docs/live.en.md:{_line_of(text, 'step: give-it-space')} [situations.1.step]" in build.output


def test_a_technique_without_swedish_is_marked_english_quoted_in_english_and_noted_in_swedish() -> None:
    """Fallback is honest: English text carries lang="en" and “…”, and the reader is told in Swedish."""
    tid = LIVE.situations[0].technique
    tech = CATALOG.techniques[tid]
    catalog = dataclasses.replace(CATALOG, techniques={
        **CATALOG.techniques, tid: dataclasses.replace(tech, texts={k: v for k, v in tech.texts.items() if k != "sv"})})
    sv, en = LABELS["sv"], LABELS["en"]
    english = tech.text("en")
    html = render_console(catalog, "sv", sv, "Intro.", en)
    note = sv("review.untranslated_technique")
    assert note != en("review.untranslated_technique")
    for move, situation in zip(sections(html, "kb-move"), LIVE.situations, strict=True):
        if situation.technique != tid:
            assert note not in move and 'lang="en"' not in move, "a translated technique is not marked"
            continue
        assert f'<span lang="en">{escape(english.title)}</span></h2>' in move
        assert move.count(note) == 1
        phrase = english.steps[situation.step].say or english.say[0]
        assert f'<span class="kb-phrase" lang="en">“{escape(phrase)}”</span>' in move
        own = escape(english.steps[situation.step].text)
        assert f'<li class="kb-move-this" lang="en">{own}</li>' in move
    in_phases = [p for p in sections(html, "kb-phase") if f'data-kb-step="{tid}/' in p]
    assert in_phases, "the technique is also in a pause point"
    for phase in in_phases:
        assert phase.count(note) == 1 and f'<span lang="en">{escape(english.title)}</span>: {note}' in phase
        for step in tech.steps:
            if f'data-kb-step="{tid}/{step.id}"' in phase:
                assert f'class="kb-step-text" lang="en">{escape(english.steps[step.id].text)}</label>' in phase
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html) if escape(english.title) in r)
    assert '<td lang="en">“' in row
    assert all(sv("quote.open") + escape(p) not in html for p in english.say), "English phrase in Swedish quotation marks"
    assert 'lang="en"' not in render_console(CATALOG, "sv", sv, "Intro.", en), "fully translated: nothing marked"
