"""The real site's catalog and labels, read once for the browser tests of the offline copy and the app,
and the two viewports they walk (a laptop beside the CRM, a phone)."""

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
