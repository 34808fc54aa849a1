"""QR codes for printed cards and the cheat sheet: inline SVG made at build time with segno.

The symbol is drawn with a quiet zone of its own, so it scans wherever it is placed. Its printed
size is set by CSS in millimetres (see kb.css `.kb-qr`); at 22 mm a version 5 code (41 modules
with the quiet zone) has modules of about 0.5 mm, which a phone camera reads at arm's length.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno

from . import qr_mask
from .markup import esc

qr_mask.install()  # the same symbols, each made in about half the time

QUIET_ZONE = 2  # modules of white around the symbol; the card's own white margin adds more


@lru_cache(maxsize=4096)  # a pure function of the URL; each card's code is drawn once per process, not per build
def _symbol(url: str) -> str:
    """The bare SVG of `url`'s QR code (encoding and choosing the mask were most of a card's build time)."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", border=QUIET_ZONE, xmldecl=False, svgns=True, omitsize=True,
              svgclass=None, lineclass=None, dark="#000", light="#fff")
    # On one line (segno ends it with a newline), so the card around it stays one block that the
    # markdown parser is spared (markup.stash_blocks).
    return out.getvalue().decode("ascii").rstrip("\n")


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of `url`, named `label` for screen readers (role="img", <title>)."""
    return _symbol(url).replace(
        "<svg ",
        f'<svg class="kb-qr" role="img" aria-label="{esc(label)}" data-kb-qr="{esc(url)}" '
        'preserveAspectRatio="xMidYMid meet" ', 1,
    ).replace(">", f"><title>{esc(label)}</title>", 1)
