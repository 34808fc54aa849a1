"""Named slots in phrases: `{customer}`, `{agent}`, `{company}`, `{offer}`, `{escalate_to}`.

A phrase to say or to avoid (and a step's `say`) may name slots that a team's profile or the
agent fills. The slots are declared once, in the `slots:` section of `locales/en.yml` (a
description and an example per language for translators and team leads); a translation must
use exactly the slots of its English phrase. Anything in braces is read as a slot, so a
misspelt one (`{custmer}`, `{Customer}`) is reported rather than shown as is. Only phrases are
filled in: a slot in a technique's title, summary, step or pitfall is an error too. Every
mistake has a message key (`messages.slot.*`), so it is explained in the translator's language.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

from .model import DEFAULT_LANGUAGE, TechniqueText
from .yamltext import Lines

SLOT = re.compile(r"\{([^{}\n]*)\}")
_NAME = re.compile(r"^[a-z][a-z_]*$")
_STRAY = re.compile(r"[{}]")
SECTION = "slots"  # the locale section that declares the slots (keys: slots.<name>.<field>)
ON_DEVICE = ("customer", "agent")  # typed by the agent on their own device, never in a team profile


def slots_in(text: str) -> list[str]:
    """The slot names a phrase uses, in order of appearance (repeats kept)."""
    return SLOT.findall(text)


def declared_slots(english: Mapping[str, str]) -> tuple[str, ...]:
    """The slots declared in the English labels (`slots.<name>.name`), in file order."""
    names = [key.split(".")[1] for key in english if key.startswith(f"{SECTION}.") and key.endswith(".name")]
    return tuple(dict.fromkeys(names))


def _listed(names: Iterable[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(set(names))) or "-"


def check_phrase(phrase: str, lines: Lines, at: tuple[str | int, ...], declared: Collection[str] | None,
                 english: str | None = None) -> None:
    """Raise a located error for an unknown or malformed slot, or slots that differ from `english`.

    `declared` None skips the check of names (only the comparison with the English phrase is made).
    """
    found = slots_in(phrase)
    if _STRAY.search(SLOT.sub("", phrase)):
        raise lines.problem("slot.stray_brace", *at, form="{name}", example="{customer}")
    for name in found:
        if not _NAME.match(name) or (declared is not None and name not in declared):
            known = _listed(declared) if declared is not None else "locales/en.yml (slots:)"
            raise lines.problem("slot.unknown", *at, slot=f"{{{name}}}", known=known)
    if english is None:
        return
    wanted = slots_in(english)
    for name in wanted:
        if name not in found:
            raise lines.problem("slot.missing", *at, slot=f"{{{name}}}")
    for name in found:
        if name not in wanted:
            raise lines.problem("slot.extra", *at, slot=f"{{{name}}}")


def check_not_filled(text: str, lines: Lines, at: tuple[str | int, ...]) -> None:
    """Raise a located error for a slot in a text that is not a phrase (a title, a step): it would show as typed."""
    for name in slots_in(text):
        if _NAME.match(name):
            raise lines.problem("slot.outside_phrase", *at, slot=f"{{{name}}}")


def pieces(template: str) -> list[tuple[str, bool]]:
    """`template` cut into (text, False) and (slot name, True) pieces, in order."""
    out: list[tuple[str, bool]] = []
    last = 0
    for match in SLOT.finditer(template):
        if match.start() > last:
            out.append((template[last:match.start()], False))
        out.append((match[1], True))
        last = match.end()
    if last < len(template):
        out.append((template[last:], False))
    return out


def check_technique_slots(text: TechniqueText, lines: Lines, english: TechniqueText,
                          slots: Collection[str] | None) -> None:
    """Every phrase uses only declared slots; a translated phrase exactly the slots of its English phrase; no other
    text has a slot (only phrases are filled in)."""
    is_english = text.lang == DEFAULT_LANGUAGE
    check_not_filled(text.title, lines, ("title",))
    check_not_filled(text.summary, lines, ("summary",))
    for i, pitfall in enumerate(text.pitfalls):
        check_not_filled(pitfall, lines, ("pitfalls", i))
    for i, (sid, step) in enumerate(text.steps.items()):
        check_not_filled(step.text, lines, ("steps", i, "text"))
        if step.say is not None:
            check_phrase(step.say, lines, ("steps", i, "say"), slots, None if is_english else english.steps[sid].say)
    for key in ("say", "avoid"):
        theirs: tuple[str, ...] = getattr(english, key)
        for i, phrase in enumerate(getattr(text, key)):
            check_phrase(phrase, lines, (key, i), slots, None if is_english or i >= len(theirs) else theirs[i])
