"""The item pages' QR codes, read back from the SVG written into the page as the addresses they hold.

The SVG is drawn here from its own path (each ``m dx dy`` a move, each ``h n`` a stroke
through n modules) and, in Chromium, as a browser draws it; both are read with zxing-cpp.
The addresses take every length an item's does (a short host, a base path, a long index
number), so the fixed mask is checked where the symbol's version changes.
"""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image, ImageDraw
from playwright.sync_api import Page

from generator.pages.qr import QUIET, SCALE, modules, qr_figure

SHORT = "https://a.cn/items/1/"
LONG = "https://xxgk.hangzhou.gov.cn/col/col1229063401/xxgk/portal/items/330100--2025--1234567890/index.html"
URLS = [
    SHORT,
    "https://xxgk.example.gov.cn/items/330103--2017--0510/",
    "https://www.xiacheng.gov.cn/xxgk/portal/items/000014349-2017-00110/",
    "https://www.hangzhou.gov.cn/col/col1229063401/xxgk/items/330100--2025--123456/index.html",
    LONG,
]
SVG = re.compile(
    r'<svg role="img" aria-label="[^"]*" viewBox="0 0 (\d+) \1" class="gk-qr__code">'
    r'<g transform="scale\((\d+)\)"><path fill="#fff" d="M0 0h(\d+)v\3h-\3z"/>'
    r'<path stroke="#000" d="([^"]*)"/></g></svg>'
)
COMMAND = re.compile(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?")


def drawn(figure: str, pixels: int = 4) -> Image.Image:
    """The figure's SVG as an image, ``pixels`` a module: its background, then each stroke."""
    found = SVG.search(figure)
    assert found, figure
    box, scale, side, path = int(found[1]), int(found[2]), int(found[3]), found[4]
    assert box == side * scale
    image = Image.new("L", (side * pixels, side * pixels), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in COMMAND.findall(path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:  # a stroke one module wide, centred on y
            top = (y - 0.5) * pixels
            draw.rectangle((x * pixels, top, (x + float(a)) * pixels - 1, top + pixels - 1), 0)
            x += float(a)
    assert COMMAND.sub("", path) == "", "the path holds commands other than M, m and h"
    return image


@pytest.mark.parametrize("url", URLS)
def test_code_reads_back_as_its_address(url: str) -> None:
    found = zxingcpp.read_barcodes(drawn(qr_figure(url)))
    assert [(r.text, r.format, r.ec_level) for r in found] == [
        (url, zxingcpp.BarcodeFormat.QRCode, "M")
    ]


def test_path_draws_the_modules_with_a_quiet_zone() -> None:
    width, data = modules(LONG)
    image = drawn(qr_figure(LONG), pixels=1)
    assert image.size == (width + 2 * QUIET, width + 2 * QUIET)
    assert image.crop((QUIET, QUIET, QUIET + width, QUIET + width)).tobytes() == data
    margin = image.copy()
    margin.paste(255, (QUIET, QUIET, QUIET + width, QUIET + width))
    assert set(margin.tobytes()) == {255}  # nothing dark in the quiet zone


def test_addresses_take_symbols_of_four_sizes() -> None:
    assert len({modules(url)[0] for url in URLS}) >= 4  # so the fixed mask meets four versions


def test_non_ascii_address_is_written_as_its_utf8_bytes() -> None:
    url = "https://信息公开.政务/items/330100--2025--0001/"  # a site_url may be Chinese
    (found,) = zxingcpp.read_barcodes(drawn(qr_figure(url)))
    assert found.bytes == url.encode()  # byte mode: not Kanji (Shift_JIS), as phones read it


def test_svg_is_one_compact_path_and_the_same_every_time() -> None:
    figure = qr_figure(SHORT)
    found = SVG.search(figure)
    assert found and found[2] == str(SCALE)
    assert figure.count("<path") == 2 and figure.count("<svg") == 1
    assert " width=" not in figure and " height=" not in figure  # the stylesheet sizes it
    assert len(found[4]) < 1500
    assert qr_figure(SHORT) == figure


def test_figure_names_the_address_for_those_who_cannot_scan() -> None:
    figure = qr_figure("https://a.cn/items/1/?a=1&b=2")
    assert 'aria-label="本页网址的二维码：https://a.cn/items/1/?a=1&amp;b=2"' in figure
    assert "本页地址：https://a.cn/items/1/?a=1&amp;b=2" in figure
    assert figure.count("<svg") == 1
    assert figure.startswith('<figure class="gk-qr"><svg ')
    assert "<figcaption>扫一扫在手机打开当前页<br>" in figure


@pytest.mark.browser
@pytest.mark.parametrize("url", [SHORT, LONG])
def test_code_as_chromium_draws_it_reads_back(page: Page, url: str) -> None:
    page.set_content(f"<style>svg {{ width: 7rem; height: 7rem }}</style>{qr_figure(url)}")
    shot = Image.open(io.BytesIO(page.get_by_role("img").screenshot()))
    assert [r.text for r in zxingcpp.read_barcodes(shot)] == [url]
