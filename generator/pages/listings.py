"""Column, department and year pages, and their index pages.

Every listing is newest first and paginated, so no page grows with the
catalogue; the nav never lists items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..model import Catalogue, Column, Department, Item
from .markup import (
    a,
    column_path,
    department_path,
    front_matter,
    inline,
    item_table,
    pager,
    paginate,
    year_path,
)


@dataclass(frozen=True)
class Page:
    """One compiled page: where it goes (docs-relative .md path) and its Markdown."""

    path: str
    content: str
    source: str | None = None  # the item file it comes from, for edit links


@dataclass
class Index:
    """Items grouped the ways pages need them, computed once per compile."""

    by_column: dict[str, list[Item]]  # a column's own items and its descendants'
    by_department: dict[str, list[Item]]
    by_year: dict[int, list[Item]]


def listing(
    title: str,
    intro: str,
    items: list[Item],
    size: int,
    path_of: Callable[[int], str],
) -> list[Page]:
    """A paginated listing: page 1 carries the intro, every page the items and pager."""
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
        pages.append(Page(path, "\n".join(parts)))
    return pages


# -- columns ------------------------------------------------------------------


def column_pages(catalogue: Catalogue, index: Index) -> list[Page]:
    size = catalogue.settings.page_size
    pages = [Page("columns/index.md", columns_index(catalogue, index))]
    deps = {d.id: d for d in catalogue.departments}
    for col in catalogue.all_columns():
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
        pages += listing(
            col.name,
            "\n".join(intro).strip(),
            index.by_column[col.id],
            size,
            partial(column_path, col.id),
        )
    return pages


def column_tree(src: str, columns: list[Column], index: Index, depth: int = 0) -> list[str]:
    lines = []
    for col in columns:
        count = len(index.by_column[col.id])
        lines.append(f"{'    ' * depth}- {a(src, column_path(col.id), col.name)}（{count}）")
        lines += column_tree(src, col.children, index, depth + 1)
    return lines


def columns_index(catalogue: Catalogue, index: Index) -> str:
    src = "columns/index.md"
    return "\n".join(
        [
            front_matter("信息公开目录"),
            "# 信息公开目录",
            "",
            "按栏目浏览全部政府信息，括号内为信息条数。",
            "",
            *column_tree(src, catalogue.columns, index),
            "",
        ]
    )


# -- departments --------------------------------------------------------------

CONTACT_LABELS = {
    "office": "受理机构",
    "address": "地址",
    "hours": "办公时间",
    "phone": "电话",
    "fax": "传真",
    "email": "电子邮箱",
}


def contact_block(dep: Department) -> str:
    rows = ['<dl class="gk-meta gk-contact">']
    for key, label in CONTACT_LABELS.items():
        value = getattr(dep.contact, key)
        if value:
            rows += [f"<dt>{inline(label)}</dt>", f"<dd>{inline(value)}</dd>"]
    return "\n".join([*rows, "</dl>"])


def department_pages(catalogue: Catalogue, index: Index) -> list[Page]:
    size = catalogue.settings.page_size
    pages = [Page("departments/index.md", departments_index(catalogue, index))]
    for dep in catalogue.departments:
        src = department_path(dep)
        led = [c for c in catalogue.all_columns() if dep.id in c.lead]
        intro = ["## 联系方式", "", contact_block(dep), ""]
        if led:
            intro += ["牵头栏目：" + "、".join(a(src, column_path(c.id), c.name) for c in led), ""]
        intro += ["## 公开信息"]
        pages += listing(
            dep.name,
            "\n".join(intro),
            index.by_department[dep.id],
            size,
            partial(department_path, dep),
        )
    return pages


def departments_index(catalogue: Catalogue, index: Index) -> str:
    src = "departments/index.md"
    rows = [
        front_matter("公开部门"),
        "# 公开部门",
        "",
        "各部门政府信息公开的受理机构和联系方式，以及各部门公开的信息。",
        "",
        "| 部门 | 信息条数 | 受理电话 | 地址 |",
        "| --- | --- | --- | --- |",
    ]
    for dep in catalogue.departments:
        rows.append(
            f"| {a(src, department_path(dep), dep.name)} | {len(index.by_department[dep.id])} "
            f"| {inline(dep.contact.phone)} | {inline(dep.contact.address)} |"
        )
    return "\n".join([*rows, ""])


# -- years ----------------------------------------------------------------------


def year_pages(catalogue: Catalogue, index: Index) -> list[Page]:
    size = catalogue.settings.page_size
    src = "years/index.md"
    years = sorted(index.by_year, reverse=True)
    body = [front_matter("年度归档"), "# 年度归档", "", "按发布年度浏览全部政府信息。", ""]
    body += [f"- {a(src, year_path(y), f'{y}年')}（{len(index.by_year[y])}）" for y in years]
    pages = [Page(src, "\n".join([*body, ""]))]
    for y in years:
        pages += listing(f"{y}年公开的信息", "", index.by_year[y], size, partial(year_path, y))
    return pages
