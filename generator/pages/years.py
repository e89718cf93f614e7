"""The year pages (年度归档): the years with counts, and each year's listing."""

from __future__ import annotations

from functools import partial

from ..model.layout import year_path
from .listing import listing
from .markup import a, front_matter
from .registry import Context, Inputs, Page, Unit, units

SRC = "years/index.md"


@units("years")
def year_pages(ctx: Context) -> list[Unit]:
    """The years with counts (every item), and one unit per year's listing."""
    out = [Unit(SRC, partial(_index, ctx))]
    for y in sorted(ctx.index.by_year, reverse=True):
        out.append(Unit(f"years/{y}", partial(year_listing, ctx, y), ctx.index.by_year[y]))
    return out


def _index(ctx: Context) -> list[Page]:
    by_year = ctx.index.by_year
    body = [front_matter("年度归档"), "# 年度归档", "", "按发布年度浏览全部政府信息。", ""]
    body += [
        f"- {a(SRC, year_path(y), f'{y}年')}（{len(by_year[y])}）"
        for y in sorted(by_year, reverse=True)
    ]
    return [Page(SRC, "\n".join([*body, ""]), inputs=Inputs.of(every_item=True))]


def year_listing(ctx: Context, year: int) -> list[Page]:
    size = ctx.catalogue.settings.page_size
    items = ctx.index.by_year[year]
    return listing(f"{year}年公开的信息", "", items, size, partial(year_path, year), Inputs())
