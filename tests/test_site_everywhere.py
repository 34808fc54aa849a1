"""The built site as a whole: its offline precache, browser titles, the build log, clean search
excerpts and the sources page (issue 15). Browser checks are in test_offline_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.publish.offline import build_id, precache_groups
from sitecheck import html_pages, prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)


def manifest(site: Path) -> dict:
    text = (site / "sw.js").read_text("utf-8")
    return json.loads(re.search(r"^const MANIFEST = (\{.*\});$", text, re.M)[1])


def test_build_log_is_clean_and_names_no_unrecognized_links(subpath_build) -> None:
    assert "WARNING" not in subpath_build.output, subpath_build.output
    assert "unrecognized relative link" not in subpath_build.output, subpath_build.output


def test_precache_holds_every_page_of_each_language_and_nothing_for_programs(site: Path) -> None:
    data = manifest(site)
    assert re.fullmatch(r"[0-9a-f]{10}", data["build"])
    for lang in LANGS:
        pages = {url for url in html_pages(site) if (url.startswith(f"{lang}/") if lang != "en" else
                                                      not url.startswith(("sv/", "es/")))}
        kept = set(data["groups"][lang]) | set(data["groups"]["core"])
        assert pages <= kept, pages - kept
        core = {prefix(lang) + path for path in ("", "live/", "cheatsheet/", "offline/", "search/search_index.json",
                                                 "manifest.webmanifest")}
        assert core <= set(data["groups"]["core"]), "every device keeps each language's console and offline page"
        assert not core & set(data["groups"][lang]), "a file is kept in one group only"
        assert data["notFound"][lang] == f"{prefix(lang)}404.html"
        assert data["offlinePage"][lang] == f"{prefix(lang)}offline/"
        assert data["fileOffline"][lang] == LABELS[lang]("app.file_offline")
    shared = set(data["groups"]["shared"])
    assert {"assets/kb.js", "assets/kb-offline.js", "assets/javascripts/workers/kb-search.js"} <= shared
    assert "assets/javascripts/lunr/min/lunr.sv.min.js" in shared and "assets/javascripts/lunr/min/lunr.ja.min.js" not in shared
    everything = [url for urls in data["groups"].values() for url in urls]
    assert not [u for u in everything if u.startswith("api/") or u.endswith((".md", ".txt", ".pdf", ".xml"))]


def test_precache_follows_what_was_built_and_the_build_id_follows_its_bytes(tmp_path: Path) -> None:
    for path in ("index.html", "live/index.html", "sv/index.html", "sv/live/index.html", "assets/kb.js",
                 "api/en/techniques.json", "sv/pdf/cards.pdf", "llms.txt", "sw.js", "404.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path, "utf-8")
    groups = precache_groups(tmp_path, ["en", "sv"], "en")
    assert groups == {"shared": ["assets/kb.js"], "core": ["", "live/", "sv/", "sv/live/"], "en": ["404.html"], "sv": []}
    before = build_id(tmp_path, groups)
    (tmp_path / "llms.txt").write_text("changed", "utf-8")
    assert build_id(tmp_path, groups) == before, "files kept out of the offline copy do not make a new build"
    (tmp_path / "sv/live/index.html").write_text("changed", "utf-8")
    assert build_id(tmp_path, groups) != before


def test_browser_title_names_the_page_then_the_site_once(site: Path) -> None:
    for url, file in html_pages(site).items():
        title = re.search(r"<title>(.*?)</title>", file.read_text("utf-8"), re.S)[1].strip()
        lang = url.split("/", 1)[0] if url.startswith(("sv/", "es/")) else "en"
        name = LABELS[lang]("site.name").replace("&", "&amp;")
        assert title.count(name) == 1, f"{url}: {title}"
        if url in ("", "sv/", "es/"):
            assert title == name, f"{url}: {title}"
        else:
            assert title.endswith(f" - {name}") and len(title) > len(name) + 3, f"{url}: {title}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_excerpts_hold_no_button_or_link_labels(site: Path, lang: str) -> None:
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    labels = LABELS[lang]
    controls = [labels(key) for key in ("copy.button", "checklist.reset", "checklist.explain", "timer.start",
                                        "playbook.open_technique", "technique.print_card", "console.cleared",
                                        "console.undo", "console.next_step", "sources.covered_by")]
    for doc in index["docs"]:
        if doc["location"].startswith("translating/"):
            continue  # the translators' guide is prose, free to use words like "Copy"
        text = re.sub(r"<[^>]+>", " ", doc["text"])
        found = [c for c in controls if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", text)]
        assert not found, f"{doc['location']}: {found}"
        assert not re.search(r"\b0:00\b", text), f"{doc['location']}: a timer in the excerpt"
    article = next(iter(CATALOG.articles.values()))
    sources = next(d["text"] for d in index["docs"] if d["location"] == f"sources/#{article.id}")
    first_point = article.sections[0].items[0].text(lang)
    assert re.search(rf"{re.escape(first_point)}\s", sources), "table cells run together in the excerpt"


@pytest.mark.parametrize("lang", LANGS)
def test_every_phrase_to_say_or_avoid_is_in_its_techniques_search_entry(site: Path, lang: str) -> None:
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["fields"]["phrases"]["boost"] > 0
    entries = {d["location"]: d for d in index["docs"]}
    for tid, technique in CATALOG.techniques.items():
        text = technique.text(lang)
        phrases = [*text.say, *(step.say for step in text.steps.values() if step.say), *text.avoid]
        assert sorted(entries[f"techniques/{tid}/"]["phrases"].split("\n")) == sorted(phrases), tid
    boosted = {d["location"] for d in index["docs"] if d.get("boost")}
    assert boosted == {f"techniques/{tid}/" for tid in CATALOG.techniques}


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_names_articles_by_title_and_language(site: Path, lang: str) -> None:
    html = (site / prefix(lang) / "sources" / "index.html").read_text("utf-8")
    for article in CATALOG.articles.values():
        assert article.title in html
        assert LABELS[lang]("sources.article_meta", language=LABELS[lang](f"language.{article.language}")) in html
        assert article.file not in html, f"internal file name {article.file} shown"
