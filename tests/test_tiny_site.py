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


def test_a_card_too_long_is_named_with_language_paper_size_and_overflow(tmp_path: Path) -> None:
    long_step = ("Breathe in slowly through your nose while you count to four, hold it, and think about what the "
                 "customer needs from you next. ") * 2
    steps = "".join(f"  - id: step-{n}\n    text: {long_step.strip()}\n" for n in range(6))
    technique = TECHNIQUE_EN.replace("steps:\n", "steps:\n" + steps)
    project = mini_project(tmp_path, **{"techniques/breathe.en.md": technique, "techniques/breathe.sv.md": None})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "card 'breathe' (en) does not fit the A6 card (A4 paper): about" in build.output
    assert "card 'breathe' (en) does not fit the quarter-Letter card (US Letter paper): about" in build.output
    assert "mm too tall" in build.output and "Traceback" not in build.output


def test_card_pages_link_the_pdfs_of_each_paper_size_written_by_run_pdf(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    build = mkdocs_build(project, tmp_path / "before")
    assert "pdf" not in (tmp_path / "before" / "sv" / "cards" / "breathe" / "index.html").read_text("utf-8").lower()
    for name in ("sv/a4/cards/breathe.pdf", "sv/letter/cards/breathe.pdf", "sv/a4/cards.pdf", "sv/letter/cards.pdf"):
        (project / "pdf" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "pdf" / name).write_bytes(b"%PDF-1.4 " + name.encode())
    build = mkdocs_build(project, tmp_path / "after")
    assert build.returncode == 0, build.output
    card = (tmp_path / "after" / "sv" / "cards" / "breathe" / "index.html").read_text("utf-8")
    for paper in ("a4", "letter"):
        # shown only while that paper is chosen (kb-paper.js sets data-kb-paper on <html>)
        assert f'<span data-kb-only="{paper}"><a href="../../pdf/{paper}/cards/breathe.pdf"' in card
        published = tmp_path / "after" / "sv" / "pdf" / paper / "cards" / "breathe.pdf"
        assert published.read_bytes() == f"%PDF-1.4 sv/{paper}/cards/breathe.pdf".encode()
    sheet = (tmp_path / "after" / "sv" / "cards" / "index.html").read_text("utf-8")
    assert 'href="../pdf/a4/cards.pdf"' in sheet and 'href="../pdf/letter/cards.pdf"' in sheet
    assert "pdf" not in (tmp_path / "after" / "cards" / "breathe" / "index.html").read_text("utf-8").lower()


def test_site_url_comes_from_kb_site_url_and_the_placeholder_is_warned_about(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    build = mkdocs_build(project, tmp_path / "real", site_url="https://help.example.org/calm/")
    assert build.returncode == 0, build.output
    card = (tmp_path / "real" / "sv" / "cards" / "breathe" / "index.html").read_text("utf-8")
    assert 'data-kb-qr="https://help.example.org/calm/sv/techniques/breathe/"' in card
    assert ">help.example.org/calm/sv/techniques/breathe/</a>" in card
    placeholder = mkdocs_build(project, tmp_path / "placeholder", site_url=None)
    assert placeholder.returncode != 0
    assert "site_url is still the placeholder https://deescalation.example/" in placeholder.output
    assert "KB_SITE_URL" in placeholder.output and "Traceback" not in placeholder.output
