"""Small Markdown and HTML builders shared by the page modules.

Pages link to each other by relative ``.md`` paths, which the renderer resolves
and checks, so the compiled pages carry no renderer-specific URLs: MkDocs
resolves them in Markdown links, and the gongkai plugin in the ``href`` of the
raw HTML the pages are mostly made of (``plugin/links.py``). The parts every
page repeats many times (listing tables, pagers, the item header) are raw HTML:
Markdown's inline parsing of their links and escapes was most of a listing
page's time. They are written exactly as Markdown would render them, so the
site is the same byte for byte (the golden tests compare it).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..body.sanitize import plain
from ..model.history import Kind
from ..model.item import Item
from ..model.layout import department_path, item_path
from ..model.text import yaml_quoted

T = TypeVar("T")
# What a commit did to an item's file, as the publication register says it.
CHANGE_WORDS = {Kind.PUBLISHED: "首次发布", Kind.CHANGED: "修改", Kind.RENAMED: "更名或移动"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
# Not escapable by a backslash in every configuration (Python-Markdown shows "\~" as is
# unless an extension such as pymdownx.tilde makes it special): written as references.
_MD_REFERENCES = str.maketrans({"~": "&#126;", "^": "&#94;"})


@functools.lru_cache(maxsize=1 << 18)
def text(value: str) -> str:
    """``value`` as HTML text: what Markdown renders ``inline(value)`` as."""
    return html.escape(" ".join(str(value).split()), quote=False)


@functools.lru_cache(maxsize=1 << 18)
def inline(value: str) -> str:
    """``value`` as literal inline Markdown: no markup, no raw HTML, no line breaks
    (``text`` with Markdown's special characters escaped).

    Kept per text: a title or a department's name is written into every listing
    that shows it, half a million times at 10,000 items.
    """
    return _MD_SPECIAL.sub(r"\\\1", text(value)).translate(_MD_REFERENCES)


def attr(text: str) -> str:
    """``text`` safe inside a double-quoted HTML attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


def link(src: str, dest: str) -> str:
    """The relative path from page ``src`` to page ``dest`` (both docs-relative .md paths).

    Both are clean paths (no ``.``, ``..`` or doubled slashes; the layout makes them),
    so this is ``posixpath.relpath`` without its two ``os.getcwd()`` calls: listing
    pages make tens of thousands of links, and relpath was half of compiling them.
    """
    depth = src.count("/")
    if not depth:
        return dest or "."
    top = src[: src.index("/")]
    if dest != top and not dest.startswith(f"{top}/"):  # nothing in common: most links
        return "../" * depth + dest
    here = src.split("/")[:-1]
    there = dest.split("/")
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def a(src: str, dest: str, text: str) -> str:
    return f"[{inline(text)}]({link(src, dest)})"


def anchor(src: str, dest: str, label: str) -> str:
    """A raw HTML link from page ``src`` to page ``dest`` (the renderer resolves the .md)."""
    return f'<a href="{attr(link(src, dest))}">{text(label)}</a>'


# A block of finished HTML is marked, so that the renderer can set it aside and put it back
# after Markdown (plugin/blocks.py): Markdown parses raw HTML tag by tag, which took as
# long as the Markdown it replaced. Unmarked, Markdown renders it the same.
HTML_OPEN, HTML_CLOSE = "<!-- gongkai:html -->", "<!-- /gongkai:html -->"


def html_block(html_text: str) -> str:
    """``html_text`` (whole HTML blocks) marked as finished: the renderer passes it through."""
    return f"{HTML_OPEN}\n{html_text}\n{HTML_CLOSE}"


def paragraph(content: str, css: str, label: str = "") -> str:
    """A paragraph with a class (and an accessible name), as Markdown's attr_list writes it."""
    named = f'aria-label="{attr(label)}" ' if label else ""
    return f'<p {named}class="{css}">{content}</p>'


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


_HEAD = "\n".join(["<thead>", "<tr>", *(f"<th>{h}</th>" for h in ("标题", "信息索引号", "公开部门", "发布日期")), "</tr>", "</thead>"])  # fmt: skip


def item_table(src: str, items: list[Item]) -> str:
    """The listing of items every column, department and year page shows (raw HTML)."""
    if not items:
        return html_block('<div class="gk-list">\n<p>本栏目暂无信息。</p>\n</div>')
    rows = ['<div class="gk-list">', "<table>", _HEAD, "<tbody>"]
    # Each department's link is made once: a listing of 50 items names a few departments.
    departments: dict[str, str] = {}
    for item in items:
        dep = item.department
        to_dep = departments.get(dep.id)
        if to_dep is None:
            to_dep = departments[dep.id] = anchor(src, department_path(dep), dep.short)
        rows.append(
            f"<tr>\n<td>{anchor(src, item_path(item), item.title)}{status_mark(item)}</td>\n"
            f"<td>{text(item.index_no)}</td>\n"
            f"<td>{to_dep}</td>\n"
            f"<td>{item.published.isoformat()}</td>\n</tr>"
        )
    rows += ["</tbody>", "</table>", "</div>"]
    return html_block("\n".join(rows))


def paginate(items: list[T], size: int) -> list[list[T]]:
    """Items in pages of ``size``; at least one (possibly empty) page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


# Pages a pager links besides the first, the last and its neighbours: far jumps, so a
# listing of a thousand pages is crossed in a few clicks while every page keeps the same
# handful of links (linking every page made the links grow with the square of the catalogue).
NEAR = 2
JUMPS = (10, 100)


def pages_shown(current: int, count: int) -> list[int]:
    """The page numbers a pager shows: first, last, ``NEAR`` either side, and the jumps."""
    shown = {1, count, *range(current - NEAR, current + NEAR + 1)}
    shown |= {current + j for j in JUMPS} | {current - j for j in JUMPS}
    return sorted(n for n in shown if 1 <= n <= count)


def pager(src: str, path_of: Callable[[int], str], count: int, current: int) -> str:
    """上一页 1 … 4 5 **6** 7 8 … 16 … 120 下一页: a window of the listing's pages."""
    if count < 2:
        return ""
    parts = []
    if current > 1:
        parts.append(anchor(src, path_of(current - 1), "上一页"))
    last = 0
    for n in pages_shown(current, count):
        if n > last + 1:
            parts.append("…")
        parts.append(f"<strong>{n}</strong>" if n == current else anchor(src, path_of(n), str(n)))
        last = n
    if current < count:
        parts.append(anchor(src, path_of(current + 1), "下一页"))
    return html_block(
        paragraph(f"第 {current} / {count} 页：" + " ".join(parts), "gk-pager", "分页")
    )


def front_matter(
    title: str, description: str = "", hide: tuple[str, ...] = (), feed: str = ""
) -> str:
    """Page meta for the renderer: title, description, parts of the theme to hide, and
    the page's Atom feed (site-relative; the theme links it in the head)."""
    lines = ["---", f"title: {_yaml_str(title)}"]
    if description:
        lines.append(f"description: {_yaml_str(description[:160])}")
    if hide:
        lines.append(f"hide: [{', '.join(hide)}]")
    if feed:
        lines.append(f"feed: {_yaml_str(feed)}")
    return "\n".join([*lines, "---", ""])


def subscribe(src: str, feed: str, what: str) -> str:
    """The visible 订阅 link to ``feed`` on page ``src`` (an index.md: its URL is its folder).

    Raw HTML: the feed is a file of the site, not a page MkDocs knows.
    """
    href = attr(link(src, feed))
    return (
        f'<p class="gk-feed"><a href="{href}" type="application/atom+xml">'
        f"订阅{inline(what)}（Atom）</a></p>"
    )


def _yaml_str(text: str) -> str:
    """A quoted YAML string that themes may print unescaped anywhere (sanitize.plain)."""
    return yaml_quoted(plain(" ".join(text.split())))
