"""依申请公开 (``apply/``): how to apply, to whom, by which channel, and the form to download.

Each channel lists the address, e-mail or fax of every department (departments.yml)
and the form's blanks are catalogue/guide.yml's, so the page and the DOCX beside it
(``outputs/form.py``) say the same and follow the catalogue.
"""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.guide import FormGroup, Guide
from ..model.layout import APPLY_PATH, GUIDE_PATH
from .departments import CONTACT_LABELS
from .guide import download, limits_to_redress
from .markup import a, attr, front_matter, inline
from .registry import Context, Inputs, Page, family

SRC = APPLY_PATH


@family("apply")
def apply_pages(ctx: Context) -> list[Page]:
    guide = ctx.catalogue.guide
    if guide is None:
        return []
    inputs = Inputs.of(departments=[d.id for d in ctx.catalogue.departments])
    return [Page(SRC, apply_page(ctx.catalogue, guide), inputs=inputs)]


def form_table(group: FormGroup) -> list[str]:
    """One block of the form as the printed form lays it out: a blank per line, or boxes."""
    if group.choices:
        return [
            f"**{inline(group.title)}**：" + "　".join(f"□ {inline(c)}" for c in group.choices),
            "",
        ]
    rows = [f"| {inline(group.title)} | 填写 |", "| --- | --- |"]
    rows += [f"| {inline(f)} | |" for f in group.fields]
    return [*rows, ""]


def apply_page(catalogue: Catalogue, guide: Guide) -> str:
    out = [
        front_matter(f"{guide.titles.apply} - {catalogue.settings.name}", guide.fill(guide.apply)),
        f"# {inline(guide.titles.apply)}",
        "",
        guide.fill(guide.apply),
        "",
        download(SRC, guide, button=True),
        "",
        "## 申请渠道",
        "",
    ]
    for channel in guide.channels:
        out += [f"### {inline(channel.title)}", "", guide.fill(channel.text), ""]
        if channel.contact:
            label = CONTACT_LABELS[channel.contact]
            # Folded: fourteen addresses under each of four channels would bury the page.
            out += [f'<details class="gk-channel"><summary>各部门的{attr(label)}</summary>', "<ul>"]
            for dep in catalogue.departments:
                value = getattr(dep.contact, channel.contact)
                if value:
                    out.append(f"<li>{attr(dep.name)}：{attr(value)}</li>")
            out += ["</ul></details>", ""]
    out += ["## 申请的内容", "", "申请应当包括下列内容（《条例》第二十九条）：", ""]
    out += [f"{n}. {guide.fill(text)}" for n, text in enumerate(guide.contents, 1)]
    out += ["", f"## {inline(guide.form_title)}", "", download(SRC, guide, button=True), ""]
    out += ["也可以照下表的格式自行书写，或到受理机构领取纸质申请表。", ""]
    for section in guide.form:
        out += [f"### {inline(section.title)}", ""]
        for group in section.groups:
            out += form_table(group)
    if guide.form_note:
        out += [guide.fill(guide.form_note), ""]
    out += limits_to_redress(SRC, catalogue, guide, "##")
    out += [f"更多说明见{a(SRC, GUIDE_PATH, guide.titles.guide)}。", ""]
    return "\n".join(out)
