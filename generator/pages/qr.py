"""扫一扫在手机打开当前页: an item page's address as a QR code, drawn at build time.

Government portals print one beside each document, so a reader at a desk can carry the
page over to a phone (and one reading a print-out can find it again). segno draws it as
inline SVG: nothing is fetched, nothing runs in the browser, and it prints sharp.
"""

from __future__ import annotations

import html

import segno

CAPTION = "扫一扫在手机打开当前页"
MASK = 0  # the QR mask pattern (0–7), the same on every page


def qr_code(url: str) -> segno.QRCode:
    """``url`` as a QR code, error correction M (15 % of it may be lost or dirty)."""
    # One fixed mask: choosing the best of eight by penalty score is four fifths of
    # segno's time (5 ms of 6 a page, 8 CPU minutes at 100,000 items); every mask is
    # valid (ISO/IEC 18004) and the score only avoids patterns that look like finders.
    return segno.make(url, error="m", micro=False, mask=MASK)


def qr_figure(url: str) -> str:
    """The QR code of ``url`` with its caption and the address as text (its alternative)."""
    code = qr_code(url)
    svg = code.svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="gk-qr__code", omitsize=True
    )
    address = html.escape(url)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="本页网址的二维码：{address}" ', 1)
    return (
        f'<figure class="gk-qr">{svg}<figcaption>{CAPTION}'
        f'<br><span class="gk-qr__url">本页地址：{address}</span></figcaption></figure>'
    )
