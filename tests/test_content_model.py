"""The content model: loads the real catalog, and rejects each kind of bad input with a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.content.errors import ContentError
from knowledge_base.content.loader import load_catalog
from minisite import LISTEN_EN, PLAYBOOK_EN, TECHNIQUE_EN, TECHNIQUE_SV, write_docs

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")


def load(tmp_path: Path, **overrides: str | None):
    return load_catalog(write_docs(tmp_path, **overrides), LANGS, tmp_path)


def test_real_catalog_loads_with_every_language() -> None:
    catalog = load_catalog(ROOT / "docs", LANGS, ROOT)
    assert len(catalog.techniques) >= 10
    for tech in catalog.techniques.values():
        assert set(tech.texts) == set(LANGS), f"{tech.id} is not written in all languages"
    assert {"live-call", "angry-customer-back-down", "escalated-confrontation"} <= set(catalog.playbooks)


def test_valid_catalog_keeps_structure_and_phrasing(tmp_path: Path) -> None:
    catalog = load(tmp_path)
    tech = catalog.techniques["breathe"]
    assert [s.id for s in tech.steps] == ["inhale", "exhale"]
    assert tech.steps[1].window is not None and (tech.steps[1].window.start, tech.steps[1].window.end) == (5, 10)
    assert tech.text("sv").steps["exhale"].say == "Tack för att du väntade."
    assert tech.text("es").title == "Breathe", "a missing translation falls back to English"
    assert catalog.playbooks_using("listen")[0].id == "short"
    assert catalog.covering_steps("art/one/b")[0][1].id == "hear"


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        ({"techniques/listen.en.md": LISTEN_EN.replace("summary: Listen.\n", "")},
         "docs/techniques/listen.en.md:2", "missing required field 'summary'"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("summary: Listen.", "summary: Listen.\ncolour: red")},
         "docs/techniques/listen.en.md:4 [colour]", "unknown field"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("say: [Go on.]", "say: Go on.")},
         "docs/techniques/listen.en.md:10 [say]", "must be a list"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("summary: Listen.", "summary: [Listen]")},
         "docs/techniques/listen.en.md:3 [summary]", "must be text"),
        ({"techniques/breathe.en.md": TECHNIQUE_EN.replace("id: exhale", "id: inhale")},
         "docs/techniques/breathe.en.md:11 [steps.1.id]", "duplicate id 'inhale'"),
        ({"techniques/breathe.en.md": TECHNIQUE_EN.replace("related: [listen]", "related: [listne]")},
         "docs/techniques/breathe.en.md:6 [related.0]", "related technique 'listne' does not exist"),
        ({"techniques/breathe.sv.md": TECHNIQUE_SV.replace("id: exhale", "id: breathe-out")},
         "docs/techniques/breathe.sv.md:7 [steps.1.id]", "step ids drift from docs/techniques/breathe.en.md"),
        ({"techniques/breathe.sv.md": TECHNIQUE_SV.replace("title: Andas", "title: [Andas")},
         "docs/techniques/breathe.sv.md:2", "not closed"),
        ({"techniques/breathe.sv.md": TECHNIQUE_SV.replace("title: Andas", "title: Andas\nphase: before")},
         "docs/techniques/breathe.sv.md:3 [phase]", "belongs in the English file only"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("summary: Listen.", "summary: Listen.\nsummary: Again.")},
         "docs/techniques/listen.en.md:4 [summary]", "duplicate key"),
        ({"checklists/short.en.md": PLAYBOOK_EN.replace("listen]", "listen, shout]")},
         "docs/checklists/short.en.md:4 [techniques.2]", "technique 'shout' does not exist"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("art/one/b", "art/one/c")},
         "docs/techniques/listen.en.md:9 [steps.0.covers.0]", "source item 'art/one/c' is not in"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("covers: [art/one/b]", "covers: []")},
         "docs/sources.en.md:13 [articles.0.sections.0.items.1]", "not covered by any technique step"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("phase: listening", "phase: later")},
         "docs/techniques/listen.en.md:4 [phase]", "unknown phase 'later'"),
        ({"techniques/listen.es.md": None, "techniques/shout.sv.md": TECHNIQUE_SV},
         "docs/techniques/shout.sv.md", "without an English original"),
        ({"techniques/listen.en.md": LISTEN_EN.replace("title: Listen", "title: ''")},
         "docs/techniques/listen.en.md:2 [title]", "must not be empty"),
    ],
    ids=["missing-field", "unknown-field", "wrong-type-list", "wrong-type-text", "duplicate-step-id",
         "dangling-related", "step-drift", "malformed-yaml", "structure-in-translation", "duplicate-key",
         "dangling-playbook-entry", "dangling-source-item", "uncovered-source-item", "unknown-phase",
         "orphan-translation", "empty-string"],
)
def test_bad_content_is_reported_with_file_field_and_line(tmp_path: Path, change: dict, where: str,
                                                          message: str) -> None:
    with pytest.raises(ContentError) as caught:
        load(tmp_path, **change)
    text = str(caught.value)
    assert text.startswith(where), text
    assert message in text, text


def test_step_drift_names_both_files_and_the_step(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace("id: exhale", "id: breathe-out")})
    text = str(caught.value)
    assert "breathe.sv.md" in text and "breathe.en.md" in text
    assert "'breathe-out'" in text and "'exhale'" in text


def test_invalid_utf8_is_reported_and_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"listen.en.md:2: not valid UTF-8"):
        load(tmp_path, **{"techniques/listen.en.md": b"---\ntitle: Lis\xe9ten\n"})
    with_bom = load(tmp_path / "b", **{"techniques/listen.en.md": "\ufeff" + LISTEN_EN})  # Notepad and CAT tools write one
    assert with_bom.techniques["listen"].texts["en"] == load(tmp_path / "c").techniques["listen"].texts["en"]
