"""Whole builds of a tiny site: fallback pages, card fit reported by the build, PDFs linked when present.

The corpus of malformed input is in test_bad_input.py."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build
from minisite import TECHNIQUE_EN, mini_project


def test_tiny_site_builds_clean(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (tmp_path / "out" / "sv" / "techniques" / "breathe" / "index.html").exists()
    fallback = (tmp_path / "out" / "es" / "techniques" / "breathe" / "index.html").read_text(encoding="utf-8")
    assert 'id="exhale"' in fallback


def test_a_card_too_long_for_a6_is_named_with_language_and_overflow(tmp_path: Path) -> None:
    long_step = ("Breathe in slowly through your nose while you count to four, hold it, and think about what the "
                 "customer needs from you next. ") * 2
    steps = "".join(f"  - id: step-{n}\n    text: {long_step.strip()}\n" for n in range(6))
    technique = TECHNIQUE_EN.replace("steps:\n", "steps:\n" + steps)
    project = mini_project(tmp_path, **{"techniques/breathe.en.md": technique, "techniques/breathe.sv.md": None})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "card 'breathe' (en) does not fit an A6 card: about" in build.output
    assert "mm too tall" in build.output and "Traceback" not in build.output


def test_card_pages_link_pdfs_written_by_run_pdf(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    build = mkdocs_build(project, tmp_path / "before")
    assert "pdf" not in (tmp_path / "before" / "sv" / "cards" / "breathe" / "index.html").read_text("utf-8").lower()
    for name in ("sv/cards/breathe.pdf", "sv/cards.pdf"):
        (project / "pdf" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "pdf" / name).write_bytes(b"%PDF-1.4 test")
    build = mkdocs_build(project, tmp_path / "after")
    assert build.returncode == 0, build.output
    card = (tmp_path / "after" / "sv" / "cards" / "breathe" / "index.html").read_text("utf-8")
    assert 'href="../../pdf/cards/breathe.pdf"' in card
    assert (tmp_path / "after" / "sv" / "pdf" / "cards" / "breathe.pdf").read_bytes() == b"%PDF-1.4 test"
    sheet = (tmp_path / "after" / "sv" / "cards" / "index.html").read_text("utf-8")
    assert 'href="../pdf/cards.pdf"' in sheet
    assert "pdf" not in (tmp_path / "after" / "cards" / "breathe" / "index.html").read_text("utf-8").lower()
