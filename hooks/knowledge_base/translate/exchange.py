"""Exchange translations with CAT tools (Poedit, Weblate, OmegaT, Trados) as gettext PO files.

Every label and every translatable unit of every page (see `units`) becomes one PO entry: the
English as msgid, the current translation as msgstr, a msgctxt naming the translation file and
key, translator comments from `locales/en.yml`, and, for outdated entries, the fuzzy flag with
the English as last reviewed as previous msgid. Import checks each entry and writes the texts
back with ruamel.yaml (see `yamlwrite`), then marks what it imported as reviewed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..content.errors import ContentError
from ..content.glossary import Term, find_forbidden, read_glossary
from ..content.locales import PLACEHOLDER, locale_path
from ..content.units import BODY, UnitPath, translated_units, translation_file
from ..content.yamltext import read_document, read_text
from .po_checks import (PROJECT_ID, TOTAL_HEADER, ExchangeError, ExchangeProblems, GlossaryCheck, PoFile, TextProblem,
                        check_text, export_command, problems_at, read_po)
from .translations import Item, current_english, language_status, locale_texts, mark_reviewed
from .yamlwrite import project_lock, remove_file, update_page_text, update_yaml_text, write_if_changed

__all__ = ["ONLY", "PROJECT_ID", "Entry", "ExchangeError", "ImportResult", "entries", "export_po", "glossary_check",
           "import_po"]
ONLY = ("all", "missing", "outdated")
_KIND_COMMENTS = {
    "title": "Page title (also in the navigation and on cards).",
    "summary": "One-line summary under the title.",
    "steps": "A step of the checklist: 'text' is the step, 'say' a phrase the agent says to the customer.",
    "say": "A phrase the agent says to the customer.",
    "avoid": "A phrase the agent must not say.",
    "pitfalls": "A common mistake to warn about.",
    "items": "A point of a source article, described in our own words.",
    BODY: "The explanation in markdown: keep links, headings, lists and emphasis marks as they are.",
}

def po_language(code: str) -> str:
    """The gettext spelling of a site language code for the PO `Language:` header: `pt-BR` is `pt_BR`."""
    return code.replace("-", "_")


def glossary_check(root: Path) -> GlossaryCheck:
    """The check against each language's glossary of forbidden terms (`locales/glossary/<lang>.yml`), if any."""
    glossaries: dict[str, tuple[list[Term], str] | None] = {}

    def check(lang: str, scope: str, text: str) -> list[TextProblem]:
        if lang not in glossaries:
            glossaries[lang] = read_glossary(root, lang)
        glossary = glossaries[lang]
        if glossary is None:
            return []
        terms, shown = glossary
        return [("po.forbidden", {"found": found, "glossary": shown, "preferred": term.preferred})
                for _, found, term in find_forbidden(text, terms, scope)]

    return check


@dataclass(frozen=True)
class Entry:
    """One translatable text of one language."""

    context: str  # "<translation file>#<key>": names the file and key
    file: str  # translation file, relative to the project root
    kind: str  # "labels" or "pages"
    name: str  # label key or page name (what `reviewed` takes)
    path: UnitPath  # where the text goes in the file
    english: str
    translation: str
    previous: str | None  # English as reviewed, when the entry is outdated
    outdated: bool
    comment: str
    source: str  # the English file


def _label_comments(root: Path) -> dict[str, str]:
    """The comment lines above each key of `locales/en.yml`, by dotted key."""
    lines = read_text(locale_path(root / "locales", "en"), "locales/en.yml").splitlines()
    comments: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    pending: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped.lstrip("#").strip())
            continue
        match = re.match(r"^( *)([A-Za-z0-9_-]+):", line)
        if not match:
            pending = [] if not stripped else pending
            continue
        indent = len(match[1])
        stack = [(i, k) for i, k in stack if i < indent]
        stack.append((indent, match[2]))
        if pending:
            comments[".".join(k for _, k in stack)] = " ".join(pending)
        pending = []
    return comments


def entries(root: Path, docs_dir: Path, lang: str) -> list[Entry]:
    """Every label and page unit of `lang`, in file order: labels first, then pages."""
    now = current_english(root, docs_dir)
    status = language_status(root, docs_dir, lang, now)
    states = {(k, i.name): i for k, items in (("labels", status.labels), ("pages", status.pages)) for i in items}
    locale = locale_path(root / "locales", lang)
    shown_locale = locale.relative_to(root).as_posix()
    values = locale_texts(locale, shown_locale) if locale.exists() else {}
    comments = _label_comments(root)
    found: list[Entry] = []
    for key, texts in now.labels.items():
        item = states[("labels", key)]
        found.append(_entry(shown_locale, "labels", key, tuple(key.split(".")), texts[key], values.get(key, ""),
                            item, key, comments.get(key, ""), "locales/en.yml"))
    for name, texts in now.pages.items():
        file = translation_file(docs_dir, name, lang)
        shown = file.relative_to(root).as_posix()
        have: dict[str, str] = {}
        if file.exists():
            doc = read_document(file, shown)
            have = translated_units(now.units[name], doc.data, doc.body)
        for unit in now.units[name]:
            comment = _KIND_COMMENTS.get(str(unit.path[0]), "")
            found.append(_entry(shown, "pages", name, unit.path, unit.text, have.get(unit.key, ""),
                                states[("pages", name)], unit.key, comment, now.files[name].relative_to(root).as_posix()))
    return found


def _entry(file: str, kind: str, name: str, path: UnitPath, english: str, translation: str, item: Item, key: str,
           comment: str, source: str) -> Entry:
    outdated = False
    previous = None
    if translation and item.state == "outdated":
        was = (item.was or {}).get(key) if item.was is not None else None
        outdated = was is None or was != english
        previous = was if was != english else None
    return Entry(f"{file}#{key}", file, kind, name, path, english, translation, previous, outdated, comment, source)


def export_po(root: Path, docs_dir: Path, lang: str, only: str = "all") -> polib.POFile:
    """The PO catalog of `lang`: every entry, or only the `missing` or `outdated` ones."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": PROJECT_ID,
        "PO-Revision-Date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "",
        "Language-Team": lang,
        "Language": po_language(lang),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": "en",
    }
    for entry in entries(root, docs_dir, lang):
        if (only == "missing" and entry.translation) or (only == "outdated" and not entry.outdated):
            continue
        flags = (["fuzzy"] if entry.outdated else []) + (["python-brace-format"] if PLACEHOLDER.search(entry.english) else [])
        po.append(polib.POEntry(msgctxt=entry.context, msgid=entry.english, msgstr=entry.translation,
                                comment=entry.comment, flags=flags, previous_msgid=entry.previous,
                                occurrences=[(entry.source, "")]))
    po.metadata[TOTAL_HEADER] = str(len(po))  # import refuses a file with fewer: cut off or entries deleted
    return po


@dataclass
class ImportResult:
    """What an import did: files written, entries imported, skipped (with reasons) and marked reviewed."""

    written: list[str]
    imported: int
    skipped: list[ContentError]  # located reasons, said to the user (not errors)
    reviewed: list[str]
    notes: list[ContentError] = field(default_factory=list)  # said to the user, located, not errors


def import_po(root: Path, docs_dir: Path, lang: str, po_file: Path, glossary: GlossaryCheck | None = None,
              validate: Callable[[], None] | None = None, languages: Sequence[str] = ()) -> ImportResult:
    """Write the translations of a PO file into the project; raise ExchangeError listing every problem.

    Nothing is written when the file is not whole or any entry fails a check; every problem names its
    line in the PO file. Fuzzy and empty entries are left alone. `validate` (e.g. loading the whole
    catalog) runs after writing; if it raises, every file is restored. `languages` are the site's, to
    tell another language's file from a regional variant of `lang`.
    """
    po = read_po(po_file, lang, languages)
    with project_lock(root):  # what is checked is what is written: no other run changes the files meanwhile
        return _import(root, docs_dir, lang, po, po_file, glossary, validate)


def _import(root: Path, docs_dir: Path, lang: str, po: PoFile, po_file: Path, glossary: GlossaryCheck | None,
            validate: Callable[[], None] | None) -> ImportResult:
    known = {e.context: e for e in entries(root, docs_dir, lang)}
    problems: list[ContentError] = []
    skipped: list[ContentError] = []
    chosen: list[tuple[Entry, str]] = []
    for item in po.catalog:
        if item.obsolete:
            continue
        entry = known.get(item.msgctxt or "")
        if entry is None:
            problems.append(ContentError(str(po_file), key=item.msgctxt, line=item.linenum, code="po.unknown_text",
                                         params={"command": export_command(lang, po_file)}))
        elif not item.msgstr.strip() or "fuzzy" in item.flags:
            continue
        elif item.msgid != entry.english:
            skipped.append(ContentError(str(po_file), key=item.msgctxt, line=item.linenum,
                                        code="incoming.english_changed"))
        else:
            if item.msgstr != entry.translation:  # only what the translator changed is checked
                problems.extend(problems_at(str(po_file), entry.context, item.linenum, check_text(
                    lang, entry.kind, entry.path, entry.english, item.msgstr, glossary)))
            chosen.append((entry, item.msgstr))
    if problems:
        raise ExchangeProblems(problems)
    result = _apply(root, docs_dir, lang, known, chosen, skipped, validate)
    result.notes.extend(po.notes)
    return result


def _apply(root: Path, docs_dir: Path, lang: str, known: dict[str, Entry], chosen: list[tuple[Entry, str]],
           skipped: list[ContentError], validate: Callable[[], None] | None) -> ImportResult:
    by_file: dict[str, list[tuple[UnitPath, str]]] = {}
    for entry, text in chosen:
        by_file.setdefault(entry.file, []).append((entry.path, text))
    per_file: dict[str, int] = {}
    per_name: dict[str, list[Entry]] = {}
    for entry in known.values():
        per_file[entry.file] = per_file.get(entry.file, 0) + 1
        per_name.setdefault(entry.name, []).append(entry)
    originals: dict[Path, str | None] = {}
    written: list[str] = []
    for shown, values in by_file.items():
        file = root / shown
        old = file.read_text(encoding="utf-8") if file.exists() else None
        if old is None and shown.endswith(".md") and len(values) < per_file[shown]:
            skipped.append(ContentError(shown, code="incoming.not_created",
                                        params={"count": len(values), "total": per_file[shown]}))
            continue
        new = update_page_text(old or "", values) if shown.endswith(".md") else update_yaml_text(old or "", values)
        originals[file] = old
        if write_if_changed(file, new):
            written.append(shown)
    if validate is not None:
        try:
            validate()
        except Exception:
            for file, old in originals.items():
                write_if_changed(file, old) if old is not None else remove_file(file)
            raise
    confirmed = {e.context for e, text in chosen if text != e.translation or e.outdated}
    imported = {e.context for e, _ in chosen}
    names: list[str] = []
    for name in dict.fromkeys(e.name for e, _ in chosen):
        units = per_name[name]
        complete = all(e.context in imported or (e.translation and not e.outdated) for e in units)
        if complete and any(e.context in confirmed for e in units):
            names.append(name)
    if names:
        mark_reviewed(root, docs_dir, lang, names)
    return ImportResult(written, len(chosen), skipped, names)
