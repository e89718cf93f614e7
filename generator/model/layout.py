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
RESERVED = ("index.md", "items/", "columns/", "departments/", "years/", "search/", "updates/",
            "reports/", "open-data/", "feeds/", "data/", "opensearch.xml", "guide/", "apply/")  # fmt: skip

# 政府信息公开指南 and 依申请公开, and the application form the latter offers (DOCX,
# written beside the page at build time).
GUIDE_PATH = "guide/index.md"
APPLY_PATH = "apply/index.md"
FORM_PATH = "apply/application-form.docx"
RESERVED_FOLDERS = tuple(name for name in RESERVED if name.endswith("/"))


def content_relative(source: str) -> str:
    """A portal-relative path under content/ as a path inside content/."""
    return source.removeprefix("content/")


def item_path(item: Item) -> str:
    return f"items/{item.slug}.md"


def listing_path(folder: str, page: int = 1) -> str:
    """Page ``page`` of the listing in ``folder``: its index.md first, then 2.md, 3.md …"""
    return f"{folder}/index.md" if page == 1 else f"{folder}/{page}.md"


# The folder of a listing's documents in force (现行有效), beside its year folders.
IN_FORCE = "in-force"


def _within(year: int | None, in_force: bool) -> str:
    return (f"/{year}" if year else "") + (f"/{IN_FORCE}" if in_force else "")


def column_path(
    column_id: str, page: int = 1, year: int | None = None, *, in_force: bool = False
) -> str:
    """A column's listing, or (with ``year``) its items of one year, or those in force."""
    return listing_path(f"columns/{column_id}" + _within(year, in_force), page)


def department_path(
    dep: Department, page: int = 1, year: int | None = None, *, in_force: bool = False
) -> str:
    """A department's listing, or (with ``year``) its items of one year, or those in force."""
    return listing_path(f"departments/{dep.id}" + _within(year, in_force), page)


def updates_path(page: int = 1) -> str:
    """更新记录: the newest changes across the catalogue."""
    return listing_path("updates", page)


def year_path(year: int, page: int = 1) -> str:
    return listing_path(f"years/{year}", page)


REPORTS = "reports/index.md"  # 公开年报: every year's annual report


def report_path(year: int, department: str = "") -> str:
    """A year's annual report: the whole body's, or (with ``department``, an id) one department's."""
    return f"reports/{year}/{department}.md" if department else f"reports/{year}/index.md"


# Open data (开放数据): files for other systems, written beside the pages (site-relative).
OPEN_DATA = "open-data/index.md"  # the page that lists and documents them
OPENSEARCH = "opensearch.xml"
DATA = "data"  # the machine-readable catalogue and its schema


def feed_path(kind: str = "", key: str = "") -> str:
    """An Atom feed: the whole site's, or (``kind`` columns/departments) one column's or
    department's, by its id."""
    return f"feeds/{kind}/{key}.xml" if kind else "feeds/all.xml"


def export_path(suffix: str, department: str = "") -> str:
    """The machine-readable catalogue (``suffix`` json or csv): the whole site's, or one
    department's (by id)."""
    folder = f"{DATA}/departments/{department}" if department else DATA
    return f"{folder}/catalogue.{suffix}"


def schema_path(version: int | None = None) -> str:
    """The JSON Schema of catalogue.json: beside it, and (with ``version``) at the address
    that version keeps for good."""
    if version is None:
        return f"{DATA}/catalogue.schema.json"
    return f"{DATA}/schema/{version}/catalogue.schema.json"
