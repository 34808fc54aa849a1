"""Names on the agent's device only, in Chromium: typing "Your name" and "Customer's name" fills the
phrases on screen and what the copy buttons copy; "End call" leaves the customer's name nowhere
(localStorage, sessionStorage, Cache Storage, the DOM), and nothing with a name leaves the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels
from knowledge_base.render.markup import phrase_text
from sitecheck import prefix

ROOT = Path(__file__).resolve().parent.parent
LABELS, _ = load_labels(ROOT / "locales", ("en", "sv", "es"), ROOT)
CATALOG = load_catalog(ROOT / "docs", ("en", "sv", "es"), ROOT)
CUSTOMER, AGENT = "mrs Qwertyson", "Samira Zyx"  # unlikely anywhere in the site
READY = "document.documentElement.getAttribute('data-kb-offline-build')"

# Every place a browser keeps data for the site, searched for a text (Cache Storage bodies included).
WHERE_IS = """async (needle) => {
  const hits = [];
  for (const store of ['localStorage', 'sessionStorage']) {
    for (let i = 0; i < window[store].length; i++) {
      const key = window[store].key(i);
      if ((key + window[store].getItem(key)).includes(needle)) hits.push(store + ':' + key);
    }
  }
  let cached = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      cached++;
      if (request.url.includes(needle)) hits.push('cache url: ' + request.url);
      const response = await cache.match(request);
      if (/text|json|javascript|xml/.test(response.headers.get('content-type') || '')
          && (await response.text()).includes(needle)) hits.push('cache body: ' + request.url);
    }
  }
  if (document.documentElement.outerHTML.includes(needle)) hits.push('DOM');
  for (const input of document.querySelectorAll('input')) if (input.value.includes(needle)) hits.push('input');
  if (decodeURIComponent(location.href).includes(needle)) hits.push('URL');
  return {hits, cached};
}"""


@pytest.fixture
def tab(browser):
    """A page with clipboard access, failing on JavaScript errors; records every request it makes."""
    context = browser.new_context(viewport={"width": 1366, "height": 768},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{exc.message}\n{exc.stack}"))
    page.kb_requests = []
    page.on("request", lambda request: page.kb_requests.append(request.url + " " + (request.post_data or "")))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_typed_names_fill_the_phrase_and_the_clipboard_and_end_call_forgets_the_customer(tab, site_url: str,
                                                                                          lang: str) -> None:
    labels = LABELS[lang]
    page = tab
    page.goto(f"{site_url}{prefix(lang)}live/")
    page.wait_for_function(READY, timeout=30_000)  # the offline copy is being made: it must not keep names
    page.keyboard.press("7")  # customer demands more than you can give: the broken record
    move = page.locator('[data-kb-move="demanding"]')
    phrase = move.locator(".kb-move-say .kb-phrase")
    blank_customer = labels("names.blank", name=labels("slots.customer.name"))
    blank_offer = labels("names.blank", name=labels("slots.offer.name"))
    assert phrase.inner_text().startswith(labels("quote.open") + blank_customer + ", ")

    page.keyboard.press("k")  # one key to the customer's name
    assert page.evaluate("document.activeElement.dataset.kbName") == "customer"
    page.keyboard.type(CUSTOMER)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.kbName") is None, "Enter goes back to the call"
    filled = "Mrs Qwertyson, "  # capitalised at the start of the phrase
    assert phrase.inner_text().startswith(labels("quote.open") + filled)
    page.keyboard.press("c")
    template = CATALOG.techniques["broken-record"].text(lang).steps["repeat-calmly"].say
    assert clipboard(page) == phrase_text(labels, template).replace(blank_customer, filled[:-2], 1)
    assert blank_offer in clipboard(page), "no team profile: the offer stays a visible blank"

    page.keyboard.press("y")
    assert page.evaluate("document.activeElement.dataset.kbName") == "agent"
    page.keyboard.type(AGENT)
    page.goto(f"{site_url}{prefix(lang)}techniques/introduce-yourself/")
    say = page.locator("#give-your-name .kb-step-say")
    assert AGENT in say.locator(".kb-phrase").inner_text(), "the agent's name is remembered on this device"
    say.locator("button.kb-copy").click()
    assert AGENT in clipboard(page) and labels("names.blank", name=labels("slots.company.name")) in clipboard(page)
    page.locator("#kb-steps").scroll_into_view_if_needed()
    assert f"{CUSTOMER}." in page.locator(".kb-phrases-say").inner_text(), "the customer's name follows to other pages"

    page.get_by_role("button", name=labels("names.end_call")).click()
    assert page.locator(".kb-names-status").inner_text() == labels("names.ended")
    assert blank_customer in page.locator(".kb-phrases-say").inner_text()
    page.locator(".kb-phrases-say button.kb-copy").first.click()
    assert CUSTOMER not in clipboard(page) and "Qwertyson" not in clipboard(page)
    found = page.evaluate(WHERE_IS, "Qwertyson")
    assert found["cached"] > 0, "the offline copy exists, so the check of Cache Storage means something"
    assert found["hits"] == [], found["hits"]
    agent = page.evaluate(WHERE_IS, AGENT)["hits"]
    assert "localStorage:deescalation-kb:v2:agent-name" in agent, "the agent's own name stays on the device"
    assert not [h for h in agent if h.startswith(("cache", "sessionStorage", "URL"))], agent
    page.goto(f"{site_url}{prefix(lang)}live/")
    assert page.evaluate(WHERE_IS, "Qwertyson")["hits"] == [], "a later page does not bring it back"
    sent = [r for r in page.kb_requests if "Qwertyson" in r or "Zyx" in r]
    assert sent == [], f"a name left the page: {sent}"


def test_the_customer_name_is_gone_in_a_new_tab_and_the_agent_name_stays(browser, site_url: str) -> None:
    context = browser.new_context()
    first = context.new_page()
    first.goto(f"{site_url}sv/techniques/broken-record/")
    first.get_by_role("textbox", name=LABELS["sv"]("names.customer"), exact=True).fill(CUSTOMER)
    first.get_by_role("textbox", name=LABELS["sv"]("names.agent"), exact=True).fill(AGENT)
    first.reload()
    assert first.get_by_role("textbox", name=LABELS["sv"]("names.customer"), exact=True).input_value() == CUSTOMER, "kept for this tab's call"
    first.close()
    second = context.new_page()
    second.goto(f"{site_url}sv/techniques/broken-record/")
    assert second.get_by_role("textbox", name=LABELS["sv"]("names.customer"), exact=True).input_value() == ""
    assert second.get_by_role("textbox", name=LABELS["sv"]("names.agent"), exact=True).input_value() == AGENT
    assert "Qwertyson" not in second.locator("#repeat-calmly").inner_text()
    context.close()


def test_a_tap_on_a_name_blank_opens_its_field_and_printed_cards_keep_write_on_lines(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}es/live/#situation-demanding")
    page.locator('[data-kb-move="demanding"] .kb-slot[data-kb-slot="customer"]').tap()
    assert page.evaluate("document.activeElement.dataset.kbName") == "customer"
    page.keyboard.type(CUSTOMER)
    page.goto(f"{site_url}es/cards/broken-record/")
    card = page.locator(".kb-card")
    assert "Qwertyson" not in card.inner_text(), "a card is for the whole team: its blanks stay write-on lines"
    line = card.locator('.kb-slot[data-kb-slot="offer"]').first
    style = line.evaluate("e => [getComputedStyle(e).borderBottomStyle, getComputedStyle(e).color,"
                          " getComputedStyle(e, '::after').content]")
    assert style[0] == "solid" and style[1] == "rgba(0, 0, 0, 0)" and LABELS["es"]("slots.offer.name") in style[2]
    context.close()
