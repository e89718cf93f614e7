"""政府信息公开指南 (``guide/``): the body's wording from catalogue/guide.yml, with what the
catalogue knows filled in: the columns and what each holds, every department's office
and contacts, the time limits. The column 公开指南 keeps the guide *items*; both link."""

from __future__ import annotations

from ..model.catalogue import Catalogue, Column
from ..model.guide import Guide
from ..model.layout import APPLY_PATH, FORM_PATH, GUIDE_PATH, column_path, department_path
from .departments import contact_block
from .markup import a, attr, front_matter, inline, link
from .registry import Context, Inputs, Page, family

SRC = GUIDE_PATH


@family("guide")
def guide_pages(ctx: Context) -> list[Page]:
    guide = ctx.catalogue.guide
    if guide is None:
        return []
    every = [d.id for d in ctx.catalogue.departments]
    columns = [c.id for c in ctx.catalogue.all_columns()]
    inputs = Inputs.of(departments=every, columns=columns)
    return [Page(SRC, guide_page(ctx.catalogue, guide), inputs=inputs)]


def guide_column(catalogue: Catalogue, guide: Guide) -> Column | None:
    """The column holding the guide items (guide.yml's ``column``), if it names one."""
    return next((c for c in catalogue.all_columns() if c.id == guide.column), None)


def column_rows(src: str, columns: list[Column]) -> list[str]:
    """What is published where: each column with its description, sub-columns indented."""
    rows = []
    for col in columns:
        rows.append(f"- **{a(src, column_path(col.id), col.name)}**：{inline(col.description)}")
        for child in col.children:
            rows.append(
                f"    - {a(src, column_path(child.id), child.name)}：{inline(child.description)}"
            )
    return rows


def contacts(src: str, catalogue: Catalogue, level: str = "###") -> list[str]:
    """Every department's office, address, hours, phone, fax and e-mail (departments.yml)."""
    out = []
    for dep in catalogue.departments:
        out += [f"{level} {inline(dep.name)}", "", contact_block(dep), ""]
        out += [f"{a(src, department_path(dep), '本部门公开的信息')}", ""]
    return out


def download(src: str, guide: Guide, button: bool = False) -> str:
    """A raw link to the form (a file, not a page: Markdown would look for it among the
    pages); ``download`` names the saved file in Chinese."""
    style = ' class="md-button md-button--primary gk-download"' if button else ""
    return (
        f'<a{style} href="{attr(link(src, FORM_PATH))}" download="{attr(guide.form_title)}.docx">'
        f"{'下载' if button else ''}{attr(guide.form_title)}（Word 文档）</a>"
    )


def guide_page(catalogue: Catalogue, guide: Guide) -> str:
    fixed = [c for c in catalogue.columns if c.fixed]
    domains = [c for c in catalogue.columns if not c.fixed]
    out = [
        front_matter(guide.titles.guide, guide.fill(guide.intro)),
        f"# {inline(guide.titles.guide)}",
        "",
        guide.fill(guide.intro),
        "",
    ]
    if (items := guide_column(catalogue, guide)) is not None:
        out += [f"各部门发布的指南类文件见栏目{a(SRC, column_path(items.id), items.name)}。", ""]
    out += [
        f"## {inline(guide.titles.active)}",
        "",
        "### 公开的范围",
        "",
        "本平台按下列栏目公开政府信息：",
        "",
    ]
    out += [*column_rows(SRC, fixed), "", "重点领域信息：", "", *column_rows(SRC, domains), ""]
    out += ["### 公开的方式", "", guide.fill(guide.active), ""]
    out += [
        f"- {a(SRC, 'columns/index.md', '信息公开目录')}：按栏目浏览全部信息",
        f"- {a(SRC, 'departments/index.md', '公开部门')}：按部门浏览",
        f"- {a(SRC, 'years/index.md', '年度归档')}：按年度浏览",
        f"- [检索]({link(SRC, 'search/index.md')})：按标题、正文、信息索引号或文号查找",
        "",
    ]
    out += [
        f"## {inline(guide.titles.applying)}",
        "",
        guide.fill(guide.apply),
        "",
        "### 申请的方式",
        "",
    ]
    out += [f"- **{inline(c.title)}**：{guide.fill(c.text)}" for c in guide.channels]
    out += ["", "### 申请的内容", "", "申请应当包括下列内容（《条例》第二十九条）：", ""]
    out += [f"{n}. {guide.fill(text)}" for n, text in enumerate(guide.contents, 1)]
    out += [
        "",
        f"可以下载{download(SRC, guide)}填写，办理方式详见{a(SRC, APPLY_PATH, guide.titles.apply)}。",
        "",
    ]
    out += limits_to_redress(SRC, catalogue, guide, "###")
    return "\n".join(out)


def limits_to_redress(src: str, catalogue: Catalogue, guide: Guide, level: str) -> list[str]:
    """What both pages end with, in the same words: time limits and fees (under ``level``),
    then every office's contacts and the ways of redress."""
    return [
        f"{level} 办理时限",
        "",
        guide.fill(guide.time),
        "",
        f"{level} 收费",
        "",
        guide.fill(guide.fees),
        "",
        f"## {inline(guide.titles.contacts)}",
        "",
        *contacts(src, catalogue),
        f"## {inline(guide.titles.redress)}",
        "",
        guide.fill(guide.redress),
        "",
    ]
