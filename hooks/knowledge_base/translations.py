"""Translation status: what is translated, what is missing, what went stale.

A translation is outdated when the English source it was last reviewed against has changed.
"Reviewed against" is recorded as a fingerprint (a short SHA-256 of the translatable parts of
the English source) in `locales/fingerprints/<lang>.yml`, written by
`./run translations reviewed <lang>`. File dates play no part.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .locales import locale_path, read_locale
from .model import DEFAULT_LANGUAGE
from .yamltext import load_yaml, read_document, read_text

# Front matter that is structure, not wording: changing it does not make a translation stale.
STRUCTURE_KEYS = frozenset({"phase", "related", "sources", "techniques", "source", "cheatsheet", "home"})
STEP_STRUCTURE_KEYS = frozenset({"window", "covers"})
FINGERPRINTS_HEADER = (
    "# Fingerprints of the English source each translation was last reviewed against.\n"
    "# Written by `./run translations reviewed <lang>`; do not edit by hand.\n"
)


def fingerprint(value: Any) -> str:
    """A short, stable hash of any JSON-able value."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def page_fingerprint(file: Path, shown: str) -> str:
    """Fingerprint of the wording of an English page: front matter minus structure, plus body."""
    doc = read_document(file, shown)
    data = {k: v for k, v in doc.data.items() if k not in STRUCTURE_KEYS}
    if isinstance(data.get("steps"), list):
        data["steps"] = [{k: v for k, v in s.items() if k not in STEP_STRUCTURE_KEYS} if isinstance(s, dict) else s
                         for s in data["steps"]]
    return fingerprint([data, doc.body.strip()])


@dataclass(frozen=True)
class Item:
    """One translatable unit (a page or a label) and its state in one language."""

    name: str
    file: str
    state: str  # "translated", "missing" or "outdated"
    reason: str = ""


@dataclass
class LanguageStatus:
    """Everything the status page and the checker say about one language."""

    lang: str
    labels: list[Item] = field(default_factory=list)
    pages: list[Item] = field(default_factory=list)

    @staticmethod
    def _done(items: list[Item]) -> int:
        return sum(1 for i in items if i.state != "missing")

    @property
    def labels_done(self) -> int:
        """Labels present in the locale file (outdated ones included)."""
        return self._done(self.labels)

    @property
    def pages_done(self) -> int:
        """Pages with a translation file (outdated ones included)."""
        return self._done(self.pages)

    @property
    def outdated(self) -> list[Item]:
        """Labels and pages whose English source changed since they were reviewed."""
        return [i for i in (*self.labels, *self.pages) if i.state == "outdated"]


def fingerprints_path(root: Path, lang: str) -> Path:
    """Where the reviewed fingerprints of `lang` are kept."""
    return root / "locales" / "fingerprints" / f"{lang}.yml"


def read_fingerprints(root: Path, lang: str) -> dict[str, dict[str, str]]:
    """Recorded fingerprints: {"labels": {key: hash}, "pages": {path: hash}}."""
    file = fingerprints_path(root, lang)
    if not file.exists():
        return {"labels": {}, "pages": {}}
    data, _ = load_yaml(read_text(file, file.relative_to(root).as_posix()), file.relative_to(root).as_posix())
    data = data or {}
    return {"labels": dict(data.get("labels") or {}), "pages": dict(data.get("pages") or {})}


def english_pages(docs_dir: Path) -> list[Path]:
    """Every English content page, sorted."""
    return sorted(docs_dir.rglob(f"*.{DEFAULT_LANGUAGE}.md"))


def current_fingerprints(root: Path, docs_dir: Path) -> dict[str, dict[str, str]]:
    """Fingerprints of the English sources as they are now."""
    labels, _ = read_locale(locale_path(root / "locales", DEFAULT_LANGUAGE), f"locales/{DEFAULT_LANGUAGE}.yml")
    pages = {}
    for file in english_pages(docs_dir):
        name = _page_name(file, docs_dir)
        pages[name] = page_fingerprint(file, file.relative_to(root).as_posix())
    return {"labels": {k: fingerprint(v) for k, v in labels.items()}, "pages": pages}


def _page_name(file: Path, docs_dir: Path) -> str:
    return file.relative_to(docs_dir).as_posix()[: -len(f".{DEFAULT_LANGUAGE}.md")] + ".md"


def language_status(root: Path, docs_dir: Path, lang: str, now: dict[str, dict[str, str]],
                    skip: frozenset[str] = frozenset()) -> LanguageStatus:
    """Compare one language's labels and pages with the English sources (files in `skip` count as unreadable)."""
    status = LanguageStatus(lang)
    recorded_file = fingerprints_path(root, lang).relative_to(root).as_posix()
    recorded = read_fingerprints(root, lang) if recorded_file not in skip else {"labels": {}, "pages": {}}
    locale = locale_path(root / "locales", lang)
    shown_locale = locale.relative_to(root).as_posix()
    values = read_locale(locale, shown_locale)[0] if locale.exists() and shown_locale not in skip else {}
    for key, english in now["labels"].items():
        status.labels.append(_state(key, shown_locale, bool(values.get(key, "").strip()),
                                    recorded["labels"].get(key), english))
    for name, english in now["pages"].items():
        file = docs_dir / (name[:-3] + f".{lang}.md")
        status.pages.append(_state(name, file.relative_to(root).as_posix(), file.exists(),
                                   recorded["pages"].get(name), english))
    return status


def _state(name: str, file: str, present: bool, reviewed: str | None, english: str) -> Item:
    if not present:
        return Item(name, file, "missing")
    if reviewed is None:
        return Item(name, file, "outdated", "never marked as reviewed")
    if reviewed != english:
        return Item(name, file, "outdated", "the English source changed since the last review")
    return Item(name, file, "translated")


def mark_reviewed(root: Path, docs_dir: Path, lang: str, names: list[str]) -> list[str]:
    """Record the current English fingerprints for `names` (all present translations if empty)."""
    now = current_fingerprints(root, docs_dir)
    status = language_status(root, docs_dir, lang, now)
    recorded = read_fingerprints(root, lang)
    chosen = [i for i in (*status.labels, *status.pages) if i.state != "missing" and (not names or i.name in names or i.file in names)]
    unknown = [n for n in names if not any(n in (i.name, i.file) for i in chosen)]
    for item in chosen:
        kind = "labels" if item in status.labels else "pages"
        recorded[kind][item.name] = now[kind][item.name]
    file = fingerprints_path(root, lang)
    file.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump({"labels": dict(sorted(recorded["labels"].items())),
                           "pages": dict(sorted(recorded["pages"].items()))}, allow_unicode=True, sort_keys=False)
    file.write_text(FINGERPRINTS_HEADER + body, encoding="utf-8")
    return unknown
