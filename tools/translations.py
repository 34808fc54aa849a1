"""Check translations, mark them reviewed, and exchange them with CAT tools, without building the site.

    ./run translations                      check every locale file and report the status
    ./run translations reviewed sv          mark every Swedish translation as reviewed
    ./run translations reviewed sv techniques/let-them-vent.md checklist.reset
    ./run translations export sv [--only missing|outdated|all] -o sv.po
    ./run translations import sv sv.po      write a translated PO file back, then mark it reviewed

The check reports, per language, missing and unknown keys, empty values, placeholder
mismatches, markup in labels and malformed YAML (file, line, key), every forbidden variant of
a language's terminology glossary (locales/glossary/<lang>.yml) in its pages and labels (file,
line, term), then how many labels and
pages are translated and which are outdated. It exits 1 when anything needs attention.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from knowledge_base.content.errors import ContentError  # noqa: E402
from knowledge_base.content.glossary import check_glossary  # noqa: E402
from knowledge_base.content.loader import load_catalog  # noqa: E402
from knowledge_base.content.locales import load_labels  # noqa: E402
from knowledge_base.translate.exchange import ONLY, ExchangeError, export_po, glossary_check, import_po  # noqa: E402
from knowledge_base.translate.translations import current_fingerprints, language_status, mark_reviewed  # noqa: E402
from knowledge_base.translate.yamlwrite import project_lock, write_if_changed  # noqa: E402


def languages(root: Path) -> list[str]:
    """The languages configured for mkdocs-static-i18n in mkdocs.yml, default first."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !ENV and other tags
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            found = [lang["locale"] for lang in plugin["i18n"]["languages"]]
            return sorted(found, key=lambda code: code != "en")
    return ["en"]


def check(root: Path) -> int:
    """Print every locale problem and the translation status; 1 if anything needs attention."""
    langs = languages(root)
    try:
        _, issues = load_labels(root / "locales", langs, root)
        now = current_fingerprints(root, root / "docs")
        terms = check_glossary(root, root / "docs", langs)
    except ContentError as exc:
        print(f"error: {exc}")
        return 1
    for issue in issues:
        print(issue)
    for term in terms:
        print(term)
    stale = 0
    for lang in langs[1:]:
        try:
            status = language_status(root, root / "docs", lang, now)
        except ContentError as exc:  # e.g. a fingerprint file broken by a hand merge
            print(f"error: {exc}")
            return 1
        print(f"{lang}: labels {status.labels_done}/{len(status.labels)}, pages {status.pages_done}/{len(status.pages)}, "
              f"outdated {len(status.outdated)}")
        for item in status.outdated:
            print(f"  outdated: {item.file} [{item.name}]: {item.reason}")
        for item in status.pages:
            if item.state == "missing":
                print(f"  missing page: {item.file}")
        stale += len(status.outdated)
    return 1 if issues or terms or stale else 0


def export(root: Path, lang: str, only: str, out: Path) -> int:
    """Write the PO file of `lang` (atomically: an interrupted export leaves any earlier file whole)."""
    if not out.parent.is_dir():
        print(f"error: {out}: the folder {out.parent} does not exist; create it first or write the file elsewhere "
              f"(e.g. -o {out.name})")
        return 1
    if out.is_dir():
        print(f"error: {out} is a folder; give a file name, e.g. -o {out / (lang + '.po')}")
        return 1
    try:
        po = export_po(root, root / "docs", lang, only)
    except ContentError as exc:
        print(f"error: {exc}")
        return 1
    write_if_changed(out, str(po))
    print(f"{out}: {len(po)} entries ({only}), {len(po.fuzzy_entries())} outdated (fuzzy), "
          f"{len(po.untranslated_entries())} untranslated")
    return 0


def import_(root: Path, lang: str, po_file: Path) -> int:
    """Write a translated PO file of `lang` back into the project, checked, then mark it reviewed."""
    langs = languages(root)

    def validate() -> None:
        load_catalog(root / "docs", langs, root)
        load_labels(root / "locales", langs, root)

    try:
        result = import_po(root, root / "docs", lang, po_file, glossary_check(root), validate, langs)
    except ExchangeError as exc:
        print(f"error: nothing imported:\n{exc}")
        return 1
    except ContentError as exc:
        print(f"error: nothing imported; the result would not build: {exc}")
        return 1
    for note in result.notes:
        print(f"note: {note}")
    for reason in result.skipped:
        print(f"skipped: {reason}")
    print(f"imported {result.imported} entries; wrote {len(result.written)} files; marked reviewed: "
          f"{', '.join(result.reviewed) or 'nothing'}")
    for name in result.written:
        print(f"  wrote {name}")
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
    exp = sub.add_parser("export", help="write a gettext PO file for a CAT tool")
    exp.add_argument("lang")
    exp.add_argument("--only", choices=ONLY, default="all")
    exp.add_argument("-o", "--output", type=Path, required=True)
    imp = sub.add_parser("import", help="write a translated PO file back into the project")
    imp.add_argument("lang")
    imp.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.lang not in languages(ROOT)[1:]:
        print(f"error: {args.lang} is not a translated language in mkdocs.yml")
        return 2
    with project_lock(ROOT):  # one command's read-modify-write at a time: parallel runs lose nothing
        if args.command == "export":
            return export(ROOT, args.lang, args.only, args.output)
        if args.command == "import":
            return import_(ROOT, args.lang, args.file)
        try:
            unknown = mark_reviewed(ROOT, ROOT / "docs", args.lang, args.items)
        except ContentError as exc:
            print(f"error: nothing marked reviewed: {exc}")
            return 1
    for name in unknown:
        print(f"error: {name}: no such translated page or label in {args.lang}")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
