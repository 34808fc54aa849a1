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

from ..content.errors import ContentError
from ..content.locales import PLACEHOLDER
from ..content.markup_policy import LABEL_MARKUP, construct_problems, markdown_findings
from ..content.units import BODY

PROJECT_ID = "de-escalation-playbook"
TOTAL_HEADER = "X-Total-Entries"  # sorts last in the header: a header cut short loses it first
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_REGION = re.compile(r"^(?P<primary>[a-z]{2,3})(?:[-_@.].*)?$", re.IGNORECASE)

# A problem with one translated text: a message key (see `content.messages`) and its parameters.
TextProblem = tuple[str, dict[str, object]]
# A glossary check takes (language, "labels" or "pages", translation) and returns problems; empty when none.
GlossaryCheck = Callable[[str, str, str], list[TextProblem]]


class ExchangeError(Exception):
    """A PO file that cannot be imported, with every reason."""


class ExchangeProblems(ExchangeError):
    """An exchange file that cannot be imported: every problem as a located error (coded where it can be)."""

    def __init__(self, problems: list[ContentError]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _refuse(po_file: Path, line: int | None, code: str, **params: object) -> ExchangeProblems:
    """The whole-file problem `code` at `line` of the PO file, to raise."""
    return ExchangeProblems([ContentError(str(po_file), line=line, code=code, params=params)])


@dataclass(frozen=True)
class PoFile:
    """A PO file read for import: its entries and notes for the user (e.g. a region variant taken as the language)."""

    catalog: polib.POFile
    notes: tuple[ContentError, ...]


def export_command(lang: str, po_file: Path) -> str:
    """The export that makes a new file: beside `po_file`, never over it (it may hold the translator's work)."""
    target = po_file.with_name(f"{po_file.stem}.new.po") if po_file.exists() else po_file
    return f"./run translations export {lang} -o {target}"


def same_language(code: str) -> str:
    """A language code in one spelling: lower case, '-' between its parts (`sv_SE` -> `sv-se`)."""
    return code.strip().replace("_", "-").lower()


def _language_note(lang: str, found: str, languages: Sequence[str], po_file: Path) -> ContentError | None:
    """None when `found` (the file's Language header) is `lang`; a note when it is a region variant; else raise."""
    if same_language(found) == same_language(lang):
        return None
    others = [code for code in languages if same_language(code) == same_language(found)]
    match = _REGION.match(found.strip())
    if not others and match and same_language(match["primary"]) == same_language(lang) \
            and "-" not in same_language(lang):
        return ContentError(str(po_file), code="po.regional", params={"language": found, "lang": lang})
    if not found.strip():
        raise _refuse(po_file, 1, "po.no_language", lang=lang)
    if others:
        raise _refuse(po_file, 1, "po.other_language", language=found, lang=lang, target=others[0], file=po_file)
    raise _refuse(po_file, 1, "po.unknown_language", language=found, lang=lang, file=po_file,
                  command=export_command(lang, po_file))


def read_po(po_file: Path, lang: str, languages: Sequence[str] = ()) -> PoFile:
    """The PO file as written by `export`, whole and for `lang`; raise ExchangeProblems naming the line otherwise."""
    command = export_command(lang, po_file)
    if not po_file.exists():
        raise _refuse(po_file, None, "po.no_file", command=command)
    if not po_file.is_file():
        raise _refuse(po_file, None, "po.folder")
    raw = po_file.read_bytes()
    if not raw.strip():
        raise _refuse(po_file, 1, "po.empty", command=command)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(po_file, raw[: exc.start].count(b"\n") + 1, "po.not_utf8") from None
    if not text.endswith("\n"):
        raise _refuse(po_file, text.count("\n") + 1, "po.cut_off")
    try:
        catalog = polib.pofile(text, check_for_duplicates=False, wrapwidth=79)
    except (OSError, ValueError) as exc:
        found = _POLIB_LINE.search(str(exc))
        reason = str(exc).split(": ", 1)[-1] if ": " in str(exc) else str(exc)
        raise _refuse(po_file, int(found[1]) if found else None, "po.unreadable", detail=reason) from None
    project = catalog.metadata.get("Project-Id-Version", "")
    if not catalog.metadata or (project == PROJECT_ID and TOTAL_HEADER not in catalog.metadata):
        raise _refuse(po_file, 1, "po.header_incomplete", header=TOTAL_HEADER, command=command)
    if project != PROJECT_ID:
        raise _refuse(po_file, 1, "po.other_project", project=project, expected=PROJECT_ID, command=command)
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
            raise ExchangeProblems([ContentError(str(po_file), key=entry.msgctxt, line=entry.linenum,
                                                 code="po.duplicate", params={"first": seen[key]})])
        seen[key] = entry.linenum
    expected = catalog.metadata.get(TOTAL_HEADER, "")
    if not expected.isdigit():
        raise _refuse(po_file, 1, "po.total_not_number", header=TOTAL_HEADER, value=expected,
                      command=export_command(lang, po_file))
    if len(live) != int(expected):
        raise _refuse(po_file, live[-1].linenum if live else 1, "po.fewer" if len(live) < int(expected) else "po.more",
                      count=len(live), expected=expected)


def check_text(lang: str, kind: str, path: tuple[str | int, ...], english: str, text: str,
               glossary: GlossaryCheck | None) -> list[TextProblem]:
    """What is wrong with `text` as the translation of `english`: placeholders, markup, structure, lines, terms.

    Each problem is a message key and its parameters (see `content.messages`); `problems_at` locates them.
    """
    problems: list[TextProblem] = []
    want, got = set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(text))
    if want != got:
        problems.append(("po.placeholders", {"expected": ", ".join(f"{{{p}}}" for p in sorted(want))}) if want
                        else ("po.no_placeholders", {}))
    if path == (BODY,):
        problems.extend(("markup.in_unit", {"text_line": f.line, "finding": f.found, "advice": f.advice})
                        for f in markdown_findings(text)[:3])
        problems.extend(construct_problems(english, text, exact=True))
    else:
        if LABEL_MARKUP.search(text) and not LABEL_MARKUP.search(english):
            problems.append(("po.label_markup" if kind == "labels" else "po.text_markup", {}))
        if "\n" in text.strip() or "\r" in text.strip():
            problems.append(("field.single_line", {}))
    if glossary is not None:
        problems.extend(glossary(lang, kind, text))
    return problems


def problems_at(shown: str, key: str, line: int | None, problems: list[TextProblem]) -> list[ContentError]:
    """The problems of one unit as errors located in the exchange file `shown` (line of the unit, its context)."""
    return [ContentError(shown, key=key, line=line, code=code, params=params) for code, params in problems]
