"""The home page: the column grid with counts, the newest items, ways in."""

from __future__ import annotations

from ..model import Catalogue, Item
from .listings import Index
from .markup import a, column_path, front_matter, inline, item_table, newest_first, year_path

SRC = "index.md"


def home_page(catalogue: Catalogue, items: list[Item], index: Index) -> str:
    fixed = [c for c in catalogue.columns if c.fixed]
    domains = [c for c in catalogue.columns if not c.fixed]
    out = [
        front_matter(catalogue.settings.name, hide=("navigation", "toc")),
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
