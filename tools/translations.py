"""Check translations and mark them reviewed, without building the site.

    ./run translations                      check every locale file and report the status
    ./run translations reviewed sv          mark every Swedish translation as reviewed
    ./run translations reviewed sv techniques/let-them-vent.md checklist.reset

The check reports, per language, missing and unknown keys, empty values, placeholder
mismatches, markup in labels and malformed YAML (file, line, key), every forbidden variant of
a language's terminology glossary (locales/glossary/<lang>.yml) in its pages and labels (file,
line, term), then how many labels and
pages are translated and which are outdated. It exits 1 when anything needs attention.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from knowledge_base.errors import ContentError  # noqa: E402
from knowledge_base.glossary import check_glossary  # noqa: E402
from knowledge_base.locales import load_labels  # noqa: E402
from knowledge_base.translations import current_fingerprints, language_status, mark_reviewed  # noqa: E402


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
        status = language_status(root, root / "docs", lang, now)
        print(f"{lang}: labels {status.labels_done}/{len(status.labels)}, pages {status.pages_done}/{len(status.pages)}, "
              f"outdated {len(status.outdated)}")
        for item in status.outdated:
            print(f"  outdated: {item.file} [{item.name}]: {item.reason}")
        for item in status.pages:
            if item.state == "missing":
                print(f"  missing page: {item.file}")
        stale += len(status.outdated)
    return 1 if issues or terms or stale else 0


def main(argv: list[str]) -> int:
    """Entry point: `check` (default) or `reviewed LANG [ITEM ...]`."""
    if not argv or argv[0] == "check":
        return check(ROOT)
    if argv[0] == "reviewed" and len(argv) >= 2:
        if argv[1] not in languages(ROOT)[1:]:
            print(f"error: {argv[1]} is not a translated language in mkdocs.yml")
            return 2
        unknown = mark_reviewed(ROOT, ROOT / "docs", argv[1], argv[2:])
        for name in unknown:
            print(f"error: {name}: no such translated page or label in {argv[1]}")
        return 1 if unknown else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
