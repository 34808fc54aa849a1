"""Renderers on inline fragments: escaping, anchors, accessible names, labels from the locale."""

from __future__ import annotations

import dataclasses
import re
from html import escape
from pathlib import Path

from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import Labels, load_labels
from knowledge_base.render.cards import render_card
from knowledge_base.render.checklists import ChecklistStep, step_list, toolbar
from knowledge_base.render.markup import md_text, relative
from knowledge_base.render.pages import render_home, render_playbook, render_technique
from knowledge_base.render.sheets import render_cheatsheet, render_sheet

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
ENGLISH, _ = load_labels(ROOT / "locales", LANGS, ROOT)
PLACEHOLDERS = re.compile(r"\{\w+\}")


def _marked(key: str, value: str) -> str:
    return f"[{key} " + "".join(PLACEHOLDERS.findall(value)) + "]"


MARKED = Labels("sv", {key: _marked(key, value) for key, value in ENGLISH["en"].values.items()})


def test_step_row_has_anchor_accessible_name_and_escaped_text() -> None:
    html = step_list(ENGLISH["en"], [ChecklistStep("calm", "calm", 'Say "<b>hi</b>" & wait', say="<script>x</script>")])
    assert '<li class="kb-step" id="calm">' in html
    assert 'aria-labelledby="kb-text-calm"' in html and 'id="kb-text-calm"' in html
    assert "Say &quot;&lt;b&gt;hi&lt;/b&gt;&quot; &amp; wait" in html
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_timer_only_for_steps_with_a_window_and_figures_from_content() -> None:
    labels = ENGLISH["en"]
    plain = step_list(labels, [ChecklistStep("a", "a", "Listen.")])
    timed = step_list(labels, [ChecklistStep("a", "a", "Listen.", window=(12, 47))])
    assert "kb-timer" not in plain
    assert 'data-kb-from="12" data-kb-to="47"' in timed
    assert labels("timer.window", **{"from": 12, "to": 47}) in timed


def test_ticks_are_keyed_by_technique_and_step_on_every_page_and_language() -> None:
    """One storage key for the site, and the same technique/step key wherever a step is listed."""
    stores = {toolbar(ENGLISH[lang]).split('data-kb-store="')[1].split('"')[0] for lang in LANGS}
    assert len(stores) == 1
    assert ENGLISH["sv"]("checklist.reset") in toolbar(ENGLISH["sv"])
    assert ENGLISH["sv"]("console.undo") in toolbar(ENGLISH["sv"])
    tech = render_technique(CATALOG, "let-them-vent", "sv", ENGLISH["sv"], "Text.")
    book = render_playbook(CATALOG, "live-call", "es", ENGLISH["es"], "")
    keys = set(re.findall(r'data-kb-step="([^"]+)"', tech))
    assert keys == {f"let-them-vent/{s.id}" for s in CATALOG.techniques["let-them-vent"].steps}
    assert keys <= set(re.findall(r'data-kb-step="([^"]+)"', book))


def test_every_generated_label_comes_from_the_locale() -> None:
    """With every label replaced by its key, no English UI word is left in the output."""
    tech = render_technique(CATALOG, "let-them-vent", "sv", MARKED, "Brödtext.")
    book = render_playbook(CATALOG, "live-call", "sv", MARKED, "Inledning.")
    home = render_home(CATALOG, "sv", MARKED, "Hem.")
    for page in (tech, book, home):
        for english in ("Steps", "Phrases to", "Pitfalls", "Used in", "Sources", "Clear ticks", "How and why",
                        "Start timer", "of", "Open the technique", "Playbooks", "Listening"):
            assert not re.search(rf">\s*{english}\b|^#+ {english}\b", page, re.M), f"hard-coded {english!r}"
    unescaped = tech.replace("\\", "")
    assert "[technique.steps ]" in unescaped and "[checklist.progress {done}{total}]" in unescaped
    assert "[phase.listening ]" in home.replace("\\", "")


def test_links_stay_in_the_page_language() -> None:
    book = render_playbook(CATALOG, "live-call", "es", ENGLISH["es"], "")
    hrefs = re.findall(r'href="([^"]+)"', book)
    assert hrefs and all(h.startswith("../../techniques/") for h in hrefs), hrefs
    assert relative("es/techniques/a/#x", "es/checklists/b/") == "../../techniques/a/#x"


def test_markdown_special_characters_are_neutralised() -> None:
    assert md_text("[x](javascript:y) *b* <i>") == r"\[x\](javascript:y) \*b\* &lt;i&gt;"
    assert md_text("1. first") == r"1\. first" and md_text("- item") == r"\- item" and md_text("a-b. c") == "a-b. c"


def test_generated_blocks_skip_the_markdown_parser_and_come_back_unchanged() -> None:
    from knowledge_base.render.markup import stash_blocks, unstash_blocks

    block = '<ol class="kb-checklist"><li>1</li></ol>'
    author = "Some *prose*.\n\n<div>author html</div>"
    markdown, blocks = stash_blocks(f"# Title\n\n{block}\n\n{author}")
    assert blocks == [block]
    assert block not in markdown and "author html" in markdown
    assert unstash_blocks(f"<h1>Title</h1>{markdown}", blocks).count(block) == 1


def test_spanish_phrases_put_the_full_stop_after_the_closing_quote() -> None:
    page = render_technique(CATALOG, "let-them-vent", "es", ENGLISH["es"], "Cuerpo.")
    english = render_technique(CATALOG, "let-them-vent", "en", ENGLISH["en"], "Body.")
    assert "«Gracias por explicármelo todo. Déjeme comprobar que lo he entendido bien»." in page
    assert ".»" not in page
    assert "«Disculpe que lo interrumpa un momento…»" in page  # an ellipsis stays inside
    assert ".”" in english and "”." not in english


def test_cards_and_cheat_sheet_mark_an_untranslated_technique_english_with_english_quotes() -> None:
    """A Swedish card or cheat sheet showing English text says so (lang="en") and quotes it “…”, not ”…”."""
    book = CATALOG.cheatsheet_playbook()
    assert book is not None
    tid = book.techniques[0]  # on the cheat sheet with its steps
    tech = CATALOG.techniques[tid]
    catalog = dataclasses.replace(CATALOG, techniques={
        **CATALOG.techniques, tid: dataclasses.replace(tech, texts={k: v for k, v in tech.texts.items() if k != "sv"})})
    sv, en, english = ENGLISH["sv"], ENGLISH["en"], tech.text("en")
    card = render_card(catalog, tid, "sv", sv, "https://playbook.test/", {}, en)
    assert f'<h2 class="kb-card-title" lang="en">{escape(english.title)}</h2>' in card
    assert f'<ol class="kb-card-steps" lang="en"><li>{escape(english.steps[tech.steps[0].id].text)}</li>' in card
    assert f'<ul class="kb-card-say" lang="en"><li>“{escape(english.say[0])}”</li>' in card
    assert f'<span class="kb-phrase" lang="en">“{escape(english.say[0])}”</span>' in card  # the copyable list
    assert all(sv("quote.open") + escape(p) not in card for p in english.say + english.avoid)
    translated = next(t for t in book.techniques[1:] if "sv" in CATALOG.techniques[t].texts)
    assert 'lang="en"' not in render_card(catalog, translated, "sv", sv, "https://playbook.test/", {}, en)
    sheet = render_sheet(catalog, "sv", sv, "https://playbook.test/", {}, en)
    assert f'<h2 class="kb-card-title" lang="en">{escape(english.title)}</h2>' in sheet
    assert sheet.count('class="kb-card-title" lang="en"') == 1
    cheat = render_cheatsheet(catalog, "sv", sv, "https://playbook.test/", {}, True, en)
    row = next(r for r in re.findall(r"<li><strong>.*?</li>", cheat) if escape(english.title) in r)
    assert f'lang="en">{escape(english.title)}</a>' in row
    assert f'<span class="kb-cheat-say" lang="en">“{escape(english.say[0])}”</span>' in row
    assert re.search(r'<span class="kb-cheat-step" lang="en"><b>1</b>', row)
    assert cheat.count('class="kb-cheat-say" lang="en"') == 1, "only the untranslated technique is marked"
