"""The page registry: every family registered once, every page under a reserved path, and
every page naming what it was computed from."""

from __future__ import annotations

from conftest import REPO
from generator.check.run import run
from generator.model.layout import RESERVED, item_path
from generator.pages import compile_pages
from generator.pages.registry import FAMILIES


def test_every_family_is_registered_in_order() -> None:
    assert list(FAMILIES) == [
        "home",
        "columns",
        "departments",
        "guide",
        "apply",
        "years",
        "search",
        "items",
        "updates",
        "reports",
        "opendata",
    ]


def test_pages_say_what_they_were_computed_from() -> None:
    portal = run(REPO).portal()
    pages = {p.path: p for p in compile_pages(portal)}
    outside = [p for p in pages if not any(p == r or p.startswith(r) for r in RESERVED)]
    assert outside == []
    by_no = {i.index_no: i for i in portal.items}
    cited = next(i for i in portal.items if i.related and i.related[0] in by_no)
    other = by_no[cited.related[0]]
    # an item page shows its related items, both ways, and its columns and department
    assert {cited.index_no, other.index_no} <= pages[item_path(cited)].inputs.items
    assert cited.index_no in pages[item_path(other)].inputs.items
    assert cited.department.id in pages[item_path(cited)].inputs.departments
    assert {c.id for c in cited.columns} <= pages[item_path(cited)].inputs.columns
    # a listing page shows its own items and describes its department
    dep = cited.department
    listing = pages[f"departments/{dep.id}/index.md"].inputs
    assert dep.id in listing.departments and not listing.every_item
    assert listing.items <= {i.index_no for i in portal.items if i.department == dep}
    assert listing.items
    # the home page counts every item
    assert pages["index.md"].inputs.every_item
