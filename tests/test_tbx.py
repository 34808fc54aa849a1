"""The terminology glossary as TBX-Basic: read back by translate-toolkit, written by the tool, published on the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from translate.storage.tbx import tbxfile

from conftest import copy_project
from knowledge_base.content.glossary import read_glossary
from knowledge_base.content.locales import load_labels
from knowledge_base.translate.tbx import glossary_site_path, glossary_tbx
from minisite import mini_project

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "sv", "es"]


def labels(project: Path, lang: str):
    return load_labels(project / "locales", LANGS, project)[0][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_translate_toolkit_reads_every_term_with_its_status_and_notes(lang: str) -> None:
    data = glossary_tbx(ROOT, lang, labels(ROOT, lang))
    terms, _ = read_glossary(ROOT, lang)
    store = tbxfile.parsestring(data, sourcelanguage=lang)
    assert len(store.units) == len(terms)
    for unit, term in zip(store.units, terms, strict=True):
        read = unit.get_source_terms()
        assert [(t.text, t.deprecated) for t in read] == \
            [(term.preferred, False)] + [(variant, True) for variant in term.forbidden]
        assert read[0].administrative_status == "preferredTerm-admn-sts"
        if term.note:
            assert all(term.note in [n.text for n in t.notes] for t in read)
        for variant, found in zip(term.forbidden, read[1:], strict=True):
            if variant.endswith("*"):
                assert labels(ROOT, lang)("messages.glossary.tbx_any_ending") in [n.text for n in found.notes]


def test_markup_and_entities_in_a_glossary_stay_text(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    (project / "locales" / "glossary").mkdir(exist_ok=True)
    (project / "locales" / "glossary" / "sv.yml").write_text(
        'terms:\n  - preferred: "<b>rensa</b> & ta bort"\n    forbidden: ["&amp; nollställ*"]\n'
        '    note: "]]> <!-- inte --> &#x26;"\n    scope: labels\n', encoding="utf-8")
    store = tbxfile.parsestring(glossary_tbx(project, "sv", labels(project, "sv")), sourcelanguage="sv")
    read = store.units[0].get_source_terms()
    assert [t.text for t in read] == ["<b>rensa</b> & ta bort", "&amp; nollställ*"]
    assert "]]> <!-- inte --> &#x26;" in [n.text for n in read[0].notes]
    assert labels(project, "sv")("messages.glossary.tbx_only_labels") in [n.text for n in read[0].notes]


def test_a_language_without_glossary_has_no_tbx(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    shutil.rmtree(project / "locales" / "glossary", ignore_errors=True)
    assert glossary_tbx(project, "sv", labels(project, "sv")) is None


def test_the_tool_writes_the_glossary_as_tbx(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "sv.tbx"
    done = subprocess.run([sys.executable, str(project / "tools" / "translations.py"), "glossary", "sv", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes() == glossary_tbx(project, "sv", labels(project, "sv"))
    assert "termer ur ordlistan" in done.stdout  # it speaks the language worked on


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_publishes_the_glossary_beside_the_translator_guide(site: Path, lang: str) -> None:
    published = site / glossary_site_path(lang)
    assert published.read_bytes() == glossary_tbx(ROOT, lang, labels(ROOT, lang))
    guide_url = f"https://playbook.test/{'' if lang == 'en' else lang + '/'}translating/"
    guide = (site / ("" if lang == "en" else lang) / "translating" / "index.html").read_text(encoding="utf-8")
    links = [urljoin(guide_url, href) for href in re.findall(r'href="([^"]+\.tbx)"', guide)]
    assert links == ["https://playbook.test/" + glossary_site_path(lang)]
