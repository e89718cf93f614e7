"""Benchmark: what a reader's browser downloads to open one item page.

Builds the demo portal (or takes a built site), serves it on loopback with text
gzipped as any web server sends it (the tests' server), opens an item page in
headless Chromium with an empty cache, and counts every request and the bytes the
server sent for it, by kind (HTML, CSS, JS, other); also which requests block the
first render (stylesheets, and scripts in <head> without ``defer``/``async``).

    python benchmarks/page_weight.py [--site site/] [--page items/330103--2017--0510/]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from loopback import serving  # noqa: E402  (the tests' loopback server, shared)

sys.path.insert(0, str(REPO / "benchmarks"))
from demo_build import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGE = "items/330103--2017--0510/"
KINDS = {".html": "HTML", "/": "HTML", ".css": "CSS", ".js": "JS", ".mjs": "JS"}


def kind(path: str) -> str:
    return next((k for suffix, k in KINDS.items() if path.endswith(suffix)), "other")


def measure(site: Path, page: str) -> tuple[dict[str, int], list[str], list[str]]:
    """Bytes sent by the server per request path, and the render-blocking requests."""
    from playwright.sync_api import sync_playwright

    sent: dict[str, int] = {}
    with serving(site, compress=True, sent=sent) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 360, "height": 800})
        tab = context.new_page()
        requested: list[str] = []
        tab.on("request", lambda r: requested.append(urlparse(r.url).path))
        tab.goto(url + page, wait_until="networkidle")
        blocking = tab.evaluate(
            """() => [...document.querySelectorAll('head link[rel=stylesheet], head script[src]')]
                 .filter(e => e.tagName === 'LINK' || !(e.defer || e.async || e.type === 'module'))
                 .map(e => new URL(e.href || e.src).pathname)"""
        )
        browser.close()
    return sent, requested, blocking


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo)")
    parser.add_argument("--page", default=PAGE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        sent, requested, blocking = measure(site, args.page)
    totals: dict[str, list[int]] = {}
    print(f"{'request':<60} {'kind':<6} {'bytes (gzip)':>12}")
    for path in requested:
        size = sent.get(path, 0)
        print(f"{path[:60]:<60} {kind(path):<6} {size:>12,}")
        count_bytes = totals.setdefault(kind(path), [0, 0])
        count_bytes[0] += 1
        count_bytes[1] += size
    print()
    for name, (count, size) in sorted(totals.items()):
        print(f"{name:<6} {count:>3} requests {size / 1024:>8.1f} KB")
    print(
        f"total  {len(requested):>3} requests {sum(sent.get(p, 0) for p in requested) / 1024:>8.1f} KB"
    )
    print(f"render-blocking: {len(blocking)} ({', '.join(Path(b).name for b in blocking)})")


if __name__ == "__main__":
    main()
