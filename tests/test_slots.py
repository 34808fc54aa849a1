"""Slots in phrases and the team profile: declared once, checked with file, line and key, filled
everywhere a phrase appears (or shown as a blank), and a profile's values treated as untrusted text."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from conftest import TEST_SITE_URL, mkdocs_build
from knowledge_base.content.errors import ContentError
from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.content.slots import ON_DEVICE, declared_slots
from knowledge_base.content.team import MAX_VALUE, load_team, team_file
from knowledge_base.publish.api import techniques_json
from knowledge_base.publish.llms import technique_markdown
from knowledge_base.render.cards import PAPERS, card_fit, card_html
from knowledge_base.render.markup import copy_button, md_text, phrase_html, phrase_text, quoted
from knowledge_base.translate.exchange import ExchangeError, export_po, import_po
from minisite import LISTEN_EN, TECHNIQUE_EN, TECHNIQUE_SV, mini_project, write_docs

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
SLOTS = declared_slots(LABELS["en"].values)
EN_SAY = "    say: Thank you for waiting.\n"
SV_SAY = "    say: Tack för att du väntade.\n"


def with_phrase(en: str | None = None, sv: str | None = None) -> dict[str, str]:
    """Overrides for the tiny catalog whose step 'exhale' says `en` (English) and `sv` (Swedish)."""
    out = {}
    if en is not None:
        out["techniques/breathe.en.md"] = TECHNIQUE_EN.replace(EN_SAY, f"    say: '{en}'\n")
    if sv is not None:
        out["techniques/breathe.sv.md"] = TECHNIQUE_SV.replace(SV_SAY, f"    say: '{sv}'\n")
    return out


def load(tmp_path: Path, **overrides: str):
    docs = write_docs(tmp_path, **overrides)
    return load_catalog(docs, ("en", "sv"), tmp_path, slots=SLOTS)


def test_the_slots_are_declared_once_in_the_english_locale_with_words_in_every_language() -> None:
    assert set(SLOTS) >= {"customer", "agent", "company", "offer", "escalate_to"}
    for lang in LANGS:
        for slot in SLOTS:
            for part in ("name", "description", "example"):
                key = f"slots.{slot}.{part}"
                assert key in LABELS[lang].values and key not in LABELS[lang].fallbacks, f"{lang}: {key}"


@pytest.mark.parametrize(("en", "sv", "file", "key", "message"), [
    ("{custmer}, thank you.", None, "docs/techniques/breathe.en.md", "steps.1.say", "unknown slot {custmer}"),
    ("{Customer}, thank you.", None, "docs/techniques/breathe.en.md", "steps.1.say", "unknown slot {Customer}"),
    ("Thank you {customer.", None, "docs/techniques/breathe.en.md", "steps.1.say", "brace that does not belong"),
    ("{customer}, thank you.", "Tack för att du väntade.", "docs/techniques/breathe.sv.md", "steps.1.say",
     r"lacks the slot \{customer\} of the English phrase"),
    ("Thank you.", "{customer}, tack.", "docs/techniques/breathe.sv.md", "steps.1.say",
     r"has the slot \{customer\}, which the English phrase does not have"),
    ("{customer}, thank you.", "{agent}, tack.", "docs/techniques/breathe.sv.md", "steps.1.say",
     r"lacks the slot \{customer\}"),
    ("{customer}, thank you.", "{kund}, tack.", "docs/techniques/breathe.sv.md", "steps.1.say", r"unknown slot \{kund\}"),
])
def test_a_missing_extra_or_misspelt_slot_is_an_error_with_file_line_and_key(
        tmp_path: Path, en: str, sv: str | None, file: str, key: str, message: str) -> None:
    with pytest.raises(ContentError, match=message) as raised:
        load(tmp_path, **with_phrase(en, sv))
    error = raised.value
    assert (error.path, error.key) == (file, key)
    source = (tmp_path / file).read_text("utf-8").splitlines()
    assert "say:" in source[error.line - 1], f"line {error.line} is not the phrase's line"


def test_matching_slots_load_and_a_phrase_to_avoid_is_checked_too(tmp_path: Path) -> None:
    catalog = load(tmp_path, **with_phrase("{customer}, thank you for waiting.", "Tack för att du väntade, {customer}."))
    assert catalog.techniques["breathe"].text("sv").steps["exhale"].say == "Tack för att du väntade, {customer}."
    avoid = TECHNIQUE_EN.replace("avoid: [Hurry up.]", "avoid: ['Hurry up, {custmer}.']")
    with pytest.raises(ContentError, match="unknown slot") as raised:
        load(tmp_path / "b", **{"techniques/breathe.en.md": avoid})
    assert raised.value.key == "avoid.0" and raised.value.line


@pytest.mark.parametrize(("file", "old", "new", "key"), [
    ("techniques/breathe.en.md", "title: Breathe", "title: Breathe with {customer}", "title"),
    ("techniques/breathe.en.md", "summary: Breathe before you answer.", "summary: Breathe before you answer {customer}.",
     "summary"),
    ("techniques/breathe.sv.md", "text: Andas in.", "text: Andas in innan du svarar {customer}.", "steps.0.text"),
    ("techniques/breathe.sv.md", "pitfalls: [Att hålla andan.]", "pitfalls: ['Att säga {offer} för tidigt.']",
     "pitfalls.0"),
])
def test_a_slot_outside_a_phrase_is_an_error_not_shown_as_typed(tmp_path: Path, file: str, old: str, new: str,
                                                                 key: str) -> None:
    source = {"techniques/breathe.en.md": TECHNIQUE_EN, "techniques/breathe.sv.md": TECHNIQUE_SV}[file]
    assert old in source
    with pytest.raises(ContentError) as raised:
        load(tmp_path, **{file: source.replace(old, new)})
    error = raised.value
    assert (error.code, error.path, error.key) == ("slot.outside_phrase", f"docs/{file}", key)
    assert new.split(": ", 1)[1].strip("[]'") in (tmp_path / "docs" / file).read_text("utf-8").splitlines()[error.line - 1]


def test_braces_that_are_no_slot_name_stay_text_outside_phrases(tmp_path: Path) -> None:
    catalog = load(tmp_path, **{"techniques/breathe.en.md": TECHNIQUE_EN.replace("title: Breathe", "title: 'Breathe {1}'")})
    assert catalog.techniques["breathe"].text("en").title == "Breathe {1}"


def write_team(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "team.yml"
    file.write_text(text, encoding="utf-8")
    return file


HOSTILE_PROFILES = [
    ("offer: <b>a voucher</b>\n", "offer", 1, "contains markup"),
    ("offer: '[a voucher](javascript:alert(1))'\n", "offer", 1, "contains markup"),
    ("company: Northwind &amp; Co\n", "company", 1, "contains markup"),
    (f"offer: {'x' * (MAX_VALUE + 1)}\n", "offer", 1, "too long"),
    ("offer: |\n  one line\n  and another\n", "offer", 1, "single line"),
    ("offer: [a, b]\n", "offer", 1, "must be text, not a list"),
    ("company: Northwind\nofer: a voucher\n", "ofer", 2, "unknown slot"),
    ("customer: Mrs Patel\n", "customer", 1, "names are not part of a team profile"),
    ("agent: Sam\n", "agent", 1, "names are not part of a team profile"),
    ("offer:\n  en: a voucher\n  de: ein Gutschein\n", "offer.de", 3, "unknown language"),
    ("offer:\n  en: ''\n", "offer.en", 2, "must not be empty"),
    ("offer: \"a voucher\\u202e\"\n", "offer", 1, "control character"),
    ("offer: 'a {customer} voucher'\n", "offer", 1, "brace"),
    ("- company: Northwind\n", None, 1, "must be a mapping"),
    ("company: [unclosed\n", None, 1, "list opened"),
]


@pytest.mark.parametrize(("text", "key", "line", "message"), HOSTILE_PROFILES)
def test_a_hostile_or_malformed_profile_is_a_located_error(tmp_path: Path, text: str, key: str | None, line: int,
                                                           message: str) -> None:
    file = write_team(tmp_path, text)
    with pytest.raises(ContentError, match=message) as raised:
        load_team(file, "team.yml", SLOTS, LANGS)
    assert (raised.value.path, raised.value.key, raised.value.line) == ("team.yml", key, line)


def test_a_value_for_every_language_or_per_language(tmp_path: Path) -> None:
    file = write_team(tmp_path, "company: Northwind Energy\noffer:\n  en: send you a voucher\n  sv: skicka en värdecheck\n"
                                "escalate_to: No\n")  # read as written, not as YAML 1.1's false
    team = load_team(file, "team.yml", SLOTS, LANGS)
    assert team.for_language("en") == {"company": "Northwind Energy", "offer": "send you a voucher", "escalate_to": "No"}
    assert team.for_language("sv")["offer"] == "skicka en värdecheck"
    assert "offer" not in team.for_language("es"), "a language without its own value shows a blank"
    assert team.where("offer", "sv") == ("offer.sv", 4) and team.where("company", "sv") == ("company", 1)


def test_the_profile_is_team_yml_beside_mkdocs_yml_or_the_file_kb_team_names(tmp_path: Path) -> None:
    assert team_file(tmp_path, {}) is None
    write_team(tmp_path, "company: X\n")
    assert team_file(tmp_path, {}) == tmp_path / "team.yml"
    assert team_file(tmp_path, {"KB_TEAM": "profiles/north.yml"}) == tmp_path / "profiles" / "north.yml"
    assert team_file(tmp_path, {"KB_TEAM": "/etc/team.yml"}) == Path("/etc/team.yml")


def team_labels(lang: str, **values: str):
    return replace(LABELS[lang], team=values)


def test_without_a_value_a_slot_is_a_visible_translated_blank_never_a_made_up_name() -> None:
    phrase = "{customer}, what I can do is {offer}."
    assert phrase_text(LABELS["en"], phrase) == "[customer's name], what I can do is [what you can offer]."
    assert phrase_text(LABELS["sv"], phrase).startswith("[kundens namn], ")
    assert phrase_text(LABELS["es"], phrase).endswith("[lo que puedes ofrecer].")
    html = phrase_html(LABELS["en"], phrase)
    assert ('<span class="kb-slot" data-kb-slot="customer" data-kb-label="customer&#x27;s name" data-kb-first="">'
            "[customer&#x27;s name]</span>") in html


def test_values_fill_the_slots_escaped_and_capitalised_at_the_start_of_a_phrase() -> None:
    labels = team_labels("es", offer='enviarle <un> cupón & "más"', customer="señora López")
    assert phrase_text(labels, "{customer}, lo que puedo hacer es {offer}.") == \
        'Señora López, lo que puedo hacer es enviarle <un> cupón & "más".'
    html = quoted(labels, "Lo que puedo hacer es {offer}.")
    assert html == "«Lo que puedo hacer es enviarle &lt;un&gt; cupón &amp; &quot;más&quot;»."
    assert "javascript:alert(1)" in phrase_html(team_labels("en", company="javascript:alert(1)"), "From {company}.")


def test_a_copy_button_copies_the_filled_phrase_and_keeps_a_template_for_the_names_only() -> None:
    button = copy_button(team_labels("en", offer="send you a voucher"), "{customer}, what I can do is {offer}.")
    assert 'data-kb-copy="[customer&#x27;s name], what I can do is send you a voucher."' in button
    assert 'data-kb-template="{customer}, what I can do is send you a voucher."' in button
    assert "data-kb-template" not in copy_button(LABELS["en"], "What I can do is {offer}.")


def test_cards_markdown_and_json_carry_values_blanks_and_templates(tmp_path: Path) -> None:
    catalog = load(tmp_path, **with_phrase("{customer}, what I can do is {offer}.",
                                           "{customer}, det jag kan göra är att {offer}."))
    labels = {lang: team_labels(lang, offer={"en": "send you a voucher", "sv": "skicka en värdecheck"}[lang])
              for lang in ("en", "sv")}
    markdown = technique_markdown(catalog, "breathe", "sv", labels["sv"], "https://x.test/")
    assert "Säg: ”\\[kundens namn\\], det jag kan göra är att skicka en värdecheck.”" in markdown
    data = json.loads(techniques_json(catalog, "sv", "https://x.test/", labels))
    step = next(t for t in data["techniques"] if t["id"] == "breathe")["steps"][1]
    assert step["say"] == "[kundens namn], det jag kan göra är att skicka en värdecheck."
    assert step["say_template"] == "{customer}, det jag kan göra är att {offer}."
    offer = next(s for s in data["slots"] if s["name"] == "offer")
    assert offer["value"] == "skicka en värdecheck" and offer["blank"] == "[det du kan erbjuda]"
    assert {s["name"] for s in data["slots"] if s["on_device"]} == set(ON_DEVICE)


def test_the_card_fit_estimate_counts_the_values(tmp_path: Path) -> None:
    say = "say: [" + ", ".join(["'What I can do is {offer}.'"] * 3) + "]"
    catalog = load(tmp_path, **{"techniques/breathe.en.md": TECHNIQUE_EN.replace("say: [Give me a second.]", say),
                                "techniques/breathe.sv.md": None})
    tech = catalog.techniques["breathe"]
    blank = card_fit(tech, "en", LABELS["en"], PAPERS[0])
    long = card_fit(tech, "en", team_labels("en", offer="x" * MAX_VALUE), PAPERS[0])
    assert long.needed_mm > blank.needed_mm + 10
    assert 'data-kb-slot="offer"' in card_html(tech, "en", LABELS["en"], "https://x.test/", "cards/breathe/")


def long_card_project(tmp_path: Path) -> Path:
    """A tiny project whose English card fits with a blank for {offer} but not with a long value."""
    value = "arrange a " + "very " * 12 + "generous goodwill gesture"
    for steps in range(1, 9):
        extra = "".join(f"  - id: extra-{n}\n    text: Breathe in slowly while you count to four, hold it and let it "
                        "go before you answer the customer.\n" for n in range(steps))
        technique = TECHNIQUE_EN.replace("steps:\n", "steps:\n" + extra).replace(
            "say: [Give me a second.]", "say: ['What I can do is {offer}.', 'Again: what I can do is {offer}.', "
            "'Once more: what I can do is {offer}.']")
        overrides = {"techniques/breathe.en.md": technique, "techniques/breathe.sv.md": None}
        catalog = load(tmp_path / f"probe-{steps}", **overrides)
        tech = catalog.techniques["breathe"]
        fits_blank = all(card_fit(tech, "en", LABELS["en"], p, TEST_SITE_URL).fits for p in PAPERS)  # as the build prints it
        fits_value = all(card_fit(tech, "en", team_labels("en", offer=value), p, TEST_SITE_URL).fits for p in PAPERS)
        if fits_blank and not fits_value:
            project = mini_project(tmp_path / "project", **overrides)
            write_team(project, f"company: Northwind\noffer: {value}\n")
            return project
    raise AssertionError("no card in the probe range fits with a blank but not with the value")


def test_the_build_names_the_value_that_makes_a_card_too_tall(tmp_path: Path) -> None:
    build = mkdocs_build(long_card_project(tmp_path), tmp_path / "out")
    assert build.returncode != 0
    assert re.search(r"team\.yml:2 \[offer\]: this value of the team profile makes the card 'breathe' \(en\) "
                     r"does not fit the (A6|quarter-Letter) card", build.output), build.output
    assert "Traceback" not in build.output


def test_a_bad_profile_stops_the_build_with_file_line_and_key(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "p")
    write_team(project, "company: Northwind\noffer: <script>alert(1)</script>\n")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "team.yml:2 [offer]: contains markup" in build.output and "Traceback" not in build.output


PHRASE_EN = "{customer}, what I can do is {offer}."


def slotted_project(tmp_path: Path) -> Path:
    listen = LISTEN_EN.replace("say: [Go on.]", "say: ['My name is {agent} from {company}.']")
    return mini_project(tmp_path, **with_phrase(PHRASE_EN, "{customer}, det jag kan göra är att {offer}."),
                        **{"techniques/listen.en.md": listen})


def test_a_tiny_site_without_a_profile_shows_blanks_everywhere(tmp_path: Path) -> None:
    build = mkdocs_build(slotted_project(tmp_path / "p"), tmp_path / "out")
    assert build.returncode == 0, build.output
    site = build.site
    page = (site / "techniques" / "breathe" / "index.html").read_text("utf-8")
    assert '>[customer&#x27;s name]</span>, what I can do is <span class="kb-slot" data-kb-slot="offer"' in page
    assert 'data-kb-names' in page, "the names panel is on every page with a copy button"
    card = (site / "sv" / "cards" / "listen" / "index.html").read_text("utf-8")
    assert 'data-kb-slot="company" data-kb-label="company name"' in card  # English fallback: English blank
    assert "\\[customer's name\\], what I can do is \\[what you can offer\\]." in (site / "llms-full.txt").read_text("utf-8")
    data = json.loads((site / "api" / "en" / "techniques.json").read_text("utf-8"))
    assert all(s["value"] is None for s in data["slots"])


def test_a_tiny_site_with_a_profile_fills_every_output_escaped(tmp_path: Path) -> None:
    project = slotted_project(tmp_path / "p")
    write_team(project, 'company: Smith & Sons "Ltd"\noffer:\n  en: send you a voucher\n  sv: skicka en värdecheck\n')
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.output
    site = build.site
    page = (site / "techniques" / "breathe" / "index.html").read_text("utf-8")
    assert "what I can do is send you a voucher.”" in page
    assert 'data-kb-copy="[customer&#x27;s name], what I can do is send you a voucher."' in page
    sv = (site / "sv" / "techniques" / "breathe" / "index.html").read_text("utf-8")
    assert "det jag kan göra är att skicka en värdecheck.”" in sv
    card = (site / "cards" / "listen" / "index.html").read_text("utf-8")
    assert "from Smith &amp; Sons &quot;Ltd&quot;.”" in card and "Smith & Sons" not in card
    cheat = (site / "cheatsheet" / "index.html").read_text("utf-8")
    assert "Smith &amp; Sons" in cheat
    assert md_text('from Smith & Sons "Ltd".') in (site / "techniques" / "listen.md").read_text("utf-8")
    assert "send you a voucher" in (site / "llms-full.txt").read_text("utf-8")
    data = json.loads((site / "api" / "sv" / "techniques.json").read_text("utf-8"))
    breathe = next(t for t in data["techniques"] if t["id"] == "breathe")
    assert breathe["steps"][1]["say"] == "[kundens namn], det jag kan göra är att skicka en värdecheck."
    assert breathe["steps"][1]["say_template"] == "{customer}, det jag kan göra är att {offer}."
    search = (site / "search" / "search_index.json").read_text("utf-8")
    assert "send you a voucher" in search


def test_po_export_flags_slots_and_import_refuses_a_dropped_or_renamed_slot_naming_the_po_line(tmp_path: Path) -> None:
    project = slotted_project(tmp_path / "p")
    po = export_po(project, project / "docs", "sv")
    context = "docs/techniques/breathe.sv.md#steps.exhale.say"
    found = next(e for e in po if e.msgctxt == context)
    assert "python-brace-format" in found.flags
    for wrong in ("Det jag kan göra är att {offer}.", "{kund}, det jag kan göra är att {offer}."):
        found.msgstr = wrong
        found.flags = [f for f in found.flags if f != "fuzzy"]  # what a translator's CAT tool does on saving
        po.save(str(tmp_path / "sv.po"))
        line = next(e for e in polib.pofile(str(tmp_path / "sv.po")) if e.msgctxt == context).linenum
        with pytest.raises(ExchangeError, match=rf"sv\.po:{line} \[{re.escape(context)}\]: placeholders differ"):
            import_po(project, project / "docs", "sv", tmp_path / "sv.po")


def test_printed_cards_and_cheat_sheet_carry_the_team_values_and_write_on_lines(tmp_path: Path, page) -> None:
    from pypdf import PdfReader

    from printing import print_page, serve

    project = slotted_project(tmp_path / "p")
    write_team(project, "company: Northwind Energy\noffer:\n  en: send you a voucher\n")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.output
    with serve(build.site) as base:
        card = print_page(page, base + "cards/listen/", ".kb-card", "a4")
        assert not card.clipped and len(card.sizes) == 1
        text = PdfReader(io.BytesIO(card.pdf)).pages[0].extract_text()
        assert "from Northwind Energy" in text
        blank = page.locator('.kb-card .kb-slot[data-kb-slot="agent"]')  # no name on paper: a write-on line
        assert blank.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
        cheat = print_page(page, base + "cheatsheet/", ".kb-cheatsheet", "letter")
        assert "from Northwind Energy" in PdfReader(io.BytesIO(cheat.pdf)).pages[0].extract_text()
        sheet = print_page(page, base + "cards/", ".kb-sheet-page", "a4")
        assert "from Northwind Energy" in PdfReader(io.BytesIO(sheet.pdf)).pages[0].extract_text()
