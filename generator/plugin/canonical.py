"""Pages' canonical URLs, as MkDocs sets them, without ``urljoin`` for every page.

MkDocs gives every ``Page`` its canonical URL as ``urljoin(site_url, page.url)``
and its path as ``urlsplit`` of that (``Page._set_canonical_url``): at 100,000
items that is 120,000 pages, and both calls were most of the time MkDocs took to
make the pages (the nav makes one for every page of the site). For a plain site
address and a plain page address, the join is the two strings put together;
anything else (a query, a fragment, dot segments, an absolute page address) is
left to MkDocs' own code. ``tests/plugin/test_canonical.py`` compares the two.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from mkdocs.structure.pages import Page


@functools.lru_cache(maxsize=16)
def _plain_base(base: str) -> str | None:
    """The path of ``base`` if it is a plain http(s) address ending in ``/``, else None."""
    if not base.startswith(("http://", "https://")) or "?" in base or "#" in base:
        return None  # urljoin would write the scheme in lower case, or drop the query
    parts = urlsplit(base)
    if not parts.netloc or "//" in parts.path or "/." in parts.path or "\\" in base:
        return None  # urljoin would remove empty and dot segments
    return parts.path


def _plain_url(url: str) -> bool:
    """A page address ``urljoin`` only appends: relative, no query, fragment or dot segment."""
    if not url:
        return True
    if url.startswith(("/", ".")) or ":" in url or "?" in url or "#" in url or "\\" in url:
        return False
    return "/." not in url and "//" not in url


def canonical(base: str, url: str) -> tuple[str, str] | None:
    """(canonical URL, its path) for page ``url`` under ``base`` (ending in ``/``), or
    None where only ``urljoin`` says."""
    path = _plain_base(base)
    if path is None or not _plain_url(url):
        return None
    return base + url, path + url


_MKDOCS = Page._set_canonical_url  # MkDocs' own, for what is not joined here


def _set_canonical_url(self: Page, base: str | None) -> None:
    if base:
        if not base.endswith("/"):
            base += "/"
        found = canonical(base, self.url)
        if found is not None:
            self.canonical_url, self.abs_url = found
            return
    _MKDOCS(self, base)


@contextlib.contextmanager
def quick_canonical_urls() -> Iterator[None]:
    """Pages made in this block (and in workers forked in it) get their URLs joined here."""
    page: Any = Page
    page._set_canonical_url = _set_canonical_url
    try:
        yield
    finally:
        page._set_canonical_url = _MKDOCS
