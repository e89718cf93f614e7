"""The home page: the column grid with counts, the newest items, ways in."""

from __future__ import annotations

from ..model.layout import OPEN_DATA, column_path, feed_path, year_path
from .markup import a, front_matter, inline, item_table, newest_first, subscribe
from .registry import Context, Inputs, Page, family

SRC = "index.md"


@family("home")
def home_pages(ctx: Context) -> list[Page]:
    inputs = Inputs.of(newest_first(ctx.portal.items)[: ctx.catalogue.settings.home_latest],
                       every_item=True)  # fmt: skip
    return [Page(SRC, home_page(ctx), inputs=inputs)]


def home_page(ctx: Context) -> str:
    catalogue, items, index = ctx.catalogue, ctx.portal.items, ctx.index
    fixed = [c for c in catalogue.columns if c.fixed]
    domains = [c for c in catalogue.columns if not c.fixed]
    feed = "" if ctx.portal.preview else feed_path()
    out = [
        front_matter(catalogue.settings.name, hide=("navigation", "toc"), feed=feed),
        f"# {inline(catalogue.settings.name)}",
        "",
        f"本平台依照《中华人民共和国政府信息公开条例》集中公开 {len(catalogue.departments)} 个部门的"
        f"政府信息，共 {len(items)} 条。",
        "",
    ]
    ways = [a(SRC, column_path(c.id), c.name) for c in fixed]
    ways += [
        a(SRC, "columns/index.md", "全部栏目"),
        a(SRC, "departments/index.md", "公开部门"),
        a(SRC, "years/index.md", "年度归档"),
        a(SRC, OPEN_DATA, "开放数据"),
    ]
    out += [" · ".join(ways), '{ .gk-ways aria-label="快速入口" }', "", "## 重点领域信息公开", ""]
    out += ['<div class="grid cards gk-columns" markdown>', ""]
    for col in domains:
        out += [
            f"-   **{a(SRC, column_path(col.id), col.name)}**（{len(index.by_column[col.id])}）",
            "",
        ]
        if col.children:
            subs = "· ".join(
                f"{a(SRC, column_path(c.id), c.name)}（{len(index.by_column[c.id])}）"
                for c in col.children
            )
            out += ["    ---", "", f"    {subs}", ""]
    out += ["</div>", "", "## 最新公开", ""]
    out += [item_table(SRC, newest_first(items)[: catalogue.settings.home_latest]), ""]
    if feed:
        out += [subscribe(SRC, feed, "全站最新信息"), ""]
    years = sorted(index.by_year, reverse=True)
    if years:
        out += ["## 按年度浏览", ""]
        out += [
            " · ".join(
                f"{a(SRC, year_path(y), f'{y}年')}（{len(index.by_year[y])}）" for y in years
            ),
            "",
        ]
    return "\n".join(out)
