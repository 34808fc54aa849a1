"""What every exchange format shares on the way in and out: units read from a file, which of them to write, notes.

The PO exchange (`exchange`) and the XLIFF exchange (`xliff`) use one unit list
(`exchange.entries`) and one set of checks (`po_checks.check_text`); `choose` applies them to the
units of any format and reports every problem as a located error (file, line, unit) with a
message key where there is one (see `content.messages`), so the tools can say it in the
translator's language. How much room a card leaves for a printed text is worked out by
`render.cards.card_room`; the tool passes it in by context (`CardRoom`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..content.errors import ContentError
from ..content.locales import Labels
from .exchange import Entry, ImportResult, _apply
from .po_checks import ExchangeProblems, GlossaryCheck, check_text, problems_at

CardRoom = dict[str, dict[str, int]]  # context -> {paper id: characters}


__all__ = ["CardRoom", "ExchangeProblems", "Incoming", "add_room_notes", "choose", "import_chosen", "room_note"]


def room_note(labels: Labels, fits: dict[str, int]) -> str:
    """The note telling a translator how many characters a text printed on a card may have, per card size."""
    return labels("messages.exchange.card_room", iso_card=fits.get("a4", 0), letter_card=fits.get("letter", 0))


def add_room_notes(po: polib.POFile, room: CardRoom, labels: Labels) -> None:
    """Add to each PO entry of a text printed on a card how much room it has (an extracted comment, `#.`)."""
    for item in po:
        fits = room.get(item.msgctxt or "")
        if fits:
            item.comment = f"{item.comment}\n{room_note(labels, fits)}" if item.comment else room_note(labels, fits)


@dataclass(frozen=True)
class Incoming:
    """One translated text read from an exchange file, whatever its format."""

    context: str  # "<translation file>#<key>", as in `Entry.context`
    source: str  # the English the file was made from
    target: str
    needs_review: bool  # fuzzy (PO) or a needs-review/needs-translation state (XLIFF): left alone
    line: int | None = None  # where the unit starts in the exchange file


def choose(lang: str, known: dict[str, Entry], incoming: list[Incoming], glossary: GlossaryCheck | None,
           shown: str) -> tuple[list[tuple[Entry, str]], list[ContentError]]:
    """The entries to write and the ones skipped (with reasons); raise ExchangeProblems listing every problem.

    Problems name `shown` (the exchange file) and the line of the unit when known. Empty and
    needs-review units are left alone; a unit whose English changed since the export is skipped.
    """
    problems: list[ContentError] = []
    skipped: list[ContentError] = []
    chosen: list[tuple[Entry, str]] = []
    for item in incoming:
        entry = known.get(item.context)
        if entry is None:
            problems.append(ContentError(shown, key=item.context, line=item.line, code="exchange.unknown_text"))
        elif not item.target.strip() or item.needs_review:
            continue
        elif item.source != entry.english:
            skipped.append(ContentError(shown, key=entry.context, line=item.line, code="incoming.english_changed"))
        else:
            if item.target != entry.translation:  # only what the translator changed is checked
                problems.extend(problems_at(shown, entry.context, item.line, check_text(
                    lang, entry.kind, entry.path, entry.english, item.target, glossary)))
            chosen.append((entry, item.target))
    if problems:
        raise ExchangeProblems(problems)
    return chosen, skipped


def import_chosen(root: Path, docs_dir: Path, lang: str, known: dict[str, Entry], chosen: list[tuple[Entry, str]],
                  skipped: list[ContentError], validate: Callable[[], None] | None) -> ImportResult:
    """Write checked translations back (nothing stays written if `validate` fails) and mark them reviewed."""
    return _apply(root, docs_dir, lang, known, chosen, skipped, validate)
