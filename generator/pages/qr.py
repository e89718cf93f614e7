"""扫一扫在手机打开当前页: an item page's address as a QR code, drawn at build time.

Government portals print one beside each document, so a reader at a desk can carry the
page over to a phone (and one reading a print-out can find it again). zxing-cpp encodes
it and this module writes it as inline SVG: nothing is fetched, nothing runs in the
browser, and it prints sharp.
"""

from __future__ import annotations

import html
import re

import zxingcpp

CAPTION = "扫一扫在手机打开当前页"
SCALE = 4  # viewBox units a module
QUIET = 4  # light modules around the symbol, the quiet zone ISO/IEC 18004 asks for
MASK = 0  # the QR mask pattern (0–7), the same on every page
LIGHT_DARK = re.compile(rb"\xff*\x00+")  # zxing-cpp's image: a byte a module, 0 dark, 255 light


def modules(url: str) -> tuple[int, bytes]:
    """``url``'s QR code (error correction M) as its width and one byte a module, row by row."""
    # The URL's UTF-8 bytes, not its text: given text, zxing-cpp writes Chinese characters
    # (a site_url may hold some) in Kanji mode, Shift_JIS, which not every phone reads back.
    # One fixed mask: choosing the best of eight by penalty score is four fifths of the
    # encoding time (0.30 of 0.36 ms); every mask is valid (ISO/IEC 18004) and the score
    # only avoids patterns that look like finders.
    code = zxingcpp.create_barcode(
        url.encode(), zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=MASK
    )
    image = code.to_image(scale=1, add_quiet_zones=False)  # the quiet zone is drawn below
    width: int = image.shape[1]
    return width, bytes(memoryview(image))  # type: ignore[arg-type]  # a buffer; the stub omits it


class _Strokes(dict[bytes, str]):
    """A run of light modules and the dark run after it (bytes) as its path commands."""

    def __missing__(self, run: bytes) -> str:
        gap = run.index(0)
        self[run] = strokes = f"m{gap} 0h{len(run) - gap}"
        return strokes


# A few hundred runs in all: ISO/IEC 18004 symbols are 177 modules wide at most.
STROKES = _Strokes()


def qr_svg(url: str, label: str) -> str:
    """The code of ``url`` as an SVG image named ``label``: one stroke a run of dark modules."""
    width, data = modules(url)
    # Each run is a horizontal stroke through its modules' middle, a relative move from
    # where the last one ended (as segno wrote them): 2.4 KB for a long address. A row's
    # runs after its first are looked up, not formatted: this was half the time.
    path = [f"M{QUIET} {QUIET}.5"]
    end, last = 0, 0  # where the last run ended: its column and row
    for y in range(width):
        row = y * width
        runs = LIGHT_DARK.findall(data, row, row + width)
        if runs:
            first = runs[0]
            gap = first.index(0)
            path.append(f"m{gap - end} {y - last}h{len(first) - gap}")
            path.extend(map(STROKES.__getitem__, runs[1:]))
            end, last = data.rindex(0, row, row + width) + 1 - row, y
    side = width + 2 * QUIET
    return (
        f'<svg role="img" aria-label="{label}" viewBox="0 0 {side * SCALE} {side * SCALE}" '
        f'class="gk-qr__code"><g transform="scale({SCALE})">'
        f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
        f'<path stroke="#000" d="{"".join(path)}"/></g></svg>'
    )


def qr_figure(url: str) -> str:
    """The QR code of ``url`` with its caption and the address as text (its alternative)."""
    address = html.escape(url)
    svg = qr_svg(url, f"本页网址的二维码：{address}")
    return (
        f'<figure class="gk-qr">{svg}<figcaption>{CAPTION}'
        f'<br><span class="gk-qr__url">本页地址：{address}</span></figcaption></figure>'
    )
