"""Print pages of the built site to PDF with Debian's Chromium, and check the printed layout.

Used by `./run pdf` (writes every card, print-all sheet and cheat sheet per language into
`pdf/`, which the next build links and publishes) and by the print tests.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MM_PER_PT = 25.4 / 72
PX_PER_MM = 96 / 25.4

# For every box matching the selector: elements whose content is clipped or that reach past
# the box (with by how many px), and the smallest font size of any text.
INSPECT = """(selector) => {
  const clipped = [];
  let smallest = 1000;
  for (const box of document.querySelectorAll(selector)) {
    const limit = box.getBoundingClientRect();
    for (const el of [box, ...box.querySelectorAll('*')]) {
      const name = (box.id || box.className) + ' ' + (el.className || el.tagName);
      if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflow !== 'visible')
        clipped.push([name, el.scrollHeight - el.clientHeight]);
      const r = el.getBoundingClientRect();
      if (r.height && r.bottom > limit.bottom + 0.5) clipped.push([name, r.bottom - limit.bottom]);
      if (r.width && r.right > limit.right + 0.5) clipped.push([name, r.right - limit.right]);
      if ([...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
    }
  }
  return {clipped, smallest};
}"""


@dataclass(frozen=True)
class Printed:
    """A page printed to PDF: its bytes, page sizes in mm, what is clipped, the smallest text."""

    pdf: bytes
    sizes: list[tuple[float, float]]
    clipped: list[tuple[str, float]]
    smallest_px: float

    @property
    def worst_overflow_mm(self) -> float:
        """How far the worst clipped element reaches past its box, in mm."""
        return max((px for _, px in self.clipped), default=0.0) / PX_PER_MM


PAPERS = ("a4", "letter")


def print_page(page, url: str, selector: str, paper: str = "a4", stock: str = "office") -> Printed:
    """Load `url`, choose `paper` (and for a card `stock`) as the reader would, print it at its CSS
    page size and inspect the boxes matching `selector`."""
    from pypdf import PdfReader

    if page.url.split("#")[0] != url:
        page.goto(url)
    page.evaluate("([paper, stock]) => { const root = document.documentElement;"
                  " root.dataset.kbPaper = paper; root.dataset.kbStock = stock; }", [paper, stock])
    page.emulate_media(media="print")
    layout = page.evaluate(INSPECT, selector)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    sizes = [(round(float(p.mediabox.width) * MM_PER_PT, 1), round(float(p.mediabox.height) * MM_PER_PT, 1))
             for p in pages]
    page.emulate_media(media="screen")
    return Printed(pdf, sizes, [tuple(c) for c in layout["clipped"]], layout["smallest"])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that says nothing when a browser drops a connection it no longer needs (a page closed
    mid-download); any other error is printed as usual."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def targets(site: Path) -> Iterator[tuple[str, str, str, str]]:
    """(language, site path, PDF name, selector) for every printable page in the built site."""
    for index in sorted(site.glob("**/cards/index.html")):
        base = index.parent.parent.relative_to(site).as_posix()
        lang = "en" if base == "." else base
        prefix = "" if lang == "en" else f"{lang}/"
        yield lang, f"{prefix}cards/", "cards", ".kb-sheet-page"
        yield lang, f"{prefix}cheatsheet/", "cheatsheet", ".kb-cheatsheet"
        for card in sorted(index.parent.glob("*/index.html")):
            yield lang, f"{prefix}cards/{card.parent.name}/", f"cards/{card.parent.name}", ".kb-card"


def render_gray(pdf: bytes, page_number: int, dpi: int) -> tuple[int, int, bytes]:
    """One PDF page as 8-bit grey pixels (width, height, rows) with poppler's pdftoppm."""
    proc = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page_number), "-l", str(page_number), "-"],
                          input=pdf, capture_output=True, check=True)
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", proc.stdout)
    if header is None:
        raise ValueError(f"pdftoppm gave no greyscale image: {proc.stderr.decode(errors='replace')}")
    width, height = int(header[1]), int(header[2])
    return width, height, proc.stdout[header.end():header.end() + width * height]


def decode_qr(pdf: bytes, page_number: int = 1, dpi: int = 150) -> list[str]:
    """The text of every QR code on a printed page, read with zxing-cpp from a render of it."""
    import zxingcpp

    width, height, pixels = render_gray(pdf, page_number, dpi)
    image = memoryview(pixels).cast("B", (height, width))
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def main(argv: list[str] | None = None) -> int:
    """Write PDFs of every printable page of `site` into `out/<lang>/`; report any that clip."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    problems = 0
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for lang, path, name, selector in targets(args.site):
            for paper in PAPERS:
                result = print_page(page, base + path, selector, paper)
                if result.clipped:
                    problems += 1
                    print(f"{path}: text is cut off on {paper}, {result.worst_overflow_mm:.1f} mm too tall ({lang})",
                          file=sys.stderr)
                file = args.out / lang / paper / f"{name}.pdf"
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(result.pdf)
                print(f"{file} ({len(result.sizes)} page{'s' if len(result.sizes) != 1 else ''})")
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
