"""XLIFF 1.2 export and import, read back by translate-toolkit, and the room on the card in PO and XLIFF notes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage.xliff import xlifffile

from conftest import copy_project
from knowledge_base.content.fields import MAX_TEXT
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.render.cards import PAPERS, card_fit, card_room
from knowledge_base.translate.exchange import ExchangeError, entries
from knowledge_base.translate.xliff import NS, export_xliff, import_xliff
from knowledge_base.translate.translations import current_english, language_status
from minisite import mini_project, outdated_project
from test_exchange import snapshot

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "sv", "es"]


def labels_of(project: Path, lang: str):
    return load_labels(project / "locales", LANGS, project)[0][lang]


def write_xliff(project: Path, lang: str, out: Path, **kwargs) -> bytes:
    data, _ = export_xliff(project, project / "docs", lang, labels_of(project, lang), **kwargs)
    out.write_bytes(data)
    return data


def unit(tree: etree._ElementTree, file: str, key: str) -> etree._Element:
    found = tree.xpath("//x:file[@original=$f]//x:trans-unit[@id=$k]", namespaces={"x": NS}, f=file, k=key)
    assert len(found) == 1, f"{file}#{key}"
    return found[0]


def test_translate_toolkit_reads_the_same_units_and_an_untouched_round_trip_changes_no_byte(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    before = snapshot(project)
    for lang in ("sv", "es"):
        out = tmp_path / f"{lang}.xlf"
        write_xliff(project, lang, out)
        store = xlifffile.parsefile(str(out))
        expected = entries(project, project / "docs", lang)
        assert [(u.getid().replace("\x04", "#"), u.source, u.target) for u in store.units] == \
            [(e.context, e.english, e.translation) for e in expected]
        assert store.gettargetlanguage() == lang
        notes = {u.getid().replace("\x04", "#"): u.getnotes("developer") for u in store.units}
        assert notes[f"locales/{lang}.yml#checklist.reset"], "translator comments from locales/en.yml are notes"
        result = import_xliff(project, project / "docs", lang, out)
        assert result.written == [] and result.imported == len(expected)
    assert snapshot(project) == before


def test_outdated_units_need_review_with_the_english_as_reviewed_and_are_left_alone(tmp_path: Path) -> None:
    project = outdated_project(tmp_path / "p", "Breathe out.", "Breathe out slowly.")
    out = tmp_path / "sv.xlf"
    write_xliff(project, "sv", out, only="outdated")
    tree = etree.parse(str(out))
    changed = unit(tree, "docs/techniques/breathe.sv.md", "steps.exhale.text")
    assert changed.findtext(f"{{{NS}}}source") == "Breathe out slowly."
    assert changed.find(f"{{{NS}}}target").get("state") == "needs-review-translation"
    alt = changed.find(f"{{{NS}}}alt-trans")
    assert alt.get("alttranstype") == "previous-version" and alt.findtext(f"{{{NS}}}source") == "Breathe out."
    note = changed.find(f"{{{NS}}}note[@from='previous-english']").text
    assert "Breathe out." in note and "granskning" in note  # in the translator's language
    store = xlifffile.parsefile(str(out))
    assert [u.isreview() or u.isfuzzy() for u in store.units] == [True]
    before = snapshot(project)
    assert import_xliff(project, project / "docs", "sv", out).imported == 0
    assert snapshot(project) == before


def test_import_writes_a_changed_target_and_marks_it_reviewed(tmp_path: Path) -> None:
    project = outdated_project(tmp_path / "p", "Breathe out.", "Breathe out slowly.")
    out = tmp_path / "sv.xlf"
    write_xliff(project, "sv", out)
    tree = etree.parse(str(out))
    target = unit(tree, "docs/techniques/breathe.sv.md", "steps.exhale.text").find(f"{{{NS}}}target")
    target.text, target.attrib["state"] = "Andas ut långsamt.", "translated"  # what a CAT tool writes on confirming
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    result = import_xliff(project, project / "docs", "sv", out)
    assert result.written == ["docs/techniques/breathe.sv.md"]
    assert "    text: Andas ut långsamt.\n" in (project / "docs" / "techniques" / "breathe.sv.md").read_text("utf-8")
    status = language_status(project, project / "docs", "sv", current_english(project, project / "docs"))
    assert {i.name: i.state for i in status.pages}["techniques/breathe.md"] == "translated"


@pytest.mark.parametrize(("key", "file", "text", "message"), [
    ("checklist.progress", "locales/sv.yml", "{klara} av {total}", "placeholders differ"),
    ("title", "docs/techniques/breathe.sv.md", "Andas\nin", "single line"),
], ids=["placeholder", "two-lines"])
def test_import_refuses_broken_units_with_their_line_and_writes_nothing(tmp_path: Path, key: str, file: str, text: str,
                                                                        message: str) -> None:
    project = mini_project(tmp_path / "p")
    out = tmp_path / "sv.xlf"
    write_xliff(project, "sv", out)
    tree = etree.parse(str(out))
    for name, key_, new in ((file, key, text), ("locales/sv.yml", "checklist.say", "Säg så här:")):  # 2nd is fine
        target = unit(tree, name, key_).find(f"{{{NS}}}target")
        target.text, target.attrib["state"] = new, "translated"  # confirmed in the CAT tool
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    line = unit(etree.parse(str(out)), file, key).sourceline
    before = snapshot(project)
    with pytest.raises(ExchangeError, match=message) as raised:
        import_xliff(project, project / "docs", "sv", out)
    assert f"{out}:{line} [{file}#{key}]" in str(raised.value)
    assert snapshot(project) == before


HOSTILE = {
    "not-xml": b"<xliff version='1.2'><file>",
    "billion-laughs": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">'
                       b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><xliff version="1.2" '
                       b'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="locales/sv.yml" '
                       b'source-language="en" target-language="sv" datatype="plaintext" '
                       b'product-name="de-escalation-playbook"><body><trans-unit id="checklist.reset"><source>Clear ticks'
                       b'</source><target>&c;</target></trans-unit></body></file></xliff>'),
    "external-entity": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff version="1.2" '
                        b'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="locales/sv.yml" source-language="en" '
                        b'target-language="sv" datatype="plaintext" product-name="de-escalation-playbook"><body>'
                        b'<trans-unit id="checklist.reset"><source>Clear ticks</source><target>&e;</target></trans-unit>'
                        b'</body></file></xliff>'),
    "xliff-2": b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"><file id="f"/></xliff>',
    "other-project": (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="locales/sv.yml" '
                      b'source-language="en" target-language="sv" datatype="plaintext" product-name="other"><body/></file>'
                      b'</xliff>'),
    "other-language": (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="locales/es.yml" '
                       b'source-language="en" target-language="es" datatype="plaintext" '
                       b'product-name="de-escalation-playbook"><body/></file></xliff>'),
    "unknown-unit": (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="locales/sv.yml" '
                     b'source-language="en" target-language="sv" datatype="plaintext" '
                     b'product-name="de-escalation-playbook"><body><trans-unit id="no.such.key"><source>x</source>'
                     b'<target>y</target></trans-unit></body></file></xliff>'),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_xliff_is_refused_with_a_located_error_and_writes_nothing(tmp_path: Path, name: str) -> None:
    project = mini_project(tmp_path / "p")
    out = tmp_path / "sv.xlf"
    out.write_bytes(HOSTILE[name])
    before = snapshot(project)
    with pytest.raises(ExchangeError) as raised:
        import_xliff(project, project / "docs", "sv", out)
    assert str(out) in str(raised.value)
    assert "root:" not in str(raised.value)  # no file was read through an entity
    assert snapshot(project) == before


def test_printed_texts_say_how_much_room_the_card_has_in_po_and_xliff(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    tool = [sys.executable, str(project / "tools" / "translations.py")]
    for out in (tmp_path / "sv.po", tmp_path / "sv.xlf"):
        done = subprocess.run([*tool, "export", "sv", "-o", str(out)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    labels = load_labels(project / "locales", LANGS, project)[0]
    tech = load_catalog(project / "docs", LANGS, project).techniques["let-them-vent"]
    room = card_room(tech, "sv", labels["sv"], "https://deescalation.example/", labels["en"])
    context = "docs/techniques/let-them-vent.sv.md#steps.give-it-time.text"
    a6, letter = (r.chars for r in room["steps.give-it-time.text"])
    po_entry = next(e for e in polib.pofile(str(tmp_path / "sv.po")) if e.msgctxt == context)
    comment = " ".join(po_entry.comment.split())  # PO wraps long comments
    assert f"högst {a6} tecken på ett A6-kort" in comment and f"och {letter} på ett kort i Letter" in comment
    xliff_unit = unit(etree.parse(str(tmp_path / "sv.xlf")), "docs/techniques/let-them-vent.sv.md", "steps.give-it-time.text")
    assert xliff_unit.get("maxwidth") == str(min(a6, letter)) and xliff_unit.get("size-unit") == "char"
    assert f"högst {a6} tecken" in xliff_unit.find(f"{{{NS}}}note[@from='card-room']").text
    body = unit(etree.parse(str(tmp_path / "sv.xlf")), "docs/techniques/let-them-vent.sv.md", "body")
    assert body.get("maxwidth") is None, "the explanation is not printed on cards"


def test_the_room_figure_is_where_the_card_stops_fitting() -> None:
    labels = load_labels(ROOT / "locales", LANGS, ROOT)[0]
    tech = load_catalog(ROOT / "docs", LANGS, ROOT).techniques["let-them-vent"]
    step = tech.steps[0].id
    text = tech.text("sv")

    def fits_with(length: int, paper) -> bool:
        words = ("ordet " * (length // 6 + 1))[:length].strip()
        steps = {**text.steps, step: replace(text.steps[step], text=words)}
        changed = replace(tech, texts={**tech.texts, "sv": replace(text, steps=steps)})
        return card_fit(changed, "sv", labels["sv"], paper).fits

    rooms = card_room(tech, "sv", labels["sv"])[f"steps.{step}.text"]
    for paper, room in zip(PAPERS, rooms, strict=True):
        assert room.paper == paper.id and len(text.steps[step].text) < room.chars < MAX_TEXT
        assert fits_with(int(room.chars * 0.8), paper), paper.id
        assert not fits_with(room.chars + 200, paper), paper.id


def test_the_status_page_lists_the_tightest_cards_of_every_language(site: Path) -> None:
    from html import unescape

    from knowledge_base.render.cards import tightest_cards

    labels = load_labels(ROOT / "locales", LANGS, ROOT)[0]
    catalog = load_catalog(ROOT / "docs", LANGS, ROOT)
    page = unescape((site / "sv" / "translations" / "index.html").read_text(encoding="utf-8"))
    table = page[page.index('class="kb-status-room"'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><td lang=\"(\w+)\">[^<]*</td>\s*<td lang=\"\w+\">([^<]*)</td>\s*<td>[^<]*</td>\s*<td>(-?\d+) mm, ",
                      table)
    expected = [(lang, s.tech.text(lang).title, f"{s.free_mm:.0f}") for lang in LANGS
                for s in tightest_cards(catalog, lang, labels[lang], "https://playbook.test/", labels["en"], most=3)]
    assert rows == expected
    assert labels["sv"]("messages.room.title") in page
