"""The README's screenshots: the demo portal's home, an item and a search, on a phone
(360 px) and a desktop (1280 px), as Debian's Chromium shows them.

Builds the demo, serves it on loopback and writes viewport-sized PNGs (the first
screen, what a reader sees on arriving), reduced to a 256-colour palette so the
repository stays small. Needs a Chinese font (``make screenshots`` installs
fonts-wqy-microhei) or the text comes out as boxes.

    python benchmarks/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from loopback import serving  # noqa: E402  (the tests' loopback server, shared)

sys.path.insert(0, str(REPO / "benchmarks"))
from demo_build import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SHOTS = {"home": "", "item": "items/330103--2017--0510/", "search": "search/?q=三公经费"}
WIDTHS = {"phone": (360, 800), "desktop": (1280, 800)}


def small_png(data: bytes) -> bytes:
    """The screenshot in 256 colours: a third of the bytes, and text stays sharp."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs/screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serving(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for device, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    locale="zh-CN", viewport={"width": width, "height": height}
                )
                tab = context.new_page()
                for name, path in SHOTS.items():
                    tab.goto(url + path, wait_until="networkidle")
                    if name == "search":
                        tab.locator(".gk-hit").first.wait_for()
                    png = args.out / f"{name}-{device}.png"
                    png.write_bytes(small_png(tab.screenshot()))
                    print(f"{png.relative_to(REPO)}  {png.stat().st_size / 1024:.0f} KB")
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
