"""Bar charts for the illustrated report (图解), as SVG written into the page at build time.

No library, no script: a horizontal bar per figure, its label on a line of its own above
it, so long Chinese labels fit a 360-px phone; every chart is followed by its numbers as
a table, for screen readers and for print. The colours are the portal's red and a grey,
both at least 4.5:1 against white (tests/pages/test_report_pages.py measures them).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..model.annual import Number

WIDTH = 360  # the drawing's own units; it scales to the page's width
BAR = "#b71c1c"  # the portal's red (gongkai.css's --md-primary-fg-color), for contrast
PREVIOUS = "#616161"  # last year's bars
TEXT = "#212121"
FONT = 14
_LABEL, _BAR_H, _GAP = 18, 14, 10


def _n(value: Number) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(
    key: str,
    title: str,
    bars: Sequence[tuple[str, Number]],
    this: str,
    previous: Sequence[Number] | None = None,
    last: str = "",
) -> str:
    """A titled chart with its data table, as one block of HTML; ``previous`` (the same bars
    a year earlier, named ``last``) adds a grey bar under each and the change in the table."""
    top = max([*(v for _, v in bars), *(previous or [])], default=0) or 1
    span = WIDTH - 64  # room for the number after the longest bar
    row_h = _LABEL + _BAR_H + (_BAR_H // 2 + 2 if previous else 0) + _GAP
    height = row_h * len(bars) + (24 if previous else 0)
    e = html.escape
    parts = [
        f'<svg class="gk-chart__svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{e(key)}-t" font-size="{FONT}" fill="{TEXT}">',
        f'<title id="{e(key)}-t">{e(title)}（数据见下表）</title>',
    ]
    y = 0
    if previous:
        parts += [
            f'<rect x="0" y="4" width="12" height="10" fill="{BAR}"/>',
            f'<text x="16" y="14">{e(this)}</text>',
            f'<rect x="110" y="4" width="12" height="10" fill="{PREVIOUS}"/>',
            f'<text x="126" y="14">{e(last)}</text>',
        ]
        y = 24
    for i, (label, value) in enumerate(bars):
        w = round(span * value / top, 1)
        parts += [
            f'<text x="0" y="{y + FONT}">{e(label)}</text>',
            f'<rect x="0" y="{y + _LABEL}" width="{max(w, 1)}" height="{_BAR_H}" fill="{BAR}"/>',
            f'<text x="{w + 6}" y="{y + _LABEL + _BAR_H - 2}">{_n(value)}</text>',
        ]
        if previous:
            old = previous[i]
            pw = round(span * old / top, 1)
            py = y + _LABEL + _BAR_H + 2
            parts += [
                f'<rect x="0" y="{py}" width="{max(pw, 1)}" height="{_BAR_H // 2}" '
                f'fill="{PREVIOUS}"/>',
                f'<text x="{pw + 6}" y="{py + _BAR_H // 2}" font-size="11">{_n(old)}</text>',
            ]
        y += row_h
    parts.append("</svg>")
    head = f'<th scope="col">{e(this)}</th>'
    if previous:
        head += f'<th scope="col">{e(last)}</th><th scope="col">增减</th>'
    rows = []
    for i, (label, value) in enumerate(bars):
        cells = f"<td>{_n(value)}</td>"
        if previous:
            change = value - previous[i]
            cells += f"<td>{_n(previous[i])}</td><td>{'+' if change > 0 else ''}{_n(change)}</td>"
        rows.append(f'<tr><th scope="row">{e(label)}</th>{cells}</tr>')
    table = (
        f'<div class="gk-report-table"><table><caption>{e(title)}</caption>'
        f'<thead><tr><th scope="col">项目</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return (
        f'<figure class="gk-chart" id="{e(key)}">'
        f'<figcaption class="gk-chart__title">{e(title)}</figcaption>'
        f"{''.join(parts)}{table}</figure>"
    )
