"""The installable web app: one web app manifest per language and the icons they name.

Each language gets `<lang root>/manifest.webmanifest` with its own names and shortcuts (from the
locale), `start_url` at its live console and the site root as scope, so that the language switch
keeps an installed app in its window. The icons are drawn at build time with Pillow: a white
speech bubble with a wave that calms down, on the theme's primary colour. Drawing is cached per
size and colour, so the language builds and `mkdocs serve` rebuilds draw each icon once.
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from ..content.locales import Labels
from ..render.markup import site_path

MANIFEST = "manifest.webmanifest"
ICON_DIR = "assets/icons/"
_SUPERSAMPLE = 4  # drawn larger, then scaled down: smooth edges without an anti-aliasing pass
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_RTL = {"ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"}


@dataclass(frozen=True)
class Icon:
    """One icon file: its name under assets/icons/, its size in pixels and what it is for."""

    name: str
    size: int
    purpose: str  # "any" (drawn with transparent corners), "maskable" (full bleed) or "apple" (full bleed)


ICONS: tuple[Icon, ...] = (
    Icon("icon-192.png", 192, "any"),
    Icon("icon-512.png", 512, "any"),
    Icon("maskable-192.png", 192, "maskable"),
    Icon("maskable-512.png", 512, "maskable"),
    Icon("apple-touch-icon.png", 180, "apple"),
)
APPLE_TOUCH_ICON = ICON_DIR + "apple-touch-icon.png"


def _rgb(colour: str) -> tuple[int, int, int]:
    if not _HEX.match(colour):
        raise ValueError(f"not a colour of the form #rrggbb: {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mark(draw: ImageDraw.ImageDraw, x0: float, y0: float, side: float, colour: tuple[int, int, int]) -> None:
    """A white speech bubble holding a wave that flattens out, inside the square (x0, y0, side)."""
    def at(u: float, v: float) -> tuple[float, float]:
        return x0 + u * side, y0 + v * side

    white = (255, 255, 255, 255)
    draw.rounded_rectangle([at(0.0, 0.06), at(1.0, 0.78)], radius=0.2 * side, fill=white)
    draw.polygon([at(0.16, 0.7), at(0.42, 0.7), at(0.1, 0.98)], fill=white)
    r = 0.045 * side  # the wave is stamped as overlapping dots: a round, even stroke at any size
    for i in range(241):
        t = i / 240
        x, y = at(0.16 + 0.68 * t, 0.42 - 0.16 * (1 - t) ** 1.6 * math.sin(t * 3 * math.pi))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, 255))


@lru_cache(maxsize=32)
def icon_png(size: int, purpose: str, colour: str) -> bytes:
    """The PNG bytes of one icon: `colour` (#rrggbb) behind a white mark.

    "any": a rounded square with transparent corners, the mark on 56 % of the side; "maskable" and
    "apple": the colour to every edge (the platform cuts its own shape), the mark inside the
    maskable safe zone (the middle circle of 80 %).
    """
    rgb = _rgb(colour)
    big = size * _SUPERSAMPLE
    # "any": the corners are the colour made transparent, so averaging down leaves no dark fringe.
    image = Image.new("RGBA", (big, big), (*rgb, 0 if purpose == "any" else 255))
    draw = ImageDraw.Draw(image)
    if purpose == "any":
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=round(0.22 * big), fill=(*rgb, 255))
    side = big * (0.56 if purpose != "maskable" else 0.5)
    _mark(draw, (big - side) / 2, (big - side) / 2 + 0.03 * big, side, rgb)
    small = image.reduce(_SUPERSAMPLE)  # the mean of each 4 x 4 block: supersampling's filter, cheaper than Lanczos
    if purpose == "apple":  # iOS shows transparency as black
        small = small.convert("RGB")
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def manifest_path(lang: str) -> str:
    """Site-relative path of a language's manifest."""
    return site_path(lang, "home") + MANIFEST


def _up(lang: str) -> str:
    """From a language's root back to the site root, as a relative URL."""
    return "../" * site_path(lang, "home").count("/")


def web_manifest(lang: str, labels: Labels, colour: str, background: str) -> str:
    """The web app manifest of one language; every URL relative to the manifest itself."""
    up = _up(lang)

    def here(kind: str) -> str:
        return up + site_path(lang, kind) or "./"

    icons = [{"src": up + ICON_DIR + icon.name, "sizes": f"{icon.size}x{icon.size}", "type": "image/png",
              "purpose": icon.purpose} for icon in ICONS if icon.purpose != "apple"]
    small = [icon for icon in icons if icon["sizes"] == "192x192" and icon["purpose"] == "any"]
    data = {
        "name": labels("app.name"),
        "short_name": labels("app.short_name"),
        "description": labels("site.description"),
        "lang": lang,
        "dir": "rtl" if lang.split("-")[0] in _RTL else "ltr",
        "start_url": here("console"),
        "scope": up or "./",
        "display": "standalone",
        "theme_color": colour,
        "background_color": background,
        "icons": icons,
        "shortcuts": [
            {"name": labels("app.console"), "short_name": labels("app.console_short"),
             "description": labels("app.console_description"), "url": here("console"), "icons": small},
            {"name": labels("app.cheatsheet"), "short_name": labels("app.cheatsheet_short"),
             "description": labels("app.cheatsheet_description"), "url": here("cheatsheet"), "icons": small},
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_PRIMARY = re.compile(r"\[data-md-color-primary=(?P<name>[a-z-]+)\]\{--md-primary-fg-color:(?P<hex>#[0-9a-fA-F]{6})")


def primary_colours(palette_css: str) -> dict[str, str]:
    """Material's primary colours by name ("indigo" -> "#4051b5"), read from its palette stylesheet."""
    return {m["name"]: m["hex"].lower() for m in _PRIMARY.finditer(palette_css)}
