"""Typed access to front matter fields, raising located errors for bad values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .yamltext import Lines

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Quotation marks of any language: a phrase opening with one and closing with one (before any
# final punctuation) was typed with its own marks, and the site would show them twice.
QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「」『』"
_QUOTED = re.compile(rf"^[{QUOTE_MARKS}].*[{QUOTE_MARKS}][.,;:!?…]*$", re.DOTALL)
MAX_TEXT = 600
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,9}$")
MAX_TITLE, MAX_SUMMARY = 80, 200  # titles and summaries of techniques and playbooks
KeyPath = tuple[str | int, ...]


def check_keys(data: Any, lines: Lines, at: KeyPath, required: Iterable[str], optional: Iterable[str],
               misplaced: dict[str, str] | None = None) -> dict[str, Any]:
    """Check `data` is a mapping with all `required` keys and nothing unexpected.

    `misplaced` maps keys that are structure, known but allowed only in the English file, to that file.
    """
    if not isinstance(data, dict):
        raise lines.problem("field.not_mapping", *at, kind=kind_of(data))
    required = list(required)
    allowed = set(required) | set(optional)
    for key in data:
        if key in allowed:
            continue
        if misplaced and key in misplaced:
            raise lines.problem("page.structure_field", *at, key, name=key, english=misplaced[key])
        raise lines.problem("field.unknown", *at, key, expected=", ".join(sorted(allowed)))
    for key in required:
        if key not in data:
            raise lines.problem("field.missing", *at, name=key)
    return data


def text(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = (), limit: int = MAX_TEXT) -> str:
    """A required, non-empty single-line string."""
    return text_value(data.get(key), lines, (*at, key), limit)


def optional_text(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = ()) -> str | None:
    """An optional string: absent is None, present must be valid text."""
    if key not in data:
        return None
    return text_value(data[key], lines, (*at, key))


def text_value(value: Any, lines: Lines, at: KeyPath, limit: int = MAX_TEXT) -> str:
    """Validate one string value located at `at`."""
    if not isinstance(value, str):
        if value is None:
            raise lines.problem("field.empty", *at)
        raise lines.problem("field.not_text", *at, kind=kind_of(value))
    value = value.strip()
    if not value:
        raise lines.problem("field.empty", *at)
    if "\n" in value:
        raise lines.problem("field.single_line", *at)
    if len(value) > limit:
        raise lines.problem("field.too_long", *at, count=len(value), limit=limit)
    return value


def phrase_value(value: Any, lines: Lines, at: KeyPath) -> str:
    """A phrase to say or avoid: valid text not wrapped in quotation marks of its own."""
    phrase = text_value(value, lines, at)
    if _QUOTED.match(phrase):
        raise lines.problem("field.own_quotes", *at, phrase=phrase)
    return phrase


def optional_phrase(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = ()) -> str | None:
    """An optional phrase: absent is None, present must be a valid phrase."""
    if key not in data:
        return None
    return phrase_value(data[key], lines, (*at, key))


def phrase_list(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = (), least: int = 1,
                most: int = 10) -> tuple[str, ...]:
    """A required list of phrases, `least` to `most` long."""
    values = _list(data.get(key), lines, (*at, key), least, most)
    return tuple(phrase_value(v, lines, (*at, key, i)) for i, v in enumerate(values))


def text_list(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = (), least: int = 1,
              most: int = 10) -> tuple[str, ...]:
    """A required list of non-empty strings, `least` to `most` long."""
    values = _list(data.get(key), lines, (*at, key), least, most)
    return tuple(text_value(v, lines, (*at, key, i)) for i, v in enumerate(values))


def id_value(value: Any, lines: Lines, at: KeyPath) -> str:
    """A lower-case slug id (letters, digits, single hyphens)."""
    if not isinstance(value, str) or not SLUG.match(value):
        raise lines.error(f"must be an id of lower-case letters, digits and single hyphens, not {value!r}", *at)
    return value


def id_list(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = (), least: int = 0,
            most: int = 50, pattern: re.Pattern[str] = SLUG) -> tuple[str, ...]:
    """A list of distinct ids (or references matching `pattern`)."""
    if key not in data and least == 0:
        return ()
    values = _list(data.get(key), lines, (*at, key), least, most)
    seen: set[str] = set()
    for i, value in enumerate(values):
        if not isinstance(value, str) or not pattern.match(value):
            raise lines.error(f"{value!r} is not a valid reference", *at, key, i)
        if value in seen:
            raise lines.error(f"duplicate id '{value}'", *at, key, i)
        seen.add(value)
    return tuple(values)


def mapping_list(data: dict[str, Any], key: str, lines: Lines, at: KeyPath = (), least: int = 1,
                 most: int = 50) -> list[dict[str, Any]]:
    """A required list whose items are mappings."""
    values = _list(data.get(key), lines, (*at, key), least, most)
    for i, value in enumerate(values):
        if not isinstance(value, dict):
            raise lines.problem("field.entry_not_mapping", *at, key, i, kind=kind_of(value))
    return values


def whole_number(value: Any, lines: Lines, at: KeyPath, low: int, high: int) -> int:
    """An integer in [low, high], written in digits."""
    if not isinstance(value, str) or not _WHOLE_NUMBER.match(value.strip()):
        shown = f"'{value}'" if isinstance(value, str) else kind_of(value)
        raise lines.error(f"must be a whole number of seconds in digits, not {shown}", *at)
    value = int(value)
    if not low <= value <= high:
        raise lines.error(f"must be between {low} and {high}, not {value}", *at)
    return value


def flag(data: dict[str, Any], key: str, lines: Lines, default: bool = False) -> bool:
    """An optional `true` or `false`."""
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or value.strip().lower() not in ("true", "false"):
        raise lines.error("must be true or false", key)
    return value.strip().lower() == "true"


def _list(value: Any, lines: Lines, at: KeyPath, least: int, most: int) -> list[Any]:
    if value is None and least:
        raise lines.problem("field.list_required", *at)
    if not isinstance(value, list):
        raise lines.problem("field.not_list", *at, kind=kind_of(value))
    if not least <= len(value) <= most:
        raise lines.problem("field.list_length", *at, least=least, most=most, count=len(value))
    return value


def kind_of(value: Any) -> str:
    """The kind of a value as a word key of `messages.kinds` (e.g. `mapping`)."""
    names = {dict: "mapping", list: "list", str: "text", bool: "boolean", int: "number",
             float: "number", type(None): "empty"}
    return names.get(type(value), type(value).__name__)
