"""The content model: techniques, their steps, playbooks and the source articles.

Structure (ids, order, phases, links, provenance, timing) exists once, from the English
files; each language adds only its phrasing. `text(lang)` falls back to English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PHASES: tuple[str, ...] = ("before", "opening", "listening", "responding", "resolving")
DEFAULT_LANGUAGE = "en"
# Languages written right to left (ISO 639 codes; a region or script after '-' or '_' does not change it).
RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku-IQ", "ps", "sd", "syr", "ug", "ur", "yi"})


def text_direction(code: str) -> str:
    """'rtl' for a language written right to left, else 'ltr'."""
    base = code.replace("_", "-").split("-")[0]
    return "rtl" if code in RIGHT_TO_LEFT or base in RIGHT_TO_LEFT else "ltr"


MARK_KINDS: tuple[str, ...] = ("listen", "warn", "step-in")


@dataclass(frozen=True)
class Mark:
    """A moment inside a timed step that a source names: what to do from `at` seconds on."""

    at: int
    kind: str  # one of MARK_KINDS: its words come from the locale (console.mark_<kind>)
    covers: str  # the source item that gives this figure


@dataclass(frozen=True)
class Window:
    """A time window in seconds that a source gives for a step (e.g. venting)."""

    start: int
    end: int
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class StepText:
    """What one language says for a step."""

    text: str
    say: str | None = None


@dataclass(frozen=True)
class Step:
    """A step's structure: stable id, optional timing, and the source items it covers."""

    id: str
    window: Window | None = None
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class TechniqueText:
    """One language's phrasing of a technique."""

    lang: str
    title: str
    summary: str
    steps: dict[str, StepText]
    say: tuple[str, ...]
    avoid: tuple[str, ...]
    pitfalls: tuple[str, ...]
    body: str
    path: str


@dataclass(frozen=True)
class Technique:
    """A technique: one idea from the sources, with ordered steps."""

    id: str
    phase: str
    steps: tuple[Step, ...]
    related: tuple[str, ...]
    sources: tuple[str, ...]
    texts: dict[str, TechniqueText] = field(compare=False)

    def text(self, lang: str) -> TechniqueText:
        """The phrasing in `lang`, or the English one if it is not translated."""
        return self.texts.get(lang) or self.texts[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class PlaybookText:
    """One language's phrasing of a playbook."""

    lang: str
    title: str
    summary: str
    path: str
    body: str = ""  # the introduction (markdown) shown above the checklist


@dataclass(frozen=True)
class Playbook:
    """An ordered list of techniques to follow, e.g. one article's own sequence."""

    id: str
    techniques: tuple[str, ...]
    source: str | None
    texts: dict[str, PlaybookText] = field(compare=False)
    cheatsheet: bool = False

    def text(self, lang: str) -> PlaybookText:
        """The phrasing in `lang`, or the English one if it is not translated."""
        return self.texts.get(lang) or self.texts[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class SourceItem:
    """One point of a source article section, described in each language."""

    path: str
    texts: dict[str, str] = field(compare=False)

    def text(self, lang: str) -> str:
        """The description in `lang`, or the English one."""
        return self.texts.get(lang) or self.texts[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Section:
    """A section of a source article, with its heading quoted as published."""

    id: str
    heading: str
    items: tuple[SourceItem, ...]


@dataclass(frozen=True)
class Article:
    """A source article the techniques come from."""

    id: str
    title: str
    language: str
    file: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section | None:
        """The section with this id, if any."""
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class Situation:
    """Something an angry customer is doing, mapped to the technique step that answers it."""

    id: str
    technique: str
    step: str
    source: str  # article/section the situation comes from
    texts: dict[str, str] = field(compare=False)

    def text(self, lang: str) -> str:
        """How `lang` names the situation, or the English wording."""
        return self.texts.get(lang) or self.texts[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class LiveContent:
    """The live-call console: situations, and per phase the steps to tick (technique/step refs)."""

    situations: tuple[Situation, ...]
    phases: dict[str, tuple[str, ...]]
    titles: dict[str, str] = field(compare=False)
    paths: dict[str, str] = field(compare=False)


@dataclass(frozen=True)
class Catalog:
    """Everything the site is built from, validated."""

    techniques: dict[str, Technique]
    playbooks: dict[str, Playbook]
    articles: dict[str, Article]
    languages: tuple[str, ...]
    sources_titles: dict[str, str] = field(default_factory=dict)
    live: LiveContent | None = None  # the live-call console's situations and pause points

    def item(self, path: str) -> SourceItem | None:
        """The source item at `article/section/item`, if it exists."""
        article_id, _, rest = path.partition("/")
        section_id, _, item_id = rest.partition("/")
        article = self.articles.get(article_id)
        section = article.section(section_id) if article else None
        if section is None:
            return None
        return next((i for i in section.items if i.path == path), None)

    def ordered_techniques(self, lang: str) -> list[Technique]:
        """Techniques by phase of the call, then by title in `lang`."""
        return sorted(
            self.techniques.values(),
            key=lambda t: (PHASES.index(t.phase), t.text(lang).title.casefold()),
        )

    def playbooks_using(self, technique_id: str) -> list[Playbook]:
        """The playbooks that include a technique."""
        return [p for p in self.playbooks.values() if technique_id in p.techniques]

    def cheatsheet_playbook(self) -> Playbook | None:
        """The playbook whose steps the cheat sheet prints, if one is marked `cheatsheet: true`."""
        return next((p for p in self.playbooks.values() if p.cheatsheet), None)

    def covering_steps(self, item_path: str) -> list[tuple[Technique, Step]]:
        """The technique steps that cover a source item."""
        return [(t, s) for t in self.techniques.values() for s in t.steps if item_path in s.covers]
