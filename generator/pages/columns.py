"""The column pages (信息公开目录): the column tree with counts, and each column's listing."""

from __future__ import annotations

from functools import partial

from ..model.catalogue import Column
from ..model.layout import column_path, department_path
from .listing import in_force, listing, yearly
from .markup import a, front_matter, inline, subscribe
from .registry import Context, Index, Inputs, Page, Unit, units

SRC = "columns/index.md"


@units("columns")
def column_pages(ctx: Context) -> list[Unit]:
    """The column tree (it counts every item), and one unit per column's listings."""
    out = [Unit(SRC, partial(_index, ctx))]
    for col in ctx.catalogue.all_columns():
        counts = " ".join(str(len(ctx.index.by_column[c.id])) for c in col.children)
        compile_listing = partial(column_listing, ctx, col)
        out.append(Unit(f"columns/{col.id}", compile_listing, ctx.index.by_column[col.id], counts))
    return out


def _index(ctx: Context) -> list[Page]:
    every = [c.id for c in ctx.catalogue.all_columns()]
    return [Page(SRC, columns_index(ctx), inputs=Inputs.of(columns=every, every_item=True))]


def column_listing(ctx: Context, col: Column) -> list[Page]:
    """A column's listing, by year when long, and of the documents in force."""
    catalogue, index = ctx.catalogue, ctx.index
    size = catalogue.settings.page_size
    deps = {d.id: d for d in catalogue.departments}
    src = column_path(col.id)
    intro: list[str] = []
    if col.parent:
        intro.append(f"上级栏目：{a(src, column_path(col.parent.id), col.parent.name)}")
        intro.append("")
    if col.description:
        intro += [inline(col.description), ""]
    leads = [deps[d] for d in col.lead if d in deps]
    if leads:
        intro += [
            "牵头部门：" + "、".join(a(src, department_path(d), d.short) for d in leads),
            "",
        ]
    if col.children:
        intro += ["下设栏目：", ""]
        intro += [
            f"- {a(src, column_path(c.id), c.name)}（{len(index.by_column[c.id])}）"
            for c in col.children
        ]
    feed = ctx.feed("columns", col.trail[0].id)
    if feed:  # a sub-column is followed in its first-level column's feed
        what = "本栏目" if col.parent is None else f"「{col.trail[0].name}」栏目"
        intro += ["", subscribe(src, feed, what)]
    shown = [c.id for c in col.trail + col.children]
    about = Inputs.of(departments=[d.id for d in leads], columns=shown)
    items = index.by_column[col.id]
    years, by_years = yearly(col.name, src, items, size, partial(column_path, col.id), about)
    views, current = in_force(col.name, items, size, partial(column_path, col.id), about)
    pages = listing(
        col.name,
        "\n".join(intro).strip(),
        items,
        size,
        partial(column_path, col.id),
        about,
        views,
        feed,
        years,
    )
    return pages + by_years + current


def column_tree(src: str, columns: list[Column], index: Index, depth: int = 0) -> list[str]:
    lines = []
    for col in columns:
        count = len(index.by_column[col.id])
        lines.append(f"{'    ' * depth}- {a(src, column_path(col.id), col.name)}（{count}）")
        lines += column_tree(src, col.children, index, depth + 1)
    return lines


def columns_index(ctx: Context) -> str:
    return "\n".join(
        [
            front_matter("信息公开目录"),
            "# 信息公开目录",
            "",
            "按栏目浏览全部政府信息，括号内为信息条数。",
            "",
            *column_tree(SRC, ctx.catalogue.columns, ctx.index),
            "",
        ]
    )
