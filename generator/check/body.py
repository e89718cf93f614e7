"""Rules about a body as text: HTML the sanitiser will drop, an empty body, the template's
placeholder left in."""

from __future__ import annotations

from ..body.sanitize import dropped
from ..model.catalogue import MarkdownConfig
from ..model.problem import Problem
from ..schema.template import BODY_PLACEHOLDER
from ..source.frontmatter import Source


def body_rules(markdown: MarkdownConfig, rel: str, source: Source) -> list[Problem]:
    out = [
        Problem(rel, source.body_line + line, f"正文中的 {what}", severity="warning")
        for line, what in dropped(source.body, markdown)
    ]
    if not source.body.strip():
        out.append(Problem(rel, source.body_line, "正文为空：请在元数据之后填写信息的正文", severity="warning"))  # fmt: skip
    elif BODY_PLACEHOLDER in source.body:
        message = f"正文还是模板中的提示「{BODY_PLACEHOLDER}」，请替换为正文"
        out.append(Problem(rel, source.body_line, message, severity="warning"))
    return out
