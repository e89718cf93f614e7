"""The field types of catalogue/fields.yml, each declared once.

A type says how a front-matter value is read (and what is wrong with it), what
the docs call it, and how the item template (``gongkai new``) writes it. Adding a
type means adding one entry to ``FIELD_TYPES``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.catalogue import Catalogue, Column, Department, FieldSpec
from ..model.item import AttachmentRef, DatedChoice, NewItem, Review
from ..model.text import yaml_quoted
from .dates import DateError, parse_date
from .indexno import IndexRule
from .names import Names, suggest


class Invalid(ValueError):
    """A value that does not fit its field; the message is for the clerk."""


@dataclass
class Context:
    """What reading a value may look up: the catalogue's names and its index rule."""

    catalogue: Catalogue
    names: Names
    rule: IndexRule

    @classmethod
    def of(cls, catalogue: Catalogue) -> Context:
        return cls(catalogue, Names.of(catalogue), IndexRule(catalogue.settings.index_no))


Reader = Callable[[Context, FieldSpec, Any], Any]
Template = Callable[[FieldSpec, str, NewItem], list[str]]


def _key_value(spec: FieldSpec, value: str, new: NewItem) -> list[str]:
    return [f"{spec.key}: {value}".rstrip()]


def _list_value(spec: FieldSpec, value: str, new: NewItem) -> list[str]:
    return [f"{spec.key}: {value or '[]'}"]


def _review_lines(spec: FieldSpec, value: str, new: NewItem) -> list[str]:
    prefix = "  " if new.reviewer else "#   "
    reviewer = yaml_quoted(new.reviewer) if new.reviewer else "审查人"
    return [
        f"{spec.key}:",
        f"{prefix}reviewer: {reviewer}",
        f"{prefix}date: {new.date.isoformat()}",
    ]


@dataclass(frozen=True)
class FieldType:
    doc: str  # its name in the README's field table
    read: Reader
    template: Template = _key_value


# -- reading values ---------------------------------------------------------------


def scalar(value: Any) -> str:
    if isinstance(value, dict | list):
        raise Invalid("应为一个值，不是列表或映射")
    return "" if value is None else str(value).strip()


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        if any(isinstance(v, dict | list) for v in value):
            raise Invalid("列表中的每一项应为一个值")
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, dict):
        raise Invalid("应为列表，如 [a, b]")
    return [p for p in re.split(r"[,，、;；]\s*", str(value).strip()) if p]


def _not_a_choice(text: str, spec: FieldSpec) -> str:
    hint = suggest(text, list(spec.choices)) or "；"
    return f"「{text}」不是可选值{hint}可填 {' / '.join(spec.choices)}"


def _text(ctx: Context, spec: FieldSpec, value: Any) -> str:
    return scalar(value)


def _date(ctx: Context, spec: FieldSpec, value: Any) -> Any:
    try:
        return parse_date(scalar(value))
    except DateError as exc:
        raise Invalid(str(exc)) from None


def _choice(ctx: Context, spec: FieldSpec, value: Any) -> str:
    text = scalar(value)
    if text not in spec.choices:
        raise Invalid(_not_a_choice(text, spec))
    return text


def _dated_choice(ctx: Context, spec: FieldSpec, value: Any) -> DatedChoice:
    text = scalar(value)
    word, _, rest = text.partition(" ")
    word, rest = word.strip(), rest.strip().strip("（）()")
    if word not in spec.choices:
        raise Invalid(_not_a_choice(word, spec))
    if word in spec.dated and not rest:
        raise Invalid(f"「{word}」须写明日期，如「{word} 2020-05-01」")
    if rest and word not in spec.dated:
        raise Invalid(f"「{word}」后不应有日期")
    # the value's meaning, when a vocabulary declares one (inline choices declare none)
    vocabulary = ctx.catalogue.vocabularies.get(spec.vocabulary)
    term = vocabulary.term(word) if vocabulary else None
    return DatedChoice(word, _date(ctx, spec, rest) if rest else None, term)


def _list(ctx: Context, spec: FieldSpec, value: Any) -> list[str]:
    return as_list(value)


def _references(ctx: Context, spec: FieldSpec, value: Any) -> list[str]:
    """Index numbers of other items; whether they exist is a catalogue-wide rule."""
    refs = as_list(value)
    for ref in refs:
        if ctx.rule.parse(ref) is None:
            raise Invalid(
                f"「{ref}」不是信息索引号：应符合本目录的规则 {ctx.rule.pattern}"
                f"（如 {ctx.rule.example()}）"
            )
    return list(dict.fromkeys(refs))


def _attachments(ctx: Context, spec: FieldSpec, value: Any) -> list[AttachmentRef]:
    """Files beside the item: ``- 名单.xlsx`` or ``- {file: 名单.xlsx, title: 补贴名单}``."""
    rows = value if isinstance(value, list) else [] if value is None else [value]
    out = []
    for row in rows:
        if isinstance(row, dict):
            file, title = (
                scalar(row.get("file", row.get("文件"))),
                scalar(row.get("title", row.get("标题"))),
            )
        elif isinstance(row, list):
            raise Invalid("每项应为文件名，或写成 file: 文件名 和 title: 标题 两行")
        else:
            file, title = scalar(row), ""
        if not file:
            raise Invalid("每项都要写明文件名 file")
        out.append(AttachmentRef(file, title))
    return out


def _department(ctx: Context, spec: FieldSpec, value: Any) -> Department:
    text = scalar(value)
    dep: Department | None = ctx.names.departments.get(text)
    if dep is None:
        raise Invalid(
            f"部门「{text}」不在目录中{suggest(text, list(ctx.names.departments))}"
            "（gongkai list departments 可查）"
        )
    return dep


def _columns(ctx: Context, spec: FieldSpec, value: Any) -> list[Column]:
    cols: list[Column] = []
    for name in as_list(value):
        col = ctx.names.columns.get(name)
        if col is None:
            raise Invalid(
                f"栏目「{name}」不在目录中{suggest(name, list(ctx.names.columns))}"
                "（gongkai list columns 可查）"
            )
        if col not in cols:
            cols.append(col)
    if not cols:
        raise Invalid("至少填一个栏目")
    return cols


def _index_no(ctx: Context, spec: FieldSpec, value: Any) -> str:
    text = scalar(value)
    if ctx.rule.parse(text) is None:
        raise Invalid(
            f"「{text}」不符合本目录的索引号规则 {ctx.rule.pattern}（如 {ctx.rule.example()}）"
        )
    return text


def _review(ctx: Context, spec: FieldSpec, value: Any) -> Review | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Invalid("应写成两行：reviewer: 审查人 和 date: 审查日期（缩进两格）")
    reviewer = scalar(value.get("reviewer", value.get("审查人")))
    date = value.get("date", value.get("审查日期"))
    if not reviewer or date is None:
        raise Invalid("审查人 reviewer 和审查日期 date 都要填写")
    return Review(reviewer, _date(ctx, spec, date))


def _flag(ctx: Context, spec: FieldSpec, value: Any) -> bool:
    text = scalar(value).lower()
    if text in ("true", "yes", "是", "1"):
        return True
    if text in ("false", "no", "否", "0"):
        return False
    raise Invalid(f"「{value}」应为 true 或 false")


def _exemptions(ctx: Context, spec: FieldSpec, value: Any) -> list[str]:
    """Numbers a clerk clears for publication, each with the reason why."""
    rows = value if isinstance(value, list) else [value]
    out = []
    for row in rows:
        if not isinstance(row, dict):
            raise Invalid("每项应写成 value: 号码 和 reason: 理由 两行")
        number = scalar(row.get("value", row.get("号码")))
        reason = scalar(row.get("reason", row.get("理由")))
        if not number or not reason:
            raise Invalid("每项都要写明号码 value 和理由 reason")
        out.append(number)
    return out


FIELD_TYPES: dict[str, FieldType] = {
    "text": FieldType("文本", _text),
    "longtext": FieldType("长文本", _text),
    "date": FieldType("日期", _date),
    "choice": FieldType("单选", _choice),
    "dated_choice": FieldType("单选（可带日期）", _dated_choice),
    "list": FieldType("列表", _list, _list_value),
    "references": FieldType("信息索引号（可多个）", _references, _list_value),
    "attachments": FieldType("附件文件（可多个，可带标题）", _attachments, _list_value),
    "department": FieldType("部门", _department),
    "columns": FieldType("栏目（可多个）", _columns, _list_value),
    "index_no": FieldType("信息索引号", _index_no),
    "review": FieldType("审查人 + 日期", _review, _review_lines),
    "flag": FieldType("是/否（true/false）", _flag),
    "exemptions": FieldType("号码 + 理由（可多项）", _exemptions),
}
# Types whose values come from a vocabulary (choices in fields.yml or vocabularies.yml).
CHOICE_TYPES = ("choice", "dated_choice")
