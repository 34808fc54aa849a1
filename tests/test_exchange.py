"""PO export and import for CAT tools: a real PO file out, translations back in, nothing else touched."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import copy_project
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.translate.exchange import ExchangeError, export_po, import_po
from knowledge_base.translate.translations import current_english, language_status
from minisite import mini_project, outdated_project

ROOT = Path(__file__).resolve().parent.parent
MSGFMT = shutil.which("msgfmt")


def snapshot(project: Path) -> dict[str, str]:
    """Every file of the project by its hash (the write lock, an empty git-ignored file, left out)."""
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project.rglob("*")) if p.is_file() and p.name != ".kb-write.lock"}


def msgfmt_check(po_file: Path) -> None:
    assert MSGFMT, "msgfmt (Debian's gettext) is missing; ./run test installs it"
    proc = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(po_file)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def entry(po: polib.POFile, context: str) -> polib.POEntry:
    found = [e for e in po if e.msgctxt == context]
    assert len(found) == 1, f"{context} not in the PO file"
    return found[0]


def test_untouched_export_import_changes_no_byte_of_the_real_project(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    before = snapshot(project)
    for lang in ("sv", "es"):
        po = export_po(project, project / "docs", lang)
        po.save(str(tmp_path / f"{lang}.po"))
        msgfmt_check(tmp_path / f"{lang}.po")
        assert not po.untranslated_entries(), "the real site is fully translated"
        contexts = {e.msgctxt for e in po}
        for expected in (f"locales/{lang}.yml#checklist.reset", f"docs/techniques/let-them-vent.{lang}.md#title",
                         f"docs/techniques/let-them-vent.{lang}.md#steps.let-them-talk.text",
                         f"docs/techniques/let-them-vent.{lang}.md#say.0", f"docs/techniques/let-them-vent.{lang}.md#body",
                         f"docs/techniques/let-them-vent.{lang}.md#pitfalls.0", f"docs/techniques/let-them-vent.{lang}.md#avoid.0",
                         f"docs/sources.{lang}.md#items.sv-back-down/intro/dread"):
            assert expected in contexts
        assert entry(po, f"locales/{lang}.yml#checklist.reset").comment, "translator comments come from locales/en.yml"
        result = import_po(project, project / "docs", lang, tmp_path / f"{lang}.po")
        assert result.written == []
    assert snapshot(project) == before


def test_outdated_entries_are_fuzzy_with_the_english_as_reviewed(tmp_path: Path) -> None:
    project = outdated_project(tmp_path / "p", "Breathe out.", "Breathe out slowly.")
    docs = project / "docs"
    po = export_po(project, docs, "sv", only="outdated")
    assert [e.msgctxt for e in po] == ["docs/techniques/breathe.sv.md#steps.exhale.text"]
    changed = po[0]
    assert changed.fuzzy and changed.previous_msgid == "Breathe out." and changed.msgid == "Breathe out slowly."
    assert changed.msgstr == "Andas ut."
    missing = export_po(project, docs, "sv", only="missing")
    assert {e.msgctxt.split("#")[0] for e in missing} >= {"docs/techniques/listen.sv.md"}
    assert all(not e.msgstr for e in missing)


def test_import_writes_texts_back_keeping_the_rest_and_marks_them_reviewed(tmp_path: Path) -> None:
    project = outdated_project(tmp_path / "p", "Breathe out.", "Breathe out slowly.")
    docs = project / "docs"
    locale = project / "locales" / "sv.yml"
    locale_before = locale.read_text(encoding="utf-8").splitlines()
    page_before = (docs / "techniques" / "breathe.sv.md").read_text(encoding="utf-8").splitlines()
    po = export_po(project, docs, "sv")
    step = entry(po, "docs/techniques/breathe.sv.md#steps.exhale.text")
    step.msgstr, step.flags = "Andas ut långsamt.", []
    entry(po, "locales/sv.yml#checklist.reset").msgstr = "Ta bort alla bockar"
    entry(po, "docs/techniques/breathe.sv.md#body").msgstr = "Därför hjälper det att andas."
    po.save(str(tmp_path / "sv.po"))
    result = import_po(project, docs, "sv", tmp_path / "sv.po")
    assert sorted(result.written) == ["docs/techniques/breathe.sv.md", "locales/sv.yml"]
    locale_after = locale.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(locale_before, locale_after, strict=True) if a != b]
    assert changed == [("  reset: Rensa bockarna", "  reset: Ta bort alla bockar")]
    page_after = (docs / "techniques" / "breathe.sv.md").read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(page_before, page_after, strict=True) if a != b] == [
        ("    text: Andas ut.", "    text: Andas ut långsamt."),
        ("Varför det hjälper att andas.", "Därför hjälper det att andas.")]
    status = language_status(project, docs, "sv", current_english(project, docs))
    assert {i.name: i.state for i in status.pages}["techniques/breathe.md"] == "translated"
    load_catalog(docs, ["en", "sv", "es"], project)


def test_import_creates_a_missing_page_in_english_field_order(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    docs = project / "docs"
    po = export_po(project, docs, "sv", only="missing")
    for item in po:
        if item.msgctxt.startswith("docs/techniques/listen.sv.md#"):
            item.msgstr = "Lyssna." if item.msgctxt.endswith("#body") else "Sv " + item.msgid
    po.save(str(tmp_path / "sv.po"))
    import_po(project, docs, "sv", tmp_path / "sv.po")
    created = (docs / "techniques" / "listen.sv.md").read_text(encoding="utf-8")
    assert created.startswith("---\ntitle: Sv Listen\nsummary: Sv Listen.\nsteps:\n  - id: hear\n    text: Sv Hear them out.\n")
    catalog = load_catalog(docs, ["en", "sv", "es"], project)
    assert catalog.techniques["listen"].text("sv").say == ("Sv Go on.",)


@pytest.mark.parametrize(("context", "text", "message"), [
    ("locales/sv.yml#checklist.progress", "{klara} av {total}", "placeholders differ"),
    ("locales/sv.yml#checklist.reset", "<b>Rensa</b>", "markup"),
    ("docs/techniques/breathe.sv.md#body", "Se [här](x) och [där](y).", "uses link"),
    ("docs/techniques/breathe.sv.md#title", "Andas\nin", "single line"),
], ids=["placeholder", "label-markup", "body-links", "two-lines"])
def test_import_refuses_broken_entries_and_writes_nothing(tmp_path: Path, context: str, text: str, message: str) -> None:
    project = mini_project(tmp_path / "p")
    po = export_po(project, project / "docs", "sv")
    entry(po, context).msgstr, entry(po, context).flags = text, []  # confirmed in the CAT tool
    entry(po, "locales/sv.yml#checklist.say").msgstr = "Säg så här:"  # a good entry is not written either
    po.save(str(tmp_path / "sv.po"))
    before = snapshot(project)
    with pytest.raises(ExchangeError, match=message) as raised:
        import_po(project, project / "docs", "sv", tmp_path / "sv.po")
    assert context in str(raised.value)
    assert snapshot(project) == before


def test_cli_refuses_a_file_of_another_project_or_language(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    tool = [sys.executable, str(project / "tools" / "translations.py")]
    out = tmp_path / "es.po"
    done = subprocess.run([*tool, "export", "es", "--only", "all", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    wrong_language = subprocess.run([*tool, "import", "sv", str(out)], capture_output=True, text=True)
    # in the language worked on: "is a file for language 'es', not 'sv'" in Swedish
    assert wrong_language.returncode == 1 and "är en fil för språket ”es”, inte ”sv”" in wrong_language.stdout
    po = polib.pofile(str(out))
    po.metadata["Project-Id-Version"] = "someone-elses-docs 2.0"
    po.save(str(out))
    other = subprocess.run([*tool, "import", "es", str(out)], capture_output=True, text=True)
    # "belongs to another project" in Spanish
    assert other.returncode == 1 and "es de otro proyecto (Project-Id-Version: «someone-elses-docs 2.0»" in other.stdout
    assert "Traceback" not in other.stdout + other.stderr


def test_labels_loaded_after_import_have_no_issues(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    (project / "locales" / "sv.yml").write_text(
        (project / "locales" / "sv.yml").read_text(encoding="utf-8").replace("  reset: Rensa bockarna\n", ""),
        encoding="utf-8")
    po = export_po(project, project / "docs", "sv", only="missing")
    assert [e.msgctxt for e in po if e.msgctxt.startswith("locales/")] == ["locales/sv.yml#checklist.reset"]
    entry(po, "locales/sv.yml#checklist.reset").msgstr = "Rensa bockarna"
    po.save(str(tmp_path / "sv.po"))
    import_po(project, project / "docs", "sv", tmp_path / "sv.po")
    _, issues = load_labels(project / "locales", ["en", "sv", "es"], project)
    assert not [i for i in issues if i.path == "locales/sv.yml"], issues


def test_import_checks_glossary_terms_when_the_project_has_a_glossary(tmp_path: Path) -> None:
    from knowledge_base.translate.exchange import glossary_check

    project = mini_project(tmp_path / "p")
    (project / "locales" / "glossary").mkdir(exist_ok=True)
    (project / "locales" / "glossary" / "sv.yml").write_text(
        "terms:\n  - preferred: rensa\n    forbidden: [nollställ*]\n", encoding="utf-8")
    po = export_po(project, project / "docs", "sv")
    entry(po, "locales/sv.yml#checklist.reset").msgstr = "Nollställ bockarna"
    po.save(str(tmp_path / "sv.po"))
    with pytest.raises(ExchangeError, match="'Nollställ' is a forbidden variant in locales/glossary/sv.yml; use 'rensa'"):
        import_po(project, project / "docs", "sv", tmp_path / "sv.po", glossary_check(project))
