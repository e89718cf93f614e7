"""The annual report's arithmetic, each identity derived from the format's structure:
a 总计 column is the sum of the row's other columns; a ``sum_above`` row (（七）总计) the
sum of the rows above it in its group; a balance (一 + 二 = （七） + 四) holds in every
column; and 现行有效件数 is last year's plus 制发 minus 废止 (a warning: a catalogue
may start mid-history).

Every problem names the cell as the format does (``三、本年度办理结果（七）总计 / 自然人``)
and the line of its row in the data file.
"""

from __future__ import annotations

from ..body.sanitize import dropped
from ..model.annual import Cells, Number, Report, ReportRow, ReportTable, cell_name, value_of
from ..model.annual_counts import filled
from ..model.catalogue import Catalogue
from ..model.item import Item
from ..model.problem import Problem


def _shown(n: Number) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


def _equal(a: Number, b: Number) -> bool:
    return abs(a - b) < 1e-6


def annual_rules(reports: list[Report], items: list[Item], catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    by_key = {(r.year, r.department): r for r in reports}
    for report in reports:
        for number, text in report.texts.items():  # the text is cleaned as an item's body is
            start = report.text_lines.get(number, 1)
            problems += [Problem(report.text_source, start + line, f"正文中的 {what}",
                                 severity="warning")
                         for line, what in dropped(text, catalogue.markdown)]  # fmt: skip
        values = filled(report, items, catalogue)
        for section in report.format.sections:
            for table in section.tables:
                cells = values.get((section.number, table.title), {})
                key = (report.source, section.heading, section.number, table.title)
                if table.computed:
                    last = by_key.get((report.year - 1, report.department))
                    if last is not None and last.format is report.format:
                        before = filled(last, items, catalogue).get(key[2:], {})
                        problems += _carried(report, key, table, cells, before)
                    continue
                problems += _table_rules(report, key, table, cells)
    return problems


Key = tuple[str, str, str, str]  # file, section heading, section number, table title


def _problem(report: Report, key: Key, row: str, cell: str, message: str,
             warning: bool = False) -> Problem:  # fmt: skip
    line = report.lines.get((key[2], key[3], row), 0)
    return Problem(key[0], line, message, cell, key[1], "warning" if warning else "error")


def _table_rules(
    report: Report, key: Key, table: ReportTable, cells: dict[str, Cells]
) -> list[Problem]:
    out = []
    parts = [c for c in table.columns if not c.total]
    entered = report.entered.get((key[2], key[3]), {})
    for path in table.paths():
        row = path[-1]
        if row.children:
            continue
        written = row.label in entered
        for total in (c for c in table.columns if c.total):
            want = sum(value_of(cells, row, c.label) for c in parts)
            got = value_of(cells, row, total.label)
            if not _equal(got, want):
                names = "、".join(c.label for c in parts)
                out.append(_problem(report, key, row.label, cell_name(path, total.label),
                           f"{_said(got, written)}，但{names}之和为 {_shown(want)}"))  # fmt: skip
        if row.sum_above:
            siblings = path[-2].children if len(path) > 1 else table.rows
            above = siblings[: siblings.index(row)]
            for column in table.columns:
                want = sum(value_of(cells, r, column.label) for r in above)
                got = value_of(cells, row, column.label)
                if not _equal(got, want):
                    span = f"{above[0].name}至{above[-1].name}" if above else ""
                    out.append(_problem(report, key, row.label, cell_name(path, column.label),
                               f"{_said(got, written)}，但{span}之和为 {_shown(want)}"))  # fmt: skip
    for balance in table.balances:
        out += _balance(report, key, table, cells, balance.left, balance.right)
    return out


def _said(got: Number, written: bool) -> str:
    return f"填写的是 {_shown(got)}" if written else "未填写（按 0 计）"


def _balance(
    report: Report,
    key: Key,
    table: ReportTable,
    cells: dict[str, Cells],
    left: tuple[str, ...],
    right: tuple[str, ...],
) -> list[Problem]:
    """一 + 二 = （七）总计 + 四 in each column; reported on the last row of ``right``."""
    rows = {label: path for label in (*left, *right) if (path := table.path_of(label))}

    def total(labels: tuple[str, ...], column: str) -> Number:
        return sum(value_of(cells, rows[x][-1], column) for x in labels if x in rows)

    out = []
    last = rows[right[-1]]
    for column in table.columns:
        lhs, rhs = total(left, column.label), total(right, column.label)
        if not _equal(lhs, rhs):
            said = " + ".join(_name(rows[x]) for x in left)
            by = " + ".join(_name(rows[x]) for x in right)
            out.append(_problem(report, key, last[-1].label, cell_name(last, column.label),
                       f"{said} = {_shown(lhs)}，{by} = {_shown(rhs)}：两者应相等"))  # fmt: skip
    return out


def _name(path: tuple[ReportRow, ...]) -> str:
    return path[-1].name


def _carried(
    report: Report, key: Key, table: ReportTable, cells: dict[str, Cells], before: dict[str, Cells]
) -> list[Problem]:
    """现行有效件数 = last year's + 本年制发 − 本年废止, per row (a warning)."""
    col = {c.compute: c.label for c in table.columns if c.compute}
    if not {"issued", "repealed", "in_force"} <= set(col):
        return []
    out = []
    for row in table.rows:
        now, last = cells.get(row.label, {}), before.get(row.label, {})
        want = (
            last.get(col["in_force"], 0) + now.get(col["issued"], 0) - now.get(col["repealed"], 0)
        )
        got = now.get(col["in_force"], 0)
        if not _equal(got, want):
            out.append(_problem(report, key, row.label, cell_name((row,), col["in_force"]),
                       f"为 {_shown(got)}，但上年的 {_shown(last.get(col['in_force'], 0))} 加"
                       f"本年制发、减本年废止应为 {_shown(want)}；请核对（目录中可能缺少往年的文件）",
                       warning=True))  # fmt: skip
    return out
