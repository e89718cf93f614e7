"""The raw HTML builders write exactly what Markdown made of the Markdown they replace.

Listing tables, pagers and the item header were Markdown (``a``, ``inline``, attr_list
lines) and are now raw HTML (``anchor``, ``text``, ``paragraph``), which Markdown passes
through; the site must not change, whatever a title holds.
"""

from __future__ import annotations

import html

import markdown
import pytest

from generator.pages.markup import a, anchor, inline, paragraph, text

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]
TITLES = [
    "关于印发《下城区2024年政务公开工作要点》的通知",
    "a*b*c_d_ `code` [x](y) <b>bold</b> &amp; & < > \" '",
    "  多个   空格\n换行\t制表  ",
    "\\反斜杠\\ #号 +加 !叹号 |竖线| {大括号}",
    "https://example.gov.cn/a_b 与 <https://x.cn>",
    "R&D 3 > 2 < 5 &copy; &#169;",
]


def render(source: str) -> str:
    html = markdown.Markdown(extensions=EXTENSIONS).convert(source)
    return html


@pytest.mark.parametrize("title", TITLES)
def test_text_is_what_markdown_makes_of_inline(title: str) -> None:
    assert render(inline(title)) == f"<p>{text(title)}</p>"


@pytest.mark.parametrize("title", TITLES)
def test_anchor_is_what_markdown_makes_of_a_link(title: str) -> None:
    src, dest = "columns/cz/2.md", "items/330103-2024-0001.md"
    assert render(a(src, dest, title)) == f"<p>{anchor(src, dest, title)}</p>"


def test_paragraph_is_what_attr_list_writes() -> None:
    content = f"第 1 / 3 页：<strong>1</strong> {anchor('x/index.md', 'x/2.md', '2')}"
    markdown_line = f'第 1 / 3 页：**1** {a("x/index.md", "x/2.md", "2")}\n{{ .gk-pager aria-label="分页" }}'  # fmt: skip
    assert render(markdown_line) == paragraph(content, "gk-pager", "分页")
    assert render("主题词：低保\n{ .gk-keywords }") == paragraph("主题词：低保", "gk-keywords")


@pytest.mark.parametrize(
    "extensions", [EXTENSIONS, [*EXTENSIONS, "pymdownx.tilde", "pymdownx.caret"]]
)
def test_a_tilde_or_caret_reads_as_written_in_markdown_and_in_html(extensions: list[str]) -> None:
    title = "2024~2025年度 ~~预算~~ 10^3 ^^上^^"  # "\\~" once showed its backslash
    shown = markdown.Markdown(extensions=extensions).convert(inline(title))
    assert html.unescape(shown) == f"<p>{title}</p>" == f"<p>{text(title)}</p>"


@pytest.mark.parametrize(
    "src", ["index.md", "columns/cz/2.md", "departments/czj/2024/3.md", "items/x.md", "years/2024/index.md"]
)  # fmt: skip
def test_a_listing_links_each_item_and_department_as_link_does(src: str) -> None:
    """item_table finds the way up from its page once; every link is still link()'s."""
    import re

    from conftest import REPO
    from generator.check.run import run
    from generator.model.layout import department_path, item_path
    from generator.pages.markup import attr, item_table, link

    items = run(REPO).items[:60]
    expected = []
    for item in items:
        expected += [
            attr(link(src, item_path(item))),
            attr(link(src, department_path(item.department))),
        ]
    assert re.findall(r'href="([^"]*)"', item_table(src, items)) == expected
    assert len({i.department.id for i in items}) > 1
