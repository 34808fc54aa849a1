"""The live-call console in Chromium, at 1366x768 and 390x844, in Swedish and Spanish (and English
where a tick has to travel between languages). Checks are batched per page load."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.content.model import PHASES
from knowledge_base.render.console import first_phrase
from knowledge_base.render.markup import quote_text
from sitecheck import prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
LIVE = CATALOG.live
VIEWPORTS = {"desk": (1366, 768), "phone": (390, 844)}
COMBOS = [("sv", "desk"), ("sv", "phone"), ("es", "desk"), ("es", "phone")]
VENTING = next(i for i, s in enumerate(LIVE.situations) if s.id == "venting")


@pytest.fixture
def open_page(browser):
    """A factory for pages at a named viewport, each in its own context; fails on JavaScript errors."""
    contexts, errors = [], []

    def make(viewport: str = "desk", **options):
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: errors.append(f"{exc.message}\n{exc.stack}"))
        return tab

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def settled_in_view(page, selector: str) -> bool:
    """Whether `selector` is on the first screen once the move has been scrolled into place (a busy machine may
    take a few frames)."""
    try:
        page.wait_for_function(
            "s => { const r = document.querySelector(s).getBoundingClientRect();"
            " return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }", arg=selector, timeout=3000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the assertion's message says what was not in view
        return False
    return True


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }", selector)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_home_page_opens_with_the_console_link_first_on_the_first_screen(open_page, site_url: str,
                                                                              viewport: str) -> None:
    page = open_page(viewport)
    for lang in LANGS:
        page.goto(f"{site_url}{prefix(lang)}")
        link = page.locator(".md-content a").first
        assert link.inner_text().strip() == LABELS[lang]("console.home_link")
        assert in_view(page, ".kb-live-link")
        assert page.evaluate("document.querySelector('.kb-live-link').getBoundingClientRect().bottom"
                             " <= document.querySelector('.md-content h1').getBoundingClientRect().top")
    link.click()
    page.wait_for_url(f"{site_url}{prefix(lang)}live/")


@pytest.mark.parametrize(("lang", "viewport"), COMBOS)
def test_a_situation_shows_its_move_on_one_screen_by_key_or_tap(open_page, site_url: str, lang: str,
                                                                viewport: str) -> None:
    labels = LABELS[lang]
    page = open_page(viewport, permissions=["clipboard-read", "clipboard-write"])
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}{prefix(lang)}live/")
    assert page.get_by_role("heading", name=labels("console.situations")).is_visible()
    assert page.locator("a.kb-situation").count() == len(LIVE.situations)
    for index, situation in enumerate(LIVE.situations):
        text = CATALOG.techniques[situation.technique].text(lang)
        move = page.locator(f'[data-kb-move="{situation.id}"]')
        if index % 2:
            page.locator(f'a[data-kb-situation="{situation.id}"]').click()
        else:
            page.keyboard.press(str((index + 1) % 10))
        assert move.is_visible() and not page.locator(".kb-situations").is_visible()
        assert move.get_by_role("heading", level=2).inner_text().endswith(text.title)
        assert 1 <= move.locator(".kb-move-steps li").count() <= 7
        assert labels("console.avoid") in move.inner_text()
        phrase = first_phrase(CATALOG, situation, lang)
        assert move.locator(".kb-move-say .kb-phrase").inner_text() == quote_text(labels, phrase)
        assert move.locator(".kb-copy").is_visible()
        selector = f'[data-kb-move="{situation.id}"]' + (" .kb-move-say" if viewport == "phone" else "")
        assert in_view(page, selector), f"{situation.id}: not on the first screen"
        href = move.locator(".kb-move-open").get_attribute("href")
        assert urljoin(page.url, href).endswith(f"techniques/{situation.technique}/#{situation.step}")
        if index == VENTING:
            page.keyboard.press("c")
            assert page.evaluate("navigator.clipboard.readText()") == phrase
        if index % 2:
            move.get_by_role("button", name=labels("console.back")).click()
        else:
            page.keyboard.press("b")
        page.wait_for_url(f"{site_url}{prefix(lang)}live/")  # Back undoes the move's history entry
        assert page.locator(".kb-situations").is_visible() and not move.is_visible()
        assert page.evaluate("document.activeElement.dataset.kbSituation") == situation.id
    assert requests and all(url.startswith(site_url) for url in requests), "a request left the site"


@pytest.mark.parametrize(("lang", "viewport"), COMBOS)
def test_pause_points_one_at_a_time_with_sticky_progress_next_step_and_shared_ticks(
        open_page, site_url: str, lang: str, viewport: str) -> None:
    labels = LABELS[lang]
    other = "es" if lang == "sv" else "sv"
    page = open_page(viewport)
    page.clock.install()
    page.goto(f"{site_url}{prefix(lang)}live/")
    phases = page.locator(".kb-phase")
    assert phases.count() == len(PHASES)
    visible = [i for i in range(len(PHASES)) if phases.nth(i).is_visible()]
    assert visible == [0]
    boxes = phases.nth(0).locator("input.kb-check")
    total = boxes.count()
    assert 5 <= total <= 9
    heading = phases.nth(0).locator("h3").inner_text()
    progress = page.locator(".kb-phase-progress")
    assert progress.inner_text() == heading + " · " + labels("console.phase_progress", done=0, total=total)
    page.keyboard.press("n")
    first = boxes.nth(0).get_attribute("data-kb-step")
    assert page.evaluate("document.activeElement.dataset.kbStep") == first
    page.keyboard.press("x")
    assert boxes.nth(0).is_checked()
    assert progress.inner_text().endswith(labels("console.phase_progress", done=1, total=total))
    page.get_by_role("button", name=labels("console.next_step")).click()
    assert page.evaluate("document.activeElement.dataset.kbStep") == boxes.nth(1).get_attribute("data-kb-step")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert in_view(page, ".kb-console-bar"), "the progress count scrolled out of view"
    page.keyboard.press("]")
    assert [i for i in range(len(PHASES)) if phases.nth(i).is_visible()] == [1]

    # Clear ticks, then undo within the 10 s the agent has.
    page.get_by_role("button", name=labels("checklist.reset")).click()
    assert not page.locator(f'[data-kb-step="{first}"]').is_checked()
    page.clock.run_for(10_000)
    page.get_by_role("button", name=labels("console.undo")).click()
    assert page.locator(f'[data-kb-step="{first}"]').is_checked()

    # The tick shows on the playbook in another language; a tick there shows back in the console.
    page.goto(f"{site_url}{prefix(other)}checklists/live-call/")
    assert page.locator(f'[data-kb-step="{first}"]').is_checked()
    later = LIVE.phases["listening"][1]
    page.locator(f'[data-kb-step="{later}"]').check()
    page.goto(f"{site_url}live/")
    assert page.locator(f'[data-kb-step="{first}"]').is_checked()
    assert page.locator(f'[data-kb-step="{later}"]').is_checked()


@pytest.mark.parametrize(("lang", "viewport"), [("sv", "desk"), ("es", "phone")])
def test_switching_language_lands_on_the_same_step(open_page, site_url: str, lang: str, viewport: str) -> None:
    other = "es" if lang == "sv" else "sv"
    step = LIVE.phases["listening"][4]
    anchor = step.replace("/", "--")
    page = open_page(viewport)
    page.goto(f"{site_url}{prefix(lang)}checklists/live-call/")
    page.evaluate("id => { document.getElementById(id).scrollIntoView({block: 'start', behavior: 'instant'});"
                  " window.scrollBy({top: -60, behavior: 'instant'}); }", anchor)
    page.evaluate("l => document.querySelector(`.md-select a[hreflang='${l}']`).click()", other)
    page.wait_for_url(f"**/{other}/checklists/live-call/#{anchor}")
    assert in_view(page, f"#{anchor}")
    page.goto(f"{site_url}{prefix(lang)}live/")
    for _ in range(LIVE.phases["before"].__len__() + LIVE.phases["opening"].__len__() + 5):
        page.keyboard.press("n")
    expect(page).to_have_url(re.compile(f"#{re.escape(anchor)}$"))  # the address follows a moment after the key
    page.evaluate("l => document.querySelector(`.md-select a[hreflang='${l}']`).click()", other)
    page.wait_for_url(f"**/{other}/live/#{anchor}")
    assert page.locator(f"#{anchor}").is_visible() and in_view(page, f"#{anchor}")
    assert page.locator(f"#{anchor}.kb-step--current").count() == 1


@pytest.mark.parametrize(("lang", "viewport"), COMBOS)
def test_the_venting_timer_cue_is_large_announced_and_in_the_tab_title(open_page, site_url: str, lang: str,
                                                                       viewport: str) -> None:
    labels = LABELS[lang]
    step = next(s for s in CATALOG.techniques["let-them-vent"].steps if s.window)
    page = open_page(viewport)
    page.clock.install()
    page.goto(f"{site_url}{prefix(lang)}live/")
    title = page.title()
    page.keyboard.press(str(VENTING + 1))
    page.keyboard.press("t")
    timer = page.locator('[data-kb-move="venting"] .kb-timer')
    cue = timer.locator(".kb-timer-state")
    assert cue.get_attribute("aria-live") in ("polite", "assertive")
    body = float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"))
    shapes, glyphs, elapsed = set(), set(), 0
    for mark in step.window.marks:
        page.clock.run_for((mark.at + 1 - elapsed) * 1000)
        elapsed = mark.at + 1
        words = labels(f"console.mark_{mark.kind.replace('-', '_')}", at=mark.at)
        assert cue.inner_text() == words and timer.get_attribute("data-kb-mark") == mark.kind
        style = cue.evaluate("e => { const s = getComputedStyle(e), b = getComputedStyle(e, '::before');"
                             " return [parseFloat(s.fontSize), s.borderStyle + s.borderRadius + b.content]; }")
        assert style[0] >= 1.2 * body, "the cue is not large"
        shapes.add(style[1])
        shown, clock = page.evaluate(
            "() => [document.title, document.querySelector('[data-kb-move=venting] .kb-timer-elapsed').textContent]")
        assert shown.endswith(f" {clock} · {title}"), shown  # the same elapsed time as on the page
        minutes, seconds = clock.split(":")
        assert elapsed <= int(minutes) * 60 + int(seconds) <= elapsed + 2, clock
        glyphs.add(shown.split(" ")[0])
    assert len(shapes) == len(step.window.marks), "the cue's shape does not change at each mark"
    assert len(glyphs) == len(step.window.marks), "the tab title does not show which mark was reached"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    if not in_view(page, '[data-kb-move="venting"] .kb-timer'):
        assert page.locator(".kb-timer-float:visible").inner_text().endswith(cue.inner_text())
    page.keyboard.press("t")
    assert page.title() == title


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_keyboard_help_lists_the_keys_and_typing_in_search_fires_nothing(open_page, site_url: str, lang: str) -> None:
    labels = LABELS[lang]
    page = open_page("desk")
    page.goto(f"{site_url}{prefix(lang)}live/")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name=labels("console.help"))
    assert dialog.is_visible()
    for key in ("key_situation", "key_next", "key_tick", "key_timer", "key_copy", "key_back", "key_help"):
        assert labels(f"console.{key}") in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    search = page.locator("input.md-search__input")
    search.click()
    search.type("2n?t")
    assert search.input_value() == "2n?t"
    assert not page.locator("[data-kb-move]:visible").count() and not dialog.is_visible()
    assert page.locator(".kb-step--current").count() == 0


@pytest.mark.parametrize(("lang", "viewport"), [("sv", "phone"), ("es", "desk")])
def test_without_javascript_the_console_is_a_page_of_links_and_checklists(browser, site_url: str, lang: str,
                                                                         viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site_url}{prefix(lang)}live/")
    links = page.locator("a.kb-situation")
    assert links.count() == len(LIVE.situations) and links.first.is_visible()
    for i, situation in enumerate(LIVE.situations):
        assert links.nth(i).inner_text().endswith(situation.text(lang))
        target = urljoin(page.url, links.nth(i).get_attribute("href"))
        assert target == f"{site_url}{prefix(lang)}techniques/{situation.technique}/#{situation.step}"
    assert page.locator("[data-kb-move]:visible").count() == 0
    assert page.locator(".kb-phase:visible").count() == len(PHASES)
    assert not page.locator(".kb-console-bar").is_visible()
    links.first.click()
    page.wait_for_url(f"**/techniques/{LIVE.situations[0].technique}/#{LIVE.situations[0].step}")
    assert page.locator(f"#{LIVE.situations[0].step}").is_visible()
    context.close()


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_printing_the_console_gives_a_one_page_situation_move_say_table(open_page, site_url: str, lang: str) -> None:
    labels = LABELS[lang]
    page = open_page("desk")
    page.goto(f"{site_url}{prefix(lang)}live/")
    page.emulate_media(media="print")
    table = page.locator("table.kb-console-print")
    assert table.is_visible() and table.locator("tbody tr").count() == len(LIVE.situations)
    headers = table.locator("th").all_inner_texts()
    assert headers == [labels("console.print_situation"), labels("console.print_move"), labels("console.print_say")]
    assert not page.locator(".kb-situations").is_visible() and not page.locator(".kb-phases").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


# ---- The console keeps its place (issue 20, point 3) ----

PLACE_COMBOS = [("sv", "desk"), ("es", "phone")]


def heading_clear_of_the_bar(page, situation: str) -> bool:
    """The move's heading is on screen, below the sticky header and console bar."""
    return page.evaluate(
        "id => { const h = document.getElementById('kb-move-title-' + id).getBoundingClientRect();"
        " const bar = document.querySelector('.kb-console-bar').getBoundingClientRect();"
        " return h.top >= bar.bottom && h.bottom <= innerHeight; }", situation)


@pytest.mark.parametrize(("lang", "viewport"), PLACE_COMBOS)
def test_back_and_forward_go_between_the_situations_and_a_move_without_reloading(
        open_page, site_url: str, lang: str, viewport: str) -> None:
    page = open_page(viewport)
    home = f"{site_url}{prefix(lang)}"
    page.goto(home)
    page.locator(".kb-live-link").click()
    page.wait_for_url(f"{home}live/")
    page.evaluate("window.kbSamePage = true")  # gone after any reload
    situation = LIVE.situations[VENTING].id
    page.locator(f'a[data-kb-situation="{situation}"]').click()
    move = page.locator(f'[data-kb-move="{situation}"]')
    expect(page).to_have_url(f"{home}live/#situation-{situation}")
    assert move.is_visible()
    page.go_back()
    expect(page).to_have_url(f"{home}live/")
    assert page.locator(".kb-situations").is_visible() and not move.is_visible()
    page.go_forward()
    assert move.is_visible() and heading_clear_of_the_bar(page, situation)
    page.keyboard.press("b")  # "Back to the situations" undoes the move's history entry
    page.wait_for_url(f"{home}live/")
    assert page.locator(".kb-situations").is_visible()
    assert page.evaluate("document.activeElement.dataset.kbSituation") == situation
    assert page.evaluate("window.kbSamePage") is True, "the console reloaded"
    page.go_back()
    page.wait_for_url(home)


@pytest.mark.parametrize(("lang", "viewport"), PLACE_COMBOS)
def test_a_link_to_a_move_and_a_language_switch_keep_the_move_and_the_pause_point(
        open_page, site_url: str, lang: str, viewport: str) -> None:
    other = "es" if lang == "sv" else "sv"
    situation = LIVE.situations[VENTING].id
    page = open_page(viewport)
    page.goto(f"{site_url}{prefix(lang)}live/#situation-{situation}")  # a shared link to a move
    assert page.locator(f'[data-kb-move="{situation}"]').is_visible()
    page.wait_for_load_state("load")
    assert heading_clear_of_the_bar(page, situation)
    page.keyboard.press("b")
    page.keyboard.press("]")
    page.keyboard.press("]")  # pause point 3
    third = page.locator(".kb-phase").nth(2).get_attribute("id")
    page.keyboard.press(str(VENTING + 1))
    page.evaluate("l => document.querySelector(`.md-select a[hreflang='${l}']`).click()", other)
    page.wait_for_url(f"**/{other}/live/#situation-{situation}")
    page.wait_for_load_state("load")
    assert page.locator(f'[data-kb-move="{situation}"]').is_visible()
    assert heading_clear_of_the_bar(page, situation)
    assert page.locator(".kb-phase:visible").get_attribute("id") == third
    assert page.locator(".kb-phase-progress").text_content().startswith(
        page.locator(f"#{third} h3").text_content())


@pytest.mark.parametrize(("lang", "viewport"), PLACE_COMBOS)
def test_a_double_click_on_a_situation_opens_its_move_once(open_page, site_url: str, lang: str,
                                                          viewport: str) -> None:
    page = open_page(viewport)
    url = f"{site_url}{prefix(lang)}live/"
    page.goto(url)
    for situation in LIVE.situations:
        page.locator(f'a[data-kb-situation="{situation.id}"]').dblclick()
        expect(page, f"{situation.id}: the second click acted").to_have_url(f"{url}#situation-{situation.id}")
        assert page.locator(f'[data-kb-move="{situation.id}"]').is_visible()
        page.wait_for_timeout(450)  # past the pause in which a second click does nothing
        page.keyboard.press("b")
        page.wait_for_url(url)


@pytest.mark.parametrize(("lang", "viewport"), PLACE_COMBOS)
def test_keys_act_only_on_the_pause_point_shown(open_page, site_url: str, lang: str, viewport: str) -> None:
    page = open_page(viewport)
    page.goto(f"{site_url}{prefix(lang)}live/")
    phases = page.locator(".kb-phase")
    page.keyboard.press("n")  # the first step of pause point 1 is the current one
    page.keyboard.press("]")
    page.keyboard.press("x")
    assert phases.nth(0).locator("input.kb-check:checked").count() == 0, "x ticked a step not shown"
    shown = phases.nth(1).locator("input.kb-check")
    assert shown.nth(0).is_checked()
    assert page.locator(".kb-phase-progress").text_content().endswith(
        LABELS[lang]("console.phase_progress", done=1, total=shown.count()))
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.kbStep") == shown.nth(1).get_attribute("data-kb-step")
    for key in ("s", "f"):  # Material's search keys: a stray one does not take the console's keys away
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.matches('.kb-phase input.kb-check')")


@pytest.mark.parametrize("lang", ["es", "sv"])
def test_on_a_phone_an_open_move_fills_the_first_screen(open_page, site_url: str, lang: str) -> None:
    page = open_page("phone")
    page.goto(f"{site_url}{prefix(lang)}live/")
    for index, situation in enumerate(LIVE.situations):
        page.keyboard.press(situation_key_of(index))
        page.wait_for_url(f"**#situation-{situation.id}")  # after "b", Back's history step comes first
        move = f'[data-kb-move="{situation.id}"]'
        assert heading_clear_of_the_bar(page, situation.id), situation.id
        for part in (".kb-move-say", ".kb-move-steps", ".kb-phrases-avoid"):
            assert settled_in_view(page, f"{move} {part}"), f"{situation.id}: {part} is below the first screen"
        assert not page.locator(".kb-phase-progress").is_visible()
        page.keyboard.press("b")


def situation_key_of(index: int) -> str:
    return str((index + 1) % 10)


@pytest.mark.parametrize("width", [600, 683, 1366])
def test_key_hints_and_help_show_at_600_px_and_up(browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 768})
    page = context.new_page()
    page.goto(f"{site_url}sv/live/")
    labels = LABELS["sv"]
    assert page.get_by_role("button", name=labels("console.help"), exact=True).is_visible()
    next_step = page.get_by_role("button", name=labels("console.next_step"), exact=True)
    assert next_step.get_attribute("aria-keyshortcuts") == "n"  # the key is named, not read as part of the name
    assert next_step.locator("kbd").is_visible() and page.locator("a.kb-situation kbd").first.is_visible()
    context.close()


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_skip_to_content_then_tab_reaches_the_console_banner(open_page, site_url: str, lang: str) -> None:
    page = open_page("desk")
    page.goto(f"{site_url}{prefix(lang)}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('kb-live-link')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{prefix(lang)}live/")
