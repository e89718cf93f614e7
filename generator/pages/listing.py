"""A paginated listing of items: what column, department and year pages are made of.

Every listing is newest first and paginated, so no page grows with the
catalogue; the nav never lists items.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.item import Item
from .markup import (
    a,
    anchor,
    front_matter,
    html_block,
    inline,
    item_table,
    pager,
    paginate,
    paragraph,
)
from .registry import Inputs, Page


def listing(
    title: str,
    intro: str,
    items: list[Item],
    size: int,
    path_of: Callable[[int], str],
    about: Inputs,
    views: Callable[[str], str] | None = None,
    feed: str = "",
    years: str = "",
) -> list[Page]:
    """A paginated listing: page 1 carries the intro, every page the items and pager.

    ``about`` names the departments and columns the listing describes; each page
    also shows its own items (and their departments). ``views`` gives, for a page's
    path, the line that switches between all items and those in force; ``years`` is
    the first page's line of links to the listing by year (``yearly``).
    """
    chunks = paginate(items, size)
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        heading = title if n == 1 else f"{title}（第 {n} 页）"
        parts = [front_matter(heading, feed=feed), f"# {inline(heading)}", ""]
        if n == 1 and intro:
            parts += [intro, ""]
        if n == 1 and years:
            parts.append(years)
        parts += [f"共 {len(items)} 条信息，按发布日期从新到旧排列。", ""]
        # Raw HTML blocks are followed directly by the next line: a blank line after one
        # would be kept in the page, where the Markdown they replace left none.
        if views is not None:
            parts.append(views(path))
        parts.append(item_table(path, chunk))
        if nav := pager(path, path_of, len(chunks), n):
            parts.append(nav)
        parts.append("")
        inputs = Inputs.of(chunk, about.departments, about.columns)
        pages.append(Page(path, "\n".join(parts), inputs=inputs))
    return pages


def by_year(items: list[Item]) -> dict[int, list[Item]]:
    """Items grouped by year of publication, newest year first, order kept within."""
    groups: dict[int, list[Item]] = {}
    for item in items:
        groups.setdefault(item.year, []).append(item)
    return dict(sorted(groups.items(), reverse=True))


def yearly(
    title: str,
    src: str,
    items: list[Item],
    size: int,
    path_of: Callable[[int, int | None], str],
    about: Inputs,
) -> tuple[str, list[Page]]:
    """A long listing (more than one page, more than one year) also by year: the line of
    year links for its first page, and one listing per year, each back-linked.

    A citizen looking for last year's budget picks the year instead of paging through
    every newer item; every page stays the same size however long the listing grows.
    """
    groups = by_year(items)
    if len(items) <= size or len(groups) < 2:
        return "", []
    links = " · ".join(
        f"{anchor(src, path_of(1, y), f'{y}年')}（{len(g)}）" for y, g in groups.items()
    )
    line = html_block(paragraph(f"按年份：{links}", "gk-years", "按年份浏览"))
    pages = []
    for y, group in groups.items():
        back = a(path_of(1, y), src, title)
        heading, path_in_year = f"{title}：{y}年", _in_year(path_of, y)
        pages += listing(heading, f"返回：{back}", group, size, path_in_year, about)
    return line, pages


def _in_year(path_of: Callable[[int, int | None], str], year: int) -> Callable[[int], str]:
    return lambda page: path_of(page, year)


def in_force(
    title: str,
    items: list[Item],
    size: int,
    path_of: Callable[..., str],
    about: Inputs,
) -> tuple[Callable[[str], str] | None, list[Page]]:
    """The listing of the documents in force (现行有效) among ``items``, when some are not.

    A static listing, so the filter works without JavaScript; returns the line that
    switches between the two (for a page's path) and the listing's pages. A listing
    with every document in force gets neither.
    """
    current = [i for i in items if i.in_force]
    if len(current) == len(items):
        return None, []
    everything, in_force_only = path_of(1), path_of(1, in_force=True)

    def views(src: str) -> str:
        showing_all = not src.startswith(in_force_only.rsplit("/", 1)[0] + "/")
        whole, now = f"全部（{len(items)}）", f"现行有效（{len(current)}）"
        whole = f"<strong>{whole}</strong>" if showing_all else anchor(src, everything, whole)
        now = anchor(src, in_force_only, now) if showing_all else f"<strong>{now}</strong>"
        return html_block(paragraph(f"显示：{whole} · {now}", "gk-views", "按有效性筛选"))

    pages = listing(f"{title}：现行有效", "", current, size,
                    lambda n: path_of(n, in_force=True), about, views)  # fmt: skip
    return views, pages
