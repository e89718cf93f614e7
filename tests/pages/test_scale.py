"""Nothing a page holds grows with the catalogue: a listing's pages keep their size and
their links however many items it has (a pager linking every page once made the links
grow with the square of the catalogue: 10.4 million at 100,000 items)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

import pytest

from conftest import FIXTURES
from generator.model.item import DatedChoice, Item, Portal
from generator.pages import compile_pages
from generator.pages.markup import link
from generator.source.catalogue import load_catalogue

LINK = re.compile(r"\]\(|href=\"")  # Markdown links and raw HTML ones


def portal(n: int) -> Portal:
    """``n`` items over the same five years, departments and columns, whatever ``n``."""
    catalogue = load_catalogue(FIXTURES / "small")
    leaves = [c for c in catalogue.all_columns() if not c.children]
    items = []
    for k in range(n):
        dep = catalogue.departments[k % len(catalogue.departments)]
        year = 2020 + k % 5
        index_no = f"{dep.code}/{year}-{k:05}"
        items.append(
            Item(
                source=f"content/{dep.folder}/{k}.md", index_no=index_no,
                slug=index_no.replace("/", "-"), title=f"示例信息第{k:05}号", department=dep,
                columns=[leaves[k % len(leaves)]], published=dt.date(year, 1 + k % 12, 1),
                form="", scope="", period=DatedChoice(""), doc_type="", status=DatedChoice(""),
                body="正文。",
            )
        )  # fmt: skip
    return Portal(catalogue, items)


def largest_listing_page(n: int) -> tuple[int, int, int]:
    """(bytes, links) of the largest listing page, and how many pages the longest listing has."""
    pages = [p for p in compile_pages(portal(n)) if not p.path.startswith("items/")]
    numbered = [int(m.group(1)) for p in pages if (m := re.search(r"/(\d+)\.md$", p.path))]
    return (
        max(len(p.content.encode()) for p in pages),
        max(len(LINK.findall(p.content)) for p in pages),
        max(numbered),
    )


def test_the_largest_listing_page_does_not_grow_with_the_catalogue() -> None:
    small_bytes, small_links, small_pages = largest_listing_page(1_000)
    big_bytes, big_links, big_pages = largest_listing_page(10_000)
    assert big_pages >= 10 * small_pages > 200  # both long enough for every far jump
    assert big_links == small_links
    # only the page numbers' digits may add a few bytes
    assert big_bytes <= small_bytes * 1.02


@pytest.mark.parametrize(
    "src", ["index.md", "items/a.md", "columns/x/index.md", "columns/x/2023/2.md", "about.md"]
)
@pytest.mark.parametrize(
    "dest",
    [
        "index.md",
        "items/b.md",
        "columns/x/index.md",
        "columns/y/2023/index.md",
        "columns",
        "columnsx/index.md",
    ],
)
def test_links_are_what_relpath_gives(src: str, dest: str) -> None:
    assert link(src, dest) == posixpath.relpath(dest, posixpath.dirname(src) or ".")
