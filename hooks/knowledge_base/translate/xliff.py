"""Exchange translations with CAT tools as XLIFF 1.2 (memoQ, Trados, OmegaT, Weblate, translate-toolkit).

XLIFF 1.2 rather than 2.0: it is the version memoQ, Trados Studio, OmegaT and translate-toolkit
read and write best (and Weblate reads it fully); 2.0 support is still partial in most of them.

The units are those of the PO exchange (`exchange.entries`): one `<file>` per translation file
(`original` names it, `product-name` names the project, `target-language` the language), one
`<trans-unit>` per text with the key as `id` and `resname`, the English as `<source>`, the
translation as `<target>`, notes for the translator, the English file as location context and,
for a text printed on a card, how much room it has (`maxwidth`, `size-unit="char"` and a note).
An outdated unit's target is `needs-review-translation`, with the English as last reviewed in an
`alt-trans` of type `previous-version` and a note. Import reads the file with translate-toolkit
(a parser safe for untrusted XML), runs the same checks as the PO import and writes nothing on
any error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree
from translate.storage.xliff import xlifffile

from ..content.errors import ContentError
from ..content.locales import Labels
from .exchange import PROJECT_ID, Entry, ExchangeError, GlossaryCheck, ImportResult, entries
from .incoming import CardRoom, ExchangeProblems, Incoming, choose, import_chosen, room_note

NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SKIP_STATES = ("needs-review-translation", "needs-review-adaptation", "needs-review-l10n", "needs-translation",
                "needs-adaptation", "needs-l10n")


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def export_xliff(root: Path, docs_dir: Path, lang: str, labels: Labels, only: str = "all",
                 room: CardRoom | None = None) -> tuple[bytes, list[Entry]]:
    """The XLIFF 1.2 document of `lang` (every unit, or only the `missing` or `outdated` ones) and its entries."""
    document = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS})
    document.set("version", "1.2")
    files: dict[str, etree._Element] = {}
    written: list[Entry] = []
    for entry in entries(root, docs_dir, lang):
        if (only == "missing" and entry.translation) or (only == "outdated" and not entry.outdated):
            continue
        if entry.file not in files:
            file = _el(document, "file", original=entry.file, source_language="en", target_language=lang,
                       datatype="plaintext", product_name=PROJECT_ID)
            files[entry.file] = _el(file, "body")
        key = entry.context.split("#", 1)[1]
        unit = _el(files[entry.file], "trans-unit", id=key, resname=key)
        unit.set(_XML_SPACE, "preserve")
        fits = (room or {}).get(entry.context)
        if fits:
            unit.set("maxwidth", str(min(fits.values())))
            unit.set("size-unit", "char")
        try:
            _el(unit, "source", entry.english)
            if entry.translation:
                _el(unit, "target", entry.translation, state="needs-review-translation" if entry.outdated else "translated")
            if entry.comment:
                _el(unit, "note", entry.comment, **{"from": "developer"})
            if fits:
                _el(unit, "note", room_note(labels, fits), **{"from": "card-room"})
            if entry.outdated:
                previous = entry.previous or ""
                _el(unit, "note", labels("messages.exchange.previous_english", text=previous) if previous
                    else labels("messages.exchange.not_recorded"), **{"from": "previous-english"})
                if previous:
                    alt = _el(unit, "alt-trans", alttranstype="previous-version")
                    _el(alt, "source", previous)
                    _el(alt, "target", entry.translation)
        except ValueError as exc:  # a character XML cannot hold (a control character)
            raise ExchangeError(f"{entry.context}: {exc}") from None
        group = _el(unit, "context-group", purpose="location")
        _el(group, "context", entry.source, context_type="sourcefile")
        written.append(entry)
    etree.indent(document, space="  ")
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8") + b"\n", written


def read_xliff(xliff_file: Path, lang: str) -> list[Incoming]:
    """The units of an XLIFF file made for `lang` by this project; ExchangeError when it is not one."""
    shown = str(xliff_file)
    try:
        store = xlifffile.parsestring(xliff_file.read_bytes())
    except (OSError, ValueError, AssertionError, etree.XMLSyntaxError) as exc:
        line = getattr(exc, "lineno", None)
        raise ExchangeProblems([ContentError(shown, line=line, code="exchange.unreadable",
                                             params={"format": "XLIFF 1.2", "detail": exc})]) from None
    if store.document.docinfo.doctype:  # entities would be left out silently: refuse instead
        raise ExchangeProblems([ContentError(shown, line=1, code="exchange.doctype")])
    root = store.document.getroot()
    for file in root.iterchildren(store.namespaced("file")):
        project, language = file.get("product-name", ""), file.get("target-language", "")
        if project != PROJECT_ID:
            raise ExchangeProblems([ContentError(shown, line=file.sourceline, code="exchange.other_project", params={
                "project": project, "expected": PROJECT_ID, "lang": lang, "file": f"{lang}.xlf"})])
        if language != lang:
            raise ExchangeProblems([ContentError(shown, line=file.sourceline, code="exchange.other_language", params={
                "language": language or "?", "lang": lang, "file": shown})])
    found = []
    for unit in store.units:
        original, _, key = unit.getid().partition("\x04")
        target = unit.xmlelement.find(store.namespaced("target"))
        state = target.get("state", "") if target is not None else ""
        found.append(Incoming(f"{original}#{key}", unit.source or "", unit.target or "", state in _SKIP_STATES,
                              unit.xmlelement.sourceline))
    return found


def import_xliff(root: Path, docs_dir: Path, lang: str, xliff_file: Path, glossary: GlossaryCheck | None = None,
                 validate: Callable[[], None] | None = None) -> ImportResult:
    """Write the translations of an XLIFF file into the project, checked like a PO import; nothing on any error."""
    incoming = read_xliff(xliff_file, lang)
    known = {e.context: e for e in entries(root, docs_dir, lang)}
    chosen, skipped = choose(lang, known, incoming, glossary, str(xliff_file))
    return import_chosen(root, docs_dir, lang, known, chosen, skipped, validate)
