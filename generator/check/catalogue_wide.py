"""Rules over the whole catalogue: unique index numbers and URLs; references (相关信息、
替代、修改、解读) that exist, that are not to the item itself, and no supersession cycle."""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.problem import Problem
from ..schema.indexno import IndexRule
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
    rule = IndexRule(catalogue.settings.index_no)
    for claim in claims:
        for key, refs in claim.refs.items():
            label = catalogue.field(key).label
            for ref in refs:
                if ref == claim.index_no:
                    report(
                        claim, key, f"{label} {ref} 是本条自己的索引号；请填写另一条信息的索引号"
                    )
                elif ref not in by_no and rule.parse(ref) is not None:  # else: the field's error
                    report(claim, key, f"{label} {ref} 不存在于本目录；请核对索引号")
    for claim, cycle in _cycles(claims, by_no):
        report(claim, "superseded_by", f"替代关系成环：{' → '.join(cycle)}；"
               "请改正替代文件，使其最终指向一份现行有效的文件")  # fmt: skip
    return problems


def _cycles(claims: list[Claim], by_no: dict[str, Claim]) -> list[tuple[Claim, list[str]]]:
    """Each cycle of ``superseded_by`` links: the claim whose link closes it, and the cycle.

    A document in a cycle would send a citizen from one repealed text to another
    and never to the one in force. A depth-first walk, without recursion (a chain
    of supersessions may be long).
    """
    graph = {
        no: [n for n in c.refs.get("superseded_by", []) if n in by_no and n != no]
        for no, c in by_no.items()
    }
    colour: dict[str, int] = {}  # 1 on the walk's current path, 2 finished
    found: list[tuple[Claim, list[str]]] = []
    for start in claims:
        if start.index_no in colour or start.index_no not in graph:
            continue
        colour[start.index_no] = 1
        stack = [(start.index_no, iter(graph[start.index_no]))]
        while stack:
            node, nexts = stack[-1]
            nxt = next(nexts, None)
            if nxt is None:
                colour[node] = 2
                stack.pop()
            elif colour.get(nxt) == 1:  # back to a document on the path: a cycle
                path = [n for n, _ in stack]
                found.append((by_no[node], [*path[path.index(nxt) :], nxt]))
            elif nxt not in colour:
                colour[nxt] = 1
                stack.append((nxt, iter(graph[nxt])))
    return found
