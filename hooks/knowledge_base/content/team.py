"""A team's profile (`team.yml` beside mkdocs.yml, or the file named by `KB_TEAM`): its values for slots.

Each slot except the two names (`customer`, `agent`: typed by the agent on their own device)
may get one text for every language, or one per language:

    company: Northwind Energy
    offer:
      en: send you a £10 voucher
      sv: skicka ett presentkort på 100 kronor

The profile is untrusted input: every value must be one line of plain text (no markup, no
control characters, no braces) of at most `MAX_VALUE` characters; anything else is an error
naming the file, the line and the key. Values are escaped wherever they are shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError
from .fields import kind_of
from .messages import ENGLISH_WORDS
from .locales import MARKUP
from .slots import ON_DEVICE
from .yamltext import Lines, load_yaml, read_text

TEAM_FILE = "team.yml"
TEAM_VARIABLE = "KB_TEAM"
MAX_VALUE = 100
EVERY = "*"  # the value for every language
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Team:
    """The values of a team profile by slot, then language (`*`: every language), with their lines."""

    path: str = ""
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    lines: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def for_language(self, lang: str) -> dict[str, str]:
        """Every slot's value in `lang` (its own, else the one for every language); slots without one are left out."""
        found = {}
        for slot, by_lang in self.values.items():
            value = by_lang.get(lang, by_lang.get(EVERY))
            if value is not None:
                found[slot] = value
        return found

    def where(self, slot: str, lang: str) -> tuple[str, int | None]:
        """The key (`offer.sv` or `offer`) and line of the value `lang` uses for `slot`."""
        key = (slot, lang) if (slot, lang) in self.lines else (slot, EVERY)
        return (f"{slot}.{lang}" if key[1] != EVERY else slot), self.lines.get(key)


NO_TEAM = Team()


def team_file(root: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """The profile to read: `KB_TEAM` (relative to the project) if set, else `team.yml` if it exists."""
    environ = os.environ if environ is None else environ
    named = environ.get(TEAM_VARIABLE, "").strip()
    if named:
        path = Path(named)
        return path if path.is_absolute() else root / path
    default = root / TEAM_FILE
    return default if default.exists() else None


def load_team(file: Path, shown: str, slots: Sequence[str], languages: Collection[str]) -> Team:
    """Read and check a team profile; raise ContentError with file, line and key for anything wrong."""
    if not file.is_file():
        raise ContentError(shown, f"the team profile does not exist (named by {TEAM_VARIABLE})",
                           hint=f"check the path in {TEAM_VARIABLE}, or unset it to use {TEAM_FILE} beside mkdocs.yml")
    data, lines = load_yaml(read_text(file, shown), shown)
    if data is None:
        return Team(shown)
    if not isinstance(data, dict):
        raise ContentError(shown, f"a team profile must be a mapping of slot names to values, not {_kind(data)}", line=1,
                           hint="write one slot per line, e.g. 'company: Northwind Energy'")
    fillable = [s for s in slots if s not in ON_DEVICE]
    values: dict[str, dict[str, str]] = {}
    where: dict[tuple[str, str], int] = {}
    for slot, raw in data.items():
        if slot in ON_DEVICE:
            raise lines.error("names are not part of a team profile: each agent types their own name and the "
                              "customer's on their device during the call", slot, hint=f"remove '{slot}'")
        if slot not in fillable:
            raise lines.error(f"unknown slot (expected one of: {', '.join(fillable)})", slot,
                              hint="slot names are in English and lower case, exactly as in the translator guide")
        if isinstance(raw, dict):
            values[slot] = {}
            for lang, value in raw.items():
                if lang not in languages:
                    raise lines.error(f"unknown language (expected one of: {', '.join(languages)})", slot, lang)
                values[slot][lang] = _value(value, lines, (slot, lang))
                where[(slot, lang)] = lines.of(slot, lang) or 0
        else:
            values[slot] = {EVERY: _value(raw, lines, (slot,))}
            where[(slot, EVERY)] = lines.of(slot) or 0
    return Team(shown, values, where)


def _value(value: Any, lines: Lines, at: tuple[str, ...]) -> str:
    """One value: a single line of plain text that fits a phrase."""
    if isinstance(value, bool):
        raise lines.error("must be text, not true/false (YAML reads words like No, Yes, On and Off as true/false)",
                          *at, hint="put the text in quotes, e.g. \"No\"")
    if not isinstance(value, str):
        raise lines.error(f"must be text, not {_kind(value)}", *at,
                          hint="give one text, or one text per language under en:, sv:, es:")
    text = value.strip()
    if not text:
        raise lines.error("must not be empty", *at, hint="remove the line to show a blank to fill in instead")
    if "\n" in text or "\r" in text:
        raise lines.error("must be a single line", *at)
    if _CONTROL.search(text):
        raise lines.error("contains an invisible control character", *at, hint="type the text again")
    if MARKUP.search(text) or "<" in text or ">" in text:
        raise lines.error("contains markup; a value is plain text", *at, hint="remove tags, entities and formatting")
    if "{" in text or "}" in text:
        raise lines.error("contains a brace; a value cannot hold a slot", *at)
    if len(text) > MAX_VALUE:
        raise lines.error(f"is too long ({len(text)} characters; at most {MAX_VALUE}) to fit into a phrase", *at)
    return text


def _kind(value: object) -> str:
    """The kind of a YAML value in English words ('a mapping', 'a list', 'true/false', ...)."""
    return ENGLISH_WORDS.get(f"messages.kinds.{kind_of(value)}", kind_of(value))
