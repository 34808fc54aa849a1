"""The markup policy on hostile content: every case typed by hand into a page is a located error
(file, line, what was found), and so is every case arriving through a PO import (PO file, line)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from knowledge_base.content.errors import ContentError
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.markup_policy import address_problem, markdown_findings
from knowledge_base.content.messages import english
from minisite import LISTEN_EN, PLAYBOOK_EN, SOURCES_EN, TECHNIQUE_SV, write_docs

LANGUAGES = ("en", "sv", "es")
SV = "docs/techniques/breathe.sv.md"
SV_BODY_LINE = TECHNIQUE_SV.splitlines().index("Varför det hjälper att andas.") + 1


def with_body(page: str, body: str) -> str:
    """`page` (front matter and body) with its body replaced."""
    head, _, _ = page.rpartition("---\n")
    return head + "---\n" + body


# (case, file, new text of the file, expected "path:line", words of the finding)
HAND_EDITS = [
    ("script-in-translation", "techniques/breathe.sv.md", with_body(TECHNIQUE_SV, "Andas.\n\n<script>alert(1)</script>\n"),
     f"{SV}:{SV_BODY_LINE + 2}", "raw HTML '<script>'"),
    ("javascript-link", "techniques/listen.en.md", with_body(LISTEN_EN, "See [this](javascript:alert(1)).\n"),
     "docs/techniques/listen.en.md:14", "a link to 'javascript:'"),
    ("entity-encoded-scheme", "techniques/listen.en.md", with_body(LISTEN_EN, "See [this](jav&#x61;script:alert(1)).\n"),
     "docs/techniques/listen.en.md:14", "a link to 'javascript:'"),
    ("scheme-split-by-newline-and-case", "techniques/listen.en.md",
     with_body(LISTEN_EN, "Why.\n\nSee [this]( JaVa\nScRipt:alert(1)).\n"), "docs/techniques/listen.en.md:16",
     "a link to 'javascript:'"),
    ("autolink-javascript", "techniques/listen.en.md", with_body(LISTEN_EN, "Go <javascript:alert(1)> now.\n"),
     "docs/techniques/listen.en.md:14", "a link to 'javascript:' in <javascript:alert(1)>"),
    ("attribute-list-on-paragraph", "techniques/listen.en.md",
     with_body(LISTEN_EN, "Why listening helps.\n{: onclick=\"alert(1)\"}\n"), "docs/techniques/listen.en.md:15",
     "an attribute list '{: onclick=\"alert(1)\"}'"),
    ("attribute-list-on-heading", "index.en.md", "---\ntitle: Home\nhome: true\n---\n\n# Home {#top onmouseover=alert(1)}\n",
     "docs/index.en.md:6", "an attribute list '{#top onmouseover=alert(1)}'"),
    ("reference-definition", "checklists/short.en.md", with_body(PLAYBOOK_EN, "Use [it][x].\n\n[x]: javascript:alert(1)\n"),
     "docs/checklists/short.en.md:8", "a link reference definition '[x]: javascript:alert(1)'"),
    ("html-comment", "sources.en.md", with_body(SOURCES_EN, "About.\n<!-- hidden -->\n"), "docs/sources.en.md:16",
     "raw HTML '<!-- hidden -->'"),
    ("data-image", "techniques/listen.en.md", with_body(LISTEN_EN, "![x](data:text/html;base64,PHNjcmlwdD4=)\n"),
     "docs/techniques/listen.en.md:14", "a link to 'data:'"),
    ("protocol-relative-link", "techniques/listen.en.md", with_body(LISTEN_EN, "[x](//evil.example/)\n"),
     "docs/techniques/listen.en.md:14", "another host without http(s)"),
    ("md-in-html-block", "index.sv.md", "---\ntitle: Hem\n---\n\n<div markdown=\"1\" onclick=\"alert(1)\">\n\nHej\n\n</div>\n",
     "docs/index.sv.md:5", "raw HTML '<div markdown=\"1\" onclick=\"alert(1)\">'"),
    ("translation-adds-a-link", "techniques/breathe.sv.md", with_body(TECHNIQUE_SV, "Se [här](https://example.org/).\n"),
     f"{SV}:{SV_BODY_LINE}", "uses link (1), which the English text does not"),
    ("iframe-in-home-translation", "index.sv.md", "---\ntitle: Hem\n---\n\n# Hem\n\nVälkommen <iframe src=x></iframe>\n",
     "docs/index.sv.md:7", "raw HTML '<iframe src=x>'"),
    ("style-in-playbook-introduction", "checklists/short.en.md", with_body(PLAYBOOK_EN, "Intro.\n\n<style>*{display:none}</style>\n"),
     "docs/checklists/short.en.md:8", "raw HTML '<style>'"),
    ("vbscript-in-angle-destination", "techniques/listen.en.md", with_body(LISTEN_EN, "[x](<VBScript:msgbox(1)>)\n"),
     "docs/techniques/listen.en.md:14", "a link to 'vbscript:'"),
    ("unclosed-link-brackets", "techniques/listen.en.md", with_body(LISTEN_EN, "Why.\n\n" + "[a](b " * 500 + "\n"),
     "docs/techniques/listen.en.md:16", "unclosed link brackets"),
]


@pytest.mark.parametrize(("name", "file", "text", "where", "found"), HAND_EDITS, ids=[c[0] for c in HAND_EDITS])
def test_hand_edit_against_the_policy_is_a_located_error(tmp_path: Path, name: str, file: str, text: str, where: str,
                                                          found: str) -> None:
    docs = write_docs(tmp_path, **{file: text})
    started = time.perf_counter()
    with pytest.raises(ContentError) as raised:
        load_catalog(docs, LANGUAGES, tmp_path)
    message = str(raised.value)
    assert message.startswith(where + ":"), message
    assert found in message, message
    assert time.perf_counter() - started < 30, "a hostile page must not make loading crawl"


ALLOWED = [
    "Plain *emphasis*, **strong**, `<b>code</b>` and a [link](https://example.org/) or [page](../listen/).",
    "Mail <mailto:team@example.org>, see <https://example.org/a?b=c>, write to <team@example.org>.",
    "- a list item\n- another one with `{: braces in code}`\n\n1. numbered",
    "Entities stay text: &lt;script&gt; and AT&amp;T, 3 < 4 and 5 > 2.",
    "[anchor](#steps) and [file](../techniques/listen.md)",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_markdown_the_policy_allows(text: str) -> None:
    assert markdown_findings(text) == []


@pytest.mark.parametrize(("address", "problem"), [
    ("https://example.org/", None), ("mailto:a@b.c", None), ("../x/", None), ("#top", None), ("/sv/", None),
    ("java\tscript:alert(1)", "a link to 'javascript:'"), ("&#106;avascript:x", "a link to 'javascript:'"),
    ("\x01javascript:x", "a link to 'javascript:'"), ("/\\evil.example/", "a link to another host without http(s)"),
    ("FILE:///etc/passwd", "a link to 'file:'"),
])
def test_link_addresses_as_a_browser_reads_them(address: str, problem: str | None) -> None:
    found = address_problem(address)  # a message key and its parameters, said here in English
    said = english(found[0], {**found[1], "text": "X"})[0].removesuffix(" in X") if found else None
    assert said == problem
