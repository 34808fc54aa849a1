"""Any language code mkdocs-static-i18n accepts builds: search with its stemmer (or plain search),
the offline copy, the 404 and print pages, right-to-left direction and PO exchange; odd file
names are published and precached; symbolic links and folders that would trap the build are
located errors; the translation tools end with located errors instead of tracebacks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import polib
import pytest

from conftest import Build, mkdocs_build
from languages import EXTRA_LANGUAGES, ODD_NAMES, multilingual_project
from minisite import mini_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory) -> Build:
    dest = tmp_path_factory.mktemp("multilingual")
    build = mkdocs_build(multilingual_project(dest / "project"), dest / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build


def manifest(site: Path) -> dict:
    return json.loads(re.search(r"const MANIFEST = (.*);", (site / "sw.js").read_text("utf-8"))[1])


@pytest.mark.parametrize(("lang", "lunr", "pipeline"), [
    ("en", "en", ["stemmer", "stopWordFilter", "trimmer"]), ("pt-BR", "pt", ["stemmer", "stopWordFilter", "trimmer"]),
    ("es-MX", "es", ["stemmer", "stopWordFilter", "trimmer"]), ("ar", "ar", ["stemmer", "stopWordFilter", "trimmer"]),
    ("zh-Hant", "en", []),  # Material's lunr.zh needs a word segmenter browsers do not have: plain search
])
def test_each_language_searches_with_its_own_stemmer_or_plain(multilingual: Build, lang: str, lunr: str,
                                                              pipeline: list[str]) -> None:
    folder = multilingual.site if lang == "en" else multilingual.site / lang
    index = json.loads((folder / "search" / "search_index.json").read_text("utf-8"))
    assert (index["config"]["lang"], index["config"]["pipeline"]) == ([lunr], pipeline)
    assert index["docs"] and all(not d["location"].startswith(f"{lang}/") for d in index["docs"])
    shared = manifest(multilingual.site)["groups"]["shared"]
    if lunr != "en":
        assert f"assets/javascripts/lunr/min/lunr.{lunr}.min.js" in shared
    assert "assets/javascripts/lunr/min/lunr.zh.min.js" not in shared


def test_every_language_has_its_pages_404_print_pages_and_direction(multilingual: Build) -> None:
    site = multilingual.site
    for lang in EXTRA_LANGUAGES:
        for page in ("index.html", "404.html", "cards/index.html", "cards/breathe/index.html", "cheatsheet/index.html",
                     "techniques/breathe/index.html"):
            assert (site / lang / page).exists(), f"{lang}/{page}"
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<body dir="{direction}"' in (site / lang / "techniques" / "breathe" / "index.html").read_text("utf-8")
    arabic_fallback = (site / "ar" / "techniques" / "listen" / "index.html").read_text("utf-8")
    assert 'lang="en" dir="ltr"' in arabic_fallback  # English fallback text inside a right-to-left page
    assert manifest(site)["notFound"]["pt-BR"] == "pt-BR/404.html"
    assert 'lang="es"' in (site / "es-MX" / "index.html").read_text("utf-8")[:300]  # Material's closest translation


def test_the_precache_lists_odd_file_names_percent_encoded_and_each_exists(multilingual: Build) -> None:
    site = multilingual.site
    groups = manifest(site)["groups"]
    assert set(groups) == {"shared", "core", "en", "sv", "es", *EXTRA_LANGUAGES}
    assert "assets/images/a%20map%20%231%20(%C3%B1)%20100%25.svg" in groups["shared"]
    assert "notes%20and%20more/" in groups["en"] and "pt-BR/notes%20and%20more/" in groups["pt-BR"]
    for urls in groups.values():
        for url in urls:
            assert not re.search(r"[ #?\u0080-\uffff]", url), url
            path = site / unquote(url + "index.html" if url == "" or url.endswith("/") else url)
            assert path.is_file(), url
    assert (site / ODD_NAMES[0]).is_file()


def test_a_title_yaml_1_1_reads_as_false_is_shown_as_written(tmp_path: Path) -> None:
    from minisite import TECHNIQUE_SV

    project = mini_project(tmp_path / "p", **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace("title: Andas", "title: No")})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = (tmp_path / "site" / "sv" / "techniques" / "breathe" / "index.html").read_text("utf-8")
    assert "<title>No - " in page and '<h1 id="no">No' in page and "False" not in page


def _tool(project: Path) -> list[str]:
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    return [sys.executable, str(project / "tools" / "translations.py")]


def test_po_exchange_with_a_region_code(tmp_path: Path) -> None:
    project = multilingual_project(tmp_path / "p", ("pt-BR",))
    tool = _tool(project)
    out = tmp_path / "pt-BR.po"
    done = subprocess.run([*tool, "export", "pt-BR", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    po = polib.pofile(str(out))
    assert po.metadata["Language"] == "pt_BR"  # gettext's spelling, as Poedit and Weblate expect
    entry = next(e for e in po if e.msgctxt == "docs/techniques/breathe.pt-BR.md#steps.exhale.text")
    entry.msgstr, entry.flags = "Expire devagar, #2", []  # translated and confirmed in the CAT tool
    po.save(str(out))
    back = subprocess.run([*tool, "import", "pt-BR", str(out)], capture_output=True, text=True)
    assert back.returncode == 0, back.stdout + back.stderr
    assert 'text: "Expire devagar, #2"' in (project / "docs" / "techniques" / "breathe.pt-BR.md").read_text("utf-8")
    status = subprocess.run(tool, capture_output=True, text=True)
    assert "pt-BR: labels" in status.stdout and "Traceback" not in status.stdout + status.stderr


def test_tools_end_with_located_errors_instead_of_tracebacks(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    tool = _tool(project)
    missing = subprocess.run([*tool, "export", "sv", "-o", str(tmp_path / "no" / "such" / "sv.po")],
                             capture_output=True, text=True)
    # in the language worked on: "the folder ... does not exist" in Swedish
    assert missing.returncode == 1 and "mappen" in missing.stdout and "finns inte" in missing.stdout
    assert subprocess.run([*tool, "reviewed", "sv"], capture_output=True, text=True).returncode == 0
    record = project / "locales" / "fingerprints" / "sv.yml"
    lines = record.read_text("utf-8").splitlines(keepends=True)
    lines[4:4] = ["<<<<<<< HEAD\n", "=======\n", ">>>>>>> other-branch\n"]
    record.write_text("".join(lines), "utf-8")
    conflicted = subprocess.run([*tool, "reviewed", "sv"], capture_output=True, text=True)
    assert conflicted.returncode == 1, conflicted.stdout + conflicted.stderr
    # in the language worked on: "an unresolved merge conflict (lines 5–7" and its fix in Swedish, said once
    assert "fel: inget markerades som granskat: locales/fingerprints/sv.yml:5: en olöst sammanslagningskonflikt " \
        "(rad 5–7" in conflicted.stdout
    assert "ta bort de tre markeringsraderna" in conflicted.stdout
    check = subprocess.run(tool, capture_output=True, text=True)
    assert check.returncode == 1 and "locales/fingerprints/sv.yml:5" in check.stdout
    for done in (missing, conflicted, check):
        assert "Traceback" not in done.stdout + done.stderr


FILE_CASES = [
    ("link-out-of-the-project", lambda docs, outside: os.symlink(outside, docs / "assets" / "notes.txt"),
     "docs/assets/notes.txt: a symbolic link that leads out of the project"),
    ("link-loop", lambda docs, outside: os.symlink("..", docs / "assets" / "again"),
     "docs/assets/again: a symbolic link to a folder that contains it"),
    ("link-to-itself", lambda docs, outside: os.symlink("self.en.md", docs / "self.en.md"),
     "docs/self.en.md: a symbolic link that leads back to itself"),
    ("link-to-nothing", lambda docs, outside: os.symlink("gone.en.md", docs / "techniques" / "ghost.en.md"),
     "docs/techniques/ghost.en.md: a symbolic link to something that does not exist"),
    ("locale-link-out", lambda docs, outside: os.symlink(outside, docs.parent / "locales" / "glossary.yml"),
     "locales/glossary.yml: a symbolic link that leads out of the project"),
    ("folder-named-like-a-page", lambda docs, outside: (docs / "techniques" / "shout.en.md").mkdir(),
     "docs/techniques/shout.en.md: this is a folder named like a file the site reads"),
    ("alias-bomb-in-the-home-page", lambda docs, outside: (docs / "index.sv.md").write_text(
        "---\ntitle: Hem\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n\nHej.\n",
        "utf-8"), "docs/index.sv.md:3 [a]: a text cannot start with '&'"),
    ("unknown-article-language", lambda docs, outside: (docs / "sources.en.md").write_text(
        (docs / "sources.en.md").read_text("utf-8").replace("language: sv", "language: de"), "utf-8"),
     "docs/sources.en.md:6 [articles.0.language]: unknown language 'de'"),
]


@pytest.mark.parametrize(("name", "change", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_files_that_would_trap_the_build_are_located_errors(tmp_path: Path, name: str, change, expected: str) -> None:
    project = mini_project(tmp_path / "project")
    outside = tmp_path / "secret.txt"
    outside.write_text("not for publishing\n", encoding="utf-8")
    change(project / "docs", outside)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0, build.output
    assert expected in build.output, build.output
    assert "Traceback" not in build.output, build.output
    assert not list((tmp_path / "site").rglob("notes.txt")), "the outside file was published"
