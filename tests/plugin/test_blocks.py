"""Setting finished HTML blocks aside before Markdown changes nothing in the page.

Each block becomes a one-line comment for Markdown and is put back afterwards
(``plugin/blocks.py``); the HTML must be what Markdown makes of the marked page itself.
"""

from __future__ import annotations

import markdown
import pytest

from generator.pages.markup import html_block, paragraph
from generator.plugin.blocks import put_back, set_aside

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]
TABLE = html_block('<div class="gk-list">\n<table>\n<tbody>\n<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n</div>')  # fmt: skip
LINE = html_block(paragraph("第 1 / 2 页：<strong>1</strong>", "gk-pager", "分页"))
PAGES = [
    f"# 标题\n\n共 3 条。\n\n{TABLE}\n{LINE}\n",  # blocks glued to each other, at the end
    f"{LINE}\n# 标题\n\n正文。\n",  # a block glued to a heading
    f"导语。\n\n{TABLE}\n共 3 条。\n\n- 一\n- 二\n",  # to a paragraph, then a list
    f"{TABLE}\n\n## 下一节\n\n{LINE}\n<!-- gongkai:body -->\n\n正文 *强调*。\n",  # a blank line kept
]


def render(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(source)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_renders_the_same_with_its_blocks_set_aside(page: str) -> None:
    aside, blocks = set_aside(page)
    assert len(blocks) == page.count("<!-- gongkai:html -->") > 0
    assert "<table>" not in aside  # Markdown does not see them
    assert put_back(render(aside), blocks) == render(page).replace("<!-- gongkai:html -->\n", "").replace("\n<!-- /gongkai:html -->", "")  # fmt: skip


def test_unmarked_html_is_left_to_markdown() -> None:
    page = '<div class="x">\n<p>y</p>\n</div>\n'
    assert set_aside(page) == (page, [])
