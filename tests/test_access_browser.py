"""Accessible and steady, in Chromium at 1366x768 and 390x844, in Swedish and Spanish: one theme
control, the reader's language marked, every Tab stop visible, dark mode printed black on white,
a readable timer button, deferred scripts and no layout shift while a page loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge_base.content.locales import load_labels
from knowledge_base.render.markup import site_path
from realsite import FOCUSED
from sitecheck import html_pages

ROOT = Path(__file__).resolve().parent.parent
LABELS, _ = load_labels(ROOT / "locales", ("en", "sv", "es"), ROOT)
VIEWPORTS = {"desk": (1366, 768), "phone": (390, 844)}
COMBOS = [("sv", "desk"), ("es", "phone")]

# Text against the first opaque background of the element or its ancestors.
CONTRAST = """(el) => {
  const parts = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const v = parts(c).slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  let box = el, bg = getComputedStyle(box).backgroundColor;
  while ((parts(bg)[3] ?? 1) === 0 && box.parentElement) { box = box.parentElement; bg = getComputedStyle(box).backgroundColor; }
  const [a, b] = [lum(getComputedStyle(el).color), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""
SETTLED = 400  # ms: Material animates colours (125-250 ms); read them once they have settled

SHIFTS = """window.kbShift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.kbShift += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""


def _context(browser, viewport: str, **options):
    width, height = VIEWPORTS[viewport]
    return browser.new_context(viewport={"width": width, "height": height}, service_workers="block", **options)


@pytest.mark.parametrize(("lang", "viewport"), COMBOS)
def test_the_theme_toggle_is_one_button_and_switches_once_per_press(browser, site_url: str, lang: str,
                                                                   viewport: str) -> None:
    labels = LABELS[lang]
    context = _context(browser, viewport, color_scheme="light")
    page = context.new_page()
    page.goto(site_url + site_path(lang, "technique", "let-them-vent"))
    header = page.locator("header")
    assert header.get_by_role("radio").count() == 0, "Material's radio inputs are exposed"
    to_dark = header.get_by_role("button", name=labels("theme.to_dark"))
    assert to_dark.count() == 1 and header.get_by_role("button", name=labels("theme.to_light")).count() == 0
    to_dark.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    to_light = header.get_by_role("button", name=labels("theme.to_light"))
    page.wait_for_function(f"document.activeElement.getAttribute('aria-label') === {labels('theme.to_light')!r}")
    for key, scheme in (("Enter", "default"), (" ", "slate")):
        page.keyboard.press(key)
        page.wait_for_timeout(SETTLED)
        assert page.evaluate("document.body.dataset.mdColorScheme") == scheme, key
    assert to_light.is_visible()
    context.close()


@pytest.mark.parametrize("lang", ["en", "sv", "es"])
def test_the_language_menu_marks_the_readers_language(site: Path, lang: str) -> None:
    for kind, item in (("home", ""), ("console", ""), ("card", "broken-record"), ("cards", "")):
        html = (site / (site_path(lang, kind, item) or ".") / "index.html").read_text("utf-8")
        current = re.findall(r'<a [^>]*hreflang="([a-z]+)"[^>]*aria-current="page"', html)
        assert current == [lang], (kind, current)


def test_every_project_script_is_deferred(site: Path) -> None:
    for url, file in html_pages(site).items():
        scripts = re.findall(r"<script [^>]*src=\"[^\"]*assets/kb[^\"]*\.js\"[^>]*>", file.read_text("utf-8"))
        assert scripts and all(" defer" in s for s in scripts), (url, scripts)


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_every_tab_stop_is_visible_on_the_home_page_and_the_console(browser, site_url: str, lang: str) -> None:
    context = _context(browser, "desk")
    page = context.new_page()
    for path in (site_path(lang, "home"), site_path(lang, "console") + "#situation-venting"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        for stop in range(45):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):  # past the last stop: round again
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.classList.contains('md-skip')"), (path, stop)
            if page.evaluate("document.activeElement.classList.contains('md-skip')"):
                page.wait_for_timeout(300)  # Material's skip link fades in
            focused = page.evaluate(FOCUSED)
            if focused and not focused["visible"]:  # a permalink fades in on focus
                page.wait_for_timeout(SETTLED)
                focused = page.evaluate(FOCUSED)
            assert focused and focused["visible"], (path, stop, focused)
    context.close()


@pytest.mark.parametrize("lang", ["sv", "es"])
def test_dark_mode_prints_black_on_white_links_included(browser, site_url: str, lang: str) -> None:
    context = _context(browser, "desk", color_scheme="dark")
    page = context.new_page()
    for kind, item in (("technique", "let-them-vent"), ("sources", ""), ("home", "")):
        page.goto(site_url + site_path(lang, kind, item))
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.emulate_media(media="print", color_scheme="dark")  # read at once, as printing does
        colours = page.evaluate("""() => {
          const shown = [...document.querySelectorAll('.md-content a, .md-content p, .md-content li, .md-content h1, .md-content h2')]
            .filter(e => e.offsetParent && e.textContent.trim());
          return {text: [...new Set(shown.map(e => getComputedStyle(e).color))],
                  page: getComputedStyle(document.body).backgroundColor, links: shown.filter(e => e.tagName === 'A').length};
        }""")
        assert colours["links"] > 0 and colours["text"] == ["rgb(0, 0, 0)"], (kind, colours)
        assert colours["page"] == "rgb(255, 255, 255)", (kind, colours)
        page.emulate_media(media="screen", color_scheme="dark")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timer_button_reads_at_4_5_to_1_at_rest_running_and_focused(browser, site_url: str, scheme: str) -> None:
    context = _context(browser, "desk", color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + site_path("sv", "technique", "let-them-vent"))
    button = page.locator(".kb-timer-toggle").first
    ratios = [button.evaluate(CONTRAST)]
    button.click()  # running, hovered and focused
    page.wait_for_timeout(SETTLED)
    ratios.append(button.evaluate(CONTRAST))
    page.mouse.move(0, 0)  # running and focused
    page.wait_for_timeout(SETTLED)
    ratios.append(button.evaluate(CONTRAST))
    context.close()
    assert min(ratios) >= 4.5, ratios


@pytest.mark.parametrize(("lang", "viewport"), COMBOS)
def test_pages_do_not_shift_while_they_load(browser, site_url: str, lang: str, viewport: str) -> None:
    context = _context(browser, viewport)
    context.add_init_script(SHIFTS)
    shifts = {}
    for kind, item in (("home", ""), ("console", ""), ("technique", "let-them-vent"), ("playbook", "live-call"),
                       ("cards", ""), ("card", "broken-record"), ("cheatsheet", "")):
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})  # a slow phone: the page paints before its scripts run
        page.goto(site_url + site_path(lang, kind, item), wait_until="load")
        page.wait_for_timeout(500)
        shifts[kind] = page.evaluate("window.kbShift")
        page.close()
    context.close()
    assert max(shifts.values()) < 0.1, shifts
