"""The search page (``search/``): a plain GET form the search script fills in.

Without JavaScript the form still submits, and the page offers the column,
department and year listings instead of results.
"""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.layout import column_path
from .markup import attr, front_matter, link
from .registry import Context, Page, family

SRC = "search/index.md"
TITLE = "检索"


@family("search")
def search_pages(ctx: Context) -> list[Page]:
    return [Page(SRC, search_page(ctx.catalogue))]


def search_page(catalogue: Catalogue) -> str:
    fixed = [c for c in catalogue.columns if c.fixed]
    browse = [(link(SRC, "columns/index.md"), "全部栏目"),
              (link(SRC, "departments/index.md"), "公开部门"),
              (link(SRC, "years/index.md"), "年度归档")]  # fmt: skip
    browse += [(link(SRC, column_path(c.id)), c.name) for c in fixed]
    # Raw HTML links to .md pages: the renderer resolves them (plugin/links.py).
    links = " · ".join(f'<a href="{attr(href)}">{attr(text)}</a>' for href, text in browse)
    return "\n".join(
        [
            front_matter(f"{TITLE} - {catalogue.settings.name}", hide=("navigation", "toc")),
            f'<div class="gk-search" data-gk-search data-root="../" data-title="{attr(TITLE)}">',
            '<form class="gk-search__form" role="search" action="./" method="get">',
            '<label for="gk-q">检索政府信息</label>',
            '<input id="gk-q" name="q" type="search" autocomplete="off" '
            'placeholder="标题、正文、索引号或文号，如：三公经费">',
            '<button type="submit" class="md-button md-button--primary">检索</button>',
            "</form>",
            '<p class="gk-search__tips">词语之间用空格分开可同时检索多个词；'
            "用引号（如“征地补偿”）检索完整短语；繁体、简体均可。</p>",
            '<div class="gk-search__body" hidden>',
            '<div class="gk-search__bar"><span class="gk-count" role="status"></span>',
            '<label>排序 <select name="sort"><option value="">按相关度</option>'
            '<option value="date">按发布日期（新→旧）</option></select></label></div>',
            '<div class="gk-search__cols">',
            # On phones the facets fold away under one line, so results come first.
            '<details class="gk-facets-box" open><summary>筛选：部门、栏目、年份……</summary>',
            '<aside class="gk-facets" aria-label="筛选"></aside></details>',
            '<section class="gk-results" aria-label="检索结果">',
            '<ol class="gk-results__list"></ol>',
            '<nav class="gk-search__pager" aria-label="翻页"></nav>',
            "</section></div></div>",
            '<noscript><p class="gk-search__noscript">检索需要浏览器启用 JavaScript；'
            "您也可以按下方的目录浏览全部信息。</p></noscript>",
            f'<p class="gk-search__browse">按目录浏览：{links}</p>',
            "</div>",
            '<script type="module" src="../assets/search.js"></script>',
            "",
        ]
    )
