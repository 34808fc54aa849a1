"""Every page of every language: the sitemap with hreflang alternates, and the search index
split so that each language searches only itself, with its own stemmer."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..content.model import DEFAULT_LANGUAGE, Catalog
from ..render.markup import site_path

PageKey = tuple[str, str]
SEARCH_PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]
TITLE_BOOST = 10  # a technique page's own entry outranks playbook sections that repeat its title
_LUNR_ALIASES = {"nb": "no", "nn": "no"}
_NEEDS_SEGMENTER = {"zh"}  # Material's lunr.zh splits words with jieba, which a browser does not have


def lunr_language(code: str, available: Collection[str]) -> str | None:
    """The lunr language of a site language (`pt` for `pt-BR`) when Material ships its stemmer, else None (plain search).

    `available` holds the languages of the `lunr.<language>.min.js` files in the built site.
    """
    base = re.split(r"[-_]", code, maxsplit=1)[0].lower()
    base = _LUNR_ALIASES.get(base, base)
    if base == "en":
        return base
    return base if base in available and base not in _NEEDS_SEGMENTER else None


# The phrases to say and to avoid, one per line, a field of each technique page's own entry: Material's
# search indexes every field the index config names (it shows only title and text), and the worker
# wrapper kb-search.js lists first the technique with a phrase that holds the whole query, words in
# order, case and accents aside. Weighed like a few mentions in the text, not like a title.
PHRASES_FIELD = "phrases"
PHRASES_BOOST = 10.0


def all_pages(catalog: Catalog) -> list[PageKey]:
    """Every page that exists in each language (untranslated ones fall back to English)."""
    keys: list[PageKey] = [("home", ""), ("sources", ""), ("guide", ""), ("translations", ""), ("cards", ""),
                           ("cheatsheet", "")]
    keys += [("console", "")] if catalog.live is not None else []
    keys += [("playbook", b) for b in catalog.playbooks]
    keys += [("technique", t) for t in catalog.techniques]
    keys += [("card", t) for t in catalog.techniques]
    return keys


def sitemap_xml(site_url: str, languages: Sequence[str], keys: Sequence[PageKey], only: str | None = None) -> str:
    """A sitemap of `keys` in every language (or `only` one), each URL with hreflang alternates."""
    base = site_url.rstrip("/") + "/"
    entries = []
    for kind, item_id in keys:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(alt)} href={quoteattr(base + site_path(alt, kind, item_id))}/>'
            for alt in languages
        )
        default = f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base + site_path(DEFAULT_LANGUAGE, kind, item_id))}/>'
        for lang in [only] if only else languages:
            entries.append(f"<url><loc>{escape(base + site_path(lang, kind, item_id))}</loc>{alternates}{default}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(entries) + "\n</urlset>\n")


def technique_phrases(catalog: Catalog, lang: str) -> dict[str, str]:
    """Per technique page (language-relative location), every phrase it teaches in `lang`: to say,
    to avoid and the steps' own, one per line."""
    phrases = {}
    for tid, technique in catalog.techniques.items():
        text = technique.text(lang)
        steps = [step.say for step in text.steps.values() if step.say]
        phrases[site_path(DEFAULT_LANGUAGE, "technique", tid)] = "\n".join([*text.say, *steps, *text.avoid])
    return phrases


def split_search_index(index: dict[str, Any], languages: Sequence[str], boosted: Sequence[str] = (),
                       stemmers: Collection[str] = ("sv", "es"),
                       phrases: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, dict[str, Any]]:
    """One search index per language, locations relative to that language's root.

    Each uses its language's lunr stemmer (see `lunr_language`; `stemmers` as there); a language
    without one gets plain search: no stemming, no stop words, no English trimming of its words.

    The entries at `boosted` locations (language-relative, e.g. technique pages) get a boost, so
    that a query matching a technique's title lists that technique first. `phrases` (per language,
    location to text) become the `phrases` field of those entries.
    """
    prefixes = {lang: f"{lang}/" for lang in languages if lang != DEFAULT_LANGUAGE}
    result = {}
    for lang in languages:
        if lang == DEFAULT_LANGUAGE:
            docs = [d for d in index["docs"] if not d["location"].startswith(tuple(prefixes.values()))]
        else:
            docs = [{**d, "location": d["location"][len(prefixes[lang]):]} for d in index["docs"]
                    if d["location"].startswith(prefixes[lang])]
        docs = [{**d, "boost": TITLE_BOOST} if d["location"] in boosted else d for d in docs]
        lunr = lunr_language(lang, stemmers)
        own = (phrases or {}).get(lang, {})
        docs = [{**d, PHRASES_FIELD: own[d["location"]]} if d["location"] in own else d for d in docs]
        fields = {**index["config"].get("fields", {}), PHRASES_FIELD: {"boost": PHRASES_BOOST}}
        config = {**index["config"], "lang": [lunr or "en"], "pipeline": SEARCH_PIPELINE if lunr else [], "fields": fields}
        result[lang] = {"config": config, "docs": docs}
    return result


def search_index_json(index: dict[str, Any]) -> str:
    """Serialise a search index the way MkDocs does."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
