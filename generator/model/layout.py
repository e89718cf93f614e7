"""Where the portal's generated pages live: the URL layout every stage agrees on.

The pages write these paths, the loader keeps departments out of them and the
checker keeps hand-written files out of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalogue import Department
    from .item import Item

# Where generated pages live (docs-relative): content/ may not hold files there.
RESERVED = ("index.md", "items/", "columns/", "departments/", "years/", "search/")
RESERVED_FOLDERS = tuple(name for name in RESERVED if name.endswith("/"))


def content_relative(source: str) -> str:
    """A portal-relative path under content/ as a path inside content/."""
    return source.removeprefix("content/")


def item_path(item: Item) -> str:
    return f"items/{item.slug}.md"


def column_path(column_id: str, page: int = 1) -> str:
    return f"columns/{column_id}/index.md" if page == 1 else f"columns/{column_id}/{page}.md"


def department_path(dep: Department, page: int = 1) -> str:
    return f"departments/{dep.id}/index.md" if page == 1 else f"departments/{dep.id}/{page}.md"


def year_path(year: int, page: int = 1) -> str:
    return f"years/{year}/index.md" if page == 1 else f"years/{year}/{page}.md"
