"""The department pages (公开部门): contacts and counts, and each department's listing."""

from __future__ import annotations

from functools import partial

from ..model.catalogue import Department
from ..model.layout import column_path, department_path
from .listing import in_force, listing, yearly
from .markup import a, front_matter, inline, subscribe
from .registry import Context, Inputs, Page, Unit, units

SRC = "departments/index.md"
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


@units("departments")
def department_pages(ctx: Context) -> list[Unit]:
    """The departments' index (it counts every item), and one unit per department."""
    out = [Unit(SRC, partial(_index, ctx))]
    for dep in ctx.catalogue.departments:
        compile_listing = partial(department_listing, ctx, dep)
        out.append(Unit(f"departments/{dep.id}", compile_listing, ctx.index.by_department[dep.id]))
    return out


def _index(ctx: Context) -> list[Page]:
    every = [d.id for d in ctx.catalogue.departments]
    return [Page(SRC, departments_index(ctx), inputs=Inputs.of(departments=every, every_item=True))]


def department_listing(ctx: Context, dep: Department) -> list[Page]:
    """A department's contacts and listing, by year when long, and of documents in force."""
    catalogue = ctx.catalogue
    size = catalogue.settings.page_size
    src = department_path(dep)
    led = [c for c in catalogue.all_columns() if dep.id in c.lead]
    intro = ["## 联系方式", "", contact_block(dep), ""]
    if led:
        intro += ["牵头栏目：" + "、".join(a(src, column_path(c.id), c.name) for c in led), ""]
    feed = ctx.feed("departments", dep.id)
    if feed:
        intro += [subscribe(src, feed, "本部门公开的信息"), ""]
    intro += ["## 公开信息"]
    about = Inputs.of(departments=[dep.id], columns=[c.id for c in led])
    items = ctx.index.by_department[dep.id]
    years, by_years = yearly(dep.name, src, items, size, partial(department_path, dep), about)
    views, current = in_force(dep.name, items, size, partial(department_path, dep), about)
    pages = listing(
        dep.name,
        "\n".join(intro),
        items,
        size,
        partial(department_path, dep),
        about,
        views,
        feed,
        years,
    )
    return pages + by_years + current


def departments_index(ctx: Context) -> str:
    rows = [
        front_matter("公开部门"),
        "# 公开部门",
        "",
        "各部门政府信息公开的受理机构和联系方式，以及各部门公开的信息。",
        "",
        "| 部门 | 信息条数 | 受理电话 | 地址 |",
        "| --- | --- | --- | --- |",
    ]
    for dep in ctx.catalogue.departments:
        rows.append(
            f"| {a(SRC, department_path(dep), dep.name)} | {len(ctx.index.by_department[dep.id])} "
            f"| {inline(dep.contact.phone)} | {inline(dep.contact.address)} |"
        )
    return "\n".join([*rows, ""])
