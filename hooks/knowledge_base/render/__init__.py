"""Rendering: HTML for technique pages, playbooks, checklists, the live console, cards, print sheets and the preview panel."""
