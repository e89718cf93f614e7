"""``gongkai new``: write a complete item file with the next free index number.

What the flags leave out is asked for (``ask``), offering the catalogue's choices.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from ..model.catalogue import Catalogue, Column, Department
from ..model.item import NewItem
from ..schema.indexno import IndexRule
from ..schema.names import Names
from ..schema.template import item_text, new_default_doc_type
from ..source.content import content_dir, walk
from ..source.scan import claims
from . import ask
from .errors import Misuse


def used_serials(catalogue: Catalogue, code: str, year: int) -> set[int]:
    """Serials in use for ``code`` and ``year``, read from every item file, even broken ones."""
    rule = IndexRule(catalogue.settings.index_no)
    used: set[int] = set()
    for c in claims(catalogue, walk(catalogue).items):
        parsed = rule.parse(c.index_no)
        if parsed and parsed.org_code == code and parsed.year == year:
            used.add(parsed.serial)
    return used


def next_index_no(catalogue: Catalogue, dep: Department, year: int) -> tuple[str, int]:
    """The next free index number: one above the highest serial in use that year."""
    rule = IndexRule(catalogue.settings.index_no)
    serial = max(used_serials(catalogue, dep.code, year), default=0) + 1
    return rule.format(dep.code, year, serial), serial


def write_new(catalogue: Catalogue, new: NewItem) -> Path:
    """Write the item into its department's folder and return the file's path."""
    index_no, serial = next_index_no(catalogue, new.department, new.date.year)
    width = max(IndexRule(catalogue.settings.index_no).width, 4)
    path = item_path(catalogue, new.department, f"{new.date.year}-{serial:0{width}d}")
    write_item(path, item_text(catalogue, new, index_no))
    return path


def item_path(catalogue: Catalogue, dep: Department, stem: str) -> Path:
    """Where an item file named ``stem`` lives: its department's folder."""
    return content_dir(catalogue.root) / dep.folder / f"{stem}.md"


def write_item(path: Path, text: str) -> None:
    """Write a new item file whole, or not at all; never overwrite a clerk's file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(text, encoding="utf-8", newline="\n")
    try:
        os.link(partial, path)  # fails if the file exists: nothing is overwritten
    finally:
        partial.unlink()


def _department(names: Names, catalogue: Catalogue, given: str) -> Department:
    dep: Department | None = names.departments.get(given)
    if dep is None:
        raise Misuse(f"部门「{given}」不在目录中；可选："
                     + "、".join(f"{d.id}（{d.short}）" for d in catalogue.departments))  # fmt: skip
    return dep


def _columns(names: Names, given: list[str]) -> list[Column]:
    columns: list[Column] = []
    for name in given:
        col = names.columns.get(name)
        if col is None:
            raise Misuse(f"栏目「{name}」不在目录中；gongkai list columns 可查")
        columns.append(col)
    return columns


def _doc_type(catalogue: Catalogue, given: str) -> str:
    choices = catalogue.field("doc_type").choices
    if given not in choices:
        raise Misuse(f"文种「{given}」不可选；可填 {' / '.join(choices)}")
    return given


def from_flags(args: argparse.Namespace, catalogue: Catalogue, date: dt.date) -> NewItem:
    names = Names.of(catalogue)
    dep = _department(names, catalogue, args.department)
    columns = _columns(names, args.column)
    kind = _doc_type(catalogue, args.doc_type or new_default_doc_type(catalogue))
    if not args.title.strip():
        raise Misuse("标题不能为空")
    return NewItem(dep, columns, args.title.strip(), kind, date, args.reviewer)


def by_asking(args: argparse.Namespace, catalogue: Catalogue, date: dt.date) -> NewItem:
    """Ask for what the flags left out; what the flags say is checked as without asking."""
    names = Names.of(catalogue)
    if args.department:
        dep = _department(names, catalogue, args.department)
    else:
        [dep] = ask.choose("请选择公开部门（输入序号、编号或名称）：", catalogue.departments,
                           lambda d: f"{d.id:<6} {d.short}（{d.name}）", names.departments.get)  # fmt: skip
    if args.column:
        columns = _columns(names, args.column)
    else:
        columns = ask.choose(
            "请选择所属栏目（可选多个，用空格或逗号分隔）：", catalogue.all_columns(),
            lambda c: f"{'  ' * (len(c.trail) - 1)}{c.id:<7} {c.name}", names.columns.get, many=True,
        )  # fmt: skip
    title = args.title or ask.text("标题> ")
    kinds = list(catalogue.field("doc_type").choices)
    fallback = new_default_doc_type(catalogue)
    if args.doc_type:
        kind = _doc_type(catalogue, args.doc_type)
    else:
        kind = ask.choose(f"请选择文种（直接回车为「{fallback}」）：", kinds, str,
                          lambda k: k if k in kinds else None, default=fallback)[0]  # fmt: skip
    reviewer = args.reviewer or ask.text("保密审查人（已审查的填姓名；未审查的直接回车，本条将不会发布）> ",
                                         required=False)  # fmt: skip
    return NewItem(dep, columns, title, kind, date, reviewer or None)
