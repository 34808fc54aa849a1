"""A pseudo-locale: every English string 40 % longer and accented, to prove layouts hold."""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

ACCENTS = str.maketrans("aeiouAEIOUcnsyz", "áéîöüÅÉÎÖÜçñšýž")
PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")
TEXT_FIELDS = ("title", "summary", "text", "say")
LIST_FIELDS = ("say", "avoid", "pitfalls")


def pseudo(text: str) -> str:
    """Accent `text` and make it 40 % longer with extra words; placeholders stay intact."""
    parts = PLACEHOLDER.split(text)
    accented = "".join(p if PLACEHOLDER.fullmatch(p) else p.translate(ACCENTS) for p in parts)
    extra = math.ceil(len(text) * 0.4)
    words, filler = [], "ŵéļļðñé"
    while sum(len(w) + 1 for w in words) < extra:
        words.append(filler[: min(7, extra)])
    return accented + (" " + " ".join(words) if words else "")


def _front_matter(file: Path, change) -> None:
    text = file.read_text(encoding="utf-8")
    _, head, body = text.split("---", 2)
    data = yaml.safe_load(head)
    change(data)
    file.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---" + body,
                    encoding="utf-8")


def _technique(data: dict) -> None:
    for key in ("title", "summary"):
        data[key] = pseudo(data[key])
    for key in LIST_FIELDS:
        data[key] = [pseudo(v) for v in data[key]]
    for step in data["steps"]:
        step["text"] = pseudo(step["text"])
        if "say" in step:
            step["say"] = pseudo(step["say"])


def _playbook(data: dict) -> None:
    data["title"], data["summary"] = pseudo(data["title"]), pseudo(data["summary"])


def _labels(data: dict, at: str = "") -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _labels(value, f"{at}{key}.")
        elif f"{at}{key}" not in ("quote.open", "quote.close", "quote.close_stop"):
            data[key] = pseudo(value)


def pseudo_localise(project: Path) -> None:
    """Rewrite the English content and labels of a project copy in the pseudo-locale."""
    for file in (project / "docs" / "techniques").glob("*.en.md"):
        _front_matter(file, _technique)
    for file in (project / "docs" / "checklists").glob("*.en.md"):
        _front_matter(file, _playbook)
    locale = project / "locales" / "en.yml"
    data = yaml.safe_load(locale.read_text(encoding="utf-8"))
    _labels(data)
    locale.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
