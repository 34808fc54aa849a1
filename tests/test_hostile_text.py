"""Hostile and careless text in every file the build reads: YAML as people write it, invisible
characters, merge conflicts, line ends and byte-order marks. Each case ends in a located error
(file, line, key where there is one, and a hint in plain words) or, where accepting is right, in
exactly the text the author wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge_base.content.errors import ContentError
from knowledge_base.content.glossary import Term, find_forbidden, variant_pattern
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.content.yamltext import load_yaml
from knowledge_base.translate.translations import current_english, language_status, mark_reviewed
from knowledge_base.translate.yamlwrite import update_yaml_text
from minisite import SOURCES_EN, TECHNIQUE_EN, TECHNIQUE_SV, mini_project, write_docs

LANGS = ("en", "sv")
PAGE = "docs/techniques/breathe.sv.md"
ENGLISH_LOCALE = "checklist:\n  reset: Clear ticks\n  say: \"Say:\"\n"
# The Swedish page of the tiny site: 2 title, 3 summary, 6 steps.0.text, 8 steps.1.text, 9 steps.1.say, 10 say,
# 11 avoid, 12 pitfalls, 14 the explanation.
BOMB = "say:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
       "  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"

QUOTE = "double quotes"
PAGE_CASES = [
    # (name, old, new, line, key, words in the message, words in the hint)
    ("hash-cuts-a-phrase", "say: [Ge mig en sekund.]", "say:\n  - Ärende #4711 tar vi först", 11, "say",
     "cut at ' #'", QUOTE),
    ("hash-inside-brackets", "say: [Ge mig en sekund.]", "say: [Ärende #4711 först, Vänta]", 10, None,
     "' #'", QUOTE),
    ("hash-after-a-title", "title: Andas", "title: Andas #1", 2, None, "cut at ' #'", QUOTE),
    ("starts-with-star", "    text: Andas ut.", "    text: *Andas* ut.", 8, None, "cannot start with '*'", QUOTE),
    ("starts-with-ampersand", "    text: Andas ut.", "    text: & sedan ut.", 8, None, "cannot start with '&'", QUOTE),
    ("starts-with-bang", "    text: Andas ut.", "    text: !Andas ut.", 8, None, "cannot start with '!'", QUOTE),
    ("starts-with-percent", "    text: Andas ut.", "    text: %50 långsammare", 8, None, "cannot start with '%'",
     QUOTE),
    ("starts-with-at", "    text: Andas ut.", "    text: @kunden andas", 8, None, "cannot start with '@'", QUOTE),
    ("starts-with-backtick", "    text: Andas ut.", "    text: `Andas` ut.", 8, None, "cannot start with '`'", QUOTE),
    ("starts-with-bar", "    text: Andas ut.", "    text: | Andas ut.", 8, None, "cannot start with '|'", QUOTE),
    ("starts-with-greater", "    text: Andas ut.", "    text: > Andas ut.", 8, None, "'>'", QUOTE),
    ("alias-bomb", "say: [Ge mig en sekund.]", BOMB.rstrip("\n"), 11, "say", "cannot start with '&'", QUOTE),
    ("alias-to-a-title", "summary: Andas innan du svarar.", "summary: *title", 3, None, "cannot start with '*'",
     QUOTE),
    ("merge-key", "  - id: exhale\n", "  - id: exhale\n    <<: {say: Hej}\n", 8, None, "merge key", "in full"),
    ("deep-nesting", "pitfalls: [Att hålla andan.]", "pitfalls: " + "[" * 10_000 + "]" * 10_000, 12, None,
     "nested more than", "indentation"),
    ("zero-width-space-in-title", "title: Andas", "title: An\u200bdas", 2, "title", "zero-width", "delete it"),
    ("right-to-left-override", "    say: Tack för att du väntade.", "    say: Tack för \u202eatt du väntade.", 9,
     "steps.1.say", "text-direction", "reverses"),
    ("isolate-left-open", "    text: Andas in.", "    text: Andas \u2067in.", 6, "steps.0.text", "text-direction",
     "delete it"),
    ("nul-in-summary", "summary: Andas innan du svarar.", "summary: Andas\0 innan du svarar.", 3, "summary",
     "NUL", "delete it"),
    ("c1-control-in-title", "title: Andas", "title: An\x85das", 2, "title", "control character", "delete it"),
    ("line-separator", "    text: Andas ut.", "    text: Andas\u2028ut.", 8, "steps.1.text", "line or paragraph",
     "normal line break"),
    ("zero-width-in-explanation", "Varför det hjälper att andas.", "Varför det hjä\u2060lper att andas.", 14,
     "body", "zero-width", "delete it"),
    ("carriage-return-inside-a-title", "title: Andas", "title: Andas\r- lugnt", 2, None, "carriage return",
     "delete it"),
    ("merge-conflict", "say: [Ge mig en sekund.]",
     "<<<<<<< HEAD\nsay: [Ge mig en sekund.]\n=======\nsay: [Ge mig ett ögonblick.]\n>>>>>>> other", 10, None,
     "lines 10–14", "delete the three marker lines"),
    ("list-where-text-belongs", "title: Andas", "title: - Andas", 2, None, "'- '", QUOTE),
]


@pytest.mark.parametrize(("name", "old", "new", "line", "key", "message", "hint"), PAGE_CASES,
                         ids=[c[0] for c in PAGE_CASES])
def test_hostile_page_text_is_a_located_error_in_plain_words(tmp_path: Path, name: str, old: str, new: str,
                                                             line: int, key: str | None, message: str,
                                                             hint: str) -> None:
    assert old in TECHNIQUE_SV
    docs = write_docs(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV.replace(old, new, 1)})
    with pytest.raises(ContentError) as raised:
        load_catalog(docs, LANGS, tmp_path)
    error = raised.value
    assert (error.path, error.line) == (PAGE, line), str(error)
    if key is not None:
        assert error.key == key, str(error)
    assert message in error.message, str(error)
    assert error.hint and hint in error.hint, str(error)
    for jargon in ("scalar", "alias", "anchor", "token", "mapping values", "Traceback"):
        assert jargon not in str(error), f"parser jargon: {error}"


LOCALE_CASES = [
    ("alias-bomb", "  reset: Rensa\n", "  reset: &a Rensa\n  say: *a\n", 2, "cannot start with '&'"),
    ("deep-nesting", "  reset: Rensa\n", "  reset: " + "{a: " * 5000 + "b" + "}" * 5000 + "\n", 2, "nested more than"),
    ("hash-in-a-label", "  reset: Rensa\n", "  reset: Rensa #2\n", 2, "cut at ' #'"),
    ("bidi-override", "  reset: Rensa\n", "  reset: Re\u202ensa\n", 2, "text-direction"),
    ("second-document", "  reset: Rensa\n", "  reset: Rensa\n---\nx: y\n", 3, "second YAML document"),
    ("merge-conflict", "  reset: Rensa\n", "<<<<<<< ours\n  reset: Rensa\n=======\n  reset: Töm\n>>>>>>> theirs\n", 2,
     "merge conflict"),
]


@pytest.mark.parametrize(("name", "old", "new", "line", "message"), LOCALE_CASES, ids=[c[0] for c in LOCALE_CASES])
def test_hostile_locale_text_is_a_located_error(tmp_path: Path, name: str, old: str, new: str, line: int,
                                                message: str) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.yml").write_text(ENGLISH_LOCALE, encoding="utf-8")
    (tmp_path / "locales" / "sv.yml").write_text("checklist:\n  reset: Rensa\n  say: Säg:\n".replace(
        "Säg:", "\"Säg:\"").replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_labels(tmp_path / "locales", LANGS, tmp_path)
    assert (raised.value.path, raised.value.line) == ("locales/sv.yml", line), str(raised.value)
    assert message in raised.value.message and raised.value.hint, str(raised.value)


def test_an_alias_bomb_and_ten_thousand_levels_of_nesting_are_refused_before_anything_expands() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9))
    with pytest.raises(ContentError, match=r"bomb.yml:1 \[a\]: a text cannot start with '&'"):
        load_yaml(bomb, "bomb.yml")
    with pytest.raises(ContentError, match=r"deep.yml:1 \[a[.0]+\]: lists and fields are nested more than"):
        load_yaml("a: " + "[" * 10_000 + "]" * 10_000, "deep.yml")
    with pytest.raises(ContentError, match=r"deep.yml:25 \[[.0]+\]: lists and fields are nested more than"):
        load_yaml("".join(" " * i + "- \n" for i in range(10_000)), "deep.yml")
    with pytest.raises(ContentError, match=r"self.yml:1 \[a\]: a text cannot start with '&'"):
        load_yaml("a: &a [*a]\n", "self.yml")


def test_a_huge_file_or_a_file_of_countless_values_is_refused_with_advice(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, **{"techniques/breathe.sv.md": TECHNIQUE_SV + "x" * 5_000_001})
    with pytest.raises(ContentError, match=r"breathe.sv.md: the file is 5.\d MB; at most 5 MB are read. How to fix: split"):
        load_catalog(docs, LANGS, tmp_path)
    with pytest.raises(ContentError, match=r"many.yml:1 \[a.\d+\]: the file has more than 200000 values"):
        load_yaml("a: [" + "x, " * 200_001 + "]\n", "many.yml")


def test_words_yaml_1_1_would_turn_into_booleans_numbers_or_dates_stay_the_text_written(tmp_path: Path) -> None:
    page = TECHNIQUE_SV.replace("title: Andas", "title: No").replace("summary: Andas innan du svarar.", "summary: 1.0") \
        .replace("say: [Ge mig en sekund.]", "say: [yes, on, Off, ~, null]") \
        .replace("avoid: [Skynda dig.]", "avoid: [010, 2024-01-01, 1e3, .inf, 'No']")
    docs = write_docs(tmp_path, **{"techniques/breathe.sv.md": page})
    text = load_catalog(docs, LANGS, tmp_path).techniques["breathe"].texts["sv"]
    assert (text.title, text.summary) == ("No", "1.0")
    assert text.say == ("yes", "on", "Off", "~", "null")
    assert text.avoid == ("010", "2024-01-01", "1e3", ".inf", "No")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.yml").write_text("answer:\n  no: No\n  yes: Yes\n", encoding="utf-8")
    (tmp_path / "locales" / "sv.yml").write_text("answer:\n  no: Nej\n  yes: Ja\n", encoding="utf-8")
    labels, issues = load_labels(tmp_path / "locales", LANGS, tmp_path)
    assert labels["en"].values == {"answer.no": "No", "answer.yes": "Yes"} and not issues
    assert labels["sv"]("answer.no") == "Nej"


def test_a_label_that_yaml_1_1_reads_as_a_boolean_is_written_back_quoted() -> None:
    written = update_yaml_text("answer:\n  refuse: Nej\n  count: två\n  plain: x\n",
                               [(("answer", "refuse"), "No"), (("answer", "count"), "010"), (("answer", "plain"), "Sí")])
    assert written == "answer:\n  refuse: \"No\"\n  count: \"010\"\n  plain: Sí\n"
    assert yaml.safe_load(written) == {"answer": {"refuse": "No", "count": "010", "plain": "Sí"}}  # what PyYAML sees


@pytest.mark.parametrize("spelling", ["crlf", "cr", "bom", "nfd"])
def test_line_ends_a_byte_order_mark_and_unicode_form_are_not_a_change(tmp_path: Path, spelling: str) -> None:
    project = mini_project(tmp_path / "p", **{"techniques/breathe.en.md": TECHNIQUE_EN.replace("Breathe in.", "Breathe in, señor.")})
    docs = project / "docs"
    mark_reviewed(project, docs, "sv", [])
    english = docs / "techniques" / "breathe.en.md"
    text = english.read_text(encoding="utf-8")
    changed = {"crlf": text.replace("\n", "\r\n"), "cr": text.replace("\n", "\r"), "bom": "\ufeff" + text,
               "nfd": text.replace("ñ", "n\u0303")}[spelling]
    english.write_bytes(changed.encode("utf-8"))
    status = language_status(project, docs, "sv", current_english(project, docs))
    assert [i.name for i in status.outdated] == []
    catalog = load_catalog(docs, ("en", "sv", "es"), project)
    assert catalog.techniques["breathe"].texts["en"].steps["inhale"].text == "Breathe in, señor."


def test_a_zero_width_space_inside_a_forbidden_term_does_not_slip_past_the_glossary() -> None:
    term = Term("kund", ("klient",), (variant_pattern("klient"),), ("pages", "labels"), None)
    found = find_forbidden("title: Lugna\nsummary: Lyssna på kli\u200bent och vänta.\n", [term], "pages")
    assert [(line, text) for line, text, _ in found] == [(2, "klient")]


def test_joiners_inside_emoji_and_persian_words_are_text(tmp_path: Path) -> None:
    data, _ = load_yaml("a: 👩\u200d💻 ok\nb: می\u200cخواهم\n", "x.yml")
    assert data == {"a": "👩\u200d💻 ok", "b": "می\u200cخواهم"}
    with pytest.raises(ContentError, match=r"x.yml:1 \[a\]: an invisible zero-width character \(U\+200D\)"):
        load_yaml("a: ok\u200d\n", "x.yml")


def test_typed_fields_still_read_their_values_from_text(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, **{"techniques/breathe.en.md": TECHNIQUE_EN.replace("{from: 5, to: 10}",
                                                                                    "{from: five, to: 10}")})
    with pytest.raises(ContentError, match=r"breathe.en.md:14 \[steps.1.window.from\]: must be a whole number of "
                                           r"seconds in digits, not 'five'"):
        load_catalog(docs, LANGS, tmp_path)
    docs = write_docs(tmp_path / "b", **{"checklists/short.en.md": "---\ntitle: T\nsummary: S\ntechniques: [breathe]\n"
                                                                     "cheatsheet: yes\n---\nIntro.\n"})
    with pytest.raises(ContentError, match=r"short.en.md:5 \[cheatsheet\]: must be true or false"):
        load_catalog(docs, LANGS, tmp_path / "b")


def test_an_article_language_the_site_does_not_have_is_located(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, **{"sources.en.md": SOURCES_EN.replace("language: sv", "language: de")})
    with pytest.raises(ContentError) as raised:
        load_catalog(docs, LANGS, tmp_path)
    assert (raised.value.path, raised.value.line, raised.value.key) == ("docs/sources.en.md", 6, "articles.0.language")
    assert "unknown language 'de'" in raised.value.message and "en, sv" in raised.value.message


def test_a_folder_named_like_a_content_file_is_located(tmp_path: Path) -> None:
    docs = write_docs(tmp_path)
    (docs / "techniques" / "shout.en.md").mkdir()
    with pytest.raises(ContentError) as raised:
        load_catalog(docs, LANGS, tmp_path)
    assert raised.value.path == "docs/techniques/shout.en.md" and "folder" in raised.value.message


@pytest.mark.parametrize(("content", "line", "key"), [
    ("- a\n- b\n", 1, None),
    ("labels: [x]\npages: {}\n", 1, "labels"),
    ("labels: {}\npages:\n  techniques/breathe.md: [1, 2]\n", 3, "pages.techniques/breathe.md"),
    ("labels: {}\npages:\n  techniques/breathe.md: {fingerprint: abc, english: [x]}\n", 3,
     "pages.techniques/breathe.md.english"),
])
def test_a_fingerprint_file_of_the_wrong_shape_is_located(tmp_path: Path, content: str, line: int,
                                                          key: str | None) -> None:
    project = mini_project(tmp_path)
    (project / "locales" / "fingerprints").mkdir(exist_ok=True)
    (project / "locales" / "fingerprints" / "sv.yml").write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        language_status(project, project / "docs", "sv", current_english(project, project / "docs"))
    assert (raised.value.path, raised.value.line, raised.value.key) == ("locales/fingerprints/sv.yml", line, key)
    assert "./run translations reviewed" in raised.value.hint


def test_under_serve_an_alias_bomb_is_shown_and_restoring_the_file_restores_the_site(tmp_path: Path) -> None:
    import kb_build

    project = mini_project(tmp_path / "p")
    docs, languages = project / "docs", ("en", "sv", "es")
    english, locale = docs / "techniques" / "breathe.en.md", project / "locales" / "sv.yml"
    good_locale = locale.read_text(encoding="utf-8")
    kb_build.set_command("serve")
    try:
        good = kb_build._load_content(project, docs, languages)
        english.write_text(TECHNIQUE_EN.replace("say: [Give me a second.]", BOMB.rstrip("\n")), encoding="utf-8")
        locale.write_text(good_locale.replace("checklist:\n", "checklist:\n  x: &x [a, b]\n  y: [*x, *x]\n", 1),
                          encoding="utf-8")
        broken = kb_build._load_content(project, docs, languages)
        assert [(e.path, e.line) for e in broken[4]] == [("docs/techniques/breathe.en.md", 16)]
        assert broken[0] is good[0], "the last good content is shown meanwhile"
        english.write_text(TECHNIQUE_EN, encoding="utf-8")
        labels_only = kb_build._load_content(project, docs, languages)
        anchor_line = good_locale.splitlines().index("checklist:") + 2
        assert [(e.path, e.line) for e in labels_only[4]] == [("locales/sv.yml", anchor_line)]
        assert labels_only[1]["sv"].fallbacks, "the broken locale file falls back to English"
        locale.write_text(good_locale, encoding="utf-8")
        restored = kb_build._load_content(project, docs, languages)
        assert restored[4] == [] and restored[0] is not good[0]
        assert restored[0].techniques["breathe"].texts["sv"].title == "Andas"
    finally:
        kb_build.set_command("build")
        kb_build._cache = kb_build._last_good = None
