"""Whole builds of a tiny site: bad input stops `mkdocs build --strict` with a located message, no traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build
from minisite import TECHNIQUE_SV, mini_project


def test_tiny_site_builds_clean(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (tmp_path / "out" / "sv" / "techniques" / "breathe" / "index.html").exists()
    fallback = (tmp_path / "out" / "es" / "techniques" / "breathe" / "index.html").read_text(encoding="utf-8")
    assert 'id="exhale"' in fallback


def test_malformed_front_matter_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = mini_project(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace("title: Andas", "title: [Andas")})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/techniques/breathe.sv.md:" in build.output and "malformed YAML" in build.output
    assert "Traceback" not in build.output


def test_step_drift_stops_the_build_naming_both_files(tmp_path: Path) -> None:
    project = mini_project(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace("id: exhale", "id: out")})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "breathe.sv.md:7 [steps.1]" in build.output and "breathe.en.md" in build.output
    assert "Traceback" not in build.output


def test_missing_label_falls_back_but_fails_strict(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    locale = project / "locales" / "sv.yml"
    locale.write_text(locale.read_text(encoding="utf-8").replace("  reset:", "  reset_typo:"), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "locales/sv.yml" in build.output and "[checklist.reset]: missing" in build.output
    assert "[checklist.reset_typo]: unknown key" in build.output
    assert "Traceback" not in build.output
