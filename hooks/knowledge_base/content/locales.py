"""UI labels from `locales/<lang>.yml`, checked against the English reference.

English is the reference: every key must exist there. A translation may lack keys (they fall
back to English) but every gap, unknown key, empty value, placeholder mismatch or stray markup
is reported as a `LocaleIssue`, so the build can warn and `--strict` can fail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ContentError
from .fields import kind_of
from .markup_policy import LABEL_MARKUP
from .messages import PLACEHOLDER, fill
from .messages import english as english_message
from .model import DEFAULT_LANGUAGE
from .yamltext import Lines, load_yaml, read_text

MARKUP = LABEL_MARKUP  # labels are plain text: see markup_policy


@dataclass(frozen=True)
class LocaleIssue:
    """One problem in a locale file, located by file, line and key."""

    path: str
    line: int | None
    key: str
    message: str
    code: str | None = None  # the message's key in `messages`, so it can be shown in the reader's language
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where} [{self.key}]: {self.message}"


@dataclass(frozen=True)
class Labels:
    """The labels of one language, complete thanks to English fallback."""

    lang: str
    values: dict[str, str]
    fallbacks: frozenset[str] = frozenset()
    team: Mapping[str, str] = field(default_factory=dict)  # the team profile's slot values in this language

    def __call__(self, key: str, **params: object) -> str:
        """The label `key` with `{name}` placeholders filled from `params` (left as-is if not given)."""
        template = self.values[key]
        return fill(template, params) if params else template


def locale_path(locales_dir: Path, lang: str) -> Path:
    """Where the locale file of `lang` lives."""
    return locales_dir / f"{lang}.yml"


def read_locale(file: Path, shown: str) -> tuple[dict[str, str], Lines]:
    """Flatten a locale file to dotted keys; malformed YAML or non-text values raise ContentError."""
    flat, lines = _flat_locale(read_text(file, shown), shown)
    return dict(flat), lines


@lru_cache(maxsize=64)  # the labels and the translation status read the same files: one parse per text
def _flat_locale(text: str, shown: str) -> tuple[dict[str, str], Lines]:
    data, lines = load_yaml(text, shown)
    if not isinstance(data, dict):
        raise ContentError(shown, line=1, code="locale.not_mapping")
    flat: dict[str, str] = {}
    _flatten(data, (), flat, lines)
    return flat, lines


def _flatten(data: dict[str, Any], at: tuple[str, ...], out: dict[str, str], lines: Lines) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _flatten(value, (*at, key), out, lines)
        elif isinstance(value, str):
            out[".".join((*at, key))] = value
        elif value is None:
            out[".".join((*at, key))] = ""
        else:
            raise lines.problem("locale.not_text", *at, key, kind=kind_of(value))
        lines.by_key[(".".join((*at, key)),)] = lines.of(*at, key) or 0


def check_locale(reference: dict[str, str], values: dict[str, str], lines: Lines) -> list[LocaleIssue]:
    """Every problem of a translation compared with the English reference."""
    issues: list[LocaleIssue] = []

    def report(key: str, code: str, **params: object) -> None:
        issues.append(LocaleIssue(lines.path, lines.by_key.get((key,)) or None, key, english_message(code, params)[0], code,
                                  tuple(params.items())))

    for key, english in reference.items():
        if key not in values:
            report(key, "locale.missing")
            continue
        value = values[key]
        if not value.strip():
            report(key, "locale.empty")
        elif set(PLACEHOLDER.findall(value)) != set(PLACEHOLDER.findall(english)):
            want = ", ".join(f"{{{p}}}" for p in sorted(set(PLACEHOLDER.findall(english)))) or "none"
            report(key, "locale.placeholders", expected=want)
        elif MARKUP.search(value) and not MARKUP.search(english):
            report(key, "locale.markup")
    for key in values:
        if key not in reference:
            report(key, "locale.unknown_key")
    return issues


def load_labels(locales_dir: Path, languages: Sequence[str], root: Path,
                skip: frozenset[str] = frozenset()) -> tuple[dict[str, Labels], list[LocaleIssue]]:
    """Labels for every language plus all issues found; English must exist and be complete.

    A translation's locale file named in `skip` (as shown in errors) is left out: all its labels fall back to English.
    """
    def shown(p: Path) -> str:
        return p.relative_to(root).as_posix() if p.is_relative_to(root) else p.as_posix()

    english_file = locale_path(locales_dir, DEFAULT_LANGUAGE)
    if not english_file.exists():
        raise ContentError(shown(english_file), code="reference.missing_file")
    reference, ref_lines = read_locale(english_file, shown(english_file))
    for key, value in reference.items():
        if not value.strip():
            raise ref_lines.problem("reference.empty", key)
    labels = {DEFAULT_LANGUAGE: Labels(DEFAULT_LANGUAGE, reference)}
    issues: list[LocaleIssue] = []
    for lang in languages:
        if lang == DEFAULT_LANGUAGE:
            continue
        file = locale_path(locales_dir, lang)
        if shown(file) in skip:
            labels[lang] = Labels(lang, dict(reference), frozenset(reference))
            continue
        if not file.exists():
            issues.append(LocaleIssue(shown(file), None, "*", english_message("locale.missing_file", {})[0], "locale.missing_file"))
            labels[lang] = Labels(lang, dict(reference), frozenset(reference))
            continue
        values, lines = read_locale(file, shown(file))
        found = check_locale(reference, values, lines)
        issues.extend(found)
        bad = {i.key for i in found}
        merged = {k: (reference[k] if k in bad else values[k]) for k in reference}
        labels[lang] = Labels(lang, merged, frozenset(k for k in reference if k in bad))
    return labels, issues
