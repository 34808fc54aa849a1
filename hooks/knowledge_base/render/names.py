"""The names panel: "Your name" and "Customer's name", kept on the agent's device only.

Rendered on every page with a copy button (technique pages, playbooks, the live console, card
pages). `kb-names.js` reveals it, keeps the agent's name in localStorage and the customer's in
sessionStorage (forgotten by "End call" and when the tab closes), and puts both into the
phrases on screen and into what the copy buttons copy. Nothing of it is sent anywhere.
"""

from __future__ import annotations

from ..content.locales import Labels
from .markup import blank, esc

AGENT_STORE = "deescalation-kb:v2:agent-name"  # localStorage
CUSTOMER_STORE = "deescalation-kb:v2:customer-name"  # sessionStorage only
KEYS = {"agent": "y", "customer": "k"}
MAX_NAME = 60


def names_panel(labels: Labels) -> str:
    """The two name fields and the End call button, as one HTML block hidden until the script runs."""
    def field(slot: str, store: str, autocomplete: str) -> str:
        key = KEYS[slot]
        return (f'<label class="kb-name-field"><span class="kb-name-label">{esc(labels(f"names.{slot}"))} '
                f'<kbd class="kb-key-hint" aria-hidden="true">{key}</kbd></span> '
                f'<input type="text" class="kb-name-input" data-kb-name="{slot}" data-kb-store="{store}" '
                f'maxlength="{MAX_NAME}" autocomplete="{autocomplete}" spellcheck="false" aria-keyshortcuts="{key}" '
                f'placeholder="{esc(blank(labels, slot))}"></label>')

    return (
        f'<div class="kb-names kb-screen-only" role="group" data-kb-names data-kb-blank-agent="{esc(blank(labels, "agent"))}" '
        f'data-kb-blank-customer="{esc(blank(labels, "customer"))}" aria-label="{esc(labels("names.legend"))}" '
        'data-search-exclude hidden>'
        + field("agent", AGENT_STORE, "name")
        + field("customer", CUSTOMER_STORE, "off")
        + f'<button type="button" class="md-button kb-end-call">{esc(labels("names.end_call"))}</button>'
        f'<span class="kb-names-status" role="status" data-kb-ended="{esc(labels("names.ended"))}"></span>'
        f'<small class="kb-names-note">{esc(labels("names.note"))}</small>'
        "</div>"
    )
