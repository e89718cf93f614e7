"""The year pages (年度归档): the years with counts, and each year's listing."""

from __future__ import annotations

from functools import partial

from ..model.layout import year_path
from .listing import listing
from .markup import a, front_matter
from .registry import Context, Inputs, Page, family

SRC = "years/index.md"


@family("years")
def year_pages(ctx: Context) -> list[Page]:
    size = ctx.catalogue.settings.page_size
    by_year = ctx.index.by_year
    years = sorted(by_year, reverse=True)
    body = [front_matter("年度归档"), "# 年度归档", "", "按发布年度浏览全部政府信息。", ""]
    body += [f"- {a(SRC, year_path(y), f'{y}年')}（{len(by_year[y])}）" for y in years]
    pages = [Page(SRC, "\n".join([*body, ""]), inputs=Inputs.of(every_item=True))]
    for y in years:
        pages += listing(f"{y}年公开的信息", "", by_year[y], size, partial(year_path, y), Inputs())
    return pages
