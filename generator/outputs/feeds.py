"""Atom feeds of new and changed items: the whole site's, each first-level column's and
each department's, so a resident can follow one department.

Written with feedgen. An entry is an item, dated by its last change (the newest
commit of its file, or the newest date its front matter records: ``pages/dates``)
and by its publication; a feed holds the newest ``LIMIT`` entries, newest first.
Every date comes from the items, none from the build's clock (feedgen would put
the time of the build in ``<updated>``), so one commit writes the same feeds.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from ..model.item import Item
from ..model.layout import item_path
from ..schema.export import FEED_ENTRIES

LIMIT = FEED_ENTRIES
CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Feed:
    """One feed to write: where, what it is called, and the page it belongs to."""

    path: str  # site-relative: feeds/columns/czzj.xml
    title: str
    page: str  # the listing it follows (docs-relative .md path)


def moment(day: dt.date) -> dt.datetime:
    """A day as Atom wants a date: its start, in China time."""
    return dt.datetime.combine(day, dt.time(), CHINA)


def newest_changes(
    items: Iterable[Item], changed: Callable[[Item], dt.date], limit: int = LIMIT
) -> list[Item]:
    """The ``limit`` items changed last, newest first (ties: newer publication, then index)."""
    return heapq.nlargest(limit, items, key=lambda i: (changed(i), i.published, i.index_no))


def feed_xml(
    feed: Feed,
    items: list[Item],
    *,
    base: str,
    page_url: Callable[[str], str],
    changed: Callable[[Item], dt.date],
    publisher: str,
    fallback: dt.date,
) -> bytes:
    """The Atom document of ``feed`` holding ``items`` (already chosen and ordered)."""
    fg = FeedGenerator()
    fg.load_extension("dc")
    url = base + feed.path
    fg.id(url)
    fg.title(feed.title)
    fg.author(name=publisher)
    fg.link(href=url, rel="self", type="application/atom+xml")
    fg.link(href=page_url(feed.page), rel="alternate", type="text/html")
    fg.language("zh-CN")
    fg.generator("gongkai")
    fg.updated(moment(changed(items[0]) if items else fallback))
    for item in items:
        entry = fg.add_entry(order="append")
        link = page_url(item_path(item))
        entry.id(link)  # the permanent address: it never changes, so neither does the id
        entry.title(item.title)
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(moment(item.published))
        entry.updated(moment(changed(item)))
        entry.author(name=item.department.name)
        entry.summary(item.summary or item.title)
        for column in item.columns:
            entry.category(term=column.id, label=column.name)
        entry.dc.dc_identifier(item.index_no)  # 信息索引号
        entry.dc.dc_publisher(item.department.name)
    data: bytes = fg.atom_str(pretty=True)
    return data


def write_feed(site_dir: Path, feed: Feed, xml: bytes) -> int:
    """Write the feed; its size in bytes."""
    path = site_dir / feed.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xml)
    return len(xml)
