"""Terminology glossary per language, and the check for forbidden variants.

`locales/glossary/<lang>.yml` lists, for one language, the preferred term for a concept and the
variants that must not be used (a calque, a regional word, a word that means something else on
this site). `check_glossary` reports every forbidden variant in the pages of that language
(front matter and body) and in its locale file, with file, line and term.

A variant is matched as whole words, case-insensitively, with any run of spaces or line breaks
between its words. A `*` at the end of a word stands for any ending, so `enfad*` matches
*enfado*, *enfadado* and *enfadarse*. An entry's `allowed` phrases are wider contexts in which a
variant is fine (`junto al teléfono`, next to the phone, is not `al teléfono`, on the phone). Text in `code` spans and HTML comments is not checked, so
the translator guide can quote the terms it forbids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import fields as f
from .yamlsafety import visible
from .yamltext import load_yaml, read_text

SCOPES = ("pages", "labels")
_MASKED = re.compile(r"`[^`]*`|<!--.*?-->", re.DOTALL)
# In a locale file only the values are wording: keys and whole-line comments are not checked.
_YAML_NOT_WORDING = re.compile(r"^[ \t]*#.*$|^[ \t]*(?:- )?[A-Za-z0-9_.-]+:", re.MULTILINE)


@dataclass(frozen=True)
class Term:
    """One glossary entry: the preferred wording and the variants it replaces."""

    preferred: str
    forbidden: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    scopes: tuple[str, ...]
    note: str | None
    allowed: tuple[re.Pattern[str], ...] = ()  # wider phrases in which a forbidden variant is fine
    allowed_phrases: tuple[str, ...] = ()  # the same phrases as written (for the TBX export)


@dataclass(frozen=True)
class GlossaryIssue:
    """A forbidden variant found in a page or locale file."""

    lang: str
    path: str
    line: int
    found: str
    preferred: str
    glossary: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: '{self.found}' is a forbidden variant in the {self.lang} glossary; "
                f"use '{self.preferred}' ({self.glossary})")


def glossary_path(root: Path, lang: str) -> Path:
    """Where the glossary of `lang` lives."""
    return root / "locales" / "glossary" / f"{lang}.yml"


def variant_pattern(variant: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for `variant`; a trailing `*` on a word allows any ending."""
    words = []
    for word in variant.split():
        stem = word[:-1] if word.endswith("*") else word
        words.append(re.escape(stem) + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def read_glossary(root: Path, lang: str) -> tuple[list[Term], str] | None:
    """The terms of `lang` and the glossary's shown path, or None when the language has no glossary."""
    file = glossary_path(root, lang)
    if not file.exists():
        return None
    shown = file.relative_to(root).as_posix()
    data, lines = load_yaml(read_text(file, shown), shown)
    f.check_keys(data, lines, (), required=("terms",), optional=())
    terms = []
    for i, raw in enumerate(f.mapping_list(data, "terms", lines, most=200)):
        at = ("terms", i)
        f.check_keys(raw, lines, at, required=("preferred", "forbidden"), optional=("scope", "note", "allowed"))
        forbidden = f.text_list(raw, "forbidden", lines, at, most=20)
        allowed = f.text_list(raw, "allowed", lines, at, most=20) if "allowed" in raw else ()
        for key, variants in (("forbidden", forbidden), ("allowed", allowed)):
            for v, variant in enumerate(variants):
                if any("*" in word[:-1] for word in variant.split()):
                    raise lines.problem("glossary.star", *at, key, v)
        scope = f.optional_text(raw, "scope", lines, at)
        if scope is not None and scope not in SCOPES:
            raise lines.problem("glossary.scope", *at, "scope", expected=", ".join(SCOPES))
        terms.append(Term(f.text(raw, "preferred", lines, at), forbidden,
                          tuple(variant_pattern(v) for v in forbidden),
                          (scope,) if scope else SCOPES, f.optional_text(raw, "note", lines, at),
                          tuple(variant_pattern(v) for v in allowed), tuple(allowed)))
    return terms, shown


def find_forbidden(text: str, terms: Sequence[Term], scope: str) -> list[tuple[int, str, Term]]:
    """(line, matched text, term) for every forbidden variant in `text`, in order (zero-width characters ignored)."""
    return list(_forbidden(text, tuple(terms), scope))


@lru_cache(maxsize=8192)  # pure: under serve, an unchanged file is not searched again on every rebuild
def _forbidden(text: str, terms: tuple[Term, ...], scope: str) -> tuple[tuple[int, str, Term], ...]:
    masked = _MASKED.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), visible(text))
    if scope == "labels":
        masked = _YAML_NOT_WORDING.sub(lambda m: " " * len(m[0]), masked)
    found = []
    for term in terms:
        if scope not in term.scopes:
            continue
        fine = [m.span() for pattern in term.allowed for m in pattern.finditer(masked)]
        for pattern in term.patterns:
            for match in pattern.finditer(masked):
                if any(start <= match.start() and match.end() <= end for start, end in fine):
                    continue
                found.append((masked.count("\n", 0, match.start()) + 1, " ".join(match[0].split()), term))
    return tuple(sorted(found, key=lambda item: item[0]))


def check_glossary(root: Path, docs_dir: Path, languages: Sequence[str]) -> list[GlossaryIssue]:
    """Every forbidden variant in the pages and labels of each language that has a glossary."""
    issues: list[GlossaryIssue] = []
    for lang in languages:
        glossary = read_glossary(root, lang)
        if glossary is None:
            continue
        terms, shown_glossary = glossary
        files = [(p, "pages") for p in sorted(docs_dir.rglob(f"*.{lang}.md"))]
        locale = root / "locales" / f"{lang}.yml"
        if locale.exists():
            files.append((locale, "labels"))
        for file, scope in files:
            shown = file.relative_to(root).as_posix()
            for line, text, term in find_forbidden(read_text(file, shown), terms, scope):
                issues.append(GlossaryIssue(lang, shown, line, text, term.preferred, shown_glossary))
    return issues

