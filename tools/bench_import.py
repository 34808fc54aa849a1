"""Benchmark: import a PO file of about 20 000 entries, as `./run translations import` does.

    ./run bench import [ENTRIES]

In a temporary copy of the project, `locales/en.yml` gets ENTRIES - (entries the site has) extra
labels; the Swedish export (every entry) is then translated and imported, checked and validated
like the command line does, with the translations marked reviewed. Prints the seconds of each
phase. The goal on the 2-core machine is 5 s for 20 000 entries; nothing here asserts it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from knowledge_base.content.loader import load_catalog  # noqa: E402
from knowledge_base.content.locales import load_labels  # noqa: E402
from knowledge_base.content.locales import read_locale  # noqa: E402
from knowledge_base.translate import translations  # noqa: E402
from knowledge_base.translate.exchange import export_po, glossary_check, import_po  # noqa: E402
from knowledge_base.translate.yamlwrite import update_yaml_text  # noqa: E402

LANGUAGES = ("en", "sv", "es")


def project_copy(dest: Path) -> Path:
    """The project's content, locales and configuration copied into `dest`."""
    for part in ("mkdocs.yml", "locales", "docs"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest / part)
    return dest


def add_labels(project: Path, count: int) -> None:
    """`count` extra English labels in a section of their own, each with a comment and a placeholder now and then."""
    if count <= 0:
        return
    lines = ["", "bench:"]
    for n in range(count):
        lines += [f"  # Benchmark label {n}.", f"  label_{n}: Label number {n} with {{count}} items" if n % 10 == 0
                  else f"  label_{n}: Label number {n}, said to the customer."]
    english = project / "locales" / "en.yml"
    english.write_text(english.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Build the project copy, export, translate, import, and print the timings."""
    total = int(argv[0]) if argv else 20_000
    with tempfile.TemporaryDirectory(prefix="kb-bench-import-") as folder:
        project = project_copy(Path(folder))
        docs = project / "docs"
        existing = len(export_po(project, docs, "sv"))
        add_labels(project, max(total - existing, 0))
        started = time.perf_counter()
        po = export_po(project, docs, "sv")
        exported = time.perf_counter() - started
        for entry in po:
            if not entry.msgstr:
                entry.msgstr = entry.msgid.replace("Label number", "Etikett nummer")
        po_file = Path(folder) / "sv.po"
        po.save(str(po_file))

        def validate() -> None:
            load_catalog(docs, LANGUAGES, project)
            load_labels(project / "locales", LANGUAGES, project)

        started = time.perf_counter()
        result = import_po(project, docs, "sv", po_file, glossary_check(project), validate, LANGUAGES)
        imported = time.perf_counter() - started
        parts = phases(project)
    print(f"PO file: {len(po)} entries")
    print(f"export: {exported:.2f} s")
    print(f"import: {imported:.2f} s ({result.imported} entries, {len(result.written)} files written, "
          f"{len(result.reviewed)} marked reviewed)")
    print("where an import's time goes (each measured once more on its own):")
    for name, seconds in parts.items():
        print(f"  {name}: {seconds:.2f} s")
    return 0


def phases(project: Path) -> dict[str, float]:
    """Seconds of the import's heaviest steps, each on its own: reading and writing the big YAML files."""
    def timed(step) -> float:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        step()
        return time.perf_counter() - started

    locale = project / "locales" / "sv.yml"
    text = locale.read_text(encoding="utf-8")
    translations._read_cache.clear()  # noqa: SLF001 - measure a read from disk
    return {
        "read the locale file (PyYAML with line numbers)": timed(lambda: read_locale(locale, "locales/sv.yml")),
        "rewrite one label of it (ruamel.yaml round trip)": timed(
            lambda: update_yaml_text(text, [(("bench", "label_1"), "Ändrad")])),
        "read the reviewed record (fingerprints)": timed(lambda: translations.read_fingerprints(project, "sv")),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
