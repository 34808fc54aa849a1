"""Check the markdown of every page (the text after the front matter) against the markup policy.

Every `<name>.<lang>.md` under the docs folder is checked, English and translations alike: the
explanations of techniques, the introductions of playbooks, the console and the sources page,
the home page and the guide. A translation may use only the constructs its English page uses.
Errors name the file, the line in the file and what was found (see `markup_policy`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .errors import ContentError
from .markup_policy import construct_problems, markdown_findings
from .model import DEFAULT_LANGUAGE
from .yamltext import read_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z_-]+)\.md$")


def page_body(text: str) -> tuple[str, int]:
    """The markdown after the front matter and the file line it starts on."""
    match = _FRONT_MATTER.match(text)
    start = match.end() if match else 0
    return text[start:], text.count("\n", 0, start) + 1


def check_body(body: str, first_line: int, shown: str) -> None:
    """Raise a ContentError at the first thing in `body` the policy does not allow."""
    findings = markdown_findings(body)
    if findings:
        first = findings[0]
        raise ContentError(shown, line=first_line + first.line - 1, code="markup.in_page",
                           params={"finding": first.found, "advice": first.advice})


def check_pages(docs_dir: Path, languages: Sequence[str], root: Path, skip: frozenset[str] = frozenset()) -> None:
    """Check the markdown of every page of `languages` under `docs_dir` (translations named in `skip` excepted)."""
    bodies: dict[tuple[str, str], tuple[str, int, str]] = {}
    for file in sorted(docs_dir.rglob("*.md")):
        match = _PAGE.match(file.name)
        if not match or match["lang"] not in languages or "assets" in file.relative_to(docs_dir).parts:
            continue
        shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
        if shown in skip and match["lang"] != DEFAULT_LANGUAGE:
            continue
        body, first = page_body(read_text(file, shown))
        check_body(body, first, shown)
        stem = file.relative_to(docs_dir).parent.joinpath(match["stem"]).as_posix()
        bodies[(stem, match["lang"])] = (body, first, shown)
    for (stem, lang), (body, first, shown) in bodies.items():
        english = bodies.get((stem, DEFAULT_LANGUAGE))
        if lang == DEFAULT_LANGUAGE or english is None or not body.strip():
            continue
        problems = construct_problems(english[0], body, exact=False)
        if problems:  # without `exact`, every problem is a construct the English page does not use
            raise ContentError(shown, line=first, code="markup.page_uses", params={**problems[0][1], "english": english[2]})
