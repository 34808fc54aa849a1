"""MkDocs glue for the knowledge base's pages: content pages, generated pages, navigation.

Thin event handlers: `kb_build.load` validates all content and labels once per language
build, then the plain-Python core in `knowledge_base` renders each page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from kb_build import load, project_root, set_command, state
from knowledge_base.content.errors import ContentError
from knowledge_base.content.links import under_link
from knowledge_base.content.model import DEFAULT_LANGUAGE, text_direction
from knowledge_base.content.yamltext import page_source, without_front_matter
from knowledge_base.content.locales import Labels
from knowledge_base.content.team import team_file
from knowledge_base.publish.api import playbook_jsonld, technique_jsonld
from knowledge_base.render.cards import PAPERS, render_card, tightest_cards
from knowledge_base.render.console import render_console
from knowledge_base.render.markup import esc, site_path, stash_blocks, unstash_blocks
from knowledge_base.render.navigation import SOURCE_PAGE
from knowledge_base.render.offline_page import render_offline_page, save_control
from knowledge_base.render.pages import LIVE_ENTRY_ID, render_home, render_playbook, render_sources, render_technique
from knowledge_base.render.preview import insert_panel, mark_preview, render_panel
from knowledge_base.render.sheets import render_cheatsheet, render_sheet
from knowledge_base.render.status_page import notice, render_status
from knowledge_base.translate.tbx import glossary_site_path, glossary_tbx

_LANG_SUFFIX = re.compile(r"\.[A-Za-z_-]+\.md$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^---[ \t]*\n", re.DOTALL | re.MULTILINE)  # left when its YAML is broken


def on_startup(command: str, **kwargs: Any) -> None:
    """Note whether this is `serve` (a local preview: mistakes shown in the pages) or a build that publishes URLs."""
    set_command(command)


@event_priority(-110)  # after mkdocs-static-i18n has chosen this build's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate every content file and locale before anything is rendered."""
    build = load(config)
    config.site_name = esc(build.labels("site.name"))  # printed unescaped by the theme
    config.site_description = esc(build.labels("site.description"))
    config.extra["kb_search_label"] = esc(build.labels("search.dialog"))
    config.extra["kb_language_prefix"] = site_path(build.labels.lang, "home")
    config.theme["direction"] = text_direction(build.labels.lang)  # also for languages Material has no file for
    config.theme["language"] = _theme_language(config, build.labels.lang)
    toc = config.mdx_configs.setdefault("toc", {})  # the heading anchors' tooltip, in this build's language
    toc["permalink_title"] = build.labels("theme.permalink")
    return config


def _theme_language(config: MkDocsConfig, lang: str) -> str:
    """The theme's own translation closest to `lang`: Material has `pt-BR` but not `es-MX`, which gets `es` (or English)."""
    for candidate in (lang, lang.replace("_", "-"), re.split(r"[-_]", lang)[0], DEFAULT_LANGUAGE):
        if any((Path(folder) / "partials" / "languages" / f"{candidate}.html").exists() for folder in config.theme.dirs):
            return candidate
    return DEFAULT_LANGUAGE


def _pdf_site_path(lang: str, name: str) -> str:
    """Where a PDF is published: inside the language's part of the site."""
    return site_path(lang, "home") + f"pdf/{name}.pdf"


def _pdfs(lang: str, name: str) -> dict[str, str]:
    """Site path, per paper size, of each PDF that `./run pdf` wrote into `pdf/<lang>/<paper>/`."""
    root = state().root / "pdf" / lang
    return {p.id: _pdf_site_path(lang, f"{p.id}/{name}") for p in PAPERS if (root / p.id / f"{name}.pdf").exists()}


def _edit_base(config: MkDocsConfig) -> str | None:
    """Where files are edited online (repo_url + edit_uri), if the project says."""
    if not config.repo_url or not config.edit_uri:
        return None
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/").removesuffix("docs").rstrip("/")


def _glossary_tbx(root: Path, lang: str, labels: Labels) -> bytes | None:
    """The language's glossary as TBX; None without one, or while it has a mistake (reported by the build already)."""
    try:
        return glossary_tbx(root, lang, labels)
    except ContentError:
        return None


def _page(config: MkDocsConfig, src_uri: str, title: str, layout: str, body: str, in_nav: bool, extra: str = "",
          searchable: bool = True) -> File:
    # Print pages repeat what technique pages say: keep them out of search so results stay unique; so are pages
    # with a role of their own (`extra`) and any page not `searchable`.
    search = "search:\n  exclude: true\n" if layout or extra or not searchable else ""
    content = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nprint_layout: {layout or 'none'}\n{search}{extra}"
               f"---\n\n{body}")
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, src_uri, content=content, inclusion=inclusion)


@event_priority(50)  # before mkdocs-static-i18n sorts the files by language
def _leave_out_unsafe_links(files: Files, config: MkDocsConfig) -> Files:
    """Under serve, drop what MkDocs found through a symbolic link that leads out of the project or loops (shown
    in the error panel); a build has stopped already."""
    links = state().unsafe_links
    if not links:
        return files
    docs = Path(config.docs_dir).resolve()
    prefix = docs.relative_to(state().root).as_posix() + "/" if docs.is_relative_to(state().root) else ""
    return Files([f for f in files if not under_link(prefix + f.src_uri, links)])


@event_priority(-200)  # after mkdocs-static-i18n filtered the files of this language
def _generated_pages(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated card pages, print-all sheet, cheat sheet and any PDFs of this language."""
    build = state()
    lang, labels, catalog = build.labels.lang, build.labels, build.catalog
    site_url = config.site_url or ""
    english = build.english
    for tid in catalog.techniques:
        body = render_card(catalog, tid, lang, labels, site_url, _pdfs(lang, f"cards/{tid}"), english)
        title = labels("card.page_title", title=catalog.techniques[tid].text(lang).title)
        files.append(_page(config, site_path(lang, "card", tid) + "index.md", title, "card", body, in_nav=False))
    sheet = render_sheet(catalog, lang, labels, site_url, _pdfs(lang, "cards"), english)
    files.append(_page(config, site_path(lang, "cards") + "index.md", labels("cards.title"), "sheet", sheet, in_nav=True))
    has_console = any(f.src_uri.startswith("live.") for f in files.documentation_pages())
    cheat = render_cheatsheet(catalog, lang, labels, site_url, _pdfs(lang, "cheatsheet"), has_console, english)
    files.append(_page(config, site_path(lang, "cheatsheet") + "index.md", labels("cheatsheet.title"), "cheatsheet", cheat,
                       in_nav=True))
    tight = {code: tightest_cards(catalog, code, build.all_labels[code], site_url, english, most=3) for code in build.names}
    status = render_status(build.statuses, build.names, lang, labels, _edit_base(config), tight)
    # Out of search: its rows of file names and states answer no reader's question (and indexing them took an
    # eighth of a build of 50 techniques whose translations were all outdated).
    files.append(_page(config, site_path(lang, "translations") + "index.md", labels("translation.title"), "", status,
                       in_nav=True, searchable=False))
    offline = render_offline_page(catalog, lang, labels, build.names)  # where the service worker sends an unsaved page
    files.append(_page(config, site_path(lang, "offline") + "index.md", labels("app.offline_title"), "", offline,
                       in_nav=False, extra="offline_page: true\n"))
    # Beside the translator guide, which links it; the English one in every build, for a guide shown in English.
    for code, words in {lang: labels, DEFAULT_LANGUAGE: english}.items():
        if (tbx := _glossary_tbx(build.root, code, words)) is not None:
            files.append(File.generated(config, glossary_site_path(code), content=tbx))
    pdf_dir = build.root / "pdf" / lang
    for pdf in sorted(pdf_dir.rglob("*.pdf")) if pdf_dir.is_dir() else []:
        name = pdf.relative_to(pdf_dir).with_suffix("").as_posix()
        files.append(File.generated(config, _pdf_site_path(lang, name), abs_src_path=str(pdf)))
    return files


on_files = CombinedEvent(_leave_out_unsafe_links, _generated_pages)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Read every page as the knowledge base does (no byte-order mark, LF line ends, NFC), its front matter checked
    by the safe YAML reader first: MkDocs' own reader would expand an alias bomb. Under serve a page whose front
    matter is broken is shown without it (the panel names the mistake); a build has stopped in on_config."""
    if page.file.abs_src_path is None:
        return None
    file = Path(page.file.abs_src_path)
    root = state().root
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
    try:
        text, page.kb_front_matter = page_source(file, shown)
    except ContentError as exc:
        if not state().serving:
            raise PluginError(str(exc)) from None
        return without_front_matter(file, shown)
    return text


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Render each content page from the catalog, with a notice if it is untranslated or stale."""
    for key, value in getattr(page, "kb_front_matter", {}).items():  # `title: No` is text, not MkDocs' False
        if key in ("title", "description") and isinstance(value, str):
            page.meta[key] = value
    if isinstance(page.title, str):  # the theme prints titles unescaped (nav, <title>, header)
        page.title = esc(page.title)
        if "title" in page.meta:
            page.meta["title"] = page.title
    match = SOURCE_PAGE.match(page.file.src_uri)
    if not match:
        return _stash(page, markdown)
    build = state()
    lang, catalog, labels = build.labels.lang, build.catalog, build.labels
    site_url = config.site_url or ""
    if match["folder"] == "techniques":
        rendered = render_technique(catalog, match["id"], lang, labels, markdown, build.english)
        rendered += "\n" + technique_jsonld(catalog, match["id"], lang, site_url) + "\n"
    elif match["folder"] == "checklists":
        rendered = render_playbook(catalog, match["id"], lang, labels, _FRONT_MATTER.sub("", markdown),
                                   build.english)
        rendered += "\n" + playbook_jsonld(catalog, match["id"], lang, site_url) + "\n"
    elif match["single"] == "sources":
        rendered = render_sources(catalog, lang, labels, markdown)
    elif match["single"] == "live" and catalog.live is not None:
        page.meta["hide"] = ["navigation", "toc"]  # one screen for the call: no sidebars
        rendered = render_console(catalog, lang, labels, markdown, build.english)
    elif page.meta.get("home"):
        rendered = render_home(catalog, lang, labels, markdown, save_control(labels))
    else:
        rendered = markdown
    kind = _translation_notice(page, lang)
    if kind is not None:
        note = notice(labels, lang, page.url, kind)
        title, _, rest = rendered.partition("\n") if rendered.startswith("# ") else ("", "", rendered)
        rendered = f"{title}\n\n{note}\n\n{rest}" if title else f"{note}\n\n{rest}"
    return _stash(page, rendered)


def _stash(page: Page, markdown: str) -> str:
    """Keep generated HTML blocks away from the markdown parser; `on_page_content` restores them."""
    markdown, page.kb_blocks = stash_blocks(markdown)  # on the page itself: nothing outlives it
    return markdown


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    """Put back the generated HTML blocks taken out in `on_page_markdown`."""
    return unstash_blocks(html, getattr(page, "kb_blocks", []))


def _translation_notice(page: Page, lang: str) -> str | None:
    """'fallback' for a page shown in English in another language, 'outdated' for a stale translation."""
    if lang == DEFAULT_LANGUAGE:
        return None
    if getattr(page.file, "locale", lang) != lang:
        return "fallback"
    return "outdated" if _LANG_SUFFIX.sub(".md", page.file.src_uri) in state().outdated_pages else None


_SKIP_LINK = re.compile(r'(<a href=")[^"]*(" class="md-skip">)')


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """"Skip to content" on a home page leads to the live console's link above the title; under
    `mkdocs serve`, pages are marked as a preview (no offline copy) and every content or locale
    problem shows at the top of every page."""
    if f'id="{LIVE_ENTRY_ID}"' in output:
        output = _SKIP_LINK.sub(lambda m: f"{m[1]}#{LIVE_ENTRY_ID}{m[2]}", output, count=1)
    build = state()
    if not build.serving:
        return output
    output = mark_preview(output)
    if not build.problems:
        return output
    return insert_panel(output, render_panel(list(build.problems), build.labels))


def on_serve(server: Any, config: MkDocsConfig, **kwargs: Any) -> Any:
    """Rebuild when locale files, hooks or the team profile change, not only docs."""
    root = project_root(config)
    server.watch(str(root / "locales"))
    server.watch(str(root / "hooks"))
    team = team_file(root)
    if team is not None and team.exists():
        server.watch(str(team))
    return server
