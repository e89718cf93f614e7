"""sitemap.xml (and its gzipped copy): every page's address and the date it last changed.

Made from the pages and their dates alone (``pages/dates.py``), so the same
commit writes the same sitemap. MkDocs' own put the day of the build in every
``<lastmod>`` and the time in the gzip header. A page without a date has no
``<lastmod>``: the protocol makes it optional.

The protocol allows 50,000 addresses in one file; past that, ``sitemap.xml``
becomes a sitemap index of ``sitemap-1.xml``, ``sitemap-2.xml`` …, each dated by
the newest of its pages.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
LIMIT = 50_000  # addresses in one sitemap file (the protocol's limit)


def _listing(root: str, entry: str, entries: Iterable[tuple[str, dt.date | None]]) -> str:
    """``<root>`` of one ``<entry>`` per (address, last change): a sitemap or its index."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="{NAMESPACE}">']
    for loc, changed in entries:
        lastmod = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        lines.append(f"  <{entry}><loc>{escape(loc)}</loc>{lastmod}</{entry}>")
    lines.append(f"</{root}>")
    return "\n".join(lines) + "\n"


def sitemap(urls: Iterable[tuple[str, dt.date | None]]) -> str:
    """The sitemap of ``urls`` (absolute address, last change), in the order given."""
    return _listing("urlset", "url", urls)


def gzipped(text: str) -> bytes:
    """``text`` gzipped with no time in the header (gzip writes the current time there)."""
    return gzip.compress(text.encode("utf-8"), mtime=0)


def sitemap_index(sitemaps: Iterable[tuple[str, dt.date | None]]) -> str:
    """The sitemap index of ``sitemaps`` (absolute address of each file, its newest date)."""
    return _listing("sitemapindex", "sitemap", sitemaps)


def write_sitemap(
    site_dir: Path,
    urls: Iterable[tuple[str, dt.date | None]],
    base: str = "",
    limit: int = LIMIT,
) -> list[str]:
    """``sitemap.xml`` and ``sitemap.xml.gz`` at the top of the site; past ``limit``
    addresses, ``sitemap.xml`` is the index of ``sitemap-N.xml`` (at ``base``, the
    site's address). Returns the files written, site-relative."""
    urls = list(urls)
    for old in site_dir.glob("sitemap-*.xml"):
        old.unlink()
    written = ["sitemap.xml", "sitemap.xml.gz"]
    if len(urls) <= limit:
        text = sitemap(urls)
    else:
        parts = []
        for n, start in enumerate(range(0, len(urls), limit), start=1):
            chunk = urls[start : start + limit]
            name = f"sitemap-{n}.xml"
            (site_dir / name).write_text(sitemap(chunk), encoding="utf-8")
            newest = max((d for _, d in chunk if d is not None), default=None)
            parts.append((base + name, newest))
            written.append(name)
        text = sitemap_index(parts)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzipped(text))
    return written
