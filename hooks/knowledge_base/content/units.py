"""The translatable units of the content: every text a translator translates, by a stable key.

A unit is one text of an English page (title, summary, a step's text or phrase, one phrase to
say or avoid, a pitfall, a source point, the explanation after the front matter) or one label
of `locales/en.yml`. Its `path` says where the same text lives in a translation's front matter,
so fingerprints, the status page's diffs and the PO export/import all share one definition.

New content kinds need no code here as long as their structure keys are in `STRUCTURE_KEYS`
and list items that translations must keep in order carry an `id`; a kind whose translation
is shaped differently from its English file registers an extractor in `SPECIAL_PAGES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import DEFAULT_LANGUAGE
from .yamltext import read_document

# Front matter that is structure, not wording: not translated, and changing it does not make a translation stale.
STRUCTURE_KEYS = frozenset({"phase", "related", "sources", "techniques", "source", "cheatsheet", "home",
                            "window", "covers", "id", "marks", "technique", "step", "phases"})
BODY = "body"
PathPart = str | int  # a mapping key, a list index, or "#<id>" for the list item with that id
UnitPath = tuple[PathPart, ...]


@dataclass(frozen=True)
class Unit:
    """One translatable text: its key, where it lives in a translation file, and its text."""

    key: str
    path: UnitPath
    text: str


def _walk(value: Any, path: UnitPath, out: list[Unit]) -> None:
    if isinstance(value, str):
        out.append(Unit(".".join(str(p).lstrip("#") for p in path), path, value))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            has_id = isinstance(item, dict) and isinstance(item.get("id"), str)
            _walk(item, (*path, f"#{item['id']}" if has_id else i), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in STRUCTURE_KEYS:
                _walk(item, (*path, str(key)), out)


def generic_units(data: dict[str, Any], body: str) -> list[Unit]:
    """Units of a page whose translation has the shape of its English file minus the structure."""
    out: list[Unit] = []
    _walk(data, (), out)
    if body.strip():
        out.append(Unit(BODY, (BODY,), body.strip()))
    return out


def sources_units(data: dict[str, Any], body: str) -> list[Unit]:
    """Units of the sources page: its title and each source point (article titles and headings stay as published)."""
    out = [Unit("title", ("title",), str(data.get("title", "")))]
    for article in data.get("articles") or []:
        for section in article.get("sections") or []:
            for item in section.get("items") or []:
                path = f"{article['id']}/{section['id']}/{item['id']}"
                out.append(Unit(f"items.{path}", ("items", path), str(item.get("text", ""))))
    if body.strip():
        out.append(Unit(BODY, (BODY,), body.strip()))
    return out


SPECIAL_PAGES: dict[str, Callable[[dict[str, Any], str], list[Unit]]] = {"sources.md": sources_units}


def page_name(file: Path, docs_dir: Path) -> str:
    """The language-neutral name of a page: `techniques/x.en.md` -> `techniques/x.md`."""
    return file.relative_to(docs_dir).as_posix()[: -len(f".{DEFAULT_LANGUAGE}.md")] + ".md"


def translation_file(docs_dir: Path, name: str, lang: str) -> Path:
    """Where the `lang` translation of the page `name` lives."""
    return docs_dir / (name[:-3] + f".{lang}.md")


def page_units(name: str, data: dict[str, Any], body: str) -> list[Unit]:
    """The units of the page `name` from its (English or translated) front matter and body."""
    return SPECIAL_PAGES.get(name, generic_units)(data, body)


def english_page_units(file: Path, docs_dir: Path, shown: str) -> list[Unit]:
    """The units of an English page file."""
    doc = read_document(file, shown)
    return page_units(page_name(file, docs_dir), doc.data, doc.body)


def find(data: Any, path: UnitPath) -> Any:
    """The value at `path` in a translation's front matter (or body mapping), or None."""
    for part in path:
        if isinstance(part, str) and part.startswith("#") and isinstance(data, list):
            data = next((i for i in data if isinstance(i, dict) and i.get("id") == part[1:]), None)
        elif isinstance(part, int) and isinstance(data, list):
            data = data[part] if part < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
        if data is None:
            return None
    return data


def translated_units(units: list[Unit], data: dict[str, Any], body: str) -> dict[str, str]:
    """The translation of each English unit found in a translation's front matter and body, by key."""
    found: dict[str, str] = {}
    for unit in units:
        value = body.strip() if unit.path == (BODY,) else find(data, unit.path)
        if isinstance(value, str) and value.strip():
            found[unit.key] = value
    return found
