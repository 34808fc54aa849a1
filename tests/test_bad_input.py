"""A corpus of malformed input: every case stops `mkdocs build --strict` with a message naming the
file (and the key and line where there is one), never a traceback, and nothing is dropped silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import mkdocs_build
from minisite import LISTEN_EN, PLAYBOOK_EN, TECHNIQUE_SV, mini_project

Change = Callable[[Path], None]


def replace(path: str, old: str, new: str) -> Change:
    def change(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def write(path: str, content: str | bytes) -> Change:
    def change(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return change


def remove(path: str) -> Change:
    return lambda project: (project / path).unlink()


BREATHE, BREATHE_SV, LISTEN = "docs/techniques/breathe.en.md", "docs/techniques/breathe.sv.md", "docs/techniques/listen.en.md"
PLAYBOOK, SOURCES, SV_LOCALE, CONFIG = "docs/checklists/short.en.md", "docs/sources.en.md", "locales/sv.yml", "mkdocs.yml"

CASES: list[tuple[str, Change, list[str]]] = [
    # technique front matter
    ("technique-bad-yaml", replace(BREATHE, "title: Breathe", "title: [Breathe"), [f"{BREATHE}:2", "not closed"]),
    ("technique-wrong-type", replace(LISTEN, "say: [Go on.]", "say: {go: on}"), [f"{LISTEN}:10 [say]", "must be a list"]),
    ("technique-missing-field", replace(LISTEN, "summary: Listen.\n", ""), [LISTEN, "missing required field 'summary'"]),
    ("technique-unknown-field", replace(LISTEN, "summary: Listen.", "summary: Listen.\ncolour: red"), [f"{LISTEN}:4 [colour]", "unknown field"]),
    ("technique-list-as-title", replace(LISTEN, "title: Listen", "title: [42]"), [f"{LISTEN}:2 [title]", "must be text"]),
    ("duplicate-step-id", replace(BREATHE, "id: exhale", "id: inhale"), [f"{BREATHE}:11 [steps.1.id]", "duplicate id 'inhale'"]),
    ("duplicate-yaml-key", replace(LISTEN, "summary: Listen.", "summary: Listen.\nsummary: Again."), [f"{LISTEN}:4 [summary]", "duplicate key"]),
    ("dangling-related", replace(BREATHE, "related: [listen]", "related: [lisen]"), [f"{BREATHE}:6 [related.0]", "'lisen' does not exist"]),
    ("dangling-source-item", replace(LISTEN, "art/one/b", "art/one/z"), [f"{LISTEN}:9 [steps.0.covers.0]", "'art/one/z'"]),
    ("dangling-source-section", replace(LISTEN, "sources: [art/one]", "sources: [art/two]"), [f"{LISTEN}:5 [sources.0]", "'art/two'"]),
    ("unknown-phase", replace(LISTEN, "phase: listening", "phase: later"), [f"{LISTEN}:4 [phase]", "unknown phase"]),
    ("window-backwards", replace(BREATHE, "{from: 5, to: 10}", "{from: 10, to: 5}"), [f"{BREATHE}:14 [steps.1.window.to]", "later than"]),
    ("step-drift", replace(BREATHE_SV, "id: exhale", "id: breathe-out"), [f"{BREATHE_SV}:7 [steps.1.id]", "docs/techniques/breathe.en.md"]),
    ("empty-string", replace(LISTEN, "title: Listen", "title: '   '"), [f"{LISTEN}:2 [title]", "must not be empty"]),
    ("100-kb-string", replace(LISTEN, "summary: Listen.", "summary: " + "x" * 102_400), [f"{LISTEN}:3 [summary]", "too long"]),
    ("invalid-utf8", write(LISTEN, LISTEN_EN.encode("utf-8").replace(b"Listen.", b"List\xe9n.")), [f"{LISTEN}:3", "not valid UTF-8"]),
    ("tab-indentation", replace(BREATHE, "  - id: inhale", "\t- id: inhale"), [f"{BREATHE}:8", "tab character"]),
    ("structure-in-translation", replace(BREATHE_SV, "title: Andas", "title: Andas\nrelated: [listen]"), [f"{BREATHE_SV}:3 [related]", "English file only"]),
    ("translation-without-original", write("docs/techniques/shout.sv.md", TECHNIQUE_SV), ["docs/techniques/shout.sv.md", "without an English original"]),
    ("unknown-language-suffix", write("docs/techniques/breathe.de.md", TECHNIQUE_SV), ["docs/techniques/breathe.de.md", "'<id>.<language>.md'"]),
    ("no-front-matter", write(LISTEN, "# Listen\n\nJust text.\n"), [f"{LISTEN}:1", "missing front matter"]),
    # playbooks
    ("playbook-bad-yaml", replace(PLAYBOOK, "title: Short call", "title: 'Short call"), [f"{PLAYBOOK}:2", "never closed"]),
    ("playbook-unknown-technique", replace(PLAYBOOK, "[breathe, listen]", "[breathe, listen, shout]"), [f"{PLAYBOOK}:4 [techniques.2]", "'shout' does not exist"]),
    ("playbook-unknown-field", replace(PLAYBOOK, "summary: Two techniques.", "summary: Two techniques.\nsteps: [breathe]"), [f"{PLAYBOOK}:4 [steps]", "unknown field"]),
    ("playbook-structure-in-translation", write("docs/checklists/short.sv.md", "---\ntitle: Kort\nsummary: Två.\ntechniques: [listen]\n---\nText.\n"),
     ["docs/checklists/short.sv.md:4 [techniques]", "English file only"]),
    ("two-cheat-sheet-playbooks", lambda project: (
        write("docs/checklists/other.en.md", PLAYBOOK_EN.replace("title: Short call", "title: Other\ncheatsheet: true"))(project),
        replace(PLAYBOOK, "title: Short call", "title: Short call\ncheatsheet: true")(project)),
     ["docs/checklists/short.en.md:3 [cheatsheet]", "only one playbook can be on the cheat sheet"]),
    # sources
    ("uncovered-source-item", replace(LISTEN, "covers: [art/one/b]", "covers: []"), [f"{SOURCES}:13", "not covered by any technique step"]),
    # locale files
    ("locale-bad-yaml", replace(SV_LOCALE, "  reset:", "  reset: [oops\n  x:"), [SV_LOCALE, "not closed"]),
    ("locale-missing-key", replace(SV_LOCALE, "  reset:", "  reset_all:"), [f"{SV_LOCALE} [checklist.reset]", "missing"]),
    ("locale-typo-key", replace(SV_LOCALE, "  reset:", "  rest:"), [f"{SV_LOCALE}:", "[checklist.rest]", "unknown key"]),
    ("locale-empty-value", replace(SV_LOCALE, "  reset: Rensa bockarna", "  reset: ''"), [f"{SV_LOCALE}:", "[checklist.reset]", "empty"]),
    ("locale-placeholder", replace(SV_LOCALE, "{done} av {total}", "{klara} av {total}"), [f"{SV_LOCALE}:", "[checklist.progress]", "placeholders differ"]),
    ("locale-markup", replace(SV_LOCALE, "  reset: Rensa bockarna", "  reset: <b>Rensa</b>"), [f"{SV_LOCALE}:", "[checklist.reset]", "markup"]),
    ("locale-list-value", replace(SV_LOCALE, "  reset: Rensa bockarna", "  reset: [Rensa, bockarna]"), [f"{SV_LOCALE}:", "[checklist.reset]", "must be text"]),
    ("locale-key-at-wrong-level", replace(SV_LOCALE, "\ncard:\n", "\nreset: Rensa\ncard:\n"), [f"{SV_LOCALE}:", "[reset]", "unknown key"]),
    ("english-locale-missing", remove("locales/en.yml"), ["locales/en.yml", "English locale file is the reference"]),
    # slots in phrases, and the team profile (team.yml beside mkdocs.yml)
    ("phrase-misspelt-slot", replace(LISTEN, "say: [Go on.]", "say: ['Go on, {custmer}.']"), [f"{LISTEN}:10 [say.0]", "unknown slot {custmer}"]),
    ("translation-drops-slot", lambda project: (
        replace(BREATHE, "say: Thank you for waiting.", "say: 'Thank you for waiting, {customer}.'")(project)),
     [f"{BREATHE_SV}:", "[steps.1.say]", "lacks the slot {customer} of the English phrase"]),
    ("team-markup", write("team.yml", "company: <img src=x onerror=alert(1)>\n"), ["team.yml:1 [company]", "markup"]),
    ("team-ticket-number", write("team.yml", "offer: open ticket #4711 for you\n"), ["team.yml:1", "cut at ' #'"]),
    ("team-customer-name", write("team.yml", "customer: Mrs Patel\n"), ["team.yml:1 [customer]", "names are not part"]),
    # the language list in mkdocs.yml
    ("language-without-locale-file", replace(CONFIG, "        - locale: es\n", "        - locale: de\n          name: Deutsch\n          build: true\n        - locale: es\n"),
     ["locales/de.yml", "missing locale file"]),
    ("default-language-not-english", lambda project: (
        replace(CONFIG, "          default: true\n", "")(project),
        replace(CONFIG, "        - locale: sv\n", "        - locale: sv\n          default: true\n")(project)),
     ["mkdocs.yml [plugins.i18n.languages]", "default language must be 'en'"]),
]


@pytest.mark.parametrize(("name", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_stops_the_strict_build_with_a_located_message(tmp_path: Path, name: str, change: Change,
                                                                 expected: list[str]) -> None:
    project = mini_project(tmp_path / "project")
    change(project)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0, f"{name}: the build passed\n{build.output}"
    assert "Traceback" not in build.output, build.output
    for text in expected:
        assert text in build.output, f"{name}: {text!r} not in\n{build.output}"


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25
