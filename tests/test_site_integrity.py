"""The whole built site: every internal link and anchor resolves, builds are reproducible, and
axe-core finds no accessibility violation of any impact, in every language and both colour schemes
(the dark scheme changes only colours: there, axe checks the rules that read them)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from knowledge_base.render.markup import site_path
from sitecheck import html_pages, page_file, parse, resolve

LANGS = ("en", "sv", "es")


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 100
    ids = {}
    broken = []
    for url, file in pages.items():
        for href, _ in parse(file.read_text("utf-8")).links:
            target = resolve(url, href)
            if target is None:
                continue
            path, anchor = target
            path = path.split("?")[0]
            target_file = page_file(site, path)
            if not target_file.exists():
                broken.append(f"{url}: {href}")
                continue
            if anchor and target_file.suffix == ".html":
                if target_file not in ids:
                    ids[target_file] = parse(target_file.read_text("utf-8")).ids
                if anchor not in ids[target_file]:
                    broken.append(f"{url}: {href} (no #{anchor})")
    assert not broken, "\n".join(broken[:30])


def _contents(site: Path) -> dict[str, bytes]:
    files = {}
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        files[file.relative_to(site).as_posix()] = gzip.decompress(data) if file.suffix == ".gz" else data
    return files


def test_two_clean_builds_are_identical(site: Path, tmp_path: Path) -> None:
    again = mkdocs_build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output
    first, second = _contents(site), _contents(again.site)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, differing[:10]


# (kind, id, situation whose move is open on the console)
AXE_PAGES = [("home", "", ""), ("console", "", "venting"), ("technique", "let-them-vent", ""),
             ("playbook", "live-call", ""), ("card", "let-them-vent", ""), ("cards", "", ""), ("cheatsheet", "", ""),
             ("translations", "", "")]
# The rules of axe-core that read colours: all that a change of colour scheme can break.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_accessibility_violations_in_either_colour_scheme(browser, site_url: str, lang: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                  service_workers="block")
    page = context.new_page()
    problems = []
    options = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    for kind, item_id, situation in AXE_PAGES:
        page.goto(site_url + site_path(lang, kind, item_id) + (f"#situation-{situation}" if situation else ""))
        if situation:
            assert page.locator(f'[data-kb-move="{situation}"]').is_visible()
        for violation in axe.run(page, options=options).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{kind} ({lang}, {scheme}): {violation['impact']} {violation['id']}: "
                            f"{violation['help']} {targets}")
    context.close()
    assert not problems, "\n".join(problems)
