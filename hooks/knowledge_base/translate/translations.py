"""Translation status: what is translated, what is missing, what went stale, and what changed.

A translation is outdated when the English source it was last reviewed against has changed.
"Reviewed against" is recorded in `locales/fingerprints/<lang>.yml`, written by
`./run translations reviewed <lang>` (and by `./run translations import`): per label and page,
a fingerprint (a short SHA-256 of the English wording) and the English text itself as it was
reviewed, unit by unit, like gettext's "previous msgid". The status page diffs that text with
today's English. File dates play no part.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.locales import locale_path, read_locale
from ..content.model import DEFAULT_LANGUAGE
from ..content.units import STRUCTURE_KEYS, Unit, english_page_units, page_name, translation_file
from ..content.errors import ContentError
from ..content.yamltext import Lines, load_yaml, read_document, read_text
from .yamlwrite import project_lock, write_if_changed

FINGERPRINTS_HEADER = (
    "# What each translation was last reviewed against: a fingerprint of the English wording and the\n"
    "# English text itself (shown as a diff on the status page once the English changes).\n"
    "# Written by `./run translations reviewed <lang>` and `./run translations import`; do not edit by hand.\n"
)
Texts = dict[str, str]  # unit key -> English text


def fingerprint(value: Any) -> str:
    """A short, stable hash of any JSON-able value."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def legacy_page_fingerprint(file: Path, shown: str) -> str:
    """The page fingerprint of the first file format (front matter minus structure, plus body), to upgrade it."""
    doc = read_document(file, shown)
    data = {k: v for k, v in doc.data.items() if k not in STRUCTURE_KEYS - {"id"}}
    if isinstance(data.get("steps"), list):
        data["steps"] = [{k: v for k, v in s.items() if k not in {"window", "covers", "marks"}} if isinstance(s, dict)
                         else s for s in data["steps"]]
    return fingerprint([data, doc.body.strip()])


@dataclass(frozen=True)
class Reviewed:
    """What one label or page was last reviewed against."""

    fingerprint: str
    english: Texts | None  # None when only the fingerprint was recorded (first file format)


@dataclass(frozen=True)
class English:
    """The English sources as they are now: texts per label and page, with their fingerprints."""

    labels: dict[str, Texts]
    pages: dict[str, Texts]
    files: dict[str, Path]  # page name -> English file
    units: dict[str, list[Unit]]  # page name -> its translatable units, in file order

    def fingerprint(self, kind: str, name: str) -> str:
        """The fingerprint of one label (kind 'labels') or page (kind 'pages') as it is now."""
        texts = getattr(self, kind)[name]
        return fingerprint(texts[name]) if kind == "labels" else fingerprint(texts)


@dataclass(frozen=True)
class Item:
    """One translatable unit (a page or a label) and its state in one language."""

    name: str
    file: str
    state: str  # "translated", "missing" or "outdated"
    reason: str = ""
    was: Texts | None = field(default=None, compare=False)  # English as reviewed, when outdated and recorded
    now: Texts | None = field(default=None, compare=False)  # English now, when outdated

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """(unit key, English as reviewed, English now) for each unit that changed; '' where one side has none."""
        if self.was is None or self.now is None:
            return []
        keys = [*self.now, *(k for k in self.was if k not in self.now)]
        return [(k, self.was.get(k, ""), self.now.get(k, "")) for k in keys if self.was.get(k) != self.now.get(k)]


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


_read_cache: dict[Path, tuple[tuple[int, int, int], dict[str, dict[str, Reviewed]]]] = {}
_label_cache: dict[Path, tuple[tuple[int, int, int], dict[str, str]]] = {}


def _stamp(file: Path) -> tuple[int, int, int]:
    stat = file.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def locale_texts(file: Path, shown: str) -> dict[str, str]:
    """The labels of a locale file by dotted key, read again only when the file changed (large files are slow)."""
    cached = _label_cache.get(file)
    if cached is None or cached[0] != _stamp(file):
        cached = (_stamp(file), read_locale(file, shown)[0])
        _label_cache[file] = cached
    return dict(cached[1])


def read_fingerprints(root: Path, lang: str) -> dict[str, dict[str, Reviewed]]:
    """What was reviewed: {"labels": {key: Reviewed}, "pages": {name: Reviewed}} (both file formats).

    The file is read again only when it changed (its inode, size or modification time).
    """
    file = fingerprints_path(root, lang)
    if not file.exists():
        return {"labels": {}, "pages": {}}
    key = _stamp(file)
    cached = _read_cache.get(file)
    if cached is None or cached[0] != key:
        cached = (key, _read_fingerprints(file, file.relative_to(root).as_posix()))
        _read_cache[file] = cached
    return {kind: dict(values) for kind, values in cached[1].items()}


def _read_fingerprints(file: Path, shown: str) -> dict[str, dict[str, Reviewed]]:
    data, lines = load_yaml(read_text(file, shown), shown)
    if data is not None and not isinstance(data, dict):
        raise ContentError(shown, line=1, code="fingerprint.not_mapping")
    result: dict[str, dict[str, Reviewed]] = {}
    for kind in ("labels", "pages"):
        result[kind] = {}
        entries = (data or {}).get(kind) or {}
        if not isinstance(entries, dict):
            raise lines.problem("fingerprint.kind", kind)
        for name, value in entries.items():
            result[kind][name] = _reviewed(kind, name, value, lines)
    return result


def _reviewed(kind: str, name: str, value: Any, lines: Lines) -> Reviewed:
    """One recorded entry: a fingerprint alone (first file format) or a fingerprint with the English reviewed."""
    if isinstance(value, str):
        return Reviewed(value, None)
    if not isinstance(value, dict) or not isinstance(value.get("fingerprint"), str):
        raise lines.problem("fingerprint.entry", kind, name)
    english = value.get("english")
    if kind == "labels" and isinstance(english, str):
        english = {name: english}
    if english is not None and not (isinstance(english, dict) and all(isinstance(v, str) for v in english.values())):
        raise lines.problem("fingerprint.english", kind, name, "english")
    return Reviewed(value["fingerprint"], english)


def english_pages(docs_dir: Path) -> list[Path]:
    """Every English content page, sorted."""
    return sorted(docs_dir.rglob(f"*.{DEFAULT_LANGUAGE}.md"))


def current_english(root: Path, docs_dir: Path) -> English:
    """The English labels and page texts as they are now."""
    labels = locale_texts(locale_path(root / "locales", DEFAULT_LANGUAGE), f"locales/{DEFAULT_LANGUAGE}.yml")
    pages: dict[str, Texts] = {}
    files: dict[str, Path] = {}
    all_units: dict[str, list[Unit]] = {}
    for file in english_pages(docs_dir):
        name = page_name(file, docs_dir)
        units = english_page_units(file, docs_dir, file.relative_to(root).as_posix())
        pages[name] = {u.key: u.text for u in units}
        files[name] = file
        all_units[name] = units
    return English({k: {k: v} for k, v in labels.items()}, pages, files, all_units)


current_fingerprints = current_english  # the name used before texts were kept


def language_status(root: Path, docs_dir: Path, lang: str, now: English,
                    skip: frozenset[str] = frozenset()) -> LanguageStatus:
    """Compare one language's labels and pages with the English sources (files in `skip` count as unreadable)."""
    status = LanguageStatus(lang)
    recorded_file = fingerprints_path(root, lang).relative_to(root).as_posix()
    recorded = read_fingerprints(root, lang) if recorded_file not in skip else {"labels": {}, "pages": {}}
    locale = locale_path(root / "locales", lang)
    shown_locale = locale.relative_to(root).as_posix()
    values = locale_texts(locale, shown_locale) if locale.exists() and shown_locale not in skip else {}
    for key in now.labels:
        status.labels.append(_state(now, "labels", key, shown_locale, bool(values.get(key, "").strip()),
                                    recorded["labels"].get(key)))
    for name in now.pages:
        file = translation_file(docs_dir, name, lang)
        status.pages.append(_state(now, "pages", name, file.relative_to(root).as_posix(), file.exists(),
                                   recorded["pages"].get(name)))
    return status


def _matches(now: English, kind: str, name: str, reviewed: Reviewed) -> bool:
    if reviewed.fingerprint == now.fingerprint(kind, name):
        return True
    if reviewed.english is None and kind == "pages":  # first file format: the old page fingerprint
        file = now.files[name]
        return reviewed.fingerprint == legacy_page_fingerprint(file, file.name)
    return False


def _state(now: English, kind: str, name: str, file: str, present: bool, reviewed: Reviewed | None) -> Item:
    if not present:
        return Item(name, file, "missing")
    if reviewed is None:
        return Item(name, file, "outdated", "never marked as reviewed", None, getattr(now, kind)[name])
    if not _matches(now, kind, name, reviewed):
        return Item(name, file, "outdated", "the English source changed since the last review", reviewed.english,
                    getattr(now, kind)[name])
    return Item(name, file, "translated")


def mark_reviewed(root: Path, docs_dir: Path, lang: str, names: list[str]) -> list[str]:
    """Record the current English for `names` (all present translations if empty); return unknown names.

    Entries still in the first file format whose English has not changed are upgraded on the way,
    so that later changes can be shown as a diff.
    """
    with project_lock(root):  # read, change and write the record as one step: parallel runs lose nothing
        now = current_english(root, docs_dir)
        status = language_status(root, docs_dir, lang, now)
        recorded = read_fingerprints(root, lang)
        wanted = set(names)
        chosen = [i for i in (*status.labels, *status.pages)
                  if i.state != "missing" and (not names or i.name in wanted or i.file in wanted)]
        found = {i.name for i in chosen} | {i.file for i in chosen}
        unknown = [n for n in names if n not in found]
        for kind in ("labels", "pages"):
            for name, reviewed in list(recorded[kind].items()):
                if name in getattr(now, kind) and reviewed.english is None and _matches(now, kind, name, reviewed):
                    recorded[kind][name] = Reviewed(now.fingerprint(kind, name), getattr(now, kind)[name])
        labels = {id(i) for i in status.labels}
        for item in chosen:
            kind = "labels" if id(item) in labels else "pages"
            recorded[kind][item.name] = Reviewed(now.fingerprint(kind, item.name), getattr(now, kind)[item.name])
        write_fingerprints(root, lang, recorded)
    return unknown


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when PyYAML has it
    """Writes texts of several lines (page explanations) as readable literal blocks."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    block = "\n" in text and not any(line != line.rstrip() for line in text.split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if block else None)


_Dumper.add_representer(str, _represent_text)


def write_fingerprints(root: Path, lang: str, recorded: dict[str, dict[str, Reviewed]]) -> None:
    """Write the reviewed record of `lang`, sorted, one entry per label and page."""
    def entry(kind: str, name: str, reviewed: Reviewed) -> Any:
        if reviewed.english is None:
            return reviewed.fingerprint
        english: Any = reviewed.english[name] if kind == "labels" and name in reviewed.english else reviewed.english
        return {"fingerprint": reviewed.fingerprint, "english": english}

    data = {kind: {name: entry(kind, name, r) for name, r in sorted(recorded[kind].items())}
            for kind in ("labels", "pages")}
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    write_if_changed(fingerprints_path(root, lang), FINGERPRINTS_HEADER + body)
