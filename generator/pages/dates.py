"""When each page last changed (the sitemap's ``<lastmod>``): from the items, never the build.

An item page's date is its item's last change; a listing's is the newest of the
items it shows; a page that counts every item (the home page, the indexes) has
the newest of all. A page that shows no item (the search page) has none. What
an item's last change is comes from one function, ``changed``: for now the dates
its front matter records (``front_matter_date``); the history from git can be
passed in its place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Protocol

from ..model.history import Change
from ..model.item import Item
from .registry import Inputs

Changed = Callable[[Item], dt.date]


def front_matter_date(item: Item) -> dt.date:
    """The newest date on which the front matter says the item changed: published,
    reviewed, amended or repealed. The end of a limited disclosure (``period``) is
    a deadline, often ahead, not a change."""
    dates = [item.published]
    if item.review is not None:
        dates.append(item.review.date)
    if item.status.date is not None:
        dates.append(item.status.date)
    return max(dates)


def with_history(history: dict[str, list[Change]]) -> Changed:
    """An item's last change: its newest commit, or its front matter's dates if newer."""

    def changed(item: Item) -> dt.date:
        newest = front_matter_date(item)
        commits = history.get(item.source)
        return max(newest, commits[0].date) if commits else newest

    return changed


class Shown(Protocol):
    """A page as far as its date goes: a compiled ``Page``, or a kept page's record."""

    @property
    def path(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def inputs(self) -> Inputs: ...


def page_dates(
    pages: Iterable[Shown], items: Iterable[Item], changed: Changed = front_matter_date
) -> dict[str, dt.date]:
    """Each page's date by its path; pages that show no item are left out."""
    items = list(items)
    by_no = {item.index_no: changed(item) for item in items}
    by_source = {item.source: by_no[item.index_no] for item in items}
    newest = max(by_no.values(), default=None)
    out: dict[str, dt.date] = {}
    for page in pages:
        if page.source is not None:
            date: dt.date | None = by_source[page.source]
        elif page.inputs.every_item:
            date = newest
        else:
            date = max((by_no[no] for no in page.inputs.items), default=None)
        if date is not None:
            out[page.path] = date
    return out
