"""Wording rules the build enforces: phrases without their own quotation marks, and each
language's terminology glossary (preferred terms, forbidden variants)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import pytest

from conftest import mkdocs_build
from minisite import ROOT, TECHNIQUE_EN, TECHNIQUE_SV, mini_project, write_docs

from knowledge_base.content.errors import ContentError
from knowledge_base.content.glossary import check_glossary, find_forbidden, read_glossary
from knowledge_base.content.loader import load_catalog


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("written", [
    "'\"Thank you for waiting.\"'",        # straight double quotes
    "“Thank you for waiting.”",            # English curly quotes
    "«Thank you for waiting».",            # Spanish marks, full stop after
    "\"'Thank you for waiting'\"",         # straight single quotes
    "„Thank you for waiting“",             # German-style low-high
    "”Thank you for waiting.”",            # Swedish marks
])
def test_a_phrase_with_its_own_quotation_marks_is_refused_with_file_line_and_phrase(tmp_path: Path, written: str) -> None:
    technique = TECHNIQUE_EN.replace("say: Thank you for waiting.", f"say: {written}")
    docs = write_docs(tmp_path, **{"techniques/breathe.en.md": technique})
    with pytest.raises(ContentError) as caught:
        load_catalog(docs, ["en", "sv"], tmp_path)
    message = str(caught.value)
    assert f"docs/techniques/breathe.en.md:{_line_of(technique, 'say: ' + written)}" in message
    assert "Thank you for waiting" in message and "quotation marks" in message


@pytest.mark.parametrize("written", ["He said “no” twice, didn't he?", "“No” is not an answer.", "It's the 'premium' plan"])
def test_quotation_marks_inside_a_phrase_are_fine(tmp_path: Path, written: str) -> None:
    technique = TECHNIQUE_EN.replace("say: [Give me a second.]", f"say: [\"{written}\"]")
    catalog = load_catalog(write_docs(tmp_path, **{"techniques/breathe.en.md": technique}), ["en", "sv"], tmp_path)
    assert catalog.techniques["breathe"].text("en").say == (written,)


def test_the_build_stops_on_a_quoted_translated_phrase(tmp_path: Path) -> None:
    translated = TECHNIQUE_SV.replace("avoid: [Skynda dig.]", "avoid: [”Skynda dig!”]")
    build = mkdocs_build(mini_project(tmp_path, **{"techniques/breathe.sv.md": translated}), tmp_path / "out")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert f"docs/techniques/breathe.sv.md:{_line_of(translated, 'Skynda dig')}" in build.output
    assert "”Skynda dig!”" in build.output


GLOSSARY = """\
terms:
  - preferred: enojado
    forbidden: [enfad*]
  - preferred: completados
    forbidden: [hechos]
    scope: labels
  - preferred: por teléfono
    forbidden: [al teléfono]
    allowed: [junto al teléfono]
  - preferred: rebajar la tensión
    forbidden: [calmar la llamada]
"""


def _terms(tmp_path: Path, text: str = GLOSSARY) -> list:
    (tmp_path / "locales" / "glossary").mkdir(parents=True, exist_ok=True)
    (tmp_path / "locales" / "glossary" / "es.yml").write_text(text, encoding="utf-8")
    loaded = read_glossary(tmp_path, "es")
    assert loaded is not None
    return loaded[0]


def test_forbidden_variants_match_inflections_and_whole_words_only(tmp_path: Path) -> None:
    terms = _terms(tmp_path)
    page = ("Un cliente Enfadado.\nSu enfado crece; no quiere enfadarse.\n"
            "Un tono desenfadado.\nPara calmar la\nllamada, deja el móvil junto al teléfono.\n"
            "Lo dijo `enfadada` en el código.\nLos hechos importan.\n")
    found = [(line, text) for line, text, _ in find_forbidden(page, terms, "pages")]
    assert found == [(1, "Enfadado"), (2, "enfado"), (2, "enfadarse"), (4, "calmar la llamada")]
    label = 'checklist:\n  # los hechos, en un comentario\n  progress: "{done} de {total} hechos"\n'
    assert [(line, text) for line, text, _ in find_forbidden(label, terms, "labels")] == [(3, "hechos")]
    assert find_forbidden("Funciona también al teléfono.", terms, "pages")[0][1] == "al teléfono"


def test_a_bad_glossary_entry_is_located(tmp_path: Path) -> None:
    bad = GLOSSARY.replace("scope: labels", "scope: cards")
    with pytest.raises(ContentError) as caught:
        _terms(tmp_path, bad)
    assert f"locales/glossary/es.yml:{_line_of(bad, 'scope: cards')} [terms.1.scope]" in str(caught.value)
    with pytest.raises(ContentError, match=r"'\*' may only end a word"):
        _terms(tmp_path, GLOSSARY.replace("enfad*", "en*fad"))


SV_GLOSSARY = "terms:\n  - preferred: få ned tonläget\n    forbidden: [lugna samtal*]\n"


def test_build_and_translation_check_report_every_forbidden_variant(tmp_path: Path) -> None:
    translated = TECHNIQUE_SV.replace("summary: Andas innan du svarar.", "summary: Andas innan du börjar lugna samtalet.")
    translated += "Sedan kan du lugna\nsamtalet.\n"
    project = mini_project(tmp_path, **{"techniques/breathe.sv.md": translated})
    (project / "locales" / "glossary").mkdir(exist_ok=True)
    (project / "locales" / "glossary" / "sv.yml").write_text(SV_GLOSSARY, encoding="utf-8")
    locale = project / "locales" / "sv.yml"
    locale.write_text(locale.read_text(encoding="utf-8").replace("Samtalsguider", "Lugna samtalen", 1), encoding="utf-8")
    expected = [f"docs/techniques/breathe.sv.md:{_line_of(translated, 'summary:')}: 'lugna samtalet'",
                f"docs/techniques/breathe.sv.md:{_line_of(translated, 'Sedan kan du lugna')}: 'lugna samtalet'",
                f"locales/sv.yml:{_line_of(locale.read_text(encoding='utf-8'), 'Lugna samtalen')}: 'Lugna samtalen'"]

    assert [str(i).split(" is a forbidden")[0] for i in check_glossary(project, project / "docs", ["en", "sv"])] == expected

    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0 and "Traceback" not in build.output
    for where in expected:
        assert where in build.output
    assert "use 'få ned tonläget'" in build.output

    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    tool = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(tool)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = tool.check(project)
    assert code == 1
    for where in expected:
        assert where in out.getvalue()
