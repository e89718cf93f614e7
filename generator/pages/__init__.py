"""Compile the portal's pages from the model, as Markdown, without MkDocs.

``compile_pages`` is the whole of the portal's structure: the MkDocs plugin
only hands these pages to MkDocs, and a future renderer would do the same.
"""

from __future__ import annotations

from collections import defaultdict

from ..model import Item, Portal
from .home import home_page
from .item import item_page
from .listings import Index, Page, column_pages, department_pages, year_pages
from .markup import item_path, newest_first
from .search import search_page

__all__ = ["RESERVED", "Page", "compile_pages"]

# Where generated pages live: content/ may not hold files there.
RESERVED = ("index.md", "items/", "columns/", "departments/", "years/", "search/")


def build_index(portal: Portal) -> Index:
    """Group items by column (with descendants), department and year, newest first."""
    catalogue = portal.catalogue
    by_column: dict[str, list[Item]] = {c.id: [] for c in catalogue.all_columns()}
    by_department: dict[str, list[Item]] = {d.id: [] for d in catalogue.departments}
    by_year: dict[int, list[Item]] = defaultdict(list)
    for item in newest_first(portal.items):
        seen: set[str] = set()
        for col in item.columns:
            for node in col.trail:
                if node.id not in seen:
                    seen.add(node.id)
                    by_column[node.id].append(item)
        by_department[item.department.id].append(item)
        by_year[item.year].append(item)
    return Index(by_column, by_department, dict(by_year))


def compile_pages(portal: Portal) -> list[Page]:
    """Every generated page of the portal: home, listings and one page per item."""
    catalogue = portal.catalogue
    index = build_index(portal)
    by_no = {i.index_no: i for i in portal.items}
    cited_by: dict[str, list[Item]] = defaultdict(list)
    for item in newest_first(portal.items):
        for ref in item.related:
            cited_by[ref].append(item)
    pages_of_sources = {i.content_path: item_path(i) for i in portal.items}
    pages = [Page("index.md", home_page(catalogue, portal.items, index))]
    pages += column_pages(catalogue, index)
    pages += department_pages(catalogue, index)
    pages += year_pages(catalogue, index)
    pages.append(Page("search/index.md", search_page(catalogue)))
    for item in portal.items:
        content = item_page(catalogue, item, by_no, cited_by[item.index_no], pages_of_sources)
        pages.append(Page(item_path(item), content, source=item.source))
    return pages
