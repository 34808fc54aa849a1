"""The terminology glossary of a language as TBX-Basic, for CAT tools (memoQ, Trados MultiTerm, Weblate, OmegaT).

One `termEntry` per glossary term of `locales/glossary/<lang>.yml`, with one `langSet` in that
language: the preferred term (`administrativeStatus` `preferredTerm-admn-sts`) and each forbidden
variant (`deprecatedTerm-admn-sts`), the term's note, its scope and the phrases in which a
variant is fine as notes. The syntax is TBX 2008 (ISO 30042:2008, `martif`, `tig`), the one
translate-toolkit, memoQ and MultiTerm import; TBX v3 (2019) is not read by translate-toolkit yet.
The notes are in the glossary's language, from the locale files.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..content.glossary import Term, read_glossary
from ..content.locales import Labels
from ..content.model import DEFAULT_LANGUAGE

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, FORBIDDEN = "preferredTerm-admn-sts", "deprecatedTerm-admn-sts"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, tag, attrs)
    node.text = text
    return node


def _tig(lang_set: etree._Element, term: str, status: str, notes: list[str]) -> None:
    tig = _el(lang_set, "tig")
    _el(tig, "term", term)
    _el(tig, "termNote", status, type="administrativeStatus")
    for note in notes:
        _el(tig, "note", note)


def _entry(body: etree._Element, number: int, term: Term, lang: str, labels: Labels) -> None:
    entry = _el(body, "termEntry", id=f"{lang}-{number}")
    if term.note:
        _el(entry, "note", term.note)
    if term.scopes != ("pages", "labels"):
        _el(entry, "note", labels(f"messages.glossary.tbx_only_{term.scopes[0]}"))
    lang_set = _el(entry, "langSet")
    lang_set.set(_XML_LANG, lang)
    _tig(lang_set, term.preferred, PREFERRED, [])
    for variant in term.forbidden:
        notes = [labels("messages.glossary.tbx_any_ending")] if any(w.endswith("*") for w in variant.split()) else []
        if term.allowed_phrases:
            notes.append(labels("messages.glossary.tbx_allowed", phrases=", ".join(term.allowed_phrases)))
        _tig(lang_set, variant, FORBIDDEN, notes)


def glossary_site_path(lang: str) -> str:
    """Where the TBX glossary of `lang` is published: in that language's part of the site, beside its guide."""
    return ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + f"glossary/{lang}.tbx"


def glossary_tbx(root: Path, lang: str, labels: Labels) -> bytes | None:
    """The TBX-Basic document of `lang`'s glossary; None when the language has none. Bad YAML raises ContentError."""
    glossary = read_glossary(root, lang)
    if glossary is None:
        return None
    terms, shown = glossary
    martif = etree.Element("martif", type="TBX-Basic")
    martif.set(_XML_LANG, lang)
    header = _el(martif, "martifHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", labels("messages.glossary.tbx_title", file=shown))
    _el(_el(file_desc, "sourceDesc"), "p", shown)
    _el(_el(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _el(_el(martif, "text"), "body")
    for number, term in enumerate(terms, 1):
        _entry(body, number, term, lang, labels)
    etree.indent(martif, space="  ")
    return etree.tostring(martif, xml_declaration=True, encoding="UTF-8") + b"\n"
