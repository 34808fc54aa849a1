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
KeyPath = tuple[str | int, ...]


def check_keys(data: Any, lines: Lines, at: KeyPath, required: Iterable[str], optional: Iterable[str],
               misplaced: dict[str, str] | None = None) -> dict[str, Any]:
    """Check `data` is a mapping with all `required` keys and nothing unexpected.

    `misplaced` maps keys that are known but not allowed here to the reason shown.
    """
    if not isinstance(data, dict):
        raise lines.error(f"must be a mapping of fields, not {kind_of(data)}", *at)
    required = list(required)
    allowed = set(required) | set(optional)
    for key in data:
        if key in allowed:
            continue
        if misplaced and key in misplaced:
            raise lines.error(misplaced[key], *at, key)
        raise lines.error(f"unknown field (expected one of: {', '.join(sorted(allowed))})", *at, key,
                          hint="field names stay in English, exactly as in the English file; translate only the "
                          "text after the colon")
    for key in required:
        if key not in data:
            raise lines.error(f"missing required field '{key}'", *at)
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
        raise lines.error(f"must be text, not {kind_of(value)}", *at)
    value = value.strip()
    if not value:
        raise lines.error("must not be empty", *at)
    if "\n" in value:
        raise lines.error("must be a single line", *at)
    if len(value) > limit:
        raise lines.error(f"is too long ({len(value)} characters; at most {limit})", *at)
    return value


def phrase_value(value: Any, lines: Lines, at: KeyPath) -> str:
    """A phrase to say or avoid: valid text not wrapped in quotation marks of its own."""
    phrase = text_value(value, lines, at)
    if _QUOTED.match(phrase):
        raise lines.error(f"the phrase {phrase} is written with its own quotation marks; remove them "
                          "(the site adds the language's own marks)", *at)
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
            raise lines.error(f"each entry must be a mapping of fields, not {kind_of(value)}", *at, key, i)
    return values


def whole_number(value: Any, lines: Lines, at: KeyPath, low: int, high: int) -> int:
    """An integer in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise lines.error(f"must be a whole number, not {kind_of(value)}", *at)
    if not low <= value <= high:
        raise lines.error(f"must be between {low} and {high}, not {value}", *at)
    return value


def _list(value: Any, lines: Lines, at: KeyPath, least: int, most: int) -> list[Any]:
    if value is None and least:
        raise lines.error("is required and must be a list", *at)
    if not isinstance(value, list):
        raise lines.error(f"must be a list, not {kind_of(value)}", *at)
    if not least <= len(value) <= most:
        raise lines.error(f"must have {least} to {most} entries, not {len(value)}", *at)
    return value


def kind_of(value: Any) -> str:
    """How an error names the type of a YAML value: 'a mapping', 'a list', 'text', 'true/false', …"""
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "empty"}
    return names.get(type(value), type(value).__name__)
