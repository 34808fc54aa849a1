"""Read a PO file for import and check it whole before anything is written.

A file is refused, with the line in the PO file and a command that works, when it is missing,
unreadable, cut off (an interrupted download: it ends mid-line, its header is incomplete, or it
has fewer entries than the export wrote), another project's, another language's, or holds the
same text twice. Each translated text is checked against its English one: placeholders, one
line where the English is one line, plain text where the English is plain text, and for
markdown the markup policy and the same structure (paragraphs, list items, headings, links).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from ..content.locales import PLACEHOLDER
from ..content.markup_policy import LABEL_MARKUP, construct_problems, markdown_findings
from ..content.units import BODY

PROJECT_ID = "de-escalation-playbook"
TOTAL_HEADER = "X-Total-Entries"  # sorts last in the header: a header cut short loses it first
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_REGION = re.compile(r"^(?P<primary>[a-z]{2,3})(?:[-_@.].*)?$", re.IGNORECASE)

# A glossary check takes (language, "labels" or "pages", translation) and returns problems; empty when none.
GlossaryCheck = Callable[[str, str, str], list[str]]


class ExchangeError(Exception):
    """A PO file that cannot be imported, with every reason."""


@dataclass(frozen=True)
class PoFile:
    """A PO file read for import: its entries and notes for the user (e.g. a region variant taken as the language)."""

    catalog: polib.POFile
    notes: tuple[str, ...]


def export_command(lang: str, po_file: Path) -> str:
    """The export that makes a new file: beside `po_file`, never over it (it may hold the translator's work)."""
    target = po_file.with_name(f"{po_file.stem}.new.po") if po_file.exists() else po_file
    return f"./run translations export {lang} -o {target}"


def same_language(code: str) -> str:
    """A language code in one spelling: lower case, '-' between its parts (`sv_SE` -> `sv-se`)."""
    return code.strip().replace("_", "-").lower()


def _language_note(lang: str, found: str, languages: Sequence[str], po_file: Path) -> str | None:
    """None when `found` (the file's Language header) is `lang`; a note when it is a region variant; else raise."""
    if same_language(found) == same_language(lang):
        return None
    others = [code for code in languages if same_language(code) == same_language(found)]
    match = _REGION.match(found.strip())
    if not others and match and same_language(match["primary"]) == same_language(lang) \
            and "-" not in same_language(lang):
        return f"{po_file}: the file's language '{found}' is a regional variant of '{lang}'; imported as '{lang}'"
    if not found.strip():
        raise ExchangeError(f"{po_file}:1: the header has no 'Language'; set the language to '{lang}' in the CAT tool "
                            f"(Poedit: Translation > Properties) or add the line \"Language: {lang}\\n\" to the header")
    target = others[0] if others else "<language>"
    raise ExchangeError(f"{po_file}:1: is a file for language '{found}', not '{lang}'; import it with "
                        f"./run translations import {target} {po_file}" +
                        ("" if others else f", or export a {lang} file with {export_command(lang, po_file)}"))


def read_po(po_file: Path, lang: str, languages: Sequence[str] = ()) -> PoFile:
    """The PO file as written by `export`, whole and for `lang`; raise ExchangeError naming the line otherwise."""
    if not po_file.exists():
        raise ExchangeError(f"{po_file}: no such file; export one with {export_command(lang, po_file)}")
    if not po_file.is_file():
        raise ExchangeError(f"{po_file}: is a folder, not a PO file; give the path of the .po file itself")
    raw = po_file.read_bytes()
    if not raw.strip():
        raise ExchangeError(f"{po_file}:1: the file is empty; download it again or export it with "
                            f"{export_command(lang, po_file)}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ExchangeError(f"{po_file}:{line}: not UTF-8 text; save the file as UTF-8 in the CAT tool") from None
    last_line = text.count("\n") + 1
    if not text.endswith("\n"):
        raise ExchangeError(f"{po_file}:{last_line}: the file ends in the middle of a line: it was cut off (e.g. an "
                            "interrupted download); download it again, or save it again in the CAT tool")
    try:
        catalog = polib.pofile(text, check_for_duplicates=False, wrapwidth=79)
    except (OSError, ValueError) as exc:
        found = _POLIB_LINE.search(str(exc))
        where = f"{po_file}:{found[1]}" if found else str(po_file)
        reason = str(exc).split(": ", 1)[-1] if ": " in str(exc) else str(exc)
        raise ExchangeError(f"{where}: not a readable PO file ({reason}); if it was cut off, download it again") \
            from None
    project = catalog.metadata.get("Project-Id-Version", "")
    if not catalog.metadata or (project == PROJECT_ID and TOTAL_HEADER not in catalog.metadata):
        raise ExchangeError(f"{po_file}:1: the header is incomplete (no '{TOTAL_HEADER}'): the file was cut off or "
                            f"made by an older version; export it again with {export_command(lang, po_file)}")
    if project != PROJECT_ID:
        raise ExchangeError(f"{po_file}:1: belongs to another project (Project-Id-Version: '{project}', expected "
                            f"'{PROJECT_ID}'); export a file from this project with {export_command(lang, po_file)}, "
                            "translate it and import that")
    note = _language_note(lang, catalog.metadata.get("Language", ""), languages, po_file)
    _check_whole(catalog, po_file, lang)
    return PoFile(catalog, (note,) if note else ())


def _check_whole(catalog: polib.POFile, po_file: Path, lang: str) -> None:
    """Every entry the export wrote is there, once."""
    live = [e for e in catalog if not e.obsolete]
    seen: dict[tuple[str | None, str], int] = {}
    for entry in live:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise ExchangeError(f"{po_file}:{entry.linenum} [{entry.msgctxt}]: the same text is already at line "
                                f"{seen[key]}; keep only one of the two entries")
        seen[key] = entry.linenum
    expected = catalog.metadata.get(TOTAL_HEADER, "")
    if not expected.isdigit():
        raise ExchangeError(f"{po_file}:1: the header's '{TOTAL_HEADER}: {expected}' is not a number; export the file "
                            f"again with {export_command(lang, po_file)}")
    if len(live) != int(expected):
        last = live[-1].linenum if live else 1
        what = "fewer" if len(live) < int(expected) else "more"
        raise ExchangeError(f"{po_file}:{last}: the file has {len(live)} entries, {what} than the {expected} the export "
                            "wrote: it was cut off (e.g. an interrupted download) or entries were deleted or added; "
                            "download it again, or export it again and translate that")


def check_text(lang: str, kind: str, path: tuple[str | int, ...], english: str, text: str,
               glossary: GlossaryCheck | None) -> list[str]:
    """What is wrong with `text` as the translation of `english`: placeholders, markup, structure, lines, terms."""
    problems: list[str] = []
    want, got = set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(text))
    if want != got:
        shown = ", ".join(f"{{{p}}}" for p in sorted(want)) or "none"
        problems.append(f"placeholders differ from the English (expected: {shown}); keep them exactly as written")
    if path == (BODY,):
        problems.extend(f"line {f.line} of the text contains {f}" for f in markdown_findings(text)[:3])
        problems.extend(construct_problems(english, text, exact=True))
    else:
        if LABEL_MARKUP.search(text) and not LABEL_MARKUP.search(english):
            where = "labels do" if kind == "labels" else "this text does"
            problems.append(f"contains markup, which {where} not allow (it is plain text, shown as typed)")
        if "\n" in text.strip() or "\r" in text.strip():
            problems.append("must be a single line")
    if glossary is not None:
        problems.extend(glossary(lang, kind, text))
    return problems
