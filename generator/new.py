"""``gongkai new``: write a complete item file with the next free index number.

The file lists every declared field with its Chinese label and help as a
comment, so the clerk sees what each line means without opening the manual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .indexno import IndexRule
from .load import content_dir, item_files
from .model import Catalogue, Column, Department, FieldSpec
from .scan import claims

BODY_PLACEHOLDER = "（请在此处填写正文，替换本行。）"


@dataclass
class NewItem:
    department: Department
    columns: list[Column]
    title: str
    doc_type: str
    date: dt.date
    reviewer: str | None = None


def used_serials(catalogue: Catalogue, code: str, year: int) -> set[int]:
    """Serials in use for ``code`` and ``year``, read from every item file, even broken ones."""
    rule = IndexRule(catalogue.settings.index_no)
    used: set[int] = set()
    for c in claims(catalogue, item_files(catalogue)):
        parsed = rule.parse(c.index_no)
        if parsed and parsed.org_code == code and parsed.year == year:
            used.add(parsed.serial)
    return used


def next_index_no(catalogue: Catalogue, dep: Department, year: int) -> tuple[str, int]:
    """The next free index number: one above the highest serial in use that year."""
    rule = IndexRule(catalogue.settings.index_no)
    serial = max(used_serials(catalogue, dep.code, year), default=0) + 1
    return rule.format(dep.code, year, serial), serial


def _yaml_scalar(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(catalogue: Catalogue, new: NewItem, index_no: str) -> str:
    """The new file's text: every field, commented with its label and help."""
    values: dict[str, str] = {
        "index_no": index_no,
        "title": _yaml_scalar(new.title),
        "department": new.department.id,
        "published": new.date.isoformat(),
        "doc_type": new.doc_type,
        "columns": "[" + ", ".join(c.id for c in new.columns) + "]",
    }
    lines = ["---"]
    for spec in catalogue.fields:
        lines.append(f"# {_comment(spec)}")
        if spec.type == "review":
            lines.append(f"{spec.key}:")
            prefix = "  " if new.reviewer else "#   "
            lines.append(
                f"{prefix}reviewer: {_yaml_scalar(new.reviewer) if new.reviewer else '审查人'}"
            )
            lines.append(f"{prefix}date: {new.date.isoformat()}")
            continue
        value = values.get(spec.key, spec.default or "")
        if spec.type in ("list", "columns") and not value:
            value = "[]"
        lines.append(f"{spec.key}: {value}".rstrip())
    lines += ["---", "", BODY_PLACEHOLDER, ""]
    return "\n".join(lines)


def _comment(spec: FieldSpec) -> str:
    need = "必填" if spec.required else "选填"
    choices = f"；可填 {' / '.join(spec.choices)}" if spec.choices else ""
    return f"{spec.label}（{need}）：{spec.help.rstrip('。')}{choices}"


def write_new(catalogue: Catalogue, new: NewItem) -> Path:
    """Write the item into its department's folder and return the file's path."""
    index_no, serial = next_index_no(catalogue, new.department, new.date.year)
    folder = content_dir(catalogue.root) / new.department.folder
    folder.mkdir(parents=True, exist_ok=True)
    width = max(IndexRule(catalogue.settings.index_no).width, 4)
    path = folder / f"{new.date.year}-{serial:0{width}d}.md"
    text = render(catalogue, new, index_no)
    with path.open("x", encoding="utf-8", newline="\n") as f:  # never overwrite a clerk's file
        f.write(text)
    return path
