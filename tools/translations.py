"""Check translations, mark them reviewed, and exchange them with CAT tools, without building the site.

    ./run translations                      check every locale file and report the status
    ./run translations reviewed sv          mark every Swedish translation as reviewed
    ./run translations reviewed sv techniques/let-them-vent.md checklist.reset
    ./run translations export sv [--only missing|outdated|all] -o sv.po   (or -o sv.xlf for XLIFF 1.2)
    ./run translations import sv sv.po      write a translated PO or XLIFF file back, then mark it reviewed
    ./run translations glossary sv -o sv.tbx   the Swedish terminology glossary as TBX

The tool speaks the language being worked on (sv above); `check` speaks KB_LANGUAGE or LANG.

The check reports, per language, missing and unknown keys, empty values, placeholder
mismatches, markup in labels and malformed YAML (file, line, key), every forbidden variant of
a language's terminology glossary (locales/glossary/<lang>.yml) in its pages and labels (file,
line, term), then how many labels and
pages are translated and which are outdated. It exits 1 when anything needs attention.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from knowledge_base.content.errors import ContentError, describe  # noqa: E402
from knowledge_base.content.glossary import check_glossary  # noqa: E402
from knowledge_base.content.loader import load_catalog  # noqa: E402
from knowledge_base.content.locales import Labels, load_labels  # noqa: E402
from knowledge_base.content.units import translation_file  # noqa: E402
from knowledge_base.render.cards import card_room  # noqa: E402
from knowledge_base.translate.exchange import ONLY, ExchangeError, export_po, glossary_check, import_po  # noqa: E402
from knowledge_base.translate.incoming import CardRoom, ExchangeProblems, add_room_notes  # noqa: E402
from knowledge_base.translate.tbx import glossary_tbx  # noqa: E402
from knowledge_base.translate.translations import current_fingerprints, language_status, mark_reviewed  # noqa: E402
from knowledge_base.translate.yamlwrite import project_lock, write_if_changed  # noqa: E402
from knowledge_base.translate.xliff import export_xliff, import_xliff  # noqa: E402

PO, XLIFF = (".po",), (".xlf", ".xliff")
# The address printed on cards, for the room estimate (as in mkdocs.yml: KB_SITE_URL or the placeholder).
SITE_URL = os.environ.get("KB_SITE_URL", "https://deescalation.example/")


def languages(root: Path) -> list[str]:
    """The languages configured for mkdocs-static-i18n in mkdocs.yml, default first."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !ENV and other tags
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
        for plugin in config.get("plugins", []):
            if isinstance(plugin, dict) and "i18n" in plugin:
                found = [lang["locale"] for lang in plugin["i18n"]["languages"]]
                return sorted(found, key=lambda code: code != "en")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"mkdocs.yml:{mark.line + 1}" if mark else "mkdocs.yml"
        raise SystemExit(f"error: {where}: the configuration cannot be read ({exc.problem or exc.context}); "
                         "fix that line, then run the command again") from None
    except (OSError, AttributeError, KeyError, TypeError) as exc:
        raise SystemExit(f"error: mkdocs.yml: no language list can be read from it ({exc}); check "
                         "plugins > i18n > languages, each with a 'locale'") from None
    return ["en"]


def reader_language(langs: list[str], working_on: str | None = None) -> str:
    """The language the tool speaks: the language being worked on, else KB_LANGUAGE or LANG, else English."""
    for code in (working_on, os.environ.get("KB_LANGUAGE"), os.environ.get("LANG", "").split("_")[0].split(".")[0]):
        if code in langs:
            return code
    return "en"


def reader_labels(root: Path, langs: list[str], working_on: str | None = None) -> Labels:
    """The labels of the reader's language (English per key where it lacks one); English alone if that fails."""
    lang = reader_language(langs, working_on)
    try:
        labels, _ = load_labels(root / "locales", langs, root)
    except ContentError:
        return Labels("en", {})
    return labels[lang]


def say(reader: Labels, key: str, fallback: str, **params: object) -> str:
    """The line `messages.cli.<key>` in the reader's language, or the English `fallback` without locale files."""
    if f"messages.cli.{key}" in reader.values:
        return reader(f"messages.cli.{key}", **params)
    return fallback.format(**params)


def error(labels: Labels, exc: ContentError) -> str:
    """A located error in the reader's language."""
    return say(labels, "error", "error: {message}", message=describe(exc, labels.values))


def check(root: Path) -> int:
    """Print every locale problem and the translation status; 1 if anything needs attention."""
    langs = languages(root)
    labels = reader_labels(root, langs)
    try:
        _, issues = load_labels(root / "locales", langs, root)
        now = current_fingerprints(root, root / "docs")
        terms = check_glossary(root, root / "docs", langs)
    except ContentError as exc:
        print(error(labels, exc))
        return 1
    for issue in issues:
        print(describe(ContentError(issue.path, issue.message, None if issue.key == "*" else issue.key, issue.line,
                                    code=issue.code, params=dict(issue.params)), labels.values))
    for term in terms:
        print(describe(ContentError(term.path, line=term.line, code="glossary.forbidden", params={
            "found": term.found, "lang": term.lang, "preferred": term.preferred, "glossary": term.glossary}),
            labels.values))
    stale = 0
    for lang in langs[1:]:
        try:
            status = language_status(root, root / "docs", lang, now)
        except ContentError as exc:  # e.g. a fingerprint file broken by a hand merge
            print(error(labels, exc))
            return 1
        print(say(labels, "status", "{lang}: labels {labels_done}/{labels}, pages {pages_done}/{pages}, outdated {outdated}",
                  lang=lang, labels_done=status.labels_done, labels=len(status.labels), pages_done=status.pages_done,
                  pages=len(status.pages), outdated=len(status.outdated)))
        for item in status.outdated:
            print("  " + say(labels, "outdated", "outdated: {file} [{name}]", file=item.file, name=item.name)
                  + f": {item.reason}")
        for item in status.pages:
            if item.state == "missing":
                print("  " + say(labels, "missing_page", "missing page: {file}", file=item.file))
        stale += len(status.outdated)
    return 1 if issues or terms or stale else 0


def room_by_context(root: Path, lang: str, labels: dict[str, Labels], langs: list[str]) -> CardRoom:
    """How many characters each text printed on a card of `lang` may have, per card size, by exchange context."""
    catalog = load_catalog(root / "docs", langs, root)
    room: CardRoom = {}
    for tid, tech in catalog.techniques.items():
        shown = translation_file(root / "docs", f"techniques/{tid}.md", lang).relative_to(root).as_posix()
        for key, fits in card_room(tech, lang, labels[lang], SITE_URL, labels["en"]).items():
            room[f"{shown}#{key}"] = {fit.paper: fit.chars for fit in fits}
    return room


def known_format(labels: Labels, file: Path) -> bool:
    """Whether `file` names an exchange format by its ending (.po, .xlf, .xliff); says so when it does not."""
    if file.suffix.lower() in PO + XLIFF:
        return True
    print(say(labels, "unknown_format", "error: {file}: unknown format; use a file name that ends in .po, .xlf or .xliff",
              file=file))
    return False


def export(root: Path, lang: str, only: str, out: Path) -> int:
    """Write the PO or XLIFF file of `lang` (by the file's extension), with the room on the card of printed texts."""
    langs = languages(root)
    labels = reader_labels(root, langs, lang)
    if not known_format(labels, out):
        return 2
    if not out.parent.is_dir():
        print(say(labels, "missing_folder", "error: {file}: the folder {folder} does not exist; create it first or write "
                  "the file elsewhere (e.g. -o {name})", file=out, folder=out.parent, name=out.name))
        return 1
    if out.is_dir():
        print(say(labels, "output_is_folder", "error: {file} is a folder; give a file name, e.g. -o {example}",
                  file=out, example=out / f"{lang}{out.suffix or '.po'}"))
        return 1
    try:
        all_labels, _ = load_labels(root / "locales", langs, root)
        room = room_by_context(root, lang, all_labels, langs)
        if out.suffix.lower() in PO:
            po = export_po(root, root / "docs", lang, only)
            add_room_notes(po, room, all_labels[lang])
            write_if_changed(out, str(po))  # atomically: an interrupted export leaves any earlier file whole
            count, outdated, untranslated = len(po), len(po.fuzzy_entries()), len(po.untranslated_entries())
        else:
            data, written = export_xliff(root, root / "docs", lang, all_labels[lang], only, room)
            write_if_changed(out, data.decode("utf-8"))
            count, outdated = len(written), sum(e.outdated for e in written)
            untranslated = sum(not e.translation for e in written)
    except (ContentError, ExchangeError) as exc:
        print(error(labels, exc) if isinstance(exc, ContentError) else f"error: {exc}")
        return 1
    print(say(labels, "exported", "{file}: {count} entries ({only}), {outdated} outdated (marked for review), "
              "{untranslated} untranslated", file=out, count=count, only=only, outdated=outdated,
              untranslated=untranslated))
    return 0


def import_(root: Path, lang: str, exchange_file: Path) -> int:
    """Write a translated PO or XLIFF file of `lang` back into the project, checked, then mark it reviewed."""
    langs = languages(root)
    labels = reader_labels(root, langs, lang)
    if not known_format(labels, exchange_file):
        return 2

    def validate() -> None:
        load_catalog(root / "docs", langs, root)
        load_labels(root / "locales", langs, root)

    try:
        if exchange_file.suffix.lower() in PO:
            result = import_po(root, root / "docs", lang, exchange_file, glossary_check(root), validate, langs)
        else:
            result = import_xliff(root, root / "docs", lang, exchange_file, glossary_check(root), validate)
    except ExchangeProblems as exc:
        print(say(labels, "nothing_imported", "error: nothing imported:"))
        for problem in exc.problems:
            print(describe(problem, labels.values))
        return 1
    except ExchangeError as exc:
        print(say(labels, "nothing_imported", "error: nothing imported:"))
        print(exc)
        return 1
    except ContentError as exc:
        print(say(labels, "would_not_build", "error: nothing imported; the result would not build:") + " "
              + describe(exc, labels.values))
        return 1
    for note in result.notes:
        print(say(labels, "note", "note: {note}", note=describe(note, labels.values)))
    for reason in result.skipped:
        print(say(labels, "skipped", "skipped: {reason}", reason=describe(reason, labels.values)))
    print(say(labels, "imported", "imported {count} entries; wrote {files} files; marked reviewed: {names}",
              count=result.imported, files=len(result.written),
              names=", ".join(result.reviewed) or say(labels, "nothing", "nothing")))
    for name in result.written:
        print("  " + say(labels, "wrote", "wrote {file}", file=name))
    return 0


def glossary(root: Path, lang: str, out: Path) -> int:
    """Write the terminology glossary of `lang` as TBX."""
    langs = languages(root)
    labels = reader_labels(root, langs, lang)
    try:
        data = glossary_tbx(root, lang, labels)
    except ContentError as exc:
        print(error(labels, exc))
        return 1
    if data is None:
        print(say(labels, "no_glossary", "{lang} has no glossary ({file} does not exist)", lang=lang,
                  file=f"locales/glossary/{lang}.yml"))
        return 1
    out.write_bytes(data)
    print(say(labels, "glossary_written", "{file}: {count} terms of the {lang} glossary", file=out,
              count=data.count(b"<termEntry"), lang=lang))
    return 0


def main(argv: list[str]) -> int:
    """Entry point: `check` (default), `reviewed LANG [ITEM ...]`, `export LANG ...`, `import LANG FILE`."""
    if not argv or argv[0] == "check":
        return check(ROOT)
    parser = argparse.ArgumentParser(prog="./run translations", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    reviewed = sub.add_parser("reviewed", help="mark translations as reviewed against the current English")
    reviewed.add_argument("lang")
    reviewed.add_argument("items", nargs="*", help="pages (techniques/x.md or the file) and label keys; all if none")
    exp = sub.add_parser("export", help="write a gettext PO (.po) or XLIFF 1.2 (.xlf) file for a CAT tool")
    exp.add_argument("lang")
    exp.add_argument("--only", choices=ONLY, default="all")
    exp.add_argument("-o", "--output", type=Path, required=True)
    imp = sub.add_parser("import", help="write a translated PO or XLIFF file back into the project")
    imp.add_argument("lang")
    imp.add_argument("file", type=Path)
    terms = sub.add_parser("glossary", help="write the language's terminology glossary as TBX")
    terms.add_argument("lang")
    terms.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    langs = languages(ROOT)
    if args.lang not in langs[1:] and not (args.command == "glossary" and args.lang in langs):
        print(say(reader_labels(ROOT, langs), "not_a_language", "error: {lang} is not a translated language in "
                  "mkdocs.yml", lang=args.lang))
        return 2
    with project_lock(ROOT):  # one command's read-modify-write at a time: parallel runs lose nothing
        if args.command == "export":
            return export(ROOT, args.lang, args.only, args.output)
        if args.command == "import":
            return import_(ROOT, args.lang, args.file)
        if args.command == "glossary":
            return glossary(ROOT, args.lang, args.output)
        labels = reader_labels(ROOT, langs, args.lang)
        try:
            unknown = mark_reviewed(ROOT, ROOT / "docs", args.lang, args.items)
        except ContentError as exc:  # e.g. a merge conflict left in the fingerprints file
            print(say(labels, "nothing_reviewed", "error: nothing marked reviewed: {message}",
                      message=describe(exc, labels.values)))
            return 1
    for name in unknown:
        print(say(labels, "unknown_item", "error: {name}: no such translated page or label in {lang}", name=name,
                  lang=args.lang))
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
