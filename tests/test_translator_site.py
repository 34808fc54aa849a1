"""What translators and readers see in the built site: translated theme strings, honest English
fallback, word-level diffs of outdated translations, and a forgiving non-strict build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import mkdocs_build
from knowledge_base.content.locales import read_locale
from knowledge_base.translate.translations import mark_reviewed
from minisite import mini_project, outdated_project

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
_MATERIAL_STRING = re.compile(r'^\s*"([a-z.]+)": "(.*)",?$', re.MULTILINE)


def material_strings(lang: str) -> dict[str, str]:
    return dict(_MATERIAL_STRING.findall((MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")))


def english_interface_strings(lang: str) -> set[str]:
    """English strings of the theme and of our labels whose `lang` version differs (so English there is a bug)."""
    english, theirs = material_strings("en"), material_strings(lang)
    found = {v for k, v in english.items() if theirs.get(k, v) != v and len(v) > 3}
    found.add("Permanent link")  # Python-Markdown's toc default, not in Material's files
    ours, _ = read_locale(ROOT / "locales" / "en.yml", "locales/en.yml")
    translated, _ = read_locale(ROOT / "locales" / f"{lang}.yml", f"locales/{lang}.yml")
    found |= {v for k, v in ours.items() if translated.get(k) != v and "{" not in v and len(v) > 3}
    return found


class _Texts(HTMLParser):
    """Visible texts and interface attributes of a page, minus code, scripts and marked other-language parts."""

    SKIP = {"script", "style", "code", "pre"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.stack, self.found = lang, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        other = (values.get("lang") or self.lang) != self.lang or (values.get("hreflang") or self.lang) != self.lang
        skip = tag in self.SKIP or other or (self.stack and self.stack[-1])
        if not skip:
            self.found += [v for k, v in attrs if k in ("title", "aria-label", "placeholder", "alt") and v]
        if tag not in self.VOID:
            self.stack.append(bool(skip))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and not (self.stack and self.stack[-1]):
            self.found.append(data.strip())


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_no_english_interface_strings_on_translated_pages(site: Path, lang: str) -> None:
    english = english_interface_strings(lang)
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _Texts(lang)
        parser.feed(html)
        leaks = sorted({t for t in parser.found if t in english})
        assert not leaks, f"{page.relative_to(site)}: English interface strings {leaks}"
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
        if config:
            theme = json.loads(config.group(1))["translations"]
            assert not set(theme.values()) & english, f"{page}: theme script strings in English"
    technique = (site / lang / "techniques" / "let-them-vent" / "index.html").read_text(encoding="utf-8")
    assert "headerlink" in technique and 'title="Permanent link"' not in technique


def test_english_fallback_is_marked_and_quoted_in_english(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    mark_reviewed(project, project / "docs", "sv", [])
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    sv_quotes = yaml.safe_load((ROOT / "locales" / "sv.yml").read_text(encoding="utf-8"))["quote"]
    fallback = (tmp_path / "site" / "sv" / "techniques" / "listen" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in fallback
    assert re.search(r'<h1 [^>]*lang="en"[^>]*>Listen', fallback)
    assert re.search(r'<p class="kb-summary" lang="en">Listen\.</p>', fallback)
    assert re.search(r'<label [^>]*class="kb-step-text" lang="en">Hear them out\.</label>', fallback)
    assert '<span class="kb-phrase" lang="en">“Go on.”</span>' in fallback
    assert sv_quotes["open"] + "Go on." not in fallback, "English phrase in Swedish quotation marks"
    assert re.search(r'<div lang="en">\s*<p>Why listening helps\.</p>', fallback)
    translated = (tmp_path / "site" / "sv" / "techniques" / "breathe" / "index.html").read_text(encoding="utf-8")
    assert 'kb-summary" lang=' not in translated and 'kb-phrase" lang=' not in translated
    assert 'kb-step-text" lang=' not in translated and '<div lang="en">' not in translated
    assert '<a href="../listen/" lang="en">Listen</a>' in translated, "a link to an English page says so"
    playbook = (tmp_path / "site" / "sv" / "checklists" / "short" / "index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<p class="kb-untranslated[^"]*"[^>]*>([^<]*)</p>', playbook)
    untranslated = yaml.safe_load((ROOT / "locales" / "sv.yml").read_text(encoding="utf-8"))["review"]
    assert notes == [untranslated["untranslated_technique"]], "one note, for 'listen' only, in Swedish"
    assert re.search(r'<h2 id="listen" lang="en">', playbook) and not re.search(r'<h2 id="breathe" lang=', playbook)


def test_status_page_shows_what_changed_in_the_english_word_by_word(tmp_path: Path) -> None:
    project = outdated_project(tmp_path / "p", "Breathe before you answer.", "Breathe slowly before you answer anyone.")
    english = project / "locales" / "en.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("reset: Clear ticks", "reset: Clear all ticks"),
                       encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    status = (tmp_path / "site" / "sv" / "translations" / "index.html").read_text(encoding="utf-8")
    swedish = status.split('id="lang-sv"')[1].split('id="lang-es"')[0]
    summary = re.search(r"<code>summary</code>.*?</div></div>", swedish, re.DOTALL).group(0)
    assert "<p lang=\"en\" class=\"kb-diff-text\">Breathe before you answer.</p>" in summary
    assert "Breathe<ins> slowly</ins> before you answer<ins> anyone</ins>.</p>" in summary and "<del>" not in summary
    label = re.search(r"<code>checklist.reset</code>.*?</div></div>", swedish, re.DOTALL).group(0)
    assert re.search(r"Clear ?<ins> ?all ?</ins> ?ticks", label) and "<del>" not in label
    assert 'href="../techniques/breathe/"' in swedish, "links to the page on the site"
    assert "docs/techniques/breathe.sv.md" in swedish, "names the file to edit"


def test_plain_build_falls_back_on_a_missing_label_and_strict_build_fails(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    locale = project / "locales" / "sv.yml"
    locale.write_text(locale.read_text(encoding="utf-8").replace("  reset: Rensa bockarna\n", ""), encoding="utf-8")
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d",
                            str(tmp_path / "plain")], capture_output=True, text=True, cwd=project)
    assert plain.returncode == 0, plain.stderr
    assert "locales/sv.yml [checklist.reset]: missing; the English label is shown instead" in plain.stderr
    page = (tmp_path / "plain" / "sv" / "techniques" / "breathe" / "index.html").read_text(encoding="utf-8")
    assert ">Clear ticks</button>" in page
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0 and "checklist.reset" in strict.output
    assert not re.search(r"^strict:", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE), \
        "strictness belongs on the command line (./run build, tests, CI), not in mkdocs.yml"


def test_serve_falls_back_per_broken_file_and_keeps_the_last_good_english(tmp_path: Path) -> None:
    import kb_build
    from minisite import LISTEN_EN, TECHNIQUE_SV

    project = mini_project(tmp_path / "p")
    docs, languages = project / "docs", ("en", "sv", "es")
    kb_build.set_command("serve")
    try:
        good = kb_build._load_content(project, docs, languages)
        assert good[4] == [] and "sv" in good[0].techniques["breathe"].texts
        swedish = docs / "techniques" / "breathe.sv.md"
        swedish.write_text(TECHNIQUE_SV.replace("title: Andas", "title: [Andas"), encoding="utf-8")
        fallback = kb_build._load_content(project, docs, languages)
        assert [(e.path, e.line) for e in fallback[4]] == [("docs/techniques/breathe.sv.md", 2)]
        assert "sv" not in fallback[0].techniques["breathe"].texts, "the broken translation falls back to English"
        assert fallback[0].techniques["listen"].text("en").title == "Listen"
        swedish.write_text(TECHNIQUE_SV, encoding="utf-8")
        english = docs / "techniques" / "listen.en.md"
        english.write_text(LISTEN_EN.replace("title: Listen", "title: [Listen"), encoding="utf-8")
        kept = kb_build._load_content(project, docs, languages)
        assert [(e.path, e.line) for e in kept[4]] == [("docs/techniques/listen.en.md", 2)]
        assert kept[0] is good[0], "a broken English file keeps the last good content"
    finally:
        kb_build.set_command("build")
        kb_build._cache = kb_build._last_good = None
    with pytest.raises(Exception, match="listen.en.md:2"):
        kb_build._load_content(project, docs, languages)  # a build raises instead
