"""开放数据: the files other systems read (feeds, the machine-readable catalogue, its
schema, the sitemap, OpenSearch), each with its address and size, and every field
they carry, documented from catalogue/.

The files are written before the pages are compiled (``Portal.outputs``), so the
sizes are those of the files beside the page. A preview writes none and says so.
"""

from __future__ import annotations

from ..model.layout import OPEN_DATA, OPENSEARCH, schema_path
from ..model.output import Output
from ..schema.export import EXTRAS, FEED_ENTRIES, PRIVATE_TYPES, SCHEMA_VERSION, exported_fields
from ..schema.types import CHOICE_TYPES, FIELD_TYPES
from .items import size
from .markup import attr, front_matter, inline, link
from .registry import Context, Inputs, Page, family

SRC = OPEN_DATA
TITLE = "开放数据"
TABLE = '<div class="gk-table" markdown="1">'  # fits the width, stacks on phones (gongkai.css)


@family("opendata", outputs=True)
def open_data_pages(ctx: Context) -> list[Page]:
    return [Page(SRC, open_data_page(ctx), inputs=Inputs.of(every_item=True))]


def _file(path: str, text: str = "") -> str:
    href = attr(link(SRC, path))
    return f'<a href="{href}"><code>{inline(text or path)}</code></a>'


def _rows(outputs: list[Output]) -> list[str]:
    return [
        f"| {_file(o.path)} | {inline(o.title)} | {o.format} | {size(o.size)} |" for o in outputs
    ]


def open_data_page(ctx: Context) -> str:
    catalogue, outputs = ctx.catalogue, ctx.portal.outputs
    out = [
        front_matter(TITLE, "本平台公开信息的机读目录、订阅和检索接口"),
        f"# {TITLE}",
        "",
        "本平台公开的全部信息也以机器可读的形式提供，供上级平台和政策文件库汇聚、"
        "媒体和研究者下载、公众订阅。这些文件与网页同时生成，内容与网站一致；"
        "每条信息的网址由信息索引号生成，长期不变。",
        "",
    ]
    files = [o for o in outputs if o.format != "Atom" and not o.group]
    feeds = [o for o in outputs if o.format == "Atom"]
    own = [o for o in outputs if o.format != "Atom" and o.group]
    if ctx.portal.preview:
        out += [
            '!!! note "预览版本不生成开放数据文件"',
            "",
            "    预览中含有草稿和未完成保密审查的信息，因此不生成订阅和数据文件；"
            "正式发布的网站上，本页列出全部文件及其大小。",
            "",
        ]
    out += [
        "## 数据文件",
        "",
        TABLE,
        "",
        "| 文件 | 内容 | 格式 | 大小 |",
        "| --- | --- | --- | --- |",
    ]
    out += _rows(files)
    out += [
        f"| {_file('sitemap.xml')} | 网站地图：每个网页的地址和最后更新日期（超过 5 万个网址时为索引） "
        "| Sitemap XML | — |",
        "",
        "</div>",
        "",
        f"`catalogue.json` 是一个对象，`items` 中每条信息一项，按发布日期从新到旧排列；"
        f"其结构由 {_file(schema_path(), 'catalogue.schema.json')}（JSON Schema，第 {SCHEMA_VERSION} 版，"
        f"长期地址 {_file(schema_path(SCHEMA_VERSION))}）说明。"
        "`catalogue.csv` 每行一条信息，列名为下表的中文标签，UTF-8 编码（带 BOM，Excel 可直接打开），"
        "多个值之间用「；」分隔。",
        "",
        f"浏览器可通过 {_file(OPENSEARCH)} 将本平台的检索添加为搜索引擎。",
        "",
    ]
    if feeds:
        out += [
            "## 订阅",
            "",
            f"新增和更新的信息（最新 {FEED_ENTRIES} 条，按最后更新日期从新到旧），Atom 格式，"
            "可用阅读器订阅；全站、各一级栏目和各部门各有一个。",
            "",
            TABLE,
            "",
            "| 范围 | 订阅地址 | 大小 |",
            "| --- | --- | --- |",
        ]
        out += [
            f"| {inline(o.group or '全站')} | {_file(o.path)} | {size(o.size)} |" for o in feeds
        ]
        out += [""]
    if own:
        out += ["## 各部门的数据", "", "与全站的文件格式相同，只含该部门公开的信息。", "",
                TABLE, "", "| 部门 | JSON | CSV |", "| --- | --- | --- |"]  # fmt: skip
        by_group: dict[str, list[Output]] = {}
        for o in own:
            by_group.setdefault(o.group, []).append(o)
        for group, files_of in by_group.items():
            cells = " | ".join(f"{_file(o.path)}（{size(o.size)}）" for o in files_of)
            out.append(f"| {inline(group)} | {cells} |")
        out += ["", "</div>", ""]
    out += [
        "## 字段说明",
        "",
        "每条信息含以下字段：`catalogue/fields.yml` 中声明的字段，发布流程的内部字段"
        f"（{'、'.join(f.label for f in catalogue.fields if f.type in PRIVATE_TYPES)}）除外，另加下表最后三项。",
        "",
        TABLE,
        "",
        "| 字段名 | 中文标签 | 类型 | 可填的值 | 说明 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in exported_fields(catalogue):
        values = ""
        if spec.type in CHOICE_TYPES:
            values = " / ".join(catalogue.vocabulary_of(spec.key).values)
        out.append(
            f"| `{spec.key}` | {inline(spec.label)} | {inline(FIELD_TYPES[spec.type].doc)} "
            f"| {inline(values)} | {inline(spec.help)} |"
        )
    for extra in EXTRAS:
        out.append(
            f"| `{extra.key}` | {inline(extra.label)} | {extra.type} |  | {inline(extra.help)} |"
        )
    return "\n".join([*out, "", "</div>", ""])
