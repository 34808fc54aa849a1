"""Checklists in a real browser: ticks survive reloads, reset, keyboard, timer, no-JS, print."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from sitecheck import prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
VENT = CATALOG.techniques["let-them-vent"]
TIMED = next(s for s in VENT.steps if s.window)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_tick_survives_reload_and_reset_clears_it(page, site_url: str, lang: str) -> None:
    labels = LABELS[lang]
    page.goto(f"{site_url}{prefix(lang)}techniques/let-them-vent/")
    first = VENT.steps[0]
    box = page.get_by_role("checkbox", name=VENT.text(lang).steps[first.id].text)
    box.check()
    total = len(VENT.steps)
    progress = page.locator(".kb-progress")
    assert progress.inner_text() == labels("checklist.progress", done=1, total=total)
    page.reload()
    assert page.get_by_role("checkbox", name=VENT.text(lang).steps[first.id].text).is_checked()
    assert progress.inner_text() == labels("checklist.progress", done=1, total=total)
    page.get_by_role("button", name=labels("checklist.reset")).click()
    assert not box.is_checked()
    page.reload()
    assert not page.locator(f'[data-kb-step="let-them-vent/{first.id}"]').is_checked()
    assert progress.inner_text() == labels("checklist.progress", done=0, total=total)


def test_a_tick_belongs_to_the_step_not_to_the_language_or_page(page, site_url: str) -> None:
    key = f"let-them-vent/{VENT.steps[0].id}"
    page.goto(f"{site_url}techniques/let-them-vent/")
    page.locator(f'[data-kb-step="{key}"]').check()
    for path in ("sv/techniques/let-them-vent/", "checklists/live-call/", "es/checklists/live-call/"):
        page.goto(f"{site_url}{path}")
        assert page.locator(f'[data-kb-step="{key}"]').is_checked(), path
    page.locator(f'[data-kb-step="{key}"]').uncheck()
    page.goto(f"{site_url}techniques/let-them-vent/")
    assert not page.locator(f'[data-kb-step="{key}"]').is_checked()


def test_ticks_saved_per_language_and_page_before_are_kept(page, site_url: str) -> None:
    """Ticks stored by the earlier version (one list per language and page) are migrated."""
    page.add_init_script(
        "if (!localStorage.getItem('deescalation-kb:v2:ticks')) {"
        " localStorage.setItem('deescalation-kb:v1:sv:/sv/techniques/let-them-vent/', JSON.stringify(['give-it-time']));"
        " localStorage.setItem('deescalation-kb:v1:en:/checklists/live-call/', JSON.stringify(['set-the-pace/speak-slowly'])); }")
    page.goto(f"{site_url}es/checklists/live-call/")
    assert page.locator('[data-kb-step="let-them-vent/give-it-time"]').is_checked()
    assert page.locator('[data-kb-step="set-the-pace/speak-slowly"]').is_checked()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes(':v1:')).length") == 0


def test_keyboard_toggles_with_visible_focus(page, site_url: str) -> None:
    page.goto(f"{site_url}techniques/let-them-vent/")
    page.locator(".kb-reset").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "kb-check" in focused, focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused checkbox shows no focus outline"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is False


def test_timer_cue_follows_the_marks_from_the_content(page, site_url: str) -> None:
    labels = LABELS["es"]
    params = {"from": TIMED.window.start, "to": TIMED.window.end}
    page.clock.install()
    page.goto(f"{site_url}es/techniques/let-them-vent/")
    timer = page.locator(f"#{TIMED.id} .kb-timer")
    timer.get_by_role("button", name=labels("timer.start")).click()
    state = timer.locator(".kb-timer-state")
    assert state.inner_text() == labels("timer.waiting", **params)
    elapsed = 0
    for mark in TIMED.window.marks:
        page.clock.run_for((mark.at + 1 - elapsed) * 1000)
        elapsed = mark.at + 1
        assert state.inner_text() == labels(f"console.mark_{mark.kind.replace('-', '_')}", at=mark.at)
        assert timer.get_attribute("data-kb-mark") == mark.kind
    minutes, seconds = timer.locator(".kb-timer-elapsed").inner_text().split(":")
    assert elapsed <= int(minutes) * 60 + int(seconds) <= elapsed + 2
    timer.get_by_role("button", name=labels("timer.stop")).click()


def test_checklist_works_when_storage_is_blocked(page, site_url: str) -> None:
    page.add_init_script(
        "for (const name of ['getItem', 'setItem', 'removeItem'])"
        " Storage.prototype[name] = () => { throw new DOMException('blocked', 'SecurityError'); };")
    page.goto(f"{site_url}techniques/let-them-vent/")
    box = page.locator(f'[data-kb-step="let-them-vent/{VENT.steps[0].id}"]')
    box.check()
    assert page.locator(".kb-progress").inner_text() == LABELS["en"]("checklist.progress", done=1, total=len(VENT.steps))
    # Material's own scripts fail loudly without storage; ours must not.
    ours = [e for e in page.kb_errors if "kb.js" in e]
    assert not ours
    page.kb_errors.clear()


def test_without_javascript_the_checklist_is_a_readable_list(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}sv/checklists/live-call/")
    steps = page.locator("li.kb-step")
    assert steps.count() == sum(len(CATALOG.techniques[t].steps) for t in CATALOG.playbooks["live-call"].techniques)
    assert steps.first.is_visible()
    assert not page.locator(".kb-toolbar").is_visible()
    assert not page.locator(".kb-timer").first.is_visible()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("playbook", ["angry-customer-back-down", "escalated-confrontation"])
def test_article_playbooks_print_on_one_a4_page_with_empty_boxes(page, site_url: str, lang: str,
                                                                 playbook: str) -> None:
    page.goto(f"{site_url}{prefix(lang)}checklists/{playbook}/")
    page.locator(".kb-check").first.check()
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".kb-toolbar").is_visible()
    appearance = page.evaluate("getComputedStyle(document.querySelector('.kb-check')).appearance")
    assert appearance == "none", "a printed box must be drawn empty, ticked or not"
    pdf = page.pdf(format="A4", print_background=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
