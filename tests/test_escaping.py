"""Property-based: hostile strings in every string field of content and locales never become live
markup in the built HTML, JSON, markdown, llms.txt or sitemap."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import mkdocs_build
from minisite import mini_project

FRAGMENTS = ['<script>alert("kb1")</script>', '"><img src=x onerror=alert("kb2")>', "</script>", "{{ 7*7 }}",
             "[kb4](javascript:alert(4))", "<!--kb5-->", "\u200fkb6\u200e", "&amp;kb7", "*kb8*", "`kb9`", "{#kb10}"]
HOSTILE = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=2).map(" ".join)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def poison(value: object, payload: str) -> object:
    """Every string in a YAML structure with `payload` added; ids and references left alone.

    In phrases (`say`, `avoid`) braces are slot syntax, so a stray one is an error there (test_slots.py):
    their payload has round brackets instead."""
    if isinstance(value, dict):
        return {k: (v if k in {"id", "phase", "related", "sources", "covers", "techniques", "source", "language", "file",
                               "window", "home", "cheatsheet"} else
                    poison(v, payload.replace("{", "(").replace("}", ")") if k in ("say", "avoid") else payload))
                for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, payload) for v in value]
    if isinstance(value, str):
        return f"{value} {payload}"
    return value


def poison_project(project: Path, payload: str) -> None:
    for file in (project / "docs").rglob("*.md"):
        head, body = file.read_text("utf-8").split("---", 2)[1:]
        data = poison(yaml.safe_load(head), payload)
        file.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, width=10_000) + "---" + body, "utf-8")
    for file in (project / "locales").glob("*.yml"):
        data = yaml.safe_load(file.read_text("utf-8"))

        def labels(node: dict, at: str = "") -> dict:
            return {k: labels(v, f"{at}{k}.") if isinstance(v, dict) else
                    (v if f"{at}{k}".startswith("quote.") else f"{v} {payload}") for k, v in node.items()}
        file.write_text(yaml.safe_dump(labels(data), allow_unicode=True, width=10_000), "utf-8")


class LiveMarkup(HTMLParser):
    """Collects anything in a page that a hostile string could have turned into markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "script":
            self.script_type = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script_type = None

    def handle_data(self, data: str) -> None:
        if self.script_type and "json" not in self.script_type and re.search(r"kb\d", data):  # a payload's marker
            self.found.append(f"script text: {data[:60]}")

    def handle_comment(self, data: str) -> None:
        if "kb5" in data:
            self.found.append(f"<!--{data}-->")


def check_site(site: Path, payload: str) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    for file in pages:
        parser = LiveMarkup()
        parser.feed(file.read_text("utf-8"))
        assert not parser.found, f"{file.relative_to(site)}: {parser.found}"
    for file in site.rglob("*.json"):
        json.loads(file.read_text("utf-8"))
    api = json.loads((site / "api" / "sv" / "techniques.json").read_text("utf-8"))
    assert api["techniques"][0]["title"].endswith(payload), "JSON must carry the text unchanged"
    for file in site.rglob("*.webmanifest"):  # app names and shortcuts come from the locale files
        assert json.loads(file.read_text("utf-8"))["name"].endswith(payload)
    for file in [site / "llms.txt", *site.rglob("techniques/*.md"), *site.rglob("live.md"), *site.rglob("llms-full.txt")]:
        text = file.read_text("utf-8")
        for raw in ("<script", "<img", "<!--"):
            assert raw not in text, f"{file.relative_to(site)} contains {raw}"
        assert not re.search(r"(?<!\\)\]\(javascript:", text), f"{file.relative_to(site)} has a live javascript: link"
    ET.parse(site / "sitemap.xml")
    if "{{ 7*7 }}" in payload:
        breathe = (site / "sv" / "techniques" / "breathe" / "index.html").read_text("utf-8")
        assert "{{ 7*7 }}" in breathe, "template syntax must stay literal text"


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(payload=" ".join(FRAGMENTS[0:2]))
@example(payload=" ".join(FRAGMENTS[2:6]))
@example(payload=" ".join(FRAGMENTS[6:]))
@given(payload=HOSTILE)
def test_hostile_strings_never_become_markup(tmp_path: Path, payload: str) -> None:
    project = tmp_path / "project"
    shutil.rmtree(project, ignore_errors=True)
    mini_project(project)
    poison_project(project, payload)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    check_site(build.site, payload)
