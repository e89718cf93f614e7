"""Rules between fields: the index number against department and year, dates in order,
the review before publication (先审查、后公开), drafts."""

from __future__ import annotations

from typing import Any

from ..model.catalogue import Department
from ..model.item import Review
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
    return out
