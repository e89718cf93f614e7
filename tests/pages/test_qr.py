"""The item pages' QR codes, drawn with one fixed mask, read back as the addresses they hold.

The browser test reads one page's code off the screen; this reads codes of every length
an address takes (a short host, a base path, a long index number), so the fixed mask is
checked where the symbol's version changes.
"""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from generator.pages.qr import qr_code, qr_figure

URLS = [
    "https://a.cn/items/1/",
    "https://xxgk.example.gov.cn/items/330103--2017--0510/",
    "https://www.xiacheng.gov.cn/xxgk/portal/items/000014349-2017-00110/",
    "https://www.hangzhou.gov.cn/col/col1229063401/xxgk/items/330100--2025--123456/index.html",
]


@pytest.mark.parametrize("url", URLS)
def test_code_reads_back_as_its_address(url: str) -> None:
    png = io.BytesIO()
    qr_code(url).save(png, kind="png", scale=4, border=4)
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))]
    assert found == [url]


def test_figure_names_the_address_for_those_who_cannot_scan() -> None:
    figure = qr_figure("https://a.cn/items/1/?a=1&b=2")
    assert 'aria-label="本页网址的二维码：https://a.cn/items/1/?a=1&amp;b=2"' in figure
    assert "本页地址：https://a.cn/items/1/?a=1&amp;b=2" in figure
    assert figure.count("<svg") == 1
