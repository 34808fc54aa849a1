"""One markup policy for every text that enters the site, typed by hand or imported from a PO file.

Plain text (titles, summaries, steps, phrases, pitfalls, source points, labels) is shown exactly
as typed: the renderers escape it, so no markup in it is ever live. Markdown (the explanation of
a technique, the introduction of a playbook, the console or the sources page, the prose of other
pages) may use paragraphs, lists, headings, links, emphasis and code, and nothing that reaches
past markdown: no raw HTML (tags, comments, processing instructions), no attribute lists
(`{: ...}`, `{#id .class key=value}`; the site enables `attr_list` and `md_in_html` for its own
generated blocks only), no link reference definitions, and no link or image address other than
`http:`, `https:`, `mailto:` or a path on this site. A translation may use only the constructs its
English text uses. Every finding names the line of the file and what was found.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown

from .messages import Part, english

# Anything that makes a label more than plain text (kept as before: labels are plain text).
LABEL_MARKUP = re.compile(r"<[a-zA-Z/!]|&[a-zA-Z#][a-zA-Z0-9]*;|\]\(|\*\*|`")
SCHEMES = ("http", "https", "mailto")

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_BACKTICKS = re.compile(r"(?<!\\)`+")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*|[^<>\s@!]+@[^<>\s@]+)>")
_RAW_HTML = re.compile(r"<[A-Za-z/!?][^>\n]{0,40}>?")
_ATTR_LIST = re.compile(r"\{[ ]*:?[ ]*[^{}\n ][^{}\n]*\}")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S", re.MULTILINE)
_LINK_START = re.compile(r"\]\(")
_DESTINATION = re.compile(r"[ \t\n]*(<[^>\n]{0,256}>?|[^ \t\"')]{0,256})")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# What markdown may become: elements and, per element, the attributes it may carry.
ALLOWED = {"p": (), "ul": (), "ol": ("start",), "li": (), "a": ("href", "title"), "em": (), "strong": (),
           "code": (), "pre": (), "h1": ("id",), "h2": ("id",), "h3": ("id",), "h4": ("id",), "h5": ("id",),
           "h6": ("id",), "blockquote": (), "br": (), "hr": (), "img": ("src", "alt", "title")}
# Constructs counted to compare a translation with its English text.
CONSTRUCTS = {"p": "paragraph", "li": "list item", "a": "link", "em": "emphasis", "strong": "emphasis",
              "code": "code", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
              "h6": "heading", "blockquote": "quotation", "br": "line break", "hr": "rule", "img": "image"}
# The structure an imported translation must keep exactly: nothing cut off, nothing merged.
STRUCTURE = frozenset({"paragraph", "list item", "heading", "link", "line break", "image", "quotation", "rule"})


@dataclass(frozen=True)
class Finding:
    """One thing in a markdown text that the policy does not allow, at a 1-based line of the text.

    `code` is its message key (see `messages`): the message names what was found, the fix is the advice.
    """

    line: int
    code: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def found(self) -> Part:
        """What was found, said in the reader's language where it is shown."""
        return Part(self.code, self.params)

    @property
    def advice(self) -> Part:
        """How to fix it, likewise."""
        return Part(self.code, self.params, fix=True)

    def __str__(self) -> str:
        message, fix = english(self.code, dict(self.params))
        return f"{message}; {fix}"


def _finding(line: int, code: str, **params: object) -> Finding:
    return Finding(line, code, tuple(params.items()))


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _masked(text: str) -> str:
    """`text` with code blocks and code spans blanked out (same length and lines): code is shown as typed.

    A run of backticks opens a code span that the next run of the same length closes (linear time).
    """
    text = _FENCE.sub(lambda m: _blank(m[0]), text)
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    pointer = {length: 0 for length in by_length}
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        while pointer[end - start] < len(same) and same[pointer[end - start]] <= index:
            pointer[end - start] += 1
        if pointer[end - start] >= len(same):
            index += 1
            continue
        closing = same[pointer[end - start]]
        spans.append((start, runs[closing][1]))
        index = closing + 1
    for start, end in reversed(spans):
        text = text[:start] + _blank(text[start:end]) + text[end:]
    return text


def normalised_address(address: str) -> str:
    """A link address as a browser reads it: entities decoded, markdown escapes, spaces and controls removed."""
    address = address.strip()
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1]
    address = html.unescape(_MD_ESCAPE.sub(r"\1", html.unescape(address)))
    return _INVISIBLE.sub("", address).lower()


def address_problem(address: str) -> tuple[str, dict[str, object]] | None:
    """Why a link or image address is not allowed (a message key and its parameters but `text`), or None.

    Allowed: http(s), mailto and site paths only.
    """
    plain = normalised_address(address)
    scheme = _SCHEME.match(plain)
    if scheme and scheme[1] not in SCHEMES:
        return "markup.scheme", {"scheme": scheme[1]}
    if plain.replace("\\", "/").startswith("//"):
        return "markup.no_scheme", {}
    return None


def _destination(text: str, start: int) -> str:
    """The start of the link destination at `start` (just after `](`): enough to see its scheme."""
    match = _DESTINATION.match(text, start)
    return match[1] if match else ""


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


MAX_FINDINGS = 20  # per kind of finding: the first ones say enough
MAX_OPEN_BRACKETS = 100  # Python-Markdown's time grows with the cube of unclosed '[' (600 take a second)


def _unclosed_brackets(masked: str) -> int | None:
    """The offset of the first '[' never closed, when there are more than MAX_OPEN_BRACKETS of them."""
    stack: list[int] = []
    for match in re.finditer(r"[\[\]]", masked):
        if match[0] == "[":
            stack.append(match.start())
        elif stack:
            stack.pop()
    if len(stack) > MAX_OPEN_BRACKETS:
        return stack[0]
    starts = [m.start() for m in _LINK_START.finditer(masked)]  # a link whose ')' never comes costs as much
    open_links = [a for a, b in zip(starts, [*starts[1:], len(masked)]) if masked.find(")", a, b) < 0]
    return open_links[0] if len(open_links) > MAX_OPEN_BRACKETS else None


def markdown_findings(text: str) -> list[Finding]:
    """Everything in a markdown text that the policy does not allow, in the order of the text."""
    return list(_findings(text))


@lru_cache(maxsize=8192)  # pure: under serve, an unchanged page is not checked again on every rebuild
def _findings(text: str) -> tuple[Finding, ...]:
    masked = _masked(text)
    found: list[Finding] = []
    at = _unclosed_brackets(masked)
    if at is not None:
        return (_finding(_line(text, at), "markup.brackets", limit=MAX_OPEN_BRACKETS),)
    for match in re.finditer(r"<", masked):
        at = match.start()
        auto = _AUTOLINK.match(masked, at)
        if auto:
            problem = address_problem(auto[1]) if "@" not in auto[1] or ":" in auto[1] else None
            if problem:
                found.append(_finding(_line(text, at), problem[0], **problem[1], text=auto[0]))
            continue
        tag = _RAW_HTML.match(masked, at)
        if tag:
            found.append(_finding(_line(text, at), "markup.raw_html", text=repr(tag[0])))
        if len(found) >= MAX_FINDINGS:
            break
    for match in itertools.islice(_ATTR_LIST.finditer(masked), MAX_FINDINGS):
        found.append(_finding(_line(text, match.start()), "markup.attr_list", text=repr(match[0])))
    for match in itertools.islice(_REFERENCE.finditer(masked), MAX_FINDINGS):
        found.append(_finding(_line(text, match.start()), "markup.reference",
                              text=repr(masked[match.start():].splitlines()[0].strip()[:60])))
    for match in _LINK_START.finditer(masked):
        address = _destination(masked, match.end())
        problem = address_problem(address)
        if problem:
            found.append(_finding(_line(text, match.start()), problem[0], **problem[1], text=repr(address[:60])))
            if len(found) >= 3 * MAX_FINDINGS:
                break
    found.sort(key=lambda f: f.line)
    return tuple(found or _rendered_findings(text))


class _Elements(HTMLParser):
    """The elements and attributes of rendered markdown, with what the policy does not allow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self.bad: list[tuple[str, dict[str, object]]] = []  # message keys and parameters

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.bad.append(("markup.becomes", {"element": f"<{tag}>"}))
            return
        if tag in CONSTRUCTS:
            self.counts[CONSTRUCTS[tag]] += 1
        for name, value in attrs:
            if name not in ALLOWED[tag]:
                self.bad.append(("markup.becomes", {"element": f"<{tag} {name}=...>"}))
            elif name in ("href", "src") and address_problem(value or ""):
                self.bad.append(("markup.becomes", {"element": f"<{tag} {name}={value!r}>"}))

    def handle_comment(self, data: str) -> None:
        self.bad.append(("markup.becomes_comment", {}))

    def handle_pi(self, data: str) -> None:
        self.bad.append(("markup.becomes_instruction", {}))

    def handle_decl(self, decl: str) -> None:
        self.bad.append(("markup.becomes_declaration", {}))

    def unknown_decl(self, data: str) -> None:
        self.bad.append(("markup.becomes_declaration", {}))


_renderer = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"])  # as mkdocs.yml: what the site would do


@lru_cache(maxsize=8192)  # pure, and its result is only read: each text is rendered once per process
def _render(text: str) -> _Elements:
    _renderer.reset()
    parser = _Elements()
    parser.feed(_renderer.convert(text))
    parser.close()
    return parser


def _rendered_findings(text: str) -> list[Finding]:
    """Safety net: render the text as the site would and look at the HTML that comes out."""
    if not any(c in text for c in "<>&{[:"):  # nothing that could become an element or an attribute
        return []
    return [_finding(1, code, **params) for code, params in _render(text).bad[:1]]


def constructs(text: str) -> Counter[str]:
    """How many paragraphs, list items, links, emphases, code spans, headings... a markdown text has."""
    return Counter(_render(text).counts)


def construct_problems(english_text: str, translation: str, exact: bool) -> list[tuple[str, dict[str, object]]]:
    """How a markdown translation's constructs differ from its English text's, as message keys and parameters.

    It may use only constructs the English uses; with `exact` (an import), as many paragraphs, list items,
    headings, links and line breaks as the English (emphasis and code may differ in number).
    """
    want, got = constructs(english_text), constructs(translation)
    problems: list[tuple[str, dict[str, object]]] = []
    for name in sorted(set(want) | set(got)):
        word = name.replace(" ", "_")  # the key of the construct's name under `messages.constructs`
        if got[name] and not want[name]:
            problems.append(("markup.uses", {"construct": word, "count": got[name]}))
        elif exact and name in STRUCTURE and got[name] != want[name]:
            problems.append(("markup.structure", {"construct": word, "count": got[name], "english_count": want[name]}))
    return problems
