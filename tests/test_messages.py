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
from knowledge_base.content.errors import ContentError, describe
from knowledge_base.content.locales import check_locale, load_labels, read_locale
from knowledge_base.content.messages import ENGLISH, ENGLISH_WORDS, localize
from knowledge_base.content.prose import check_body
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


REFUSED_ANCHOR = {
    "sv": ("en text kan inte börja med ”&” (YAML läser det som ett namn att återanvända på andra ställen, och det "
           "tillåter inte projektet)", 'sätt hela texten inom raka dubbla citattecken ("..."), till exempel "&..."'),
    "es": ("un texto no puede empezar con «&» (YAML lo lee como un nombre para reutilizar en otro sitio, algo que "
           "este proyecto no admite)", 'pon todo el texto entre comillas dobles rectas ("..."), por ejemplo "&..."'),
}


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_a_refused_yaml_construct_is_explained_in_the_readers_language(lang: str) -> None:
    error = yaml_error("title: Låt kunden prata\nsay: &svar Jag förstår\n")
    assert (error.code, error.line, error.key) == ("safety.anchor", 3, "say")
    message, fix = REFUSED_ANCHOR[lang]
    html = unescape(render_panel([Problem.of_error(error)], LABELS[lang]))
    assert f'<p class="kb-preview-message">{sentence(message)}</p>' in html
    assert f"{LABELS[lang]('preview.fix')}</strong> {sentence(fix)}</p>" in html
    assert describe(error, LABELS[lang].values) == (f"docs/techniques/let-them-vent.sv.md:3 [say]: {message}. "
                                                    f"{LABELS[lang]('preview.fix')} {fix}")
    assert "a name for reuse elsewhere" in str(error), "English where no language is asked for"


RAW_HTML = {
    "sv": ("texten innehåller rå HTML '<b>'", "skriv vanlig markdown: rå HTML är inte tillåten i innehållet (inom "
           "`kod` visas den precis som den är skriven)"),
    "es": ("el texto contiene HTML directo '<b>'", "escribe markdown normal: el contenido no admite HTML directo "
           "(dentro de `código` se muestra tal como está escrito)"),
}


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_a_markup_policy_finding_is_explained_in_the_readers_language(lang: str) -> None:
    with pytest.raises(ContentError) as raised:
        check_body("\nLyssna först.\n\nSedan <b>svarar</b> du.\n", 6, "docs/techniques/let-them-vent.sv.md")
    error = raised.value
    assert (error.code, error.line) == ("markup.in_page", 9)
    message, fix = RAW_HTML[lang]
    html = unescape(render_panel([Problem.of_error(error)], LABELS[lang]))
    assert f'<p class="kb-preview-message">{sentence(message)}</p>' in html
    assert f"{LABELS[lang]('preview.fix')}</strong> {sentence(fix)}</p>" in html
    assert "raw HTML" not in html and "write plain markdown" not in html
    assert describe(error, LABELS[lang].values) == (f"docs/techniques/let-them-vent.sv.md:9: {message}. "
                                                    f"{LABELS[lang]('preview.fix')} {fix}")
    assert str(error).endswith("the text contains raw HTML '<b>'. How to fix: write plain markdown: raw HTML is not "
                               "allowed in content (shown as typed inside `code`)")


PO_PROBLEMS = {  # placeholders differ; raw HTML in line 1 of a page text (a finding inside a message)
    "sv": ("platshållarna skiljer sig från engelskan (ska vara: {done}, {total}); behåll dem exakt som de är skrivna",
           "rad 1 i texten innehåller rå HTML '<script>'; skriv vanlig markdown: rå HTML är inte tillåten i "
           "innehållet (inom `kod` visas den precis som den är skriven)", "fel: inget importerades:"),
    "es": ("los marcadores no coinciden con los del inglés (deben ser: {done}, {total}); mantenlos exactamente como "
           "están escritos",
           "la línea 1 del texto contiene HTML directo '<script>'; escribe markdown normal: el contenido no admite "
           "HTML directo (dentro de `código` se muestra tal como está escrito)", "error: no se importó nada:"),
}


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_the_tool_lists_a_po_files_problems_in_the_language_worked_on(tmp_path: Path, lang: str) -> None:
    import polib

    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    tool = [sys.executable, str(project / "tools" / "translations.py")]
    out = tmp_path / f"{lang}.po"
    assert subprocess.run([*tool, "export", lang, "--only", "all", "-o", str(out)], capture_output=True).returncode == 0
    po = polib.pofile(str(out))
    progress = next(e for e in po if e.msgctxt == f"locales/{lang}.yml#checklist.progress")
    progress.msgstr = "{klara} / {total}"
    body = next(e for e in po if e.msgctxt.endswith(f".{lang}.md#body") and "\n" not in e.msgid.split("\n\n")[0])
    body.msgstr = "<script>alert(1)</script>" + body.msgid[len(body.msgid.split("\n\n")[0]):]
    po.save(str(out))
    po = polib.pofile(str(out))  # the lines as saved
    lines = {e.msgctxt: e.linenum for e in po}
    before = (project / "locales" / f"{lang}.yml").read_bytes()
    done = subprocess.run([*tool, "import", lang, str(out)], capture_output=True, text=True)
    assert done.returncode == 1, done.stdout + done.stderr
    placeholders, markup, heading = PO_PROBLEMS[lang]
    assert done.stdout.startswith(heading + "\n")
    assert (f"{out}:{lines[progress.msgctxt]} [{progress.msgctxt}]: {placeholders}" in done.stdout), done.stdout
    assert f"{out}:{lines[body.msgctxt]} [{body.msgctxt}]: {markup}" in done.stdout, done.stdout
    assert "placeholders differ" not in done.stdout and "raw HTML" not in done.stdout
    assert (project / "locales" / f"{lang}.yml").read_bytes() == before, "nothing written"


SLOT_MISTAKES = {  # a translated phrase without the English phrase's slot, and a slot in a title
    "sv": ("luckan {customer} från den engelska frasen saknas här",
           "behåll alla luckor från den engelska frasen, stavade exakt likadant, och lägg inte till några",
           "luckan {customer} skulle visas precis som den står: bara fraser att säga eller undvika får sina luckor "
           "ifyllda", "skriv själva orden i stället för luckan, till exempel ”kunden”"),
    "es": ("falta el hueco {customer} de la frase en inglés",
           "conserva todos los huecos de la frase en inglés, escritos exactamente igual, y no añadas ninguno",
           "el hueco {customer} se mostraría tal cual: los huecos solo se rellenan en las frases para decir o para "
           "evitar", "escribe aquí el texto en lugar del hueco, por ejemplo «el cliente»"),
}


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_a_slot_mistake_is_explained_in_the_readers_language(lang: str) -> None:
    from knowledge_base.content.slots import check_not_filled, check_phrase

    file = f"docs/techniques/let-them-vent.{lang}.md"
    _, lines = load_yaml("title: Hej {customer}\nsay: [Tack.]\n", file, first_line=2)
    with pytest.raises(ContentError) as missing:
        check_phrase("Tack.", lines, ("say", 0), ("customer",), "{customer}, thank you.")
    with pytest.raises(ContentError) as in_title:
        check_not_filled("Hej {customer}", lines, ("title",))
    lacks, lacks_fix, shown, shown_fix = SLOT_MISTAKES[lang]
    for error, message, fix, line in ((missing.value, lacks, lacks_fix, 3), (in_title.value, shown, shown_fix, 2)):
        assert error.line == line
        html = unescape(render_panel([Problem.of_error(error)], LABELS[lang]))
        assert f'<p class="kb-preview-message">{sentence(message)}</p>' in html
        assert f"{LABELS[lang]('preview.fix')}</strong> {sentence(fix)}</p>" in html
        assert "English phrase" not in html and "shown as typed" not in html
