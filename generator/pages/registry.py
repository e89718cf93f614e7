"""The page registry: every page family registers here, and every page says what it shows.

A family is a function from the compile context to its units: groups of pages
compiled together (one item's page; one column's listing), each saying which
items it shows, so that a build compiles again only the units a change touches
(``compiled.py``). ``Inputs`` names, per page, the parts of the model it shows
(the sitemap dates pages by them).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from ..model.catalogue import Catalogue
from ..model.item import Item, Portal
from ..model.layout import feed_path, item_path
from ..model.output import Output
from ..source.scan import reference_keys
from .markup import newest_first


@dataclass(frozen=True)
class Inputs:
    """What a page shows: the items, and the departments and columns it describes or counts."""

    items: frozenset[str] = frozenset()  # index numbers of the items it shows
    departments: frozenset[str] = frozenset()  # ids
    columns: frozenset[str] = frozenset()  # ids
    every_item: bool = False  # it counts items catalogue-wide (the home page, the indexes)

    @classmethod
    def of(
        cls,
        items: Iterable[Item] = (),
        departments: Iterable[str] = (),
        columns: Iterable[str] = (),
        every_item: bool = False,
    ) -> Inputs:
        shown = list(items)
        return cls(
            frozenset(i.index_no for i in shown),
            frozenset([*departments, *(i.department.id for i in shown)]),
            frozenset(columns),
            every_item,
        )


@dataclass(frozen=True)
class Page:
    """One compiled page: where it goes (docs-relative .md path) and its Markdown."""

    path: str
    content: str
    source: str | None = None  # the item file it comes from, for edit links
    inputs: Inputs = field(default=Inputs(), compare=False)


@dataclass
class Index:
    """Items grouped the ways pages need them, computed once per compile."""

    by_column: dict[str, list[Item]]  # a column's own items and its descendants'
    by_department: dict[str, list[Item]]
    by_year: dict[int, list[Item]]


@dataclass
class Context:
    """What every family compiles from: the portal, and the groupings computed once."""

    portal: Portal
    index: Index
    by_no: dict[str, Item]  # items by index number
    # reference field (related, superseded_by, amends, interprets) -> index number ->
    # the items naming that number in that field, newest first
    named_by: dict[str, dict[str, list[Item]]]
    # reference field -> index number -> the numbers that item names in it (if any):
    # read once here, not again by every item's page (800,000 reads at 100,000 items)
    names: dict[str, dict[str, list[str]]]
    pages_of_sources: dict[str, str]  # an item file's content path -> its page

    @property
    def catalogue(self) -> Catalogue:
        return self.portal.catalogue

    def with_outputs(self, outputs: list[Output]) -> Context:
        """This context, its portal given the open-data files as written (the groupings
        are shared, not computed again)."""
        return dataclasses.replace(self, portal=dataclasses.replace(self.portal, outputs=outputs))

    def feed(self, kind: str = "", key: str = "") -> str:
        """The Atom feed a page links (``layout.feed_path``), or "" in a preview: it holds
        drafts, so it writes no feeds (``build/open_data.py``)."""
        return "" if self.portal.preview else feed_path(kind, key)

    @classmethod
    def of(cls, portal: Portal) -> Context:
        catalogue = portal.catalogue
        by_column: dict[str, list[Item]] = {c.id: [] for c in catalogue.all_columns()}
        by_department: dict[str, list[Item]] = {d.id: [] for d in catalogue.departments}
        by_year: dict[int, list[Item]] = defaultdict(list)
        keys = reference_keys(catalogue)
        named_by: dict[str, dict[str, list[Item]]] = {key: defaultdict(list) for key in keys}
        names: dict[str, dict[str, list[str]]] = {key: {} for key in keys}
        for item in newest_first(portal.items):
            seen: set[str] = set()
            for col in item.columns:
                for node in col.trail:
                    if node.id not in seen:
                        seen.add(node.id)
                        by_column[node.id].append(item)
            by_department[item.department.id].append(item)
            by_year[item.year].append(item)
            for key in keys:
                if refs := item.references(key):
                    names[key][item.index_no] = refs
                    for ref in refs:
                        named_by[key][ref].append(item)
        return cls(
            portal,
            Index(by_column, by_department, dict(by_year)),
            {i.index_no: i for i in portal.items},
            named_by,
            names,
            {i.content_path: item_path(i) for i in portal.items},
        )


@dataclass(frozen=True)
class Unit:
    """Pages compiled together, and what they are compiled from beyond the catalogue.

    ``shows`` is every item whose data the pages show, in the order shown; None
    means the pages count or pick from every item (the home page, the indexes),
    so any change to any item compiles them again. ``also`` is whatever else they
    are computed from (a child column's count, where a body's links lead), as text.
    """

    name: str  # unique in the site: the family's name and what in it
    compile: Callable[[], list[Page]]
    shows: Sequence[Item] | None = None
    also: str = ""


Family = Callable[[Context], list[Unit]]
FAMILIES: dict[str, Family] = {}
# The families that show the open-data files (``Portal.outputs``). A build compiles these
# apart, keyed with the files as written; the others are keyed without them, so no
# other family may read them.
SHOW_OUTPUTS: set[str] = set()


def units(name: str, *, outputs: bool = False) -> Callable[[Family], Family]:
    """Register a page family under ``name`` that compiles in units; families compile in
    registration order, those that show the open-data files (``outputs``) last."""

    def register(compile_family: Family) -> Family:
        if name in FAMILIES:
            raise ValueError(f"page family {name} registered twice")
        FAMILIES[name] = compile_family
        if outputs:
            SHOW_OUTPUTS.add(name)
        return compile_family

    return register


def family(
    name: str, *, outputs: bool = False
) -> Callable[[Callable[[Context], list[Page]]], Callable[[Context], list[Page]]]:
    """Register a family of a few pages compiled as one unit that depends on every item
    (and on the open-data files, with ``outputs``)."""

    def register(
        compile_family: Callable[[Context], list[Page]],
    ) -> Callable[[Context], list[Page]]:
        units(name, outputs=outputs)(lambda ctx: [Unit(name, partial(compile_family, ctx))])
        return compile_family

    return register
