"""Documentation generated from the catalogue: the field table of the README.

The table is written from catalogue/fields.yml, so the README cannot drift
from what the checker enforces (a test compares them).
"""

from __future__ import annotations

from pathlib import Path

from .model import Catalogue, FieldSpec

TYPE_NAMES = {
    "text": "文本",
    "longtext": "长文本",
    "date": "日期",
    "choice": "单选",
    "dated_choice": "单选（可带日期）",
    "list": "列表",
    "department": "部门",
    "columns": "栏目（可多个）",
    "index_no": "信息索引号",
    "review": "审查人 + 日期",
    "flag": "是/否（true/false）",
    "exemptions": "号码 + 理由（可多项）",
}
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
            f"| `{f.key}` | {f.label} | {TYPE_NAMES[f.type]} | {'是' if f.required else ''} "
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
