"""The offline page of each language (`/offline/`, `/sv/offline/`, ...) and the "save every
language" control of the home page.

The service worker sends a reader who is offline and asks for a page that was not saved to the
offline page of that page's language. It links what every device has saved once any page has
loaded (this language's console, home page and cheat sheet, and the console of every other
language); `kb-offline.js` then shows, from the browser's Cache Storage, every other page of the
language that is saved, and a link back to the address the reader asked for.
"""

from __future__ import annotations

from ..content.locales import Labels
from ..content.model import DEFAULT_LANGUAGE, Catalog
from .markup import esc, link, md_text, relative, site_path


def saved_everywhere(lang: str) -> list[str]:
    """Site paths of a language that every reader's device keeps (see publish.offline's core group)."""
    return [site_path(lang, "console"), site_path(lang, "home"), site_path(lang, "cheatsheet"),
            site_path(lang, "offline")]


def _pages(catalog: Catalog, lang: str, labels: Labels) -> list[tuple[str, str, str]]:
    """(site path, title, language of the title) of every page of `lang` a reader looks for."""
    pages: list[tuple[str, str, str]] = [(site_path(lang, "cards"), labels("cards.title"), lang)]
    pages += [(site_path(lang, "playbook", b.id), b.text(lang).title, b.text(lang).lang) for b in catalog.playbooks.values()]
    pages += [(site_path(lang, "technique", t.id), t.text(lang).title, t.text(lang).lang)
              for t in catalog.ordered_techniques(lang)]
    title = catalog.sources_titles.get(lang) or catalog.sources_titles.get(DEFAULT_LANGUAGE)
    if title:
        pages.append((site_path(lang, "sources"), title, lang if lang in catalog.sources_titles else DEFAULT_LANGUAGE))
    return pages


def _item(href: str, title: str, title_lang: str, lang: str, path: str = "") -> str:
    data = f' data-kb-saved-path="{esc(path)}" hidden' if path else ""
    return f"<li{data}>" + link(href, title, lang=title_lang if title_lang != lang else "") + "</li>"


def render_offline_page(catalog: Catalog, lang: str, labels: Labels, names: dict[str, str]) -> str:
    """The offline page of `lang`: what was not saved, what is, and a way back to the page asked for."""
    here = site_path(lang, "offline")
    console_title = labels("app.console")
    if catalog.live is not None:
        console_title = catalog.live.titles.get(lang) or console_title
    always = [_item(relative(site_path(lang, "console"), here), console_title, lang, lang),
              _item(relative(site_path(lang, "home"), here), labels("site.name"), lang, lang),
              _item(relative(site_path(lang, "cheatsheet"), here), labels("cheatsheet.title"), lang, lang)]
    others = [_item(relative(site_path(other, "console"), here), f"{labels('app.console')} ({name})", lang, lang)
              .replace("<a ", f'<a hreflang="{esc(other)}" ', 1)
              for other, name in names.items() if other != lang]
    saved = [_item(relative(path, here), title, title_lang, lang, path) for path, title, title_lang in _pages(catalog, lang, labels)]
    return "\n\n".join([
        f"# {md_text(labels('app.offline_title'))}",
        '<div class="kb-offline-page" data-kb-offline-page>'
        f'<p>{esc(labels("app.offline_text"))}</p>'
        f'<p class="kb-offline-page__retry" hidden><a class="md-button" data-kb-retry href="">{esc(labels("app.offline_retry"))}</a></p>'
        f'<ul class="kb-offline-page__always">{"".join(always)}</ul>'
        + (f'<p>{esc(labels("app.offline_other_languages"))}</p><ul class="kb-offline-page__others">{"".join(others)}</ul>'
           if others and catalog.live is not None else "")
        + f'<section class="kb-offline-page__saved" aria-labelledby="kb-saved-title" hidden>'
        f'<h2 id="kb-saved-title">{esc(labels("app.offline_saved"))}</h2><ul>{"".join(saved)}</ul></section>'
        "</div>",
    ]) + "\n"


def save_control(labels: Labels) -> str:
    """The "save every language for offline use" button with its progress (kb-offline.js hides it
    where no service worker can save the site; shown from the start, it moves nothing on load)."""
    return (
        '<div class="kb-save-all" data-kb-save-all>'
        f'<button type="button" class="md-button kb-save-all__button" id="kb-save-all-button">{esc(labels("app.save_all"))}</button>'
        f'<p class="kb-save-all__hint">{esc(labels("app.save_hint"))}</p>'
        '<progress class="kb-save-all__bar" max="1" value="0" aria-labelledby="kb-save-all-button" hidden></progress>'
        f'<p class="kb-save-all__status" role="status" data-progress="{esc(labels("app.save_progress"))}" '
        f'data-done="{esc(labels("app.save_done"))}" data-failed="{esc(labels("app.save_failed"))}"></p>'
        "</div>"
    )
