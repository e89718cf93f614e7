"""Small Markdown builders shared by the page modules.

Pages link to each other by relative ``.md`` paths, which MkDocs (and its
successors) resolve and check, so the compiled pages carry no renderer-specific
URLs.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable

from ..body.sanitize import plain
from ..model.item import Item
from ..model.layout import department_path, item_path
from ..model.text import yaml_quoted

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^])")


def inline(text: str) -> str:
    """``text`` as literal inline Markdown: no markup, no raw HTML, no line breaks."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def attr(text: str) -> str:
    """``text`` safe inside a double-quoted HTML attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


def link(src: str, dest: str) -> str:
    """The relative path from page ``src`` to page ``dest`` (both docs-relative .md paths)."""
    return posixpath.relpath(dest, posixpath.dirname(src) or ".")


def a(src: str, dest: str, text: str) -> str:
    return f"[{inline(text)}]({link(src, dest)})"


# -- pieces -------------------------------------------------------------------


def unpublished_reason(item: Item) -> str:
    """Why an item is not published (it only appears in preview builds), or ''."""
    if item.draft:
        return "草稿"
    return "" if item.review else "未完成保密审查"


def status_mark(item: Item) -> str:
    """Visible marks: not in force, amended, and (in previews) not published."""
    marks = []
    if kind := (item.status.term.mark if item.status.term else ""):
        marks.append(
            f'<span class="gk-status gk-status--{kind}">{html.escape(item.status.value)}</span>'
        )
    if reason := unpublished_reason(item):
        marks.append(f'<span class="gk-status gk-status--draft">{reason} 未发布</span>')
    return "".join(f" {m}" for m in marks)


def newest_first(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.published, i.index_no), reverse=True)


def item_table(src: str, items: list[Item]) -> str:
    """The listing of items every column, department and year page shows."""
    rows = [
        '<div class="gk-list" markdown="1">',
        "",
        "| 标题 | 信息索引号 | 公开部门 | 发布日期 |",
        "| --- | --- | --- | --- |",
    ]
    for item in items:
        rows.append(
            f"| {a(src, item_path(item), item.title)}{status_mark(item)} "
            f"| {inline(item.index_no)} | {a(src, department_path(item.department), item.department.short)} "
            f"| {item.published.isoformat()} |"
        )
    if not items:
        rows[2:] = ["本栏目暂无信息。"]
    rows += ["", "</div>"]
    return "\n".join(rows)


def paginate(items: list[Item], size: int) -> list[list[Item]]:
    """Items in pages of ``size``; at least one (possibly empty) page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def pager(src: str, path_of_page: list[str], current: int) -> str:
    """Links to every page of a listing: 上一页 1 2 3 下一页."""
    if len(path_of_page) < 2:
        return ""
    n = len(path_of_page)
    parts = []
    if current > 1:
        parts.append(f"[上一页]({link(src, path_of_page[current - 2])})")
    for i, path in enumerate(path_of_page, start=1):
        parts.append(f"**{i}**" if i == current else f"[{i}]({link(src, path)})")
    if current < n:
        parts.append(f"[下一页]({link(src, path_of_page[current])})")
    return f"第 {current} / {n} 页：" + " ".join(parts) + '\n{ .gk-pager aria-label="分页" }'


def front_matter(title: str, description: str = "", hide: tuple[str, ...] = ()) -> str:
    """Page meta for the renderer: title, description, and parts of the theme to hide."""
    lines = ["---", f"title: {_yaml_str(title)}"]
    if description:
        lines.append(f"description: {_yaml_str(description[:160])}")
    if hide:
        lines.append(f"hide: [{', '.join(hide)}]")
    return "\n".join([*lines, "---", ""])


def _yaml_str(text: str) -> str:
    """A quoted YAML string that themes may print unescaped anywhere (sanitize.plain)."""
    return yaml_quoted(plain(" ".join(text.split())))
