"""The real site's catalog and labels, read once for the browser tests of the offline copy and the app,
the two viewports they walk (a laptop beside the CRM, a phone), and the scripts they ask the page."""

from __future__ import annotations

from pathlib import Path

from knowledge_base.content.loader import load_catalog
from knowledge_base.content.locales import load_labels

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
CATALOG = load_catalog(ROOT / "docs", LANGS, ROOT)
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
# Set on <html> by kb-offline.js once the service worker has saved this build.
READY = "document.documentElement.getAttribute('data-kb-offline-build')"
# The element holding the keyboard focus, and whether a reader can see it (None: nothing is focused).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return {name: el.tagName + '.' + el.className, visible: r.width >= 4 && r.height >= 4
          && s.visibility === 'visible' && parseFloat(s.opacity) > 0.5};
}"""
