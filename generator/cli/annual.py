"""``gongkai report YEAR``: a year's annual report tables, as the page shows them.

The numbers come from the same functions the page uses (``model.annual_counts.filled``),
so what the office checks on the terminal is what citizens read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ..model.annual import Number, Report, ReportRow, ReportTable, row_name, value_of
from ..model.annual_counts import filled
from ..model.item import Portal
from ..pages.annual import report_title

FORMATS = ("text", "csv", "json")
Values = dict[tuple[str, str], dict[str, dict[str, Number]]]


def _rows(table: ReportTable) -> Iterator[tuple[tuple[ReportRow, ...], ReportRow]]:
    for path in table.paths():
        yield path, path[-1]


def _shown(n: Number) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


def render(portal: Portal, report: Report, fmt: str) -> str:
    """The report's tables in one of FORMATS."""
    values: Values = filled(report, portal.items, portal.catalogue)
    title = report_title(portal, report)
    if fmt == "json":
        return json.dumps(_json(report, values, title), ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(report, values)
    return _text(report, values, title)


def _tables(report: Report) -> Iterator[tuple[str, str, ReportTable]]:
    for section in report.format.sections:
        for table in section.tables:
            yield section.number, section.heading, table


def _computed(report: Report, number: str, table: ReportTable) -> bool:
    return table.computed and not report.entered.get((number, table.title))


def _text(report: Report, values: Values, title: str) -> str:
    out = [f"{title}（{report.format.name}）", f"数据：{report.source}"]
    if not report.texts:
        out.append("（文字部分尚未撰写）")
    heading = ""
    for number, section, table in _tables(report):
        if section != heading:
            out += ["", section]
            heading = section
        cells = values.get((number, table.title), {})
        if table.title or _computed(report, number, table):
            note = "（由目录统计）" if _computed(report, number, table) else ""
            out.append(f"  {table.title}{note}")
        out.append("    " + " | ".join([table.head, *(c.label for c in table.columns)]))
        for path, row in _rows(table):
            indent = "    " + "  " * (len(path) - 1)
            if row.children:
                out.append(indent + row.label)
            else:
                numbers = [_shown(value_of(cells, row, c.label)) for c in table.columns]
                out.append(indent + " | ".join([row.label, *numbers]))
    return "\n".join(out)


def _csv(report: Report, values: Values) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["年度", "部分", "表格", "行", "列", "数值"])
    for number, section, table in _tables(report):
        cells = values.get((number, table.title), {})
        for path, row in _rows(table):
            if row.children:
                continue
            for c in table.columns:
                value = _shown(value_of(cells, row, c.label))
                w.writerow([report.year, section, table.title, row_name(path), c.label, value])
    return buf.getvalue().rstrip("\n")


def _json(report: Report, values: Values, title: str) -> dict[str, object]:
    sections: list[dict[str, object]] = []
    for section in report.format.sections:
        tables = []
        for table in section.tables:
            cells = values.get((section.number, table.title), {})
            rows = [
                {
                    "label": row.label,
                    "name": row_name(path),
                    "depth": len(path) - 1,
                    # a heading holds no numbers of its own, as the format prints it
                    "values": None
                    if row.children
                    else {c.label: value_of(cells, row, c.label) for c in table.columns},
                }
                for path, row in _rows(table)
            ]
            tables.append({"title": table.title, "head": table.head,
                           "computed": _computed(report, section.number, table),
                           "columns": [c.label for c in table.columns], "rows": rows})  # fmt: skip
        sections.append({"heading": section.heading, "text": report.texts.get(section.number),
                         "tables": tables})  # fmt: skip
    return {"year": report.year, "department": report.department or None, "title": title,
            "format": report.format.name, "source": report.source,
            "text_written": bool(report.texts), "sections": sections}  # fmt: skip
