"""Translator workflow: the locale checker, outdated detection, fallback notices, a new language."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from knowledge_base.content.errors import ContentError
from knowledge_base.content.locales import load_labels, read_locale
from knowledge_base.translate.translations import current_fingerprints, language_status, mark_reviewed
from minisite import TECHNIQUE_EN, mini_project

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = "checklist:\n  progress: \"{done} of {total} done\"\n  reset: Clear ticks\n  say: \"Say:\"\n"


def locale_issues(tmp_path: Path, swedish: str) -> list[str]:
    (tmp_path / "locales").mkdir(exist_ok=True)
    (tmp_path / "locales" / "en.yml").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "locales" / "sv.yml").write_text(swedish, encoding="utf-8")
    _, issues = load_labels(tmp_path / "locales", ["en", "sv"], tmp_path)
    return [str(i) for i in issues]


@pytest.mark.parametrize(
    ("swedish", "expected"),
    [
        ("checklist:\n  progress: \"{done} av {total}\"\n  say: \"Säg:\"\n",
         "locales/sv.yml [checklist.reset]: missing"),
        ("checklist:\n  progress: \"{done} av {total}\"\n  reset: Rensa\n  say: \"Säg:\"\n  rest: x\n",
         "locales/sv.yml:5 [checklist.rest]: unknown key"),
        ("checklist:\n  progress: \"{done} av {total}\"\n  reset: ''\n  say: \"Säg:\"\n",
         "locales/sv.yml:3 [checklist.reset]: empty"),
        ("checklist:\n  progress: \"{klart} av {total}\"\n  reset: Rensa\n  say: \"Säg:\"\n",
         "locales/sv.yml:2 [checklist.progress]: placeholders differ from English (expected: {done}, {total})"),
        ("checklist:\n  progress: \"{done} av {total}\"\n  reset: <b>Rensa</b>\n  say: \"Säg:\"\n",
         "locales/sv.yml:3 [checklist.reset]: contains markup"),
    ],
    ids=["missing", "unknown", "empty", "placeholder", "markup"],
)
def test_locale_checker_names_file_line_and_key(tmp_path: Path, swedish: str, expected: str) -> None:
    issues = locale_issues(tmp_path, swedish)
    assert any(i.startswith(expected) for i in issues), issues


def test_bad_labels_fall_back_to_english(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.yml").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "locales" / "sv.yml").write_text("checklist:\n  progress: \"{klart}\"\n  say: \"Säg:\"\n", encoding="utf-8")
    labels, _ = load_labels(tmp_path / "locales", ["en", "sv"], tmp_path)
    assert labels["sv"]("checklist.progress", done=1, total=2) == "1 of 2 done"
    assert labels["sv"]("checklist.reset") == "Clear ticks"
    assert labels["sv"]("checklist.say") == "Säg:"


def test_malformed_locale_yaml_stops_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"^locales/sv.yml:3: the list opened with"):
        locale_issues(tmp_path, "checklist:\n  progress: x\n  reset: [Rensa\n")


def test_real_locales_are_complete_and_clean() -> None:
    _, issues = load_labels(ROOT / "locales", ["en", "sv", "es"], ROOT)
    assert not issues, [str(i) for i in issues]
    english, lines = read_locale(ROOT / "locales" / "en.yml", "locales/en.yml")
    text = (ROOT / "locales" / "en.yml").read_text(encoding="utf-8").splitlines()
    for key in english:
        line = lines.by_key[(key,)]  # 1-based line of the key
        assert text[line - 2].strip().startswith("#"), f"English key {key} has no comment for translators"


def fingerprint_project(tmp_path: Path) -> Path:
    project = mini_project(tmp_path)
    return project


def test_outdated_detection_follows_the_english_wording_only(tmp_path: Path) -> None:
    project = fingerprint_project(tmp_path)
    docs = project / "docs"

    def state(name: str) -> str:
        status = language_status(project, docs, "sv", current_fingerprints(project, docs))
        return next(i for i in status.pages if i.name == name).state

    assert state("techniques/breathe.md") == "outdated"  # never reviewed
    assert state("techniques/listen.md") == "missing"
    assert mark_reviewed(project, docs, "sv", ["techniques/breathe.md"]) == []
    assert state("techniques/breathe.md") == "translated"
    english = docs / "techniques" / "breathe.en.md"
    english.write_text(TECHNIQUE_EN.replace("window: {from: 5, to: 10}", "window: {from: 5, to: 12}"), encoding="utf-8")
    assert state("techniques/breathe.md") == "translated", "a structure change does not make a translation stale"
    translation = docs / "techniques" / "breathe.sv.md"
    translation.write_text(translation.read_text(encoding="utf-8").replace("Andas in.", "Andas in lugnt."), encoding="utf-8")
    assert state("techniques/breathe.md") == "translated", "editing the translation does not make it stale"
    english.write_text(TECHNIQUE_EN.replace("Breathe in.", "Breathe in slowly."), encoding="utf-8")
    assert state("techniques/breathe.md") == "outdated"
    assert mark_reviewed(project, docs, "sv", ["no/such.md"]) == ["no/such.md"]


def test_outdated_label_detection(tmp_path: Path) -> None:
    project = fingerprint_project(tmp_path)
    docs = project / "docs"
    mark_reviewed(project, docs, "sv", [])
    english = project / "locales" / "en.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("reset: Clear ticks", "reset: Untick all"), encoding="utf-8")
    status = language_status(project, docs, "sv", current_fingerprints(project, docs))
    assert [i.name for i in status.outdated if i.file == "locales/sv.yml"] == ["checklist.reset"]


def test_outdated_translation_shows_a_notice(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.output
    page = (tmp_path / "out" / "sv" / "techniques" / "breathe" / "index.html").read_text("utf-8")
    assert "kb-notice--outdated" in page, "never reviewed counts as outdated"
    mark_reviewed(project, project / "docs", "sv", [])
    mkdocs_build(project, tmp_path / "out2")
    page = (tmp_path / "out2" / "sv" / "techniques" / "breathe" / "index.html").read_text("utf-8")
    assert "kb-notice" not in page
    fallback = (tmp_path / "out2" / "sv" / "techniques" / "listen" / "index.html").read_text("utf-8")
    labels, _ = load_labels(project / "locales", ["en", "sv"], project)
    assert "kb-notice--fallback" in fallback and labels["sv"]("translation.notice_fallback") in fallback


def test_a_fourth_language_needs_only_a_locale_file_and_a_config_entry(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    shutil.copy(project / "locales" / "en.yml", project / "locales" / "de.yml")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "        - locale: es\n", "        - locale: de\n          name: Deutsch\n          build: true\n        - locale: es\n"),
        encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    pages = sorted((tmp_path / "site" / "de").rglob("index.html"))
    content_pages = [p for p in pages if not re.search(r"/(cards|cheatsheet|translations|offline)/", p.as_posix())]
    assert len(content_pages) >= 17
    for page in content_pages:
        assert "kb-notice--fallback" in page.read_text("utf-8"), f"{page} has no fallback notice"
    status = (tmp_path / "site" / "de" / "translations" / "index.html").read_text("utf-8")
    row = re.search(r'<tr><th scope="row"><a href="#lang-de">Deutsch</a></th>(.*?)</tr>', status)
    assert row, "the status page does not list the new language"
    assert re.search(r"<td>0 of \d+ \(0%\)</td>", row.group(1)), row.group(1)


def test_kb_language_builds_english_and_one_language(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    os.environ["KB_LANGUAGE"] = "sv"
    try:
        build = mkdocs_build(project, tmp_path / "out")
    finally:
        del os.environ["KB_LANGUAGE"]
    assert build.returncode == 0, build.output
    assert (tmp_path / "out" / "sv" / "index.html").exists()
    assert not (tmp_path / "out" / "es").exists()


def test_serve_watches_locales_and_hooks() -> None:
    import kb

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    class Config:
        config_file_path = str(ROOT / "mkdocs.yml")

    server = kb.on_serve(Server(), Config())
    assert str(ROOT / "locales") in server.watched and str(ROOT / "hooks") in server.watched
