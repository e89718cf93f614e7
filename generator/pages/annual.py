"""公开年报: every year's annual report, newest first, and each report as a page.

A report page holds the format's six sections: the office's text (一、五、六, from the
Markdown beside the data file), the tables as the format prints them (section 二's
documents counted from the catalogue), and the charts of the 图解. A year with numbers
but no text still gets its page, with a note saying the text is not written yet.
The index also lists the reports as published (the items of the report column), by
the year they report on.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ..body.render import render
from ..body.sanitize import clean
from ..model.annual import (
    Cells,
    Chart,
    Number,
    Report,
    ReportFormat,
    ReportRow,
    ReportTable,
    value_of,
)
from ..model.annual_counts import by_column, by_department, by_month, filled, in_scope
from ..model.item import Item, Portal
from ..model.layout import REPORTS, column_path, item_path, report_path
from .charts import bar_chart
from .markup import a, front_matter, inline, newest_first
from .registry import Context, Inputs, Page, family

TITLE = "政府信息公开工作年度报告"
NO_TEXT = "本年度报告的文字部分尚未撰写；以下为根据本目录的信息和填报的数据生成的部分。"


@family("reports")
def report_pages(ctx: Context) -> list[Page]:
    settings = ctx.portal.annual
    if settings is None:
        return []
    items = ctx.portal.items
    reports = sorted(ctx.portal.reports, key=lambda r: (-r.year, r.department))
    published = ctx.index.by_column.get(settings.column, [])
    pages = [Page(REPORTS, _index(ctx, reports, published),
                  inputs=Inputs.of(published, columns=[settings.column], every_item=True))]  # fmt: skip
    by_key = {(r.year, r.department): r for r in reports}
    # A report's tables, counted over every item, are shown on its page and compared on
    # the next year's: counted once each.
    counted: dict[tuple[int, str], dict[tuple[str, str], dict[str, Cells]]] = {}

    def values_of(report: Report) -> dict[tuple[str, str], dict[str, Cells]]:
        key = (report.year, report.department)
        if key not in counted:
            counted[key] = filled(report, items, ctx.catalogue)
        return counted[key]

    for report in reports:
        last = by_key.get((report.year - 1, report.department))
        if last is not None and last.format is not report.format:
            last = None
        path = report_path(report.year, report.department)
        content = report_page(ctx, report, last, items, values_of)
        pages.append(Page(path, content, inputs=Inputs.of(every_item=True)))
    return pages


def report_title(portal: Portal, report: Report) -> str:
    """杭州市下城区人民政府2024年度政府信息公开工作年度报告 (or the department's name)."""
    assert portal.annual is not None
    deps = {d.id: d for d in portal.catalogue.departments}
    who = deps[report.department].name if report.department else portal.annual.body
    return f"{who}{report.year}年度{TITLE}"


def _reported_year(item: Item) -> int:
    """The year a published report is about: reports come out the next year (条例第五十条)."""
    return item.year - 1


def _index(ctx: Context, reports: list[Report], published: list[Item]) -> str:
    settings = ctx.portal.annual
    assert settings is not None
    deps = {d.id: d for d in ctx.catalogue.departments}
    years = sorted({r.year for r in reports} | {_reported_year(i) for i in published},
                   reverse=True)  # fmt: skip
    out = [front_matter(TITLE), f"# {TITLE}", "",
           "各年度的政府信息公开工作年度报告，最新的在前：本机关和各部门的报告由本目录的信息和"
           "填报的数据生成，含图解；已发布的报告原文列在其后。", ""]  # fmt: skip
    columns = {c.id: c for c in ctx.catalogue.all_columns()}
    if settings.column in columns:
        out += [
            f"全部报告原文另见栏目：{a(REPORTS, column_path(settings.column), columns[settings.column].name)}",
            "",
        ]
    if not years:
        out += ["暂无年度报告。", ""]
    for year in years:
        out += [f"## {year}年度", ""]
        mine = [r for r in reports if r.year == year]
        body = next((r for r in mine if not r.department), None)
        if body is not None:
            note = "" if body.texts else "（文字部分待撰写）"
            out.append(f"- {a(REPORTS, report_path(year), report_title(ctx.portal, body))}{note}")
        departments = [r for r in mine if r.department]
        if departments:
            links = "、".join(a(REPORTS, report_path(year, r.department), deps[r.department].short)
                             for r in departments)  # fmt: skip
            out.append(f"- 部门年度报告：{links}")
        for item in newest_first(i for i in published if _reported_year(i) == year):
            out.append(
                f"- 报告原文：{a(REPORTS, item_path(item), item.title)}（{item.published.isoformat()} 发布）"
            )
        out.append("")
    return "\n".join(out)


def report_page(
    ctx: Context,
    report: Report,
    last: Report | None,
    items: list[Item],
    values_of: Callable[[Report], dict[tuple[str, str], dict[str, Cells]]],
) -> str:
    """One report's page; ``values_of`` gives a report's filled tables (``filled``)."""
    path = report_path(report.year, report.department)
    title = report_title(ctx.portal, report)
    values = values_of(report)
    before = values_of(last) if last else None
    fmt = report.format
    out = [front_matter(title), f"# {inline(title)}", "",
           f"格式：{inline(fmt.name)} · 数据：`{report.source}`" +
           (f"、`{report.text_source}`" if report.text_source else ""), "",
           f"返回：{a(path, REPORTS, '公开年报')}", ""]  # fmt: skip
    if not report.department:
        deps = {d.id: d for d in ctx.catalogue.departments}
        theirs = sorted(r.department for r in ctx.portal.reports
                        if r.year == report.year and r.department)  # fmt: skip
        if theirs:
            links = "、".join(a(path, report_path(report.year, d), deps[d].short) for d in theirs)
            out += [f"各部门的年度报告：{links}", ""]
    if not report.texts:
        out += ['!!! note "文字部分待撰写"', "", f"    {NO_TEXT}", ""]
    year, prev = f"{report.year}年", f"{report.year - 1}年"
    for section in fmt.sections:
        out += [f"## {inline(section.heading)}", ""]
        if section.text:
            text = report.texts.get(section.number)
            if text:
                body = clean(render(text, ctx.catalogue.markdown, anchors=False))
                out += [f'<div class="gk-report-text">{body}</div>', ""]
            else:
                out += ["*本部分尚未撰写。*", ""]
        for table in section.tables:
            cells = values.get((section.number, table.title), {})
            if table.title:
                out += [f"### {inline(table.title)}", ""]
            computed = table.computed and not report.entered.get((section.number, table.title))
            if computed:
                out += ["*由本目录中的信息统计：文种、发布日期和有效性。*", ""]
            out += [_table(table, cells, table.title or section.heading), ""]
        for n, chart in enumerate(fmt.charts):
            if chart.section == section.number:
                bars, old = _bars(fmt, chart, values, before)
                key = f"gk-chart-{n}"
                out += [bar_chart(key, chart.title, bars, year, old, prev), ""]
        if section.active:
            out += _item_charts(ctx, report, last, items, year, prev)
    return "\n".join(out)


def _item_charts(
    ctx: Context, report: Report, last: Report | None, items: list[Item], year: str, prev: str
) -> list[str]:
    """Beyond the format: the items published in the year, by column, month and department."""
    # the year's and the year before's, read from here on by each chart
    mine = [i for i in in_scope(items, report) if report.year - 1 <= i.year <= report.year]
    charts = [("按栏目", by_column(mine, report.year, ctx.catalogue),
               by_column(mine, report.year - 1, ctx.catalogue)),
              ("按月份", by_month(mine, report.year), by_month(mine, report.year - 1))]  # fmt: skip
    if not report.department:
        charts.append(("按部门", by_department(mine, report.year, ctx.catalogue),
                       by_department(mine, report.year - 1, ctx.catalogue)))  # fmt: skip
    count = sum(1 for i in mine if i.year == report.year)
    if not count:  # the body published elsewhere that year: nothing here to count
        return []
    out = ["### 本平台主动公开的信息", "",
           f"{year}在本平台主动公开信息 {count} 条（不属于年报格式，供参考）。", ""]  # fmt: skip
    for n, (how, bars, old) in enumerate(charts):
        if not bars:
            continue
        previous = None
        if last is not None:
            before = dict(old)
            previous = [before.get(label, 0) for label, _ in bars]
        out += [
            bar_chart(f"gk-items-{n}", f"主动公开的信息（{how}）", bars, year, previous, prev),
            "",
        ]
    return out


def _bars(
    fmt: ReportFormat,
    chart: Chart,
    values: dict[tuple[str, str], dict[str, Cells]],
    before: dict[tuple[str, str], dict[str, Cells]] | None,
) -> tuple[list[tuple[str, Number]], list[Number] | None]:
    """A chart's bars from the filled tables, and the same bars last year."""

    def pick(cells: dict[str, Cells], table: ReportTable) -> list[tuple[str, Number]]:
        if chart.row:
            path = table.path_of(chart.row)
            assert path is not None
            return [
                (c.label, value_of(cells, path[-1], c.label)) for c in table.columns if not c.total
            ]
        if chart.rows == "*":
            rows: tuple[ReportRow, ...] = table.rows
        else:
            found = table.path_of(chart.rows)
            assert found is not None
            rows = found[-1].children
        return [(r.name, value_of(cells, r, chart.column)) for r in rows if not r.sum_above]

    section = fmt.section(chart.section)
    table = section.table(chart.table) if section else None
    assert table is not None  # the loader checked that the chart fits its format
    key = (chart.section, chart.table)
    bars = pick(values.get(key, {}), table)
    old = [v for _, v in pick(before.get(key, {}), table)] if before is not None else None
    return bars, old


def _table(table: ReportTable, cells: dict[str, Cells], name: str) -> str:
    """The table as the format prints it: grouped column headers, sub-rows indented.

    On a phone it scrolls sideways in its box; the box takes the keyboard's focus (and
    is named ``name``), so it scrolls without a mouse too.
    """
    e = html.escape
    columns = table.columns
    grouped = any(c.group for c in columns)
    span = ' rowspan="2"' if grouped else ""
    top = [f'<th scope="col"{span}>{e(table.head)}</th>']
    second = []
    seen: set[str] = set()
    for c in columns:
        if not c.group:
            top.append(f'<th scope="col"{span}>{e(c.label)}</th>')
        elif c.group not in seen:
            seen.add(c.group)
            width = sum(1 for x in columns if x.group == c.group)
            top.append(f'<th scope="colgroup" colspan="{width}">{e(c.group)}</th>')
        if c.group:
            second.append(f'<th scope="col">{e(c.label)}</th>')
    head = f"<tr>{''.join(top)}</tr>" + (f"<tr>{''.join(second)}</tr>" if second else "")
    body = []
    for path in table.paths():
        row = path[-1]
        depth = len(path) - 1
        label = f'<th scope="row" class="gk-depth-{depth}">{e(row.label)}</th>'
        if row.children:
            body.append(
                f'<tr class="gk-report-group">{label}<td colspan="{len(columns)}"></td></tr>'
            )
            continue
        numbers = "".join(f"<td>{_shown(value_of(cells, row, c.label))}</td>" for c in columns)
        body.append(f"<tr>{label}{numbers}</tr>")
    box = f'<div class="gk-report-table" tabindex="0" role="region" aria-label="{e(name)}">'
    return (f'{box}<table><thead>{head}</thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")  # fmt: skip


def _shown(n: Number) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)
