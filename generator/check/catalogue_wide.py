"""Rules over the whole catalogue: unique index numbers and URLs, references that exist."""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.problem import Problem
from ..source.scan import Claim


def catalogue_rules(claims: list[Claim], catalogue: Catalogue) -> list[Problem]:
    """``claims`` come in order of precedence: when two share a number, the later one
    is reported (a pull request's changed items come last, so the error lands on them).
    """
    problems: list[Problem] = []

    def report(claim: Claim, key: str, message: str) -> None:
        spec = catalogue.field(key)
        problems.append(Problem.of(claim.source, claim.lines.get(key, 0), message, spec))

    by_no: dict[str, Claim] = {}
    by_slug: dict[str, Claim] = {}
    for claim in claims:
        first = by_no.setdefault(claim.index_no, claim)
        twin = by_slug.setdefault(claim.slug, claim)
        if first is not claim:
            report(claim, "index_no", f"索引号 {claim.index_no} 已被 {first.source} 使用；"
                   "索引号必须全目录唯一，请用 gongkai new 取下一个空号")  # fmt: skip
        elif twin is not claim:
            report(claim, "index_no", f"索引号 {claim.index_no} 与 {twin.source} 的 "
                   f"{twin.index_no} 只差标点，网址会相同")  # fmt: skip
    for claim in claims:
        for ref in claim.related:
            if ref not in by_no:
                report(claim, "related", f"相关信息 {ref} 不存在于本目录")
    return problems
