"""The annual report (政府信息公开工作年度报告): its format as declared, and one year's report.

The format's tables (rows, sub-rows, columns, labels as the format prints them)
are data in ``catalogue/annual_report.yml``; the checker's identities come from
that structure, so a new national format is a new entry there, not new code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

Number = int | float


@dataclass(frozen=True)
class ReportColumn:
    """A column of numbers: 自然人, 本年制发件数 …"""

    label: str
    group: str = ""  # the header spanning several columns (法人或其他组织)
    total: bool = False  # the sum of the row's other columns (总计)
    decimal: bool = False  # may hold a fraction (万元)
    compute: str = ""  # computed from the catalogue: written, issued, repealed or in_force
    signed: bool = False  # may be negative (本年增/减)


@dataclass(frozen=True)
class ReportRow:
    """A row; a row with ``children`` is a heading whose numbers are its sub-rows'."""

    label: str
    children: tuple[ReportRow, ...] = ()
    short: str = ""  # the label charts show, when the format's is long
    sum_above: bool = False  # its numbers are the sum of the rows above it in its group
    counts: str = ""  # computed: the doc types whose ``report`` says this (rules …)

    @property
    def name(self) -> str:
        return self.short or self.label

    def leaves(self) -> Iterator[ReportRow]:
        if not self.children:
            yield self
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True)
class Balance:
    """For every column: the sum of ``left`` rows equals the sum of ``right`` rows."""

    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True)
class ReportTable:
    title: str  # "" for a section's only table
    head: str  # the header of the label column
    columns: tuple[ReportColumn, ...]
    rows: tuple[ReportRow, ...]
    balances: tuple[Balance, ...] = ()

    @property
    def computed(self) -> bool:
        return any(c.compute for c in self.columns)

    def paths(self) -> Iterator[tuple[ReportRow, ...]]:
        """Every row with its ancestors, depth first."""

        def walk(
            rows: tuple[ReportRow, ...], above: tuple[ReportRow, ...]
        ) -> Iterator[tuple[ReportRow, ...]]:
            for row in rows:
                yield (*above, row)
                yield from walk(row.children, (*above, row))

        return walk(self.rows, ())

    def path_of(self, label: str) -> tuple[ReportRow, ...] | None:
        return next((p for p in self.paths() if p[-1].label == label), None)


@dataclass(frozen=True)
class ReportSection:
    number: str  # 一, 二 …
    title: str  # without its number
    text: bool = False  # the office writes it (Markdown beside the data file)
    tables: tuple[ReportTable, ...] = ()
    active: bool = False  # on 主动公开: the page adds the items published, in charts

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"

    def table(self, title: str) -> ReportTable | None:
        return next((t for t in self.tables if t.title == title), None)


@dataclass(frozen=True)
class Chart:
    """A chart of the 图解: the bars are a row's columns, or a group's rows in one column."""

    title: str
    section: str  # the section's number
    table: str  # the table's title ("" for the section's only one)
    row: str = ""  # bars: this row's cells, the total column left out
    rows: str = ""  # bars: the rows under this label ("*" for the table's top rows)
    column: str = ""  # … in this column


@dataclass(frozen=True)
class ReportFormat:
    id: str
    name: str  # what the format is called (国办公开办函〔2021〕30号)
    first: int | None  # the first year it applies to; None: every year before ``last``
    last: int | None
    sections: tuple[ReportSection, ...]
    charts: tuple[Chart, ...] = ()

    def applies(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last
        )

    def section(self, number: str) -> ReportSection | None:
        return next((s for s in self.sections if s.number == number), None)


@dataclass(frozen=True)
class ReportSettings:
    """catalogue/annual_report.yml: whose report it is, where its items are, its formats."""

    body: str  # the body the whole report is about (杭州市下城区人民政府)
    column: str  # the column of report items as published, or ""
    formats: tuple[ReportFormat, ...]

    def format_for(self, year: int) -> ReportFormat | None:
        return next((f for f in self.formats if f.applies(year)), None)


Cells = dict[str, Number]  # column label -> number


@dataclass
class Report:
    """One year's report for the whole body (``department`` "") or one department."""

    year: int
    department: str  # a department id, or ""
    format: ReportFormat
    source: str  # the data file, portal-relative
    # (section number, table title) -> row label -> cells, as entered
    entered: dict[tuple[str, str], dict[str, Cells]] = field(default_factory=dict)
    lines: dict[tuple[str, str, str], int] = field(default_factory=dict)  # the rows' lines
    texts: dict[str, str] = field(default_factory=dict)  # section number -> Markdown
    text_lines: dict[str, int] = field(default_factory=dict)  # … -> its first line in the file
    text_source: str = ""  # the Markdown file, if there is one

    def cells(self, section: str, table: str, row: str) -> Cells:
        return self.entered.get((section, table), {}).get(row, {})


def value_of(cells_of: dict[str, Cells], row: ReportRow, column: str) -> Number:
    """A row's number in ``column``: entered for a leaf, its leaves' sum for a heading
    (a heading holding a sum row, as 三 holds （七）总计, counts the sum row out)."""
    if row.children:
        leaves = [leaf for leaf in row.leaves() if not leaf.sum_above]
        return sum(value_of(cells_of, leaf, column) for leaf in leaves)
    return cells_of.get(row.label, {}).get(column, 0)


def row_name(path: tuple[ReportRow, ...]) -> str:
    """A row as the format names it: 三、本年度办理结果（七）总计, …（三）不予公开 1.属于国家秘密."""
    out = ""
    for row in path:
        joint = "" if not out or row.label.startswith("（") else " "
        out += joint + row.label
    return out


def cell_name(path: tuple[ReportRow, ...], column: str) -> str:
    return f"{row_name(path)} / {column}"
