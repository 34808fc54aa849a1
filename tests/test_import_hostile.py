"""Hostile and broken PO files: refused with the line in the PO file and advice that works, nothing
written; near-misses that are safe (a regional Language header) imported with a note."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml

from knowledge_base.translate.exchange import ExchangeError, export_po, import_po
from minisite import ROOT, mini_project
from test_exchange import entry, snapshot

BODY = "docs/techniques/breathe.sv.md#body"
RESET = "locales/sv.yml#checklist.reset"


def exported(tmp_path: Path) -> tuple[Path, polib.POFile]:
    project = mini_project(tmp_path / "p")
    return project, export_po(project, project / "docs", "sv")


def line_of(po_file: Path, context: str) -> int:
    return next(e.linenum for e in polib.pofile(str(po_file)) if e.msgctxt == context)


def translate(context: str, text: str) -> Callable[[polib.POFile, Path], str]:
    """A change that puts `text` as the confirmed translation of `context`; the PO line is expected in the error."""
    def change(po: polib.POFile, out: Path) -> str:
        entry(po, context).msgstr, entry(po, context).flags = text, []
        po.save(str(out))
        return f"{out}:{line_of(out, context)} [{context}]"
    return change


def cut(keep: Callable[[str], str], where: Callable[[str], int]) -> Callable[[polib.POFile, Path], str]:
    """A change that saves the file and keeps only part of its text (an interrupted download)."""
    def change(po: polib.POFile, out: Path) -> str:
        po.save(str(out))
        text = out.read_text(encoding="utf-8")
        out.write_text(keep(text), encoding="utf-8")
        return f"{out}:{where(keep(text))}"
    return change


def header(name: str, value: str) -> Callable[[polib.POFile, Path], str]:
    def change(po: polib.POFile, out: Path) -> str:
        po.metadata[name] = value
        po.save(str(out))
        return f"{out}:1"
    return change


def duplicate(po: polib.POFile, out: Path) -> str:
    po.save(str(out))
    text = out.read_text(encoding="utf-8")
    block = text[text.index('msgctxt "locales/sv.yml#checklist.reset"'):]
    block = block[: block.index("\n\n") + 2]
    out.write_text(text + "\n" + block, encoding="utf-8")
    return f"{out}:{text.count(chr(10)) + 2} [locales/sv.yml#checklist.reset]"


def _mid_string(text: str) -> str:
    at = text.index('msgstr "Varför')
    return text[: at + 12]


CASES = [
    ("body-javascript-link", translate(BODY, "Se [här](javascript:alert(1))."), "a link to 'javascript:'"),
    ("body-attribute-list", translate(BODY, "Varför det hjälper.\n{: onclick=\"alert(1)\"}"), "an attribute list"),
    ("body-reference-definition", translate(BODY, "Varför det hjälper.\n\n[x]: javascript:alert(1)"),
     "a link reference definition"),
    ("body-raw-script", translate(BODY, "Varför <script>alert(1)</script>"), "raw HTML '<script>'"),
    ("body-paragraphs-merged-or-split", translate(BODY, "Varför det hjälper.\n\nOch mer."),
     "has 2 paragraph where the English has 1"),
    ("label-placeholder-added", translate(RESET, "Rensa {alla}"), "placeholders differ from the English (expected: none)"),
    ("title-markup", translate("docs/techniques/breathe.sv.md#title", "**Andas**"), "contains markup, which this text does not"),
    ("phrase-line-break", translate("docs/techniques/breathe.sv.md#say.0", "Ge mig\r\nen sekund."), "must be a single line"),
    ("cut-mid-string", cut(_mid_string, lambda kept: kept.count("\n") + 1), "ends in the middle of a line: it was cut off"),
    ("cut-after-an-entry", cut(lambda t: t[: t.index('msgctxt "docs/techniques/listen')], lambda kept: 0),
     "fewer than the"),
    ("cut-mid-header", cut(lambda t: t[: t.index('"X-Source-Language')], lambda kept: 1), "the header is incomplete"),
    ("duplicate-entry", duplicate, "the same text is already at line"),
    ("another-project", header("Project-Id-Version", "other-docs 1.0"), "belongs to another project"),
    ("another-language", header("Language", "es"), "./run translations import es"),
    ("no-language", header("Language", ""), "the header has no 'Language'"),
]


@pytest.mark.parametrize(("name", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_import_refuses_with_the_po_line_and_writes_nothing(tmp_path: Path, name: str,
                                                           change: Callable[[polib.POFile, Path], str],
                                                           message: str) -> None:
    project, po = exported(tmp_path)
    entry(po, RESET).msgstr = "Ta bort alla bockar"  # a good entry: not written either
    out = tmp_path / "sv.po"
    where = change(po, out)
    before = snapshot(project)
    with pytest.raises(ExchangeError) as raised:
        import_po(project, project / "docs", "sv", out, languages=("en", "sv", "es"))
    text = str(raised.value)
    assert message in text, text
    if not where.endswith(":0"):  # where the cut-off entry is depends on the file: then only the file is named
        assert where in text, f"{where!r} not in {text}"
    else:
        assert text.startswith(f"{out}:"), text
    assert snapshot(project) == before


def test_missing_file_gets_the_export_command(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    with pytest.raises(ExchangeError, match=r"no such file; export one with ./run translations export sv -o .*sv\.po"):
        import_po(project, project / "docs", "sv", tmp_path / "sv.po")


def test_regional_language_header_is_imported_with_a_note(tmp_path: Path) -> None:
    project, po = exported(tmp_path)
    po.metadata["Language"] = "sv_SE"
    entry(po, RESET).msgstr = "Ta bort alla bockar"
    po.save(str(tmp_path / "sv.po"))
    result = import_po(project, project / "docs", "sv", tmp_path / "sv.po", languages=("en", "sv", "es"))
    assert [str(note) for note in result.notes] == [f"{tmp_path / 'sv.po'}: the file's language 'sv_SE' is a regional variant of 'sv'; "
                            "imported as 'sv'"]
    labels = yaml.safe_load((project / "locales" / "sv.yml").read_text(encoding="utf-8"))
    assert labels["checklist"]["reset"] == "Ta bort alla bockar"


@pytest.mark.parametrize("word", ["No", "yes", "on", "off", "1.0", "~", "null", "2024-01-01", "010"])
def test_words_yaml_11_misreads_are_written_quoted(tmp_path: Path, word: str) -> None:
    project, po = exported(tmp_path)
    entry(po, RESET).msgstr = word
    po.save(str(tmp_path / "sv.po"))
    import_po(project, project / "docs", "sv", tmp_path / "sv.po")
    labels = yaml.safe_load((project / "locales" / "sv.yml").read_text(encoding="utf-8"))
    assert labels["checklist"]["reset"] == word


def test_parallel_reviewed_runs_keep_both_records(tmp_path: Path) -> None:
    import shutil

    from conftest import copy_project

    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "locales" / "fingerprints" / "sv.yml").unlink()
    tool = [sys.executable, str(project / "tools" / "translations.py"), "reviewed", "sv"]
    runs = [subprocess.Popen([*tool, item], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for item in ("techniques/let-them-vent.md", "checklist.reset", "techniques/verbal-aikido.md",
                         "checklist.say")]
    for run in runs:
        output, _ = run.communicate(timeout=300)
        assert run.returncode == 0, output
    record = yaml.safe_load((project / "locales" / "fingerprints" / "sv.yml").read_text(encoding="utf-8"))
    assert sorted(record["pages"]) == ["techniques/let-them-vent.md", "techniques/verbal-aikido.md"]
    assert sorted(record["labels"]) == ["checklist.reset", "checklist.say"]
    assert not list((project / "locales" / "fingerprints").glob(".*.tmp")), "no temporary file is left behind"


def test_an_interrupted_write_leaves_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge_base.translate import yamlwrite

    target = tmp_path / "locales" / "sv.yml"
    target.parent.mkdir()
    target.write_text("checklist:\n  reset: Rensa bockarna\n", encoding="utf-8")

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C between writing the new text and putting it in place

    monkeypatch.setattr(yamlwrite.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        yamlwrite.write_if_changed(target, "checklist:\n  reset: Ta bort\n")
    assert target.read_text(encoding="utf-8") == "checklist:\n  reset: Rensa bockarna\n"
    assert [p.name for p in target.parent.iterdir()] == ["sv.yml"], "the temporary file is removed"


def test_export_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    import shutil

    from conftest import copy_project

    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, str(project / "tools" / "translations.py"), "export", "sv", "-o",
                           str(tmp_path / "nowhere" / "sv.po")], capture_output=True, text=True)
    assert done.returncode == 1
    # in the language worked on (Swedish): "the folder ... does not exist; create it first or ... (e.g. -o sv.po)"
    assert done.stdout == (f"fel: {tmp_path / 'nowhere' / 'sv.po'}: mappen {tmp_path / 'nowhere'} finns inte; "
                           "skapa den först eller spara filen någon annanstans (till exempel -o sv.po)\n")
    assert not (tmp_path / "nowhere").exists()
