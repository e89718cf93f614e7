"""Read the annual report's files: its formats (catalogue/annual_report.yml) and each year's
numbers and text (catalogue/reports/), with the line of every row for the checker.

The numbers are laid out as the clerk's own table: a section, a table, a row, and the
row's numbers in the format's column order (``[3, 1, 0, 0, 0, 0, 4]``). What is not
a number where one should be is a problem naming the cell; the arithmetic is the
checker's (``check/annual.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..model.annual import (
    Balance,
    Cells,
    Chart,
    Report,
    ReportColumn,
    ReportFormat,
    ReportRow,
    ReportSection,
    ReportSettings,
    ReportTable,
    cell_name,
    row_name,
)
from ..model.catalogue import Catalogue
from ..model.problem import Problem
from . import yamlio
from .catalogue import WORDS
from .text import SourceError, decode

SETTINGS = "catalogue/annual_report.yml"
FOLDER = "catalogue/reports"
COMPUTE = {"written", "issued", "repealed", "in_force"}


class _File:
    """One YAML file being read: its problems, with lines."""

    def __init__(self, root: Path, rel: str) -> None:
        self.path, self.rel = root / rel, rel
        self.problems: list[Problem] = []

    def load(self) -> yaml.Node | None:
        try:
            text = decode(self.path.read_bytes())
            node: yaml.Node | None = yamlio.load(text, WORDS, 1, 0, _node)
            return node
        except SourceError as exc:
            self.error(exc.line, exc.message)
        except OSError as exc:
            self.error(0, f"无法读取（{exc.strerror}）")
        return None

    def error(self, line: int, message: str, field: str = "", label: str = "") -> None:
        self.problems.append(Problem(self.rel, line, message, field, label))


def _node(loader: Any) -> yaml.Node | None:
    node: yaml.Node | None = loader.single_node()
    return node


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _pairs(node: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """A mapping's (key, key node, value node), in the file's order."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), k, v) for k, v in node.value]


def _scalar(node: yaml.Node | None) -> Any:
    """A scalar's value as YAML resolved it (2021 → int, null → None, quoted → text)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    kind = str(node.tag).rsplit(":", 1)[-1]
    try:
        if kind == "int":
            return int(str(node.value).replace("_", ""), 0)
        if kind == "float":
            return float(str(node.value).replace("_", ""))
    except ValueError:
        return node.value
    if kind == "null":
        return None
    if kind == "bool":
        return str(node.value).lower() in ("true", "yes", "on", "y")
    return node.value


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    return next((v for k, _, v in _pairs(node) if k == key), None)


def _text(node: yaml.Node, key: str, default: str = "") -> str:
    value = _scalar(_get(node, key))
    return default if value is None else str(value)


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


# -- the formats ----------------------------------------------------------------


def load_settings(root: Path) -> tuple[ReportSettings | None, list[Problem]]:
    """catalogue/annual_report.yml; (None, []) when the portal has no annual report."""
    f = _File(root, SETTINGS)
    if not f.path.is_file():
        return None, []
    node = f.load()
    if node is None:
        return None, f.problems
    if not isinstance(node, yaml.MappingNode):
        f.error(1, "应为「键: 值」的映射（body、column、formats）")
        return None, f.problems
    formats = tuple(_format(n, f) for n in _items(_get(node, "formats")))
    if not formats:
        f.error(_line(node), "formats 应列出至少一种年报格式")
    settings = ReportSettings(_text(node, "body"), _text(node, "column"), formats)
    return settings, f.problems


def _format(node: yaml.Node, f: _File) -> ReportFormat:
    years = [_scalar(n) for n in _items(_get(node, "years"))]
    if len(years) != 2 or not all(y is None or isinstance(y, int) for y in years):
        f.error(_line(node), "years 应为 [起始年, 截止年]（不限的一端写 null）")
        years = [None, None]
    sections = tuple(_section(n, f) for n in _items(_get(node, "sections")))
    charts = tuple(
        Chart(
            _text(n, "title"),
            _text(n, "section"),
            _text(n, "table"),
            _text(n, "row"),
            _text(n, "rows"),
            _text(n, "column"),
        )
        for n in _items(_get(node, "charts"))
    )
    fmt = ReportFormat(_text(node, "id"), _text(node, "name"), years[0], years[1], sections, charts)
    for chart, n in zip(charts, _items(_get(node, "charts")), strict=True):
        if not _chart_fits(fmt, chart):
            f.error(_line(n), f"图表「{chart.title}」引用的部分、表格、行或列不在本格式中")
    return fmt


def _chart_fits(fmt: ReportFormat, chart: Chart) -> bool:
    section = fmt.section(chart.section)
    table = section.table(chart.table) if section else None
    if table is None:
        return False
    labels = {c.label for c in table.columns}
    if chart.row:
        return table.path_of(chart.row) is not None
    return chart.column in labels and (chart.rows == "*" or table.path_of(chart.rows) is not None)


def _section(node: yaml.Node, f: _File) -> ReportSection:
    tables = tuple(_table(n, f) for n in _items(_get(node, "tables")))
    text = _scalar(_get(node, "text")) is True
    active = _scalar(_get(node, "active")) is True
    return ReportSection(_text(node, "number"), _text(node, "title"), text, tables, active)


def _table(node: yaml.Node, f: _File) -> ReportTable:
    columns = tuple(_column(n) for n in _items(_get(node, "columns")))
    rows = tuple(_row(n) for n in _items(_get(node, "rows")))
    balances = tuple(
        Balance(
            tuple(str(_scalar(x)) for x in _items(_get(n, "left"))),
            tuple(str(_scalar(x)) for x in _items(_get(n, "right"))),
        )
        for n in _items(_get(node, "balance"))
    )
    table = ReportTable(_text(node, "title"), _text(node, "head"), columns, rows, balances)
    labels = [p[-1].label for p in table.paths()]
    for twice in sorted({x for x in labels if labels.count(x) > 1}):
        f.error(_line(node), f"表格中行名「{twice}」重复；同一表格的行名必须各不相同")
    for balance in balances:
        for label in (*balance.left, *balance.right):
            if label not in labels:
                f.error(_line(node), f"balance 中的行「{label}」不在表格中")
    for column in columns:
        if column.compute and column.compute not in COMPUTE:
            f.error(
                _line(node), f"compute「{column.compute}」不可用；可用 {'、'.join(sorted(COMPUTE))}"
            )
    if not columns or not rows:
        f.error(_line(node), "每个表格都要有 columns（列）和 rows（行）")
    return table


def _column(node: yaml.Node) -> ReportColumn:
    if isinstance(node, yaml.ScalarNode):
        return ReportColumn(str(node.value))
    return ReportColumn(
        _text(node, "label"),
        _text(node, "group"),
        _scalar(_get(node, "total")) is True,
        _scalar(_get(node, "decimal")) is True,
        _text(node, "compute"),
        _scalar(_get(node, "signed")) is True,
    )


def _row(node: yaml.Node) -> ReportRow:
    if isinstance(node, yaml.ScalarNode):
        return ReportRow(str(node.value))
    return ReportRow(
        _text(node, "label"),
        tuple(_row(n) for n in _items(_get(node, "children"))),
        _text(node, "short"),
        _scalar(_get(node, "sum_above")) is True,
        _text(node, "counts"),
    )


# -- each year's reports --------------------------------------------------------

_YEAR = re.compile(r"^(\d{4})$")


def report_files(root: Path) -> list[tuple[int, str, str]]:
    """(year, department id or "", portal-relative path) of every data file, in order."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yml" and _YEAR.match(path.stem):
            found.append((int(path.stem), "", f"{FOLDER}/{path.name}"))
        elif path.is_dir() and _YEAR.match(path.name):
            for dep in sorted(path.glob("*.yml")):
                found.append((int(path.name), dep.stem, f"{FOLDER}/{path.name}/{dep.name}"))
    return found


def load_reports(
    root: Path, catalogue: Catalogue, settings: ReportSettings
) -> tuple[list[Report], list[Problem]]:
    """Every year's reports under catalogue/reports/, with their text; problems with lines."""
    problems: list[Problem] = []
    reports = []
    departments = {d.id for d in catalogue.departments}
    for year, dep, rel in report_files(root):
        f = _File(root, rel)
        fmt = settings.format_for(year)
        if dep and dep not in departments:
            f.error(0, f"部门「{dep}」不在 catalogue/departments.yml 中；"
                    "部门的年报文件应以部门编号命名，如 reports/2025/czj.yml")  # fmt: skip
        elif fmt is None:
            supported = "、".join(_years(x) for x in settings.formats)
            f.error(0, f"{year} 年没有可用的年报格式（本目录支持：{supported}）")
        else:
            report = _report(f, year, dep, fmt)
            if report is not None:
                _text_of(root, report, problems)
                reports.append(report)
        problems += f.problems
    return reports, problems


def _years(fmt: ReportFormat) -> str:
    if fmt.first is None:
        return f"{fmt.last} 年及以前（{fmt.name}）"
    if fmt.last is None:
        return f"{fmt.first} 年起（{fmt.name}）"
    return f"{fmt.first}–{fmt.last} 年（{fmt.name}）"


def _report(f: _File, year: int, dep: str, fmt: ReportFormat) -> Report | None:
    node = f.load()
    if node is None:
        return None
    report = Report(year, dep, fmt, f.rel)
    if isinstance(node, yaml.ScalarNode) and node.value == "":
        return report  # an empty file: the computed parts only
    if not isinstance(node, yaml.MappingNode):
        f.error(1, "应为「部分: 表格」的映射，如「三、收到和处理政府信息公开申请情况:」")
        return report
    by_heading = {s.heading: s for s in fmt.sections if s.tables}
    for key, key_node, value in _pairs(node):
        section = by_heading.get(key)
        if section is None:
            f.error(_line(key_node), f"「{key}」不是{fmt.name}中有表格的部分；"
                    f"可填：{'、'.join(by_heading)}")  # fmt: skip
            continue
        only = section.table("")
        if only is not None:
            _rows(f, report, section, only, value)
            continue
        tables = {t.title: t for t in section.tables}
        for title, title_node, rows in _pairs(value):
            table = tables.get(title)
            if table is None:
                f.error(_line(title_node), f"「{title}」不是「{key}」中的表格；"
                        f"可填：{'、'.join(tables)}")  # fmt: skip
            else:
                _rows(f, report, section, table, rows)
        if not isinstance(value, yaml.MappingNode):
            f.error(_line(value), f"「{key}」下应逐个写出表格：{'、'.join(tables)}")
    return report


def _rows(
    f: _File, report: Report, section: ReportSection, table: ReportTable, node: yaml.Node
) -> None:
    """The rows of one table, nested as the format nests them."""
    entered = report.entered.setdefault((section.number, table.title), {})

    def walk(node: yaml.Node, rows: tuple[ReportRow, ...], above: tuple[ReportRow, ...]) -> None:
        if not isinstance(node, yaml.MappingNode):
            f.error(_line(node), f"应逐行写出：{'、'.join(r.label for r in rows)}",
                    row_name(above), section.heading)  # fmt: skip
            return
        by_label = {r.label: r for r in rows}
        for label, key_node, value in _pairs(node):
            row = by_label.get(label)
            if row is None:
                f.error(_line(key_node), f"「{label}」不是本表的行；可填：{'、'.join(by_label)}",
                        row_name(above) or table.title, section.heading)  # fmt: skip
            elif row.children:
                walk(value, row.children, (*above, row))
            else:
                path = (*above, row)
                line = _line(key_node)
                report.lines[(section.number, table.title, row.label)] = line
                cells = _cells(f, section, table, path, value, line)
                if cells is not None:
                    entered[row.label] = cells

    walk(node, table.rows, ())


def _cells(
    f: _File,
    section: ReportSection,
    table: ReportTable,
    path: tuple[ReportRow, ...],
    node: yaml.Node,
    line: int,
) -> Cells | None:
    columns = table.columns
    values = [_scalar(n) for n in _items(node)] if isinstance(node, yaml.SequenceNode) else None
    if values is None and len(columns) == 1 and isinstance(node, yaml.ScalarNode):
        values = [_scalar(node)]
    if values is None or len(values) != len(columns):
        order = "、".join(c.label for c in columns)
        f.error(line, f"应按列的顺序写 {len(columns)} 个数：[{order}]",
                row_name(path), section.heading)  # fmt: skip
        return None
    cells: Cells = {}
    for column, value in zip(columns, values, strict=True):
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        negative = number is not None and number < 0 and not column.signed
        if number is None or negative or (isinstance(number, float) and not column.decimal):
            kind = ("数" if column.decimal else "整数") if column.signed else (
                "非负数" if column.decimal else "非负整数")  # fmt: skip
            f.error(line, f"「{value}」不是{kind}", cell_name(path, column.label),
                    section.heading)  # fmt: skip
            continue
        cells[column.label] = number
    return cells


# -- the text (sections 一、五、六) ----------------------------------------------

_HEADING = re.compile(r"^##\s+(.+?)\s*$")


def _text_of(root: Path, report: Report, problems: list[Problem]) -> None:
    """The Markdown beside the data file: one ``## 一、总体情况`` heading per text section."""
    rel = report.source.removesuffix(".yml") + ".md"
    path = root / rel
    if not path.is_file():
        return
    report.text_source = rel
    try:
        text = decode(path.read_bytes())
    except (SourceError, OSError) as exc:
        problems.append(Problem(rel, 0, getattr(exc, "message", "") or "无法读取"))
        return
    sections = {s.heading: s for s in report.format.sections if s.text}
    current: str | None = None
    lines: dict[str, list[str]] = {}
    for n, line in enumerate(text.split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(1)
            section = sections.get(title)
            if section is None:
                problems.append(Problem(rel, n, f"「{title}」不是需要撰写的部分；"
                                        f"标题应为：{'、'.join(sections)}"))  # fmt: skip
                current = None
                continue
            current = section.number
            lines[current] = []
            report.text_lines[current] = n + 1
        elif current is not None:
            lines[current].append(line)
        elif line.strip():
            problems.append(Problem(rel, n, f"这段文字不在任何部分之下；请先写标题，"
                                    f"如「## {next(iter(sections), '')}」"))  # fmt: skip
    report.texts = {k: "\n".join(v) for k, v in lines.items() if "\n".join(v).strip()}
