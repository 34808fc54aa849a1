"""Drive the build the way `mkdocs serve` does, for tests/test_serve_rebuild.py (run as a script).

    python serve_rebuild.py rebuild PROJECT SITE CHECKPOINTS   # first build, then every edit of EDITS + rebuild
    python serve_rebuild.py fresh PROJECT SITE                 # one serve-mode build of the files as they are

`rebuild` runs what `mkdocs.commands.serve` runs: one `on_startup(command="serve")`, then for the
first build and after every edit a new configuration and `build(config, serve_url=...)` in the
same process, into the same site folder. At each checkpoint it copies the site and the project's
files into CHECKPOINTS/<name>/, so that a fresh process can build the same files for comparison.
It prints how much work the rebuilds reused, as JSON on its last line.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

os.environ["NO_MKDOCS_2_WARNING"] = "1"

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"
PROJECT_FILES = ("mkdocs.yml", "docs", "locales", "hooks", "overrides", "schemas")

Edit = Callable[[Path], None]


def _replace(path: str, old: str, new: str) -> Edit:
    def edit(project: Path) -> None:
        file = project / path
        text = file.read_text("utf-8")
        if old not in text:
            raise SystemExit(f"serve_rebuild: '{old}' not in {path}")
        file.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def _write(path: str, text: str | None) -> Edit:
    def edit(project: Path) -> None:
        file = project / path
        if text is None:
            file.unlink()
        else:
            file.write_text(text, "utf-8")
    return edit


def _copy(source: str, target: str, change: tuple[str, str]) -> Edit:
    def edit(project: Path) -> None:
        text = (project / source).read_text("utf-8")
        (project / target).write_text(text.replace(*change, 1), "utf-8")
    return edit


# (name, edit): a sequence of the edits a writer and translators make while previewing, with two
# checkpoints ("broken": a Swedish page is broken and the preview shows the panel; "end").
EDITS: list[tuple[str, Edit]] = [
    ("English prose", _replace("docs/techniques/let-them-vent.en.md", "Anger has to come out",
                               "Anger really has to come out")),
    ("Swedish label", _replace("locales/sv.yml", "why: Därför fungerar det", "why: Så här fungerar det")),
    ("English title (every page's navigation)", _replace("docs/techniques/listen-actively.en.md",
                                                         "title: Listen actively", "title: Listen, actively")),
    ("Swedish title", _replace("docs/techniques/let-them-vent.sv.md", "title: Låt kunden få ur sig ilskan",
                              "title: Låt kunden få ur sig all ilska")),
    ("broken Swedish page", _replace("docs/techniques/listen-actively.sv.md", "---\n", "---\ntitle: [unclosed\n")),
    ("checkpoint", lambda project: None),
    ("Swedish page fixed", _replace("docs/techniques/listen-actively.sv.md", "---\ntitle: [unclosed\n", "---\n")),
    ("new technique", _copy("docs/techniques/let-them-vent.en.md", "docs/techniques/let-them-breathe.en.md",
                            ("title: Let the customer vent", "title: Let the customer breathe"))),
    ("Spanish label", _replace("locales/es.yml", "why: Por qué funciona", "why: Por qué da resultado")),
    ("technique removed", _write("docs/techniques/let-them-breathe.en.md", None)),
    ("English prose back as it was", _replace("docs/techniques/let-them-vent.en.md", "Anger really has to come out",
                                              "Anger has to come out")),
    ("Swedish label back as it was", _replace("locales/sv.yml", "why: Så här fungerar det",
                                              "why: Därför fungerar det")),
]


def _config(project: Path, site: Path):  # noqa: ANN202 - MkDocsConfig
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL  # as `mkdocs serve` sets it
    return config


def _checkpoint(project: Path, site: Path, target: Path) -> None:
    shutil.copytree(site, target / "site")
    (target / "project").mkdir()
    for part in PROJECT_FILES:
        src = project / part
        if src.is_dir():
            shutil.copytree(src, target / "project" / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / "project" / part)


def rebuild(project: Path, site: Path, checkpoints: Path) -> dict[str, int]:
    """The first build and a rebuild after every edit, as `mkdocs serve` makes them; returns the reuse counts."""
    config = _config(project, site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    for name, edit in EDITS:
        edit(project)
        if name == "checkpoint":
            _checkpoint(project, site, checkpoints / "broken")
            continue
        build(_config(project, site), serve_url=SERVE_URL)
    _checkpoint(project, site, checkpoints / "end")
    counts = sys.modules["hooks/kb_rebuild.py"].stats()
    config.plugins.on_shutdown()
    return counts


def fresh(project: Path, site: Path) -> None:
    """One serve-mode build in a new process: what `mkdocs serve` shows right after it starts."""
    config = _config(project, site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    config.plugins.on_shutdown()


def main(argv: list[str]) -> int:
    command, project, site = argv[0], Path(argv[1]), Path(argv[2])
    if command == "rebuild":
        print(json.dumps(rebuild(project, site, Path(argv[3]))))
    else:
        fresh(project, site)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
