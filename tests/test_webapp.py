"""The installable app: each language's web app manifest and the icons drawn at build time."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from knowledge_base.content.locales import load_labels
from knowledge_base.publish.webapp import ICON_DIR, ICONS, icon_png, primary_colours, web_manifest
from conftest import TEST_SITE_URL
from sitecheck import prefix

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "sv", "es")
LABELS, _ = load_labels(ROOT / "locales", LANGS, ROOT)
SITE = "https://playbook.test/kb/"
INDIGO = "#4051b5"


@pytest.mark.parametrize("lang", LANGS)
def test_manifest_names_the_app_in_its_language_and_starts_at_its_console(lang: str) -> None:
    labels = LABELS[lang]
    at = SITE + prefix(lang) + "manifest.webmanifest"
    data = json.loads(web_manifest(lang, labels, INDIGO, INDIGO))
    assert (data["name"], data["short_name"], data["lang"], data["dir"]) == (
        labels("app.name"), labels("app.short_name"), lang, "ltr")
    assert len(data["short_name"]) <= 12, "longer short names are cut under the icon"
    assert urljoin(at, data["start_url"]) == SITE + prefix(lang) + "live/"
    assert urljoin(at, data["scope"]) == SITE, "the language switch stays inside the app"
    assert data["display"] == "standalone" and data["theme_color"] == data["background_color"] == INDIGO
    icons = {(icon["sizes"], icon["purpose"]): urljoin(at, icon["src"]) for icon in data["icons"]}
    assert icons == {("192x192", "any"): SITE + ICON_DIR + "icon-192.png", ("512x512", "any"): SITE + ICON_DIR + "icon-512.png",
                     ("192x192", "maskable"): SITE + ICON_DIR + "maskable-192.png",
                     ("512x512", "maskable"): SITE + ICON_DIR + "maskable-512.png"}
    shortcuts = [(s["name"], s["description"], urljoin(at, s["url"])) for s in data["shortcuts"]]
    assert shortcuts == [(labels("app.console"), labels("app.console_description"), SITE + prefix(lang) + "live/"),
                         (labels("app.cheatsheet"), labels("app.cheatsheet_description"), SITE + prefix(lang) + "cheatsheet/")]


def test_manifest_of_a_right_to_left_language_says_so_and_escapes_nothing_into_markup() -> None:
    data = json.loads(web_manifest("ar", LABELS["en"], INDIGO, "#ffffff"))
    assert data["dir"] == "rtl" and data["background_color"] == "#ffffff"
    with pytest.raises(ValueError, match="#rrggbb"):
        icon_png(192, "any", "indigo")


@pytest.mark.parametrize("icon", ICONS, ids=lambda icon: icon.name)
def test_icons_have_their_size_the_theme_colour_and_a_white_mark(icon) -> None:
    image = Image.open(io.BytesIO(icon_png(icon.size, icon.purpose, INDIGO)))
    assert image.format == "PNG" and image.size == (icon.size, icon.size)
    rgba = image.convert("RGBA")
    corner = rgba.getpixel((0, 0))
    middle_row = [rgba.getpixel((x, icon.size // 2)) for x in range(icon.size)]
    assert (255, 255, 255, 255) in middle_row, "the white mark crosses the middle"
    assert (0x40, 0x51, 0xB5, 255) in middle_row, "on the theme colour"
    if icon.purpose == "any":
        assert corner[3] == 0, "rounded corners are transparent"
    else:
        assert corner == (0x40, 0x51, 0xB5, 255), "full bleed: the platform cuts its own shape"
        assert image.mode == ("RGB" if icon.purpose == "apple" else "RGBA")
    if icon.purpose == "maskable":  # the mark stays inside the safe zone: the middle circle of 80 %
        centre, radius = icon.size / 2, 0.4 * icon.size
        outside = [(x, y) for y in range(icon.size) for x in range(icon.size)
                   if (x - centre) ** 2 + (y - centre) ** 2 > radius ** 2 and rgba.getpixel((x, y))[0] > 0x80]
        assert not outside, outside[:5]


def test_icons_are_drawn_once_per_size_and_colour() -> None:
    icon_png.cache_clear()
    first = icon_png(192, "any", INDIGO)
    assert icon_png(192, "any", INDIGO) is first
    assert icon_png.cache_info().hits == 1 and icon_png.cache_info().misses == 1


def test_theme_colour_comes_from_materials_own_palette() -> None:
    import material

    sheet = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    colours = primary_colours(sheet.read_text("utf-8"))
    assert colours["indigo"] == INDIGO and len(colours) >= 19


def test_built_site_links_its_manifest_from_every_page_and_writes_the_icons(site: Path) -> None:
    for lang in LANGS:
        manifest = json.loads((site / prefix(lang) / "manifest.webmanifest").read_text("utf-8"))
        assert manifest["lang"] == lang
        for page in (prefix(lang), f"{prefix(lang)}techniques/let-them-vent/", f"{prefix(lang)}offline/",
                     f"{prefix(lang)}404.html"):
            html = (site / (page if page.endswith(".html") else page + "index.html")).read_text("utf-8")
            links = dict(re.findall(r'<link rel="(manifest|apple-touch-icon)" href="([^"]+)"', html))
            assert urljoin(TEST_SITE_URL + page, links["manifest"]) == TEST_SITE_URL + prefix(lang) + "manifest.webmanifest"
            assert urljoin(TEST_SITE_URL + page, links["apple-touch-icon"]) == TEST_SITE_URL + ICON_DIR + "apple-touch-icon.png"
            assert f'<meta name="theme-color" content="{INDIGO}">' in html, page
    for icon in ICONS:
        assert Image.open(site / ICON_DIR / icon.name).size == (icon.size, icon.size)
