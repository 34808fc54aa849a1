"""Property-based: whatever a translator types (`#`, quotes, `No`, a leading `-`, `*`, `&`, `!`, `%`,
braces, emoji, right-to-left text, CRLF) survives PO export, import into the YAML and markdown files
and reading back (by PyYAML, a YAML 1.1 reader, as the build reads it) unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from knowledge_base.content.locales import read_locale
from knowledge_base.content.markup_policy import LABEL_MARKUP
from knowledge_base.content.units import translated_units
from knowledge_base.content.yamltext import read_document
from knowledge_base.translate.exchange import export_po, import_po
from knowledge_base.translate.translations import current_english
from minisite import mini_project

WORDS = ["No", "yes", "on", "off", "null", "~", "1.0", "010", "0x1F", "1:20", "2024-01-01", "true", "<<", "=", "Ticket",
         "#4711", "50%", "&", "!", "*", "-", "?", ":", "|", ">", "@", "`", "'", '"', "”", "„", "«", "»", "{x", "}", "{}",
         "[", "]", ",", "\\", "🙂", "👩🏽‍💻", "שלום", "مرحبا", "Ärligt", "ñandú", "…"]
LEAD = ["- ", "* ", "& ", "! ", "% ", "# ", "? ", ": ", "| ", "> ", "@", "`", "'", '"', "{", "[", ""]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def plain(text: str) -> bool:
    """A single-line text the import accepts for a plain field whose English has no markup."""
    return bool(text.strip()) and text == text.strip() and not LABEL_MARKUP.search(text) \
        and not PLACEHOLDER.search(text)


PLAIN = st.builds(lambda lead, words: lead + " ".join(words), st.sampled_from(LEAD),
                  st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)).filter(plain)
BODY_WORDS = [w for w in WORDS if not set(w) & set("*_`[]<>&\\{}!")] + ["No!", "50 %", "#1"]
BODY = st.lists(st.lists(st.sampled_from(BODY_WORDS), min_size=1, max_size=5).map(lambda ws: "Text " + " ".join(ws)),
                min_size=1, max_size=3).map("\r\n".join)

CONTEXTS = {"label": "locales/sv.yml#checklist.reset", "title": "docs/techniques/breathe.sv.md#title",
            "step": "docs/techniques/breathe.sv.md#steps.exhale.say", "phrase": "docs/techniques/breathe.sv.md#avoid.0",
            "body": "docs/techniques/breathe.sv.md#body"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_project(tmp_path_factory.mktemp("roundtrip") / "p")


def read_back(project: Path) -> dict[str, str]:
    """The texts as the build reads them: the locale with PyYAML, the page through the same units as the export."""
    labels, _ = read_locale(project / "locales" / "sv.yml", "locales/sv.yml")
    page = read_document(project / "docs" / "techniques" / "breathe.sv.md", "breathe.sv.md")
    units = translated_units(current_english(project, project / "docs").units["techniques/breathe.md"], page.data,
                             page.body)
    return {"label": labels["checklist.reset"], "title": units["title"], "step": units["steps.exhale.say"],
            "phrase": units["avoid.0"], "body": units["body"]}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(texts={"label": "No", "title": "Ticket #4711 is first", "step": "- leading dash", "phrase": "* star",
                "body": "Text No\r\nText #4711 is 50 % done"})
@example(texts={"label": "- No", "title": "- No", "step": "- No", "phrase": ": No", "body": "Text No"})
@example(texts={"label": "- No", "title": "- No", "step": "- No", "phrase": "? No", "body": "Text No"})
@example(texts={"label": "& and !", "title": "{Braces 1} and %s {}", "step": "'single' quote", "phrase": "\"double\" only",
                "body": "Text שלום 🙂"})
@pytest.mark.slow
@given(texts=st.fixed_dictionaries({"label": PLAIN, "title": PLAIN, "step": PLAIN, "phrase": PLAIN, "body": BODY}))
def test_typed_text_survives_export_import_and_reading_back(project: Path, tmp_path: Path, texts: dict[str, str]) -> None:
    originals = {p: p.read_bytes() for p in [project / "locales" / "sv.yml",
                                            project / "docs" / "techniques" / "breathe.sv.md"]}
    try:
        po = export_po(project, project / "docs", "sv")
        for kind, context in CONTEXTS.items():
            item = next(e for e in po if e.msgctxt == context)
            item.msgstr, item.flags = texts[kind], []
        po_file = tmp_path / "sv.po"
        po.save(str(po_file))
        assert polib.pofile(str(po_file)).find(CONTEXTS["body"], by="msgctxt").msgstr == texts["body"]
        import_po(project, project / "docs", "sv", po_file)
        # A Windows line end (CRLF) typed in a body is read as the line break its author meant (LF): never a change.
        assert read_back(project) == {kind: text.replace("\r\n", "\n") for kind, text in texts.items()}
    finally:
        for file, data in originals.items():
            file.write_bytes(data)
