"""Benchmark: build synthetic catalogs with and without the knowledge-base hooks.

    ./run bench [SIZES...]        (default: 50 200 500 techniques, three languages)

For each size it writes a catalog into a temp dir (every technique in English, Swedish and
Spanish, a sources page whose points the techniques cover, two playbooks), builds it once with
the project's hooks and once with `hooks:` removed from mkdocs.yml, and prints build time,
output pages, pages per second, and the time per output page with hooks divided by the time
per page without; the same for the builds' CPU time, a steadier figure on a shared machine.
Nothing here is asserted: it prints figures.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
PHASES = ("before", "opening", "listening", "responding", "resolving")


def technique(n: int, lang: str, total: int) -> str:
    structure = ""
    if lang == "en":
        related = f"[technique-{(n + 1) % total:04d}]" if total > 1 else "[]"
        structure = (f"phase: {PHASES[n % len(PHASES)]}\nsources: [bench/part-{n // 50:03d}]\nrelated: {related}\n")
    steps = "".join(
        f"  - id: step-{s}\n    text: {lang} step {s} of technique {n}, do the thing calmly and clearly.\n"
        + (f"    covers: [bench/part-{n // 50:03d}/point-{n:04d}]\n" if lang == "en" and s == 1 else "")
        for s in range(1, 4)
    )
    return (f"---\ntitle: {lang} technique {n}\nsummary: A one-line summary of technique {n} in {lang}.\n{structure}"
            f"steps:\n{steps}say: [Phrase one for {n}., Phrase two for {n}.]\navoid: [Calm down.]\n"
            f"pitfalls: [Rushing.]\n---\n\nWhy technique {n} works, in {lang}. " + "Some prose. " * 40 + "\n")


def sources(total: int) -> str:
    parts = []
    for part in range(0, total, 50):
        points = "".join(f"          - id: point-{n:04d}\n            text: Point {n}.\n"
                         for n in range(part, min(part + 50, total)))
        parts.append(f"      - id: part-{part // 50:03d}\n        heading: Part {part // 50}\n        items:\n{points}")
    return ("---\ntitle: Sources\narticles:\n  - id: bench\n    title: Bench article\n    language: en\n"
            "    file: bench.txt\n    sections:\n" + "".join(parts) + "---\n\nAbout the sources.\n")


def make_catalog(project: Path, total: int) -> None:
    for part in ("mkdocs.yml", "hooks", "locales", "overrides"):
        src = ROOT / part
        (shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__", "fingerprints"))
         if src.is_dir() else shutil.copy2(src, project / part))
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    docs = project / "docs"
    (docs / "techniques").mkdir()
    (docs / "checklists").mkdir()
    for lang in LANGS:
        for n in range(total):
            (docs / "techniques" / f"technique-{n:04d}.{lang}.md").write_text(technique(n, lang, total), "utf-8")
        (docs / f"index.{lang}.md").write_text(f"---\ntitle: Home {lang}\nhome: true\n---\n\n# Home\n\nText.\n", "utf-8")
        (docs / f"translating.{lang}.md").write_text(f"---\ntitle: Guide {lang}\n---\n\n# Guide\n\nText.\n", "utf-8")
    ids = [f"technique-{n:04d}" for n in range(total)]
    (docs / "checklists" / "all.en.md").write_text(
        f"---\ntitle: All\nsummary: Every technique.\ncheatsheet: true\ntechniques: [{', '.join(ids[:12])}]\n---\n\nIntro.\n")
    (docs / "checklists" / "some.en.md").write_text(
        f"---\ntitle: Some\nsummary: Some techniques.\ntechniques: [{', '.join(ids[::7][:40])}]\n---\n\nIntro.\n")
    (docs / "sources.en.md").write_text(sources(total), "utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Path) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds (which a busy machine inflates far less) and output pages of one build."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d",
                           str(site)], capture_output=True, text=True, env=env)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if proc.returncode:
        raise SystemExit(f"build failed in {project}:\n{proc.stderr[-3000:]}")
    return elapsed, cpu, sum(1 for _ in site.rglob("index.html"))


def without_hooks(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config.read_text("utf-8")), "utf-8")


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [50, 200, 500]
    print(f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M')} · load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'techniques':>10} {'hooks':>5} {'build s':>8} {'pages':>6} {'pages/s':>8} {'s/page':>8} {'ratio':>6}"
          f" {'cpu s':>7} {'cpu ratio':>9}")
    for total in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            make_catalog(project, total)
            with_time, with_cpu, with_pages = build(project)
            without_hooks(project)
            plain_time, plain_cpu, plain_pages = build(project)
        ratio = (with_time / with_pages) / (plain_time / plain_pages)
        cpu_ratio = (with_cpu / with_pages) / (plain_cpu / plain_pages)
        for label, secs, cpu, pages in (("yes", with_time, with_cpu, with_pages),
                                        ("no", plain_time, plain_cpu, plain_pages)):
            yes = label == "yes"
            print(f"{total:>10} {label:>5} {secs:>8.1f} {pages:>6} {pages / secs:>8.1f} {secs / pages:>8.4f}"
                  f" {ratio if yes else 1:>6.2f} {cpu:>7.1f} {cpu_ratio if yes else 1:>9.2f}", flush=True)
    print(f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())} (ratios compare time per output page; "
          "'cpu' counts the build processes' own CPU time, which other work on the machine inflates less)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
