"""Rules between fields: the index number against department and year, dates in order,
the review before publication (先审查、后公开), drafts, and validity against relations
(a repealed document names its successor; only interpretations interpret; only the doc
types that may expire carry 有效期至)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.catalogue import Department
from ..model.item import DatedChoice, Review
from ..model.problem import Problem, Severity
from ..schema.types import Context
from ..source.content import ItemFile
from .fields import Values


def cross_rules(ctx: Context, file: ItemFile, read: Values) -> list[Problem]:
    values: dict[str, Any] = read.values
    field, lines, rel = ctx.catalogue.field, read.lines, file.rel
    out: list[Problem] = []

    def add(key: str, message: str, warning: bool = False) -> None:
        severity: Severity = "warning" if warning else "error"
        out.append(Problem.of(rel, lines[key], message, field(key), severity))

    dep: Department | None = values.get("department")
    if dep is not None and dep != file.department:
        add("department", f"文件在「{file.department.short}」的文件夹 content/{file.department.folder}/ 中，"
            f"但填写的公开部门是「{dep.short}」；请把文件放到 content/{dep.folder}/ 或改正部门")  # fmt: skip
    index_no, published = values.get("index_no"), values.get("published")
    parsed = ctx.rule.parse(index_no) if index_no else None
    if parsed and dep and parsed.org_code != dep.code:
        add(
            "index_no",
            f"索引号中的机构代码是 {parsed.org_code}，但「{dep.short}」的代码是 {dep.code}",
        )
    if parsed and published and parsed.year != published.year:
        add("index_no", f"索引号中的年份是 {parsed.year}，但发布日期是 {published.isoformat()}")
    written = values.get("written")
    if written and published and written > published:
        add("written", f"成文日期 {written.isoformat()} 晚于发布日期 {published.isoformat()}")
    review: Review | None = values.get("review")
    if review is None:
        add("review", "未填写保密审查，本条不会发布（先审查、后公开）：请填写审查人 reviewer 和审查日期 date",
            warning=True)  # fmt: skip
    elif published and review.date > published:
        add("review", f"审查日期 {review.date.isoformat()} 晚于发布日期 {published.isoformat()}：应先审查、后公开")  # fmt: skip
    if values.get("draft"):
        add("draft", "草稿：只在预览中显示，不会发布", warning=True)
    _validity_rules(ctx, values, add)
    return out


def _validity_rules(ctx: Context, values: dict[str, Any], add: Callable[..., None]) -> None:
    """What the relations and 有效期至 must agree with; the words come from the vocabularies."""
    catalogue = ctx.catalogue

    def label(key: str) -> str:
        return catalogue.field(key).label

    doc_types, validity = catalogue.vocabulary_of("doc_type"), catalogue.vocabulary_of("status")
    doc_type, status = values.get("doc_type"), values.get("status")
    role = status.term.role if isinstance(status, DatedChoice) and status.term else ""
    in_force = status.term.in_force if isinstance(status, DatedChoice) and status.term else True
    expires, published = values.get("expires"), values.get("published")
    if expires and doc_type and doc_type not in doc_types.values_with_role("may_expire"):
        allowed = "、".join(doc_types.values_with_role("may_expire")) or "（本目录没有）"
        add("expires", f"{label('expires')}只用于{allowed}；「{doc_type}」不填此项")
    if expires and published and expires < published:
        add(
            "expires",
            f"{label('expires')} {expires.isoformat()} 早于发布日期 {published.isoformat()}",
        )
    repealed = validity.values_with_role("repealed")
    if values.get("superseded_by") and in_force:
        add("superseded_by", f"填写了{label('superseded_by')}，但{label('status')}仍为「{status}」；"
            f"被替代的文件应为「{'、'.join(repealed)} 日期」", warning=True)  # fmt: skip
    if role == "repealed" and not values.get("superseded_by"):
        add("status", f"本文件{status.value if status else ''}，但没有填写{label('superseded_by')}（superseded_by）；"
            "有替代它的现行文件时请填写，以便公众找到现行文件", warning=True)  # fmt: skip
    interpretations = doc_types.values_with_role("interpretation")
    if values.get("interprets") and doc_type and doc_type not in interpretations:
        add("interprets", f"填写了{label('interprets')}，{label('doc_type')}应为"
            f"「{'、'.join(interpretations)}」，不是「{doc_type}」")  # fmt: skip
    if values.get("interpretation_kind") and not values.get("interprets"):
        add("interpretation_kind", f"填写了{label('interpretation_kind')}，但没有填写"
            f"{label('interprets')}（所解读文件的索引号）", warning=True)  # fmt: skip
