"""A tiny but complete catalog, written into a temp dir, for tests of single behaviours."""

from __future__ import annotations

from pathlib import Path

TECHNIQUE_EN = """\
---
title: Breathe
summary: Breathe before you answer.
phase: before
sources: [art/one]
related: [listen]
steps:
  - id: inhale
    text: Breathe in.
    covers: [art/one/a]
  - id: exhale
    text: Breathe out.
    say: Thank you for waiting.
    window: {from: 5, to: 10}
say: [Give me a second.]
avoid: [Hurry up.]
pitfalls: [Holding your breath.]
---
Why breathing helps.
"""

TECHNIQUE_SV = """\
---
title: Andas
summary: Andas innan du svarar.
steps:
  - id: inhale
    text: Andas in.
  - id: exhale
    text: Andas ut.
    say: Tack för att du väntade.
say: [Ge mig en sekund.]
avoid: [Skynda dig.]
pitfalls: [Att hålla andan.]
---
Varför det hjälper att andas.
"""

LISTEN_EN = """\
---
title: Listen
summary: Listen.
phase: listening
sources: [art/one]
steps:
  - id: hear
    text: Hear them out.
    covers: [art/one/b]
say: [Go on.]
avoid: [Whatever.]
pitfalls: [Interrupting.]
---
Why listening helps.
"""

PLAYBOOK_EN = """\
---
title: Short call
summary: Two techniques.
techniques: [breathe, listen]
---
Intro.
"""

SOURCES_EN = """\
---
title: Sources
articles:
  - id: art
    title: An article
    language: sv
    file: a.txt
    sections:
      - id: one
        heading: Section one
        items:
          - {id: a, text: Point a}
          - {id: b, text: Point b}
---
About the sources.
"""


def write_docs(root: Path, **overrides: str | None) -> Path:
    """A small valid docs folder; `overrides` maps 'dir/name' (underscores for dots) to new text or None."""
    files = {
        "techniques/breathe.en.md": TECHNIQUE_EN,
        "techniques/breathe.sv.md": TECHNIQUE_SV,
        "techniques/listen.en.md": LISTEN_EN,
        "checklists/short.en.md": PLAYBOOK_EN,
        "sources.en.md": SOURCES_EN,
        "index.en.md": "---\ntitle: Home\nhome: true\n---\n\n# Home\n\nWelcome.\n",
    }
    for name, text in overrides.items():
        files[name] = text  # type: ignore[assignment]
    docs = root / "docs"
    for name, text in files.items():
        if text is None:
            continue
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8") if isinstance(text, str) else path.write_bytes(text)
    return docs


ROOT = Path(__file__).resolve().parent.parent


def mini_project(dest: Path, **overrides: str | bytes | None) -> Path:
    """A buildable project: the real configuration, hooks, locales and assets with the tiny catalog."""
    import shutil

    for part in ("mkdocs.yml", "hooks", "locales", "overrides", "docs/assets"):
        src, target = ROOT / part, dest / part
        if src.is_dir():
            shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    write_docs(dest, **overrides)
    return dest


def outdated_project(dest: Path, old: str, new: str) -> Path:
    """A tiny project whose Swedish is marked reviewed, after which the English technique's `old` text became `new`."""
    from knowledge_base.translate.translations import mark_reviewed

    project = mini_project(dest)
    mark_reviewed(project, project / "docs", "sv", [])
    (project / "docs" / "techniques" / "breathe.en.md").write_text(TECHNIQUE_EN.replace(old, new), encoding="utf-8")
    return project
