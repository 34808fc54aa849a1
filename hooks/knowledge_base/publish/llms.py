"""Markdown for language models (llmstxt.org): a markdown copy of each technique page (every
section the page has), each playbook, the live-call console and the sources page, the whole
catalog of a language in one `llms-full.txt`, and the `/llms.txt` index linking all of them and
each language's console, cheat sheet and cards. URLs are absolute (on `site_url`)."""

from __future__ import annotations

import re

from ..content.locales import Labels
from ..content.model import DEFAULT_LANGUAGE, PHASES, Catalog
from ..render.console import first_phrase
from ..render.markup import absolute, md_text, quote_text, site_path
from .api import api_path, markdown_path

_HEADING = re.compile(r"^(#{1,5}) ", re.M)


def llms_full_path(lang: str) -> str:
    """Site-relative path of a language's llms-full.txt."""
    return site_path(lang, "home") + "llms-full.txt"


def _quoted(labels: Labels, phrase: str) -> str:
    return md_text(quote_text(labels, phrase))


def _steps(catalog: Catalog, tid: str, lang: str, labels: Labels) -> list[str]:
    tech = catalog.techniques[tid]
    text = tech.text(lang)
    lines = []
    for n, step in enumerate(tech.steps, start=1):
        step_text = text.steps[step.id]
        lines.append(f"{n}. {md_text(step_text.text)}")
        if step_text.say:
            lines.append(f"   {md_text(labels('checklist.say'))} {_quoted(labels, step_text.say)}")
        if step.window:
            lines.append(f"   {md_text(labels('timer.window', **{'from': step.window.start, 'to': step.window.end}))}")
    return lines


def technique_markdown(catalog: Catalog, tid: str, lang: str, labels: Labels, site_url: str) -> str:
    """A plain-markdown version of a technique page."""
    tech = catalog.techniques[tid]
    text = tech.text(lang)
    lines = [f"# {md_text(text.title)}", "", f"> {md_text(text.summary)}", "",
             f"{md_text(labels('technique.page_link'))}: <{absolute(site_url, site_path(lang, 'technique', tid))}>", "",
             f"## {md_text(labels('technique.steps'))}", "", *_steps(catalog, tid, lang, labels)]
    for key, items in (("technique.say", text.say), ("technique.avoid", text.avoid)):
        lines += ["", f"## {md_text(labels(key))}", ""] + [f"- {_quoted(labels, p)}" for p in items]
    lines += ["", f"## {md_text(labels('technique.pitfalls'))}", ""] + [f"- {md_text(p)}" for p in text.pitfalls]
    lines += ["", f"## {md_text(labels('technique.why'))}", "", text.body.strip(), ""]
    books = catalog.playbooks_using(tid)
    lines += [f"## {md_text(labels('technique.used_in'))}", ""]
    lines += [f"- [{md_text(b.text(lang).title)}]({absolute(site_url, markdown_path(lang, b.id, 'playbook'))})" for b in books] \
        or [md_text(labels("technique.not_in_playbook"))]
    if tech.related:
        lines += ["", f"## {md_text(labels('technique.related'))}", ""]
        lines += [f"- [{md_text(catalog.techniques[r].text(lang).title)}]({absolute(site_url, markdown_path(lang, r))})"
                  for r in tech.related]
    lines += ["", f"## {md_text(labels('technique.sources'))}", ""]
    lines += [f"- {_source_link(catalog, ref, lang, labels, site_url)}" for ref in tech.sources]
    return "\n".join(lines) + "\n"


def _source_link(catalog: Catalog, ref: str, lang: str, labels: Labels, site_url: str) -> str:
    """A link to a source section (`article/section`) on the sources page, named as the page names it."""
    article_id, _, section_id = ref.partition("/")
    article = catalog.articles[article_id]
    section = article.section(section_id)
    entry = labels("sources.entry", article=article.title, language=labels(f"language.{article.language}"),
                   section=section.heading if section else section_id)
    return f"[{md_text(entry)}]({absolute(site_url, site_path(lang, 'sources'))}#{article_id}--{section_id})"


def playbook_markdown(catalog: Catalog, pid: str, lang: str, labels: Labels, site_url: str) -> str:
    """A plain-markdown version of a playbook: its introduction, then each technique's steps."""
    book = catalog.playbooks[pid]
    text = book.text(lang)
    lines = [f"# {md_text(text.title)}", "", f"> {md_text(text.summary)}", "",
             f"{md_text(labels('technique.page_link'))}: <{absolute(site_url, site_path(lang, 'playbook', pid))}>", ""]
    if text.body:
        lines += [text.body, ""]
    for number, tid in enumerate(book.techniques, start=1):
        tech_text = catalog.techniques[tid].text(lang)
        lines += [f"## {md_text(labels('playbook.group', number=number, title=tech_text.title))}", "",
                  md_text(tech_text.summary), "",
                  f"[{md_text(labels('playbook.open_technique'))}]({absolute(site_url, markdown_path(lang, tid))})", "",
                  *_steps(catalog, tid, lang, labels), ""]
    return "\n".join(lines)


def _step_line(catalog: Catalog, tid: str, step: str, lang: str, labels: Labels, site_url: str) -> str:
    tech = catalog.techniques[tid]
    number = [s.id for s in tech.steps].index(step) + 1
    ref = labels("sources.step_ref", technique=tech.text(lang).title, number=number)
    url = absolute(site_url, site_path(lang, "technique", tid)) + f"#{step}"
    return f"[{md_text(ref)}]({url}): {md_text(tech.text(lang).steps[step].text)}"


def console_markdown(catalog: Catalog, lang: str, labels: Labels, site_url: str) -> str:
    """The live-call console as markdown: each situation with its move (technique step), the phrase
    to say first and the source section, then the call's stages with their steps."""
    live = catalog.live
    assert live is not None  # written only when docs/live.en.md exists
    page = absolute(site_url, site_path(lang, "console"))
    lines = [f"# {md_text(live.titles.get(lang) or live.titles[DEFAULT_LANGUAGE])}", "",
             f"{md_text(labels('technique.page_link'))}: <{page}>", "", f"## {md_text(labels('console.situations'))}", ""]
    for n, situation in enumerate(live.situations, start=1):
        move = _step_line(catalog, situation.technique, situation.step, lang, labels, site_url)
        lines += [f"{n}. [{md_text(situation.text(lang))}]({page}#situation-{situation.id})",
                  f"   - {md_text(labels('console.move'))}: {move}",
                  f"   - {md_text(labels('console.say'))}: {_quoted(labels, first_phrase(catalog, situation, lang))}",
                  f"   - {md_text(labels('technique.sources'))}: {_source_link(catalog, situation.source, lang, labels, site_url)}"]
    lines += ["", f"## {md_text(labels('console.phases'))}", ""]
    for n, phase in enumerate(PHASES, start=1):
        heading = labels("console.phase_of", number=n, total=len(PHASES), phase=labels(f"phase.{phase}"))
        lines += [f"### {md_text(heading)}", ""]
        lines += [f"{i}. {_step_line(catalog, *ref.split('/', 1), lang, labels, site_url)}"
                  for i, ref in enumerate(live.phases[phase], start=1)]
        lines.append("")
    return "\n".join(lines)


def sources_title(catalog: Catalog, lang: str) -> str:
    """The sources page's title in `lang`."""
    return catalog.sources_titles.get(lang) or catalog.sources_titles[DEFAULT_LANGUAGE]


def sources_markdown(catalog: Catalog, lang: str, labels: Labels, site_url: str) -> str:
    """The sources page as markdown: each article, its sections and points, and the steps covering them."""
    page = absolute(site_url, site_path(lang, "sources"))
    lines = [f"# {md_text(sources_title(catalog, lang))}", "",
             f"{md_text(labels('technique.page_link'))}: <{page}>", ""]
    for article in catalog.articles.values():
        lines += [f"## {md_text(article.title)}", "",
                  md_text(labels("sources.article_meta", language=labels(f"language.{article.language}"))), ""]
        for section in article.sections:
            lines += [f"### {md_text(section.heading)}", ""]
            for item in section.items:
                steps = [labels("sources.step_ref", technique=t.text(lang).title, number=t.steps.index(s) + 1)
                         for t, s in catalog.covering_steps(item.path)]
                covered = f" ({md_text(labels('sources.covered_by'))}: {md_text('; '.join(steps))})" if steps else ""
                lines.append(f"- {md_text(item.text(lang))}{covered}")
            lines.append("")
    return "\n".join(lines)


def _demoted(markdown: str) -> str:
    """Every heading one level deeper, to nest a page inside llms-full.txt."""
    return _HEADING.sub(lambda m: "#" + m[1] + " ", markdown)


def llms_full_txt(catalog: Catalog, lang: str, labels: Labels, site_url: str) -> str:
    """The whole catalog of one language in one markdown file: techniques, playbooks, sources."""
    out = [f"# {md_text(labels('site.name'))}", "", f"> {md_text(labels('site.description'))}", "",
           md_text(labels("llms.about")), ""]
    out += [_demoted(technique_markdown(catalog, t.id, lang, labels, site_url)) for t in catalog.ordered_techniques(lang)]
    out += [_demoted(playbook_markdown(catalog, pid, lang, labels, site_url)) for pid in catalog.playbooks]
    if catalog.live is not None:
        out.append(_demoted(console_markdown(catalog, lang, labels, site_url)))
    out.append(_demoted(sources_markdown(catalog, lang, labels, site_url)))
    return "\n".join(out)


def llms_txt(catalog: Catalog, names: dict[str, str], labels: dict[str, Labels], site_url: str) -> str:
    """The site's /llms.txt: per language its catalog, JSON, full text and every page as markdown."""
    english = labels[DEFAULT_LANGUAGE]
    out = [f"# {md_text(english('site.name'))}", "", f"> {md_text(english('site.description'))}", "",
           md_text(english("llms.about")), ""]
    out += [f"- [{md_text(english('llms.index'))}]({absolute(site_url, 'api/index.json')})", ""]
    for lang, name in names.items():
        own = labels[lang]
        out += [f"## {md_text(name)}", ""]
        out.append(f"- [{md_text(own('site.name'))}]({absolute(site_url, site_path(lang, 'home'))}): "
                   f"{md_text(own('llms.catalog'))}")
        out.append(f"- [llms-full.txt]({absolute(site_url, llms_full_path(lang))}): {md_text(own('data.full'))}")
        out.append(f"- [techniques.json]({absolute(site_url, api_path(lang))}): {md_text(own('llms.json'))}")
        if catalog.live is not None:
            title = md_text(catalog.live.titles.get(lang) or catalog.live.titles[DEFAULT_LANGUAGE])
            out.append(f"- [{title}]({absolute(site_url, site_path(lang, 'console'))}): {md_text(own('agents.console'))}")
            out.append(f"- [{title} (markdown)]({absolute(site_url, markdown_path(lang, '', 'console'))}): "
                       f"{md_text(own('agents.console_markdown'))}")
        out.append(f"- [{md_text(own('cheatsheet.title'))}]({absolute(site_url, site_path(lang, 'cheatsheet'))}): "
                   f"{md_text(own('agents.cheatsheet'))}")
        out.append(f"- [{md_text(own('cards.title'))}]({absolute(site_url, site_path(lang, 'cards'))}): "
                   f"{md_text(own('agents.cards'))}")
        for book in catalog.playbooks.values():
            out.append(f"- [{md_text(book.text(lang).title)}]({absolute(site_url, markdown_path(lang, book.id, 'playbook'))}): "
                       f"{md_text(book.text(lang).summary)}")
        for tech in catalog.ordered_techniques(lang):
            out.append(f"- [{md_text(tech.text(lang).title)}]({absolute(site_url, markdown_path(lang, tech.id))}): "
                       f"{md_text(tech.text(lang).summary)}")
        out.append(f"- [{md_text(sources_title(catalog, lang))}]({absolute(site_url, markdown_path(lang, '', 'sources'))}): "
                   f"{md_text(own('data.sources'))}")
        out.append("")
    return "\n".join(out)
