"""Typical translator mistakes in pages and locale files: each error names the line of the mistake,
says in plain words what is wrong, and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.content.errors import ContentError
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from minisite import TECHNIQUE_SV, write_docs

# The Swedish page of the tiny site, line by line:
#  1 ---               6     text: Andas in.          11 avoid: [Skynda dig.]
#  2 title: Andas      7   - id: exhale               12 pitfalls: [Att hålla andan.]
#  3 summary: ...      8     text: Andas ut.          13 ---
#  4 steps:            9     say: Tack för att ...
#  5   - id: inhale   10 say: [Ge mig en sekund.]
PAGE = "docs/techniques/breathe.sv.md"
LOCALE = "checklist:\n  progress: \"{done} av {total}\"\n  reset: Rensa\n  say: \"Säg:\"\n"
ENGLISH_LOCALE = "checklist:\n  progress: \"{done} of {total} done\"\n  reset: Clear ticks\n  say: \"Say:\"\n"

PAGE_CASES = [
    # (name, old, new, line, words in the message, words in the hint)
    ("wrong-indent", "    text: Andas ut.", "     text: Andas ut.", 8, "colon", "line it up"),
    ("colon-in-a-text", "summary: Andas innan du svarar.", "summary: Obs: andas innan du svarar.", 3,
     "colon followed by a space", "double quotes"),
    ("unclosed-quote", "summary: Andas innan du svarar.", "summary: \"Andas innan du svarar.", 3,
     "never closed", "closing quotation mark"),
    ("tab", "    text: Andas ut.", "\ttext: Andas ut.", 8, "tab character", "spaces"),
    ("missing-dash", "say: [Ge mig en sekund.]", "say:\n  - Ge mig en sekund.\n  Vänta lite.", 12,
     "neither a field", "start it with '- '"),
    ("translated-key", "summary: Andas innan du svarar.", "sammanfattning: Andas innan du svarar.", 3,
     "unknown field", "field names stay in English"),
    ("translated-step-id", "  - id: exhale", "  - id: andas-ut", 7, "'andas-ut' here but 'exhale'",
     "step ids stay in English"),
    ("duplicated-key", "avoid: [Skynda dig.]", "avoid: [Skynda dig.]\nsay: [Igen.]", 12, "appears twice",
     "keep one of the two"),
    ("unclosed-list", "say: [Ge mig en sekund.]", "say: [Ge mig en sekund.", 10, "not closed", "']'"),
    ("quoted-start", "    say: Tack för att du väntade.", "    say: \"Tack\" för att du väntade.", 9,
     "", "quotes"),
]


@pytest.mark.parametrize(("name", "old", "new", "line", "message", "hint"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_page_mistake_names_its_line_in_plain_words(tmp_path: Path, name: str, old: str, new: str, line: int,
                                                    message: str, hint: str) -> None:
    assert old in TECHNIQUE_SV
    docs = write_docs(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace(old, new, 1)})
    with pytest.raises(ContentError) as raised:
        load_catalog(docs, ["en", "sv"], tmp_path)
    error = raised.value
    assert (error.path, error.line) == (PAGE, line), str(error)
    assert message in error.message, str(error)
    assert error.hint and hint in error.hint, str(error)
    assert "mapping values" not in str(error) and "scalar" not in str(error), "parser jargon"


LOCALE_CASES = [
    ("colon-in-a-label", "  reset: Rensa\n", "  reset: Rensa: alla\n", 3, "colon followed by a space"),
    ("unclosed-quote", "  reset: Rensa\n", "  reset: \"Rensa\n", 3, "never closed"),
    ("wrong-indent", "  reset: Rensa\n", "   reset: Rensa\n", 3, "indented differently"),
    ("tab", "  reset: Rensa\n", "\treset: Rensa\n", 3, "tab character"),
    ("duplicated-key", "  reset: Rensa\n", "  reset: Rensa\n  reset: Töm\n", 4, "appears twice"),
]


@pytest.mark.parametrize(("name", "old", "new", "line", "message"), LOCALE_CASES, ids=[c[0] for c in LOCALE_CASES])
def test_locale_mistake_names_its_line_in_plain_words(tmp_path: Path, name: str, old: str, new: str, line: int,
                                                      message: str) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.yml").write_text(ENGLISH_LOCALE, encoding="utf-8")
    (tmp_path / "locales" / "sv.yml").write_text(LOCALE.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_labels(tmp_path / "locales", ["en", "sv"], tmp_path)
    assert (raised.value.path, raised.value.line) == ("locales/sv.yml", line), str(raised.value)
    assert message in raised.value.message and raised.value.hint, str(raised.value)


def test_translated_label_key_is_reported_at_its_line_with_the_missing_one(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.yml").write_text(ENGLISH_LOCALE, encoding="utf-8")
    (tmp_path / "locales" / "sv.yml").write_text(LOCALE.replace("  reset:", "  rensa:"), encoding="utf-8")
    _, issues = load_labels(tmp_path / "locales", ["en", "sv"], tmp_path)
    shown = [str(i) for i in issues]
    assert "locales/sv.yml:3 [checklist.rensa]: unknown key (not in the English locale file); check its spelling: " \
           "key names stay in English" in shown
    assert any(s.startswith("locales/sv.yml [checklist.reset]: missing") for s in shown)
