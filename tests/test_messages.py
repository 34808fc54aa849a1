"""Mistakes explained in the translator's language: the preview panel and the command-line tools.

Messages come from `messages:` in the locale files (English the reference, per-key fallback),
with the file, line and key filled in. An error without a message key keeps its English text.
"""

from __future__ import annotations

import re
from html import unescape
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from knowledge_base.content.errors import ContentError
from knowledge_base.content.locales import check_locale, load_labels, read_locale
from knowledge_base.content.messages import ENGLISH, ENGLISH_WORDS, localize
from knowledge_base.content.yamltext import load_yaml
from knowledge_base.render.preview import Problem, render_panel, sentence

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "sv", "es"]
LABELS = load_labels(ROOT / "locales", LANGS, ROOT)[0]


def test_the_built_in_english_is_the_english_of_the_locale_file() -> None:
    english, _ = read_locale(ROOT / "locales" / "en.yml", "locales/en.yml")
    for code, (message, fix) in ENGLISH.items():
        assert english[f"messages.{code}.message"] == message, code
        assert english.get(f"messages.{code}.fix") == fix, code
    for key, word in ENGLISH_WORDS.items():
        assert english[key] == word, key


def test_every_message_key_the_code_raises_exists() -> None:
    used = set()
    for file in (ROOT / "hooks").rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        used |= set(re.findall(r'code="([a-z_]+\.[a-z_]+)"', text))
        used |= set(re.findall(r'(?:problem|coded)\([^"]*"([a-z_]+\.[a-z_]+)"', text))
        used |= set(re.findall(r'"(yaml\.[a-z_]+)"', text))  # the YAML explanations' table and returns
    assert {"yaml.tab", "yaml.starts_with", "field.not_text", "card.too_tall"} <= used
    assert used <= set(ENGLISH), used - set(ENGLISH)


def yaml_error(text: str) -> ContentError:
    with pytest.raises(ContentError) as raised:
        load_yaml(text, "docs/techniques/let-them-vent.sv.md", first_line=2)
    return raised.value


@pytest.mark.parametrize(("lang", "text", "code"), [
    ("sv", "title: Låt kunden\n\tsummary: tabb\n", "yaml.tab"),
    ("es", "title: Deja que\nsay: [Entiendo, sigue\n", "yaml.open_list"),
], ids=["swedish-tab", "spanish-open-list"])
def test_the_panel_explains_a_yaml_mistake_in_the_pages_language(lang: str, text: str, code: str) -> None:
    error = yaml_error(text)
    assert error.code == code and error.line is not None
    html = unescape(render_panel([Problem.of_error(error)], LABELS[lang]))
    assert sentence(LABELS[lang](f"messages.{code}.message")) in html
    assert sentence(LABELS[lang](f"messages.{code}.fix")) in html
    assert LABELS[lang]("preview.fix") in html
    assert sentence(ENGLISH[code][0]) not in html, "not the English"
    assert sentence(ENGLISH[code][0]) in unescape(render_panel([Problem.of_error(error)], LABELS["en"]))


def test_placeholders_name_the_file_key_and_values_and_are_escaped() -> None:
    reference = {"checklist.progress": "{done} of {total}"}
    values = {"checklist.progress": "{klara} av {total}"}
    _, lines = read_locale(ROOT / "locales" / "sv.yml", "locales/sv.yml")
    issue = check_locale(reference, values, lines)[0]
    html = render_panel([Problem.of_issue(issue)], LABELS["es"])
    assert "Los marcadores no coinciden con los del inglés (deben ser: {done}, {total})" in html
    hostile = ContentError("x.sv.md", key="a", line=3, code="field.own_quotes", params={"phrase": "<img src=x>"})
    assert "<img" not in render_panel([Problem.of_error(hostile)], LABELS["sv"])


def test_an_error_without_a_key_keeps_its_english_text() -> None:
    error = ContentError("docs/x.sv.md", "a new check's own English message", line=4, hint="do this")
    assert localize(error.code, error.params, LABELS["sv"].values, error.message, error.hint) == \
        ("a new check's own English message", "do this")
    html = unescape(render_panel([Problem.of_error(error)], LABELS["sv"]))
    assert "A new check's own English message" in html and LABELS["sv"]("preview.fix") in html


def test_a_missing_translation_of_a_message_falls_back_to_english() -> None:
    values = {k: v for k, v in LABELS["sv"].values.items() if not k.startswith("messages.yaml.tab.")}
    error = yaml_error("a: 1\n\tb: 2\n")
    assert localize(error.code, error.params, values, error.message, error.hint) == ENGLISH["yaml.tab"]


def test_words_inside_messages_are_translated_too() -> None:
    error = ContentError("docs/x.es.md", key="title", line=2, code="field.not_text", params={"kind": "list"})
    assert error.message == "must be text, not a list"
    assert localize(error.code, error.params, LABELS["es"].values, error.message, error.hint)[0] == \
        "debe ser texto, no una lista"


@pytest.fixture
def tool(tmp_path: Path) -> tuple[Path, list[str]]:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    return project, [sys.executable, str(project / "tools" / "translations.py")]


def test_the_tool_speaks_the_language_being_worked_on(tool: tuple[Path, list[str]], tmp_path: Path) -> None:
    project, command = tool
    out = tmp_path / "es.xlf"
    assert subprocess.run([*command, "export", "es", "-o", str(out)], capture_output=True).returncode == 0
    swedish = subprocess.run([*command, "import", "sv", str(out)], capture_output=True, text=True)
    assert swedish.returncode == 1
    assert swedish.stdout.startswith(LABELS["sv"]("messages.cli.nothing_imported")), swedish.stdout
    assert "filen är för språket ”es”, inte ”sv”" in swedish.stdout and "Så rättar du:" in swedish.stdout
    assert f"{out}:3" in swedish.stdout, "file and line of the mistake"
    broken = out.read_text(encoding="utf-8").replace('id="checklist.reset"', 'id="checklist.no_such_key"', 1)
    out.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index(next(r for r in broken.splitlines() if "checklist.no_such_key" in r)) + 1
    spanish = subprocess.run([*command, "import", "es", str(out)], capture_output=True, text=True)
    assert spanish.returncode == 1 and "Traceback" not in spanish.stderr
    assert f"{out}:{line} [locales/es.yml#checklist.no_such_key]: este texto no existe en el proyecto" in spanish.stdout


def test_the_check_speaks_kb_language(tool: tuple[Path, list[str]]) -> None:
    project, command = tool
    locale = project / "locales" / "es.yml"
    locale.write_text(locale.read_text(encoding="utf-8").replace("  reset: ", "  resett: ", 1), encoding="utf-8")
    for lang, words in (("sv", "saknas; den engelska texten visas i stället"),
                        ("es", "falta; se muestra el texto en inglés")):
        done = subprocess.run(command, capture_output=True, text=True, env={"KB_LANGUAGE": lang, "PATH": ""})
        assert done.returncode == 1 and f"[checklist.reset]: {words}" in done.stdout, done.stdout
