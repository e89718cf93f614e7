"""The home page: on a phone's first screen the key-domain column grid with counts; then
the newest items, the guide and how to apply, departments, years and annual reports."""

from __future__ import annotations

from ..model.layout import (
    APPLY_PATH,
    FORM_PATH,
    GUIDE_PATH,
    OPEN_DATA,
    REPORTS,
    column_path,
    department_path,
    year_path,
)
from .markup import a, attr, front_matter, inline, item_table, link, newest_first, subscribe
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
    feed = ctx.feed()
    out = [
        front_matter(catalogue.settings.name, hide=("navigation", "toc"), feed=feed),
        f"# {inline(catalogue.settings.name)}",
        "",
        f"依照《中华人民共和国政府信息公开条例》集中公开 {len(catalogue.departments)} 个部门的"
        f"政府信息，共 {len(items)} 条。",
        "{ .gk-lead }",
        "",
        "## 重点领域信息公开",
        "",
        # The grid is plain HTML: two tiles a row on a phone, so all of it is on the first screen.
        '<ul class="gk-columns" aria-label="重点领域栏目">',
    ]
    for col in domains:
        href = attr(link(SRC, column_path(col.id)))  # the plugin resolves it (plugin/links.py)
        subs = "、".join(c.name for c in col.children)
        out.append(
            f'<li><a href="{href}"><span class="gk-columns__name">{attr(col.name)}</span>'
            f'<span class="gk-columns__count">{len(index.by_column[col.id])} 条</span>'
            + (f'<span class="gk-columns__subs">{attr(subs)}</span>' if subs else "")
            + "</a></li>"
        )
    out += ["</ul>", ""]
    ways = [a(SRC, column_path(c.id), c.name) for c in fixed]
    ways.append(a(SRC, "columns/index.md", "全部栏目"))
    ways.append(a(SRC, OPEN_DATA, "开放数据"))
    out += [" · ".join(ways), '{ .gk-ways aria-label="固定栏目" }', "", "## 最新公开", ""]
    out.append(item_table(SRC, newest_first(items)[: catalogue.settings.home_latest]))
    if feed:
        out += [subscribe(SRC, feed, "全站最新信息"), ""]
    if catalogue.guide is not None:
        guide = catalogue.guide
        out += [
            f"## {inline(guide.titles.guide)}",
            "",
            f"- {a(SRC, GUIDE_PATH, guide.titles.guide)}：公开的范围、方式，各部门的受理机构和联系方式",
            f"- {a(SRC, APPLY_PATH, guide.titles.apply)}：怎样申请、办理时限；"
            f'<a href="{attr(link(SRC, FORM_PATH))}" download="{attr(guide.form_title)}.docx">'
            f"下载{attr(guide.form_title)}</a>",
            "",
        ]
    out += ["## 公开部门", ""]
    out += [
        " · ".join(
            f"{a(SRC, department_path(d), d.short)}（{len(index.by_department[d.id])}）"
            for d in catalogue.departments
        ),
        "",
    ]
    years = sorted(index.by_year, reverse=True)
    if years:
        out += ["## 按年度浏览", ""]
        out += [
            " · ".join(
                f"{a(SRC, year_path(y), f'{y}年')}（{len(index.by_year[y])}）" for y in years
            ),
            "",
        ]
    if ctx.portal.annual is not None:  # the reports pages exist
        out += ["## 政府信息公开年报", "", f"{a(SRC, REPORTS, '历年政府信息公开工作年度报告')}", ""]
    return "\n".join(out)
