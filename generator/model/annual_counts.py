"""What the annual report counts from the catalogue itself: section 二's documents, and
the items published per column, department and month (beyond the format, for the 图解).

Pure functions of the items, so ``gongkai report`` and the page print the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .annual import Cells, Report, ReportTable
from .catalogue import Catalogue
from .item import Item


def in_scope(items: list[Item], report: Report) -> list[Item]:
    """The items a report is about: its department's, or every item for the whole body."""
    return [i for i in items if not report.department or i.department.id == report.department]


def _ended(item: Item, day: dt.date) -> bool:
    """Whether the document no longer applied on ``day`` (repealed or expired by then)."""
    return not item.in_force and (item.status.date is None or item.status.date <= day)


def documents(
    table: ReportTable, items: list[Item], year: int, catalogue: Catalogue
) -> dict[str, Cells]:
    """第二十条第（一）项 from the catalogue: per row (the doc types whose ``report`` is the
    row's ``counts``), the documents written in ``year`` (成文日期, else 发布日期), issued
    (published) in it, repealed or expired in it (validity not in force, dated that year),
    and in force at the year's end.
    """
    doc_types = catalogue.vocabulary_of("doc_type").terms
    end = dt.date(year, 12, 31)
    out: dict[str, Cells] = {}
    for row in table.rows:
        kinds = {t.value for t in doc_types if row.counts and t.report == row.counts}
        docs = [i for i in items if i.doc_type in kinds]
        counted = {
            "written": sum(1 for i in docs if (i.written or i.published).year == year),
            "issued": sum(1 for i in docs if i.published.year == year),
            "repealed": sum(
                1 for i in docs if not i.in_force and i.status.date and i.status.date.year == year
            ),
            "in_force": sum(1 for i in docs if i.published <= end and not _ended(i, end)),
        }
        out[row.label] = {c.label: counted[c.compute] for c in table.columns if c.compute}
    return out


def by_month(items: list[Item], year: int) -> list[tuple[str, int]]:
    counts = Counter(i.published.month for i in items if i.year == year)
    return [(f"{m}月", counts[m]) for m in range(1, 13)]


def by_column(items: list[Item], year: int, catalogue: Catalogue) -> list[tuple[str, int]]:
    """Items of ``year`` per first-level column (an item counts once in each it is under)."""
    counts: Counter[str] = Counter()
    for item in items:
        if item.year == year:
            counts.update({c.trail[0].id for c in item.columns})
    return [(c.name, counts[c.id]) for c in catalogue.columns if counts[c.id]]


def by_department(items: list[Item], year: int, catalogue: Catalogue) -> list[tuple[str, int]]:
    counts = Counter(i.department.id for i in items if i.year == year)
    return [(d.short, counts[d.id]) for d in catalogue.departments if counts[d.id]]


def filled(
    report: Report, items: list[Item], catalogue: Catalogue
) -> dict[tuple[str, str], dict[str, Cells]]:
    """Every table's numbers: as entered, and the computed tables from the catalogue unless
    the office entered them (a catalogue that starts mid-history holds too few documents)."""
    out = {key: dict(rows) for key, rows in report.entered.items()}
    mine = in_scope(items, report)
    for section in report.format.sections:
        for table in section.tables:
            key = (section.number, table.title)
            if table.computed and not out.get(key):
                out[key] = documents(table, mine, report.year, catalogue)
    return out
