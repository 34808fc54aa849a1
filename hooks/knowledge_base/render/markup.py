"""Small pure helpers: escaping for HTML and markdown, the site's URL scheme, quotes."""

from __future__ import annotations

import html
import posixpath
import re

from ..content.locales import Labels
from ..content.model import DEFAULT_LANGUAGE, text_direction
from ..content.slots import ON_DEVICE, pieces

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~^])")
_MD_LEADING = re.compile(r"^(\d+(?=[.)])|(?=[#>+\-=]))")

KINDS = {
    "home": "",
    "console": "live/",
    "technique": "techniques/{id}/",
    "playbook": "checklists/{id}/",
    "sources": "sources/",
    "card": "cards/{id}/",
    "cards": "cards/",
    "cheatsheet": "cheatsheet/",
    "guide": "translating/",
    "translations": "translations/",
    "offline": "offline/",
}


_GENERATED_BLOCK = re.compile(r'^<(?:div|ol|ul|p|table|article|script)\b[^>]*\b(?:class="(?:kb-|md-button)|type="application/ld\+json")')


def stash_blocks(markdown: str) -> tuple[str, list[str]]:
    """Swap each generated single-line HTML block for a placeholder that markdown passes through.

    Generated blocks are escaped, finished HTML; sending them through the markdown parser only
    costs time. `unstash_blocks` puts them back into the rendered page.
    """
    blocks: list[str] = []
    parts = markdown.split("\n\n")
    for i, part in enumerate(parts):
        if "\n" not in part.strip() and _GENERATED_BLOCK.match(part.strip()):
            parts[i] = f'<div data-kb-block="{len(blocks)}"></div>'
            blocks.append(part.strip())
    return "\n\n".join(parts), blocks


def unstash_blocks(html_text: str, blocks: list[str]) -> str:
    """Put the blocks `stash_blocks` took out back in place of their placeholders."""
    for n, block in enumerate(blocks):
        html_text = html_text.replace(f'<div data-kb-block="{n}"></div>', block, 1)
    return html_text


def absolute(site_url: str, path: str) -> str:
    """`path` (site-relative) as an absolute URL."""
    return site_url.rstrip("/") + "/" + path


def esc(text: str) -> str:
    """Escape text for an HTML element or a double-quoted attribute."""
    return html.escape(text, quote=True)


def md_text(text: str) -> str:
    """Escape text for a markdown heading, paragraph or list item: no markup survives."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LEADING.sub(lambda m: m[0] + "\\", escaped, count=1)


def site_path(lang: str, kind: str, item_id: str = "") -> str:
    """The site-relative URL (no leading slash) of a page in `lang`."""
    path = KINDS[kind].format(id=item_id)
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def relative(target: str, base: str) -> str:
    """`target` (site-relative, may carry #anchor) as a link from the page at `base`."""
    path, hash_, anchor = target.partition("#")
    rel = posixpath.relpath("/" + path, "/" + (base if base.endswith("/") or not base else base + "/"))
    if (not path or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (hash_ + anchor if hash_ else "")


def slot_name(labels: Labels, slot: str) -> str:
    """What a slot stands for in the reader's words ("customer's name"), printed under a write-on line."""
    key = f"slots.{slot}.name"
    return labels(key) if key in labels.values else slot


def blank(labels: Labels, slot: str) -> str:
    """The visible blank for a slot without a value, e.g. "[customer's name]"."""
    return labels("names.blank", name=slot_name(labels, slot)) if "names.blank" in labels.values else f"[{slot}]"


def _value(labels: Labels, slot: str, first: bool) -> str | None:
    value = labels.team.get(slot)
    if value is None:
        return None
    return value[:1].upper() + value[1:] if first else value


def phrase_text(labels: Labels, phrase: str, keep: tuple[str, ...] = ()) -> str:
    """A phrase as plain text: the team's values in its slots, a visible blank where there is none.

    Slots named in `keep` stay as `{name}` (a template the agent's device fills in).
    """
    out = []
    for n, (part, is_slot) in enumerate(pieces(phrase)):
        if not is_slot:
            out.append(part)
        elif part in keep:
            out.append("{" + part + "}")
        else:
            value = _value(labels, part, n == 0)
            out.append(value if value is not None else blank(labels, part))
    return "".join(out)


def phrase_html(labels: Labels, phrase: str) -> str:
    """A phrase as escaped HTML: values filled in; each blank a `kb-slot` span the agent's device may fill.

    On paper a blank is a write-on line with its name under it (kb.css); on screen `kb-names.js`
    puts the names the agent typed into the `customer` and `agent` blanks.
    """
    out = []
    for n, (part, is_slot) in enumerate(pieces(phrase)):
        value = _value(labels, part, n == 0) if is_slot else None
        if not is_slot:
            out.append(esc(part))
        elif value is not None:
            out.append(esc(value))
        else:
            first = ' data-kb-first=""' if n == 0 else ""
            out.append(f'<span class="kb-slot" data-kb-slot="{esc(part)}" data-kb-label="{esc(slot_name(labels, part))}"'
                       f'{first}>{esc(blank(labels, part))}</span>')
    return "".join(out)


def _quote_marks(labels: Labels, text: str) -> tuple[str, str, str]:
    """(opening mark, text, closing mark): a final full stop goes where the language wants it (Spanish: «…».)."""
    if text.endswith(".") and not text.endswith(".."):
        return labels("quote.open"), text[:-1], labels("quote.close_stop")
    return labels("quote.open"), text, labels("quote.close")


def quote_text(labels: Labels, text: str) -> str:
    """A phrase in the quotation marks of the language, its slots filled (see `phrase_text`), not escaped.

    A phrase that ends in one full stop takes `quote.close_stop` in place of that stop and the
    closing mark, so each language puts the stop where its rules want it (Spanish: «…».).
    """
    opening, body, closing = _quote_marks(labels, text)
    return opening + phrase_text(labels, body) + closing


def quoted(labels: Labels, text: str) -> str:
    """A phrase in the quotation marks of the language, as HTML with its slots filled (see `phrase_html`)."""
    opening, body, closing = _quote_marks(labels, text)
    return esc(opening) + phrase_html(labels, body) + esc(closing)


def lang_attr(text_lang: str, page_lang: str) -> str:
    """` lang="xx"` for text in another language than its page (English fallback), else nothing; with its `dir`
    when the two languages are written in different directions (English inside an Arabic page)."""
    if text_lang == page_lang:
        return ""
    direction = text_direction(text_lang)
    return f' lang="{esc(text_lang)}"' + (f' dir="{direction}"' if direction != text_direction(page_lang) else "")


def fallback_labels(text_lang: str, page_lang: str, english: Labels | None) -> Labels | None:
    """The labels of a text's own language when it is English fallback on a page in another language.

    None when the text is in the page's language, or when no English labels were given. Renderers
    pass the result as `source` (phrase_item, ChecklistStep): such text carries `lang="en"` and
    English quotation marks.
    """
    return english if english is not None and text_lang != page_lang else None


def untranslated_note(labels: Labels, title: str = "", title_lang: str = "en") -> str:
    """The note, in the reader's language, on a technique shown in English because it is not translated.

    With `title`, the note names the technique first (where steps of several techniques are listed).
    """
    name = f"<span{lang_attr(title_lang, labels.lang)}>{esc(title)}</span>: " if title else ""
    return f'<p class="kb-untranslated kb-notice" role="note">{name}{esc(labels("review.untranslated_technique"))}</p>'


def copy_button(labels: Labels, phrase: str) -> str:
    """A button that copies `phrase` with its slots filled (revealed by the script; never printed).

    A phrase with the customer's or agent's name carries its template too: `kb-names.js` puts in
    the names typed on this device before anything is copied.
    """
    text = phrase_text(labels, phrase)
    template = ""
    if any(is_slot and part in ON_DEVICE for part, is_slot in pieces(phrase)):
        kept = phrase_text(labels, phrase, keep=ON_DEVICE)
        template = (f' data-kb-template="{esc(kept)}" '
                    f'data-kb-label-template="{esc(labels("copy.label", phrase=kept))}"')
    return (
        f'<button type="button" class="kb-copy" data-kb-copy="{esc(text)}"{template} '
        f'data-kb-done="{esc(labels("copy.done"))}" data-kb-failed="{esc(labels("copy.failed"))}" '
        f'aria-label="{esc(labels("copy.label", phrase=text))}" hidden>{esc(labels("copy.button"))}</button>'
    )


def phrase_item(labels: Labels, phrase: str, copyable: bool, source: Labels | None = None) -> str:
    """A quoted phrase, with a copy button when it is a phrase to say.

    `source` is the labels of the phrase's own language when it differs from the page's (an English
    fallback): the phrase then carries that `lang` and that language's quotation marks.
    """
    quotes = source or labels
    text = f'<span class="kb-phrase"{lang_attr(quotes.lang, labels.lang)}>{quoted(quotes, phrase)}</span>'
    return f"{text} {copy_button(labels, phrase)}" if copyable else text


def link(href: str, text: str, cls: str = "", lang: str = "") -> str:
    """An escaped `<a>` element; `lang` when its text is in another language than the page."""
    attr = (f' class="{esc(cls)}"' if cls else "") + (f' lang="{esc(lang)}"' if lang else "")
    return f'<a href="{esc(href)}"{attr}>{esc(text)}</a>'
