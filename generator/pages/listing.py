"""A paginated listing of items: what column, department and year pages are made of.

Every listing is newest first and paginated, so no page grows with the
catalogue; the nav never lists items.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.item import Item
from .markup import front_matter, inline, item_table, pager, paginate
from .registry import Inputs, Page


def listing(
    title: str,
    intro: str,
    items: list[Item],
    size: int,
    path_of: Callable[[int], str],
    about: Inputs,
) -> list[Page]:
    """A paginated listing: page 1 carries the intro, every page the items and pager.

    ``about`` names the departments and columns the listing describes; each page
    also shows its own items (and their departments).
    """
    chunks = paginate(items, size)
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        heading = title if n == 1 else f"{title}（第 {n} 页）"
        parts = [front_matter(heading), f"# {inline(heading)}", ""]
        if n == 1 and intro:
            parts += [intro, ""]
        parts += [
            f"共 {len(items)} 条信息，按发布日期从新到旧排列。",
            "",
            item_table(path, chunk),
            "",
        ]
        nav = pager(path, paths, n)
        if nav:
            parts += [nav, ""]
        inputs = Inputs.of(chunk, about.departments, about.columns)
        pages.append(Page(path, "\n".join(parts), inputs=inputs))
    return pages
