"""Data for programs: JSON against its schema, llms.txt, markdown pages, JSON-LD, sitemap, search indexes."""

from __future__ import annotations

import html as html_lib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from knowledge_base.content.loader import load_catalog
from conftest import TEST_SITE_URL
from sitecheck import page_file, parse, prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
SITE_URL = TEST_SITE_URL


def assert_resolves(site: Path, url: str) -> None:
    """An absolute site URL points at an existing file, and its #anchor at an element id."""
    assert url.startswith(SITE_URL), url
    path, _, anchor = url[len(SITE_URL):].partition("#")
    file = page_file(site, path)
    assert file.exists(), f"{url} does not exist in the built site"
    if anchor:
        assert anchor in parse(file.read_text("utf-8")).ids, f"{url}: no element with id {anchor!r}"


def urls_in(data: object) -> list[str]:
    if isinstance(data, dict):
        return [u for v in data.values() for u in urls_in(v)]
    if isinstance(data, list):
        return [u for v in data for u in urls_in(v)]
    return [data] if isinstance(data, str) and data.startswith("http") else []


def published_schema(site: Path, data: dict) -> dict:
    """The schema a JSON file names in `$schema`, read from the built site where it is published."""
    assert data["$schema"].startswith(SITE_URL + "schemas/"), data["$schema"]
    schema = json.loads((site / data["$schema"][len(SITE_URL):]).read_text("utf-8"))
    assert schema["$id"] == data["$schema"], "the published schema names itself by the URL it is published at"
    return schema


@pytest.mark.parametrize("lang", LANGS)
def test_techniques_json_matches_schema_and_every_url_resolves(site: Path, lang: str) -> None:
    data = json.loads((site / "api" / lang / "techniques.json").read_text("utf-8"))
    jsonschema.validate(data, published_schema(site, data), format_checker=jsonschema.FormatChecker())
    assert data["language"] == lang
    assert {t["id"] for t in data["techniques"]} == set(CATALOG.techniques)
    vent = next(t for t in data["techniques"] if t["id"] == "let-them-vent")
    assert vent["title"] == CATALOG.techniques["let-them-vent"].text(lang).title
    assert [s["id"] for s in vent["steps"]] == [s.id for s in CATALOG.techniques["let-them-vent"].steps]
    for tech in data["techniques"]:
        model = CATALOG.techniques[tech["id"]]
        assert tech["explanation"] == model.text(lang).body.strip()
        for step, model_step in zip(tech["steps"], model.steps, strict=True):
            assert [c["point"] for c in step["covers"]] == list(model_step.covers)
            assert all(c["text"] == CATALOG.item(c["point"]).text(lang) for c in step["covers"])
    for book in data["playbooks"]:
        assert book["introduction"] and book["introduction"] in (ROOT / "docs" / "checklists" / f"{book['id']}.{lang}.md").read_text("utf-8")
    assert [(a["id"], a["title"], a["language"]) for a in data["articles"]] == [
        (a.id, a.title, a.language) for a in CATALOG.articles.values()]
    points = {p["id"] for a in data["articles"] for s in a["sections"] for p in s["points"]}
    assert all(c["point"] in points for t in data["techniques"] for s in t["steps"] for c in s["covers"])
    for url in urls_in(data):
        assert_resolves(site, url)


def test_index_json_matches_schema_and_every_url_resolves(site: Path) -> None:
    data = json.loads((site / "api" / "index.json").read_text("utf-8"))
    jsonschema.validate(data, published_schema(site, data), format_checker=jsonschema.FormatChecker())
    assert [lang["code"] for lang in data["languages"]] == list(LANGS)
    assert {p["id"] for p in data["playbooks"]} == set(CATALOG.playbooks)
    for url in urls_in(data):
        assert_resolves(site, url)


def test_llms_txt_links_every_language_catalog_playbooks_json_and_markdown(site: Path) -> None:
    text = (site / "llms.txt").read_text("utf-8")
    assert text.startswith("# ") and "\n> " in text
    links = re.findall(r"\]\((https?://[^)]+)\)", text)
    for url in links:
        assert_resolves(site, url)
    for lang in LANGS:
        assert f"{SITE_URL}{prefix(lang)}" in links and f"{SITE_URL}api/{lang}/techniques.json" in links
        assert f"{SITE_URL}{prefix(lang)}llms-full.txt" in links and f"{SITE_URL}{prefix(lang)}sources.md" in links
        full = (site / f"{prefix(lang)}llms-full.txt").read_text("utf-8")
        assert full.startswith("# ") and "\n> " in full
        for book_id, book in CATALOG.playbooks.items():
            assert f"{SITE_URL}{prefix(lang)}checklists/{book_id}.md" in links
            markdown = (site / f"{prefix(lang)}checklists/{book_id}.md").read_text("utf-8")
            assert markdown.startswith(f"# {book.text(lang).title}")
            assert book.text(lang).body.splitlines()[0] in markdown
            assert all(CATALOG.techniques[t].text(lang).title in markdown for t in book.techniques)
            assert f"## {book.text(lang).title}" in full
        for tid, tech in CATALOG.techniques.items():
            assert f"{SITE_URL}{prefix(lang)}techniques/{tid}.md" in links
            markdown = (site / f"{prefix(lang)}techniques/{tid}.md").read_text("utf-8")
            assert markdown.startswith(f"# {tech.text(lang).title}")
            assert all(tech.text(lang).steps[s.id].text.split()[0] in markdown for s in tech.steps)
            assert f"## {tech.text(lang).title}" in full and tech.text(lang).body.strip().splitlines()[0] in full
        sources = (site / f"{prefix(lang)}sources.md").read_text("utf-8")
        for article in CATALOG.articles.values():
            assert f"## {article.title}" in sources and f"### {article.title}" in full
            assert all(item.text(lang).split()[0] in sources for section in article.sections for item in section.items)


def jsonld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize("lang", LANGS)
def test_howto_jsonld_on_technique_and_playbook_pages_points_at_step_anchors(site: Path, lang: str) -> None:
    for tid, tech in CATALOG.techniques.items():
        data = jsonld(page_file(site, f"{prefix(lang)}techniques/{tid}/").read_text("utf-8"))
        assert data["@type"] == "HowTo" and data["inLanguage"] == lang
        assert [s["url"].rsplit("#", 1)[1] for s in data["step"]] == [s.id for s in tech.steps]
        for step in data["step"]:
            assert step["@type"] == "HowToStep"
            assert_resolves(site, step["url"])
    for pid, book in CATALOG.playbooks.items():
        data = jsonld(page_file(site, f"{prefix(lang)}checklists/{pid}/").read_text("utf-8"))
        assert [section["name"] for section in data["step"]] == [CATALOG.techniques[t].text(lang).title for t in book.techniques]
        for section in data["step"]:
            for step in section["itemListElement"]:
                assert_resolves(site, step["url"])


def test_sitemap_lists_every_page_of_every_language_with_alternates(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site / "sitemap.xml")
    locs = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        locs[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    built = {p: '<meta name="robots" content="noindex">' in p.read_text("utf-8") for p in site.rglob("index.html")}
    pages = {str(p.relative_to(site).parent) for p, hidden in built.items() if not hidden}
    pages = {"" if p == "." else p + "/" for p in pages}
    assert {SITE_URL + p for p in pages} == set(locs), "sitemap and built pages (not marked noindex) differ"
    hidden = {str(p.relative_to(site).parent) for p, hidden in built.items() if hidden}
    assert hidden == {"offline", "sv/offline", "es/offline"}, "only the offline pages stay out of search engines"
    for alternates in locs.values():
        assert set(alternates) == {*LANGS, "x-default"}
        for href in alternates.values():
            assert_resolves(site, href)
    assert f"{SITE_URL}sv/cards/let-them-vent/" in locs and f"{SITE_URL}es/cheatsheet/" in locs
    swedish = ET.parse(site / "sv" / "sitemap.xml").getroot().findall("s:url/s:loc", ns)
    assert swedish and all(loc.text.startswith(SITE_URL + "sv/") for loc in swedish)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_stemmed_search_index(site: Path, lang: str) -> None:
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == [lang]
    assert "stemmer" in index["config"]["pipeline"]
    titles = {d["title"] for d in index["docs"]}
    for tech in CATALOG.techniques.values():
        assert tech.text(lang).title in titles
    for doc in index["docs"]:
        assert not doc["location"].startswith(("sv/", "es/")), doc["location"]
        path = doc["location"].split("#")[0]
        assert page_file(site / prefix(lang), path).exists(), doc["location"]


@pytest.mark.parametrize("lang", LANGS)
def test_console_situations_and_stages_are_data_in_json_and_markdown(site: Path, lang: str) -> None:
    live = CATALOG.live
    data = json.loads((site / "api" / lang / "techniques.json").read_text("utf-8"))["console"]
    assert data["url"] == f"{SITE_URL}{prefix(lang)}live/" and data["title"] == live.titles[lang]
    assert [(s["id"], s["text"], s["technique"], s["step"], f"{s['source']['article']}/{s['source']['section']}")
            for s in data["situations"]] == [(s.id, s.text(lang), s.technique, s.step, s.source) for s in live.situations]
    for situation in data["situations"]:
        tech = CATALOG.techniques[situation["technique"]]
        assert situation["step_text"] == tech.text(lang).steps[situation["step"]].text
    assert [(p["phase"], [f"{s['technique']}/{s['step']}" for s in p["steps"]]) for p in data["stages"]] == [
        (phase, list(refs)) for phase, refs in live.phases.items()]
    markdown = (site / f"{prefix(lang)}live.md").read_text("utf-8")
    assert data["markdown_url"] == f"{SITE_URL}{prefix(lang)}live.md" and markdown.startswith(f"# {live.titles[lang]}")
    full = (site / f"{prefix(lang)}llms-full.txt").read_text("utf-8")
    for situation in live.situations:
        line = next(line for line in markdown.splitlines() if f"#situation-{situation.id})" in line)
        assert situation.text(lang) in line and f"## {live.titles[lang]}" in full
        assert f"[{situation.text(lang)}]" in full
    for refs in live.phases.values():
        for ref in refs:
            tid, step = ref.split("/")
            assert f"techniques/{tid}/#{step})" in markdown


def test_llms_txt_lists_each_languages_console_cheat_sheet_and_cards(site: Path) -> None:
    links = re.findall(r"\]\((https?://[^)]+)\)", (site / "llms.txt").read_text("utf-8"))
    for lang in LANGS:
        for path in ("live/", "live.md", "cheatsheet/", "cards/"):
            assert f"{SITE_URL}{prefix(lang)}{path}" in links, (lang, path)


@pytest.mark.parametrize("lang", LANGS)
def test_technique_markdown_carries_every_section_of_its_page(site: Path, lang: str) -> None:
    for tid in CATALOG.techniques:
        page = parse_headings(page_file(site, f"{prefix(lang)}techniques/{tid}/").read_text("utf-8"))
        markdown = (site / f"{prefix(lang)}techniques/{tid}.md").read_text("utf-8")
        sections = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
        assert sorted(sections) == sorted(page), (tid, sections, page)
        for link in re.findall(r"\]\((https?://[^)]+)\)", markdown):
            assert_resolves(site, link)


def parse_headings(html: str) -> list[str]:
    """The h2 headings of a page's content, without their permalink sign."""
    article = html[html.index("<article"):html.index("</article>")]
    return [html_lib.unescape(re.sub(r"<[^>]+>|&para;", "", h)).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.S)]


def test_console_data_marks_a_situation_shown_in_english_and_is_absent_without_a_console() -> None:
    from dataclasses import replace

    from knowledge_base.content.locales import load_labels
    from knowledge_base.publish.api import console_data, techniques_json

    labels, _ = load_labels(ROOT / "locales", LANGS, ROOT)
    live = CATALOG.live
    first = live.situations[0]
    english_only = replace(first, texts={"en": first.texts["en"]})
    catalog = replace(CATALOG, live=replace(live, situations=(english_only, *live.situations[1:])))
    data = console_data(catalog, "sv", labels["sv"], SITE_URL)
    assert (data["situations"][0]["text"], data["situations"][0]["language"]) == (first.texts["en"], "en")
    assert (data["situations"][1]["text"], data["situations"][1]["language"]) == (live.situations[1].text("sv"), "sv")
    assert [p["title"] for p in data["stages"]] == [labels["sv"](f"phase.{p}") for p in live.phases]
    assert console_data(replace(CATALOG, live=None), "sv", labels["sv"], SITE_URL) is None
    assert "console" not in json.loads(techniques_json(replace(CATALOG, live=None), "sv", SITE_URL, labels))
