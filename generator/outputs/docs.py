"""Documentation generated from the catalogue: the field table of the README.

The table is written from catalogue/fields.yml, so the README cannot drift
from what the checker enforces (a test compares them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model.catalogue import Catalogue, FieldSpec
from ..model.item import NewItem
from ..schema.template import item_text, new_default_doc_type
from ..schema.types import FIELD_TYPES

START, END = "<!-- fields:start -->", "<!-- fields:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _values(spec: FieldSpec) -> str:
    parts = []
    if spec.choices:
        parts.append(" / ".join(spec.choices))
    if spec.dated:
        parts.append(f"{'、'.join(spec.dated)}须带日期")
    if spec.default:
        parts.append(f"默认 {spec.default}")
    if spec.aliases:
        parts.append("也可写作 " + "、".join(spec.aliases))
    return "；".join(parts)


def fields_table(catalogue: Catalogue) -> str:
    """The Markdown table of every declared field."""
    rows = [
        "| 键 | 中文标签 | 类型 | 必填 | 可填的值 | 说明 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in catalogue.fields:
        rows.append(
            f"| `{f.key}` | {f.label} | {FIELD_TYPES[f.type].doc} | {'是' if f.required else ''} "
            f"| {_cell(_values(f))} | {_cell(f.help)} |"
        )
    return "\n".join(rows)


def with_fields_table(readme: str, table: str) -> str:
    """``readme`` with the text between the field-table markers replaced by ``table``."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}\n{END}{tail}"


def refresh_readme(path: Path, catalogue: Catalogue) -> bool:
    """Rewrite the README's field table; True when it changed."""
    text = path.read_text(encoding="utf-8")
    new = with_fields_table(text, fields_table(catalogue))
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


TEMPLATE_HEADER = """<!--
条目模板（由 gongkai fields --update-docs 根据 catalogue/fields.yml 生成，请勿手工修改）。
新建信息请用 gongkai new：它会分配下一个空闲的信息索引号，并写出与下面相同的文件。
每个字段上方的注释说明中文名称、是否必填和可填的值。
-->
"""


def item_template(catalogue: Catalogue) -> str:
    """The documented item template: what `gongkai new` writes, with placeholder values."""
    dep = catalogue.departments[0]
    column = next(c for c in catalogue.all_columns() if c.parent is not None)
    doc_type = new_default_doc_type(catalogue)
    new = NewItem(dep, [column], "（标题）", doc_type, dt.date(2025, 1, 1), reviewer="（审查人）")
    example = catalogue.settings.index_no.format(org_code=dep.code, year=2025, serial=1)
    return TEMPLATE_HEADER + item_text(
        catalogue, new, f"{example}  # 示例；由 gongkai new 自动分配"
    )


def refresh_docs(root: Path, catalogue: Catalogue) -> list[str]:
    """Rewrite the README's field table and catalogue/item-template.md; the files changed."""
    changed = []
    readme = root / "README.md"
    if readme.is_file() and refresh_readme(readme, catalogue):
        changed.append("README.md")
    template = root / "catalogue" / "item-template.md"
    text = item_template(catalogue)
    if not template.is_file() or template.read_text(encoding="utf-8") != text:
        template.write_text(text, encoding="utf-8")
        changed.append("catalogue/item-template.md")
    return changed
