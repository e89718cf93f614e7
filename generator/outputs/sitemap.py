"""sitemap.xml (and its gzipped copy): every page's address and the date it last changed.

Made from the pages and their dates alone (``pages/dates.py``), so the same
commit writes the same sitemap. MkDocs' own put the day of the build in every
``<lastmod>`` and the time in the gzip header. A page without a date has no
``<lastmod>``: the protocol makes it optional.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(urls: Iterable[tuple[str, dt.date | None]]) -> str:
    """The sitemap of ``urls`` (absolute address, last change), in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for loc, changed in urls:
        lastmod = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        lines.append(f"  <url><loc>{escape(loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def gzipped(text: str) -> bytes:
    """``text`` gzipped with no time in the header (gzip writes the current time there)."""
    return gzip.compress(text.encode("utf-8"), mtime=0)


def write_sitemap(site_dir: Path, urls: Iterable[tuple[str, dt.date | None]]) -> None:
    """``sitemap.xml`` and ``sitemap.xml.gz`` at the top of the site."""
    text = sitemap(urls)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzipped(text))
