"""Agents browsing in a real browser: search per language with stemming, the language switcher on
every kind of page, step anchors, copy buttons, and no request ever leaving the site."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import mkdocs_build
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.render.markup import site_path
from minisite import TECHNIQUE_SV, mini_project
from printing import serve
from sitecheck import prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
KINDS = [("home", ""), ("technique", "let-them-vent"), ("playbook", "live-call"), ("card", "broken-record"),
         ("cards", ""), ("cheatsheet", ""), ("sources", ""), ("guide", ""), ("translations", "")]


def search(page, query: str) -> list[str]:
    """Type `query` into Material's search box; the result links, once they settle."""
    box = page.locator("input.md-search__input")
    if page.viewport_size["width"] < 960:  # below 60em the search opens from a header button ("/" too)
        page.keyboard.press("/")
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    return results.evaluate_all("links => links.map(a => a.href)")


def in_language(url: str, base: str, lang: str) -> bool:
    path = url[len(base):]
    return path.startswith(f"{lang}/") if lang != "en" else not path.startswith(("sv/", "es/"))


@pytest.mark.parametrize(("lang", "query", "expected", "absent_word"), [
    ("en", "apologised", "apologise-sincerely", "apologised"),
    ("sv", "ilskans", "acknowledge-the-anger", "ilskans"),
    ("es", "enojada", "acknowledge-the-anger", "enojada"),
])
def test_search_stays_in_the_language_and_stems(page, site: Path, site_url: str, lang: str, query: str,
                                                 expected: str, absent_word: str) -> None:
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    assert all(absent_word not in (d["title"] + " " + d["text"]).lower() for d in index["docs"]), "premise: only stemming can match"
    page.goto(f"{site_url}{prefix(lang)}techniques/let-them-vent/")
    links = search(page, query)
    assert all(in_language(link, site_url, lang) for link in links), links
    assert any(f"{prefix(lang)}techniques/{expected}/" in link for link in links), links


def test_swedish_ilskan_finds_a_page_that_only_says_ilska(browser, tmp_path: Path) -> None:
    project = mini_project(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace("Andas ut.", "Möt ilska med lugn.")})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "ilskan" not in (tmp_path / "out" / "sv" / "search" / "search_index.json").read_text("utf-8")
    context = browser.new_context()
    page = context.new_page()
    with serve(tmp_path / "out") as base:
        page.goto(base + "sv/")
        links = search(page, "ilskan")
    context.close()
    assert any("sv/techniques/breathe/" in link for link in links), links


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_goes_to_the_same_page(page, site_url: str, lang: str) -> None:
    for kind, item_id in KINDS:
        page.goto(site_url + site_path(lang, kind, item_id))
        for other in LANGS:
            link = page.locator(f"a.md-select__link[hreflang={other}]")
            target = page.evaluate("href => new URL(href, location.href).href", link.get_attribute("href"))
            assert target == site_url + site_path(other, kind, item_id), f"{kind} {lang}->{other}: {target}"
    page.goto(site_url + site_path(lang, "card", "let-them-vent"))
    page.locator(".md-header__option .md-select").hover()
    other = "es" if lang != "es" else "sv"
    page.locator(f"a.md-select__link[hreflang={other}]").click()
    page.wait_for_url(site_url + site_path(other, "card", "let-them-vent"))


def test_step_anchor_lands_on_the_step(page, site_url: str) -> None:
    tech = CATALOG.techniques["let-them-vent"]
    step = tech.steps[1]
    page.goto(f"{site_url}sv/techniques/let-them-vent/#{step.id}")
    assert page.evaluate("document.querySelector(':target').id") == step.id
    assert page.locator(f"#{step.id}").is_visible()
    assert page.evaluate(f"document.getElementById('{step.id}').getBoundingClientRect().top") < 900
    page.goto(f"{site_url}es/checklists/live-call/#let-them-vent--{step.id}")
    assert page.evaluate("document.querySelector(':target').id") == f"let-them-vent--{step.id}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_copy_button_copies_the_phrase_and_confirms(browser, site_url: str, lang: str) -> None:
    labels = LABELS[lang]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    phrase = CATALOG.techniques["let-them-vent"].text(lang).say[0]
    page.goto(f"{site_url}{prefix(lang)}techniques/let-them-vent/")
    button = page.get_by_role("button", name=labels("copy.label", phrase=phrase))
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == phrase
    assert button.inner_text() == labels("copy.done")
    page.emulate_media(media="print")
    assert not button.is_visible(), "copy buttons must not print"
    for kind, item_id in (("playbook", "live-call"), ("card", "let-them-vent")):
        page.emulate_media(media="screen")
        page.goto(site_url + site_path(lang, kind, item_id))
        assert page.locator("button.kb-copy:visible").count() > 0, f"no copy button on {kind}"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_request_leaves_the_site_and_nothing_fails(browser, site_url: str, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    outside, failed, errors = [], [], []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).netloc != urlsplit(site_url).netloc
            and not r.url.startswith(("data:", "blob:")) else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for kind, item_id in KINDS:
        page.goto(site_url + site_path(lang, kind, item_id))
        page.wait_for_load_state("networkidle")
    search(page, CATALOG.techniques["let-them-vent"].text(lang).title.split()[-1])
    context.close()
    assert not outside, outside
    assert not failed, failed
    assert not errors, errors


def _fold(text: str) -> list[str]:
    """Words without case or accents."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.findall(r"\w+", plain.lower())


def _listing(lang: str, query: str) -> set[str]:
    """The techniques with a phrase to say or avoid that holds every word of `query`."""
    words, found = _fold(query), set()
    for tid, technique in CATALOG.techniques.items():
        text = technique.text(lang)
        for phrase in [*text.say, *(s.say for s in text.steps.values() if s.say), *text.avoid]:
            if all(w in _fold(phrase) for w in words):
                found.add(tid)
    return found


@pytest.mark.parametrize(("lang", "query", "viewport"), [
    ("en", "calm down", (1366, 768)), ("es", "cálmese", (390, 844)), ("es", "calmese", (1366, 768)),
    ("sv", "lugna dig", (390, 844)), ("sv", "redan sagt", (1366, 768)), ("es", "continúe por favor", (390, 844)),
])
def test_a_remembered_phrase_finds_the_technique_that_lists_it_first(browser, site_url: str, lang: str, query: str,
                                                                    viewport: tuple[int, int]) -> None:
    expected = _listing(lang, query)
    assert expected, "premise: some technique lists the phrase"
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    page = context.new_page()
    page.goto(f"{site_url}{prefix(lang)}")
    pages = []
    for link in search(page, query):
        path = urlsplit(link).path
        if path not in pages:
            pages.append(path)
    context.close()
    first = {p.rstrip("/").rsplit("/", 1)[-1] for p in pages[:len(expected)]}
    assert first == expected, pages[:5]
