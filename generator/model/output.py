"""A file the build writes for other systems (a feed, an export): what 开放数据 lists."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One open-data file, written before the pages are compiled so the page can give its size."""

    path: str  # site-relative, e.g. data/catalogue.json
    title: str  # what it holds, in words
    format: str  # Atom, JSON, CSV …
    size: int  # bytes
    group: str = ""  # whose it is: "" for the whole site, else a column's or department's name
