"""A tiny project with more languages (a region, a script, right to left) and file names that need
percent-encoding, for the language and offline tests."""

from __future__ import annotations

from pathlib import Path

from minisite import TECHNIQUE_SV, mini_project

# Codes mkdocs-static-i18n accepts: a region (Material has pt-BR), a script, right to left, a region
# Material has no translation for (es-MX gets Material's Spanish).
EXTRA_LANGUAGES = ("pt-BR", "zh-Hant", "ar", "es-MX")
ODD_NAMES = ("assets/images/a map #1 (ñ) 100%.svg", "notes and more.en.md")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'
NOTES = "---\ntitle: Notes\n---\n\n# Notes\n\nA page whose file name has spaces.\n"
PT_BR_TECHNIQUE = TECHNIQUE_SV.replace("title: Andas", "title: Respire").replace("Andas in.", "Inspire devagar.")


def multilingual_project(dest: Path, languages: tuple[str, ...] = EXTRA_LANGUAGES) -> Path:
    """The tiny project with `languages` added to mkdocs.yml (labels copied from Swedish), one translated
    technique in each, and files whose names hold spaces, '#', '%', brackets and a non-ASCII letter."""
    project = mini_project(dest)
    config = project / "mkdocs.yml"
    extra = "".join(f"        - locale: {code}\n          name: {code}\n          build: true\n" for code in languages)
    anchor = "          name: Español\n          build: true\n"
    config.write_text(config.read_text(encoding="utf-8").replace(anchor, anchor + extra), encoding="utf-8")
    swedish = (project / "locales" / "sv.yml").read_text(encoding="utf-8")
    for code in languages:
        (project / "locales" / f"{code}.yml").write_text(swedish, encoding="utf-8")
        (project / "docs" / "techniques" / f"breathe.{code}.md").write_text(PT_BR_TECHNIQUE, encoding="utf-8")
    (project / "docs" / ODD_NAMES[0]).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / ODD_NAMES[0]).write_text(SVG, encoding="utf-8")
    (project / "docs" / ODD_NAMES[1]).write_text(NOTES, encoding="utf-8")
    return project
