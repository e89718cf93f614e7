"""The 公开年报 pages: every figure of a report on its page, in its table and its chart; a year
with numbers but no text; last year beside this one; the index, newest first."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.check.run import run
from generator.pages import compile_pages
from generator.pages.charts import BAR, PREVIOUS, TEXT

REPORTS = FIXTURES / "reports"


class _Tables(HTMLParser):
    """Each table row's header cell and numbers, and every SVG text, from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self.svg_texts: list[str] = []
        self._cell: list[str] | None = None
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append(("", []))
        elif tag in ("th", "td", "text"):
            self._in, self._cell = tag, []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in or self._cell is None:
            return
        text = "".join(self._cell).strip()
        if tag == "text":
            self.svg_texts.append(text)
        elif tag == "th" and self.rows and not self.rows[-1][0]:
            self.rows[-1] = (text, self.rows[-1][1])
        elif self.rows:
            self.rows[-1][1].append(text)
        self._cell = None


def tables(content: str) -> _Tables:
    parser = _Tables()
    parser.feed(content)
    return parser


def pages_of(root: Path) -> dict[str, str]:
    result = run(root)
    assert result.ok, [p.format() for p in result.errors]
    return {p.path: p.content for p in compile_pages(result.portal())}


def put(small: Path, fixture: str, dest: str) -> None:
    path = small / "catalogue/reports" / dest
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPORTS / fixture, path)


# Seed 002 (Yuhang's 2017 report, 图解), every figure it publishes: (row, [numbers]).
SEED_002 = [
    ("当面申请", ["260"]), ("网络申请", ["830"]), ("信函申请", ["894"]), ("合计", ["1984"]),
    ("属于已主动公开范围", ["108"]), ("同意公开", ["974"]), ("同意部分公开", ["378"]),
    ("不同意公开", ["108"]), ("不属于本行政机关公开", ["50"]), ("申请信息不存在", ["210"]),
    ("告知作出更改补充", ["91"]), ("告知通过其他途径办理", ["51"]), ("合计", ["1970"]),
    ("行政复议", ["17", "6", "11", "34"]), ("行政诉讼", ["5", "1", "13", "19"]),
]  # fmt: skip


def test_the_2017_page_reproduces_every_figure_of_seed_002(small: Path) -> None:
    put(small, "2017-yuhang.yml", "2017.yml")
    page = pages_of(small)["reports/2017/index.md"]
    found = tables(page)
    rows = [r for r in found.rows if r[1]]
    for row in SEED_002:
        assert row in rows, row
    # the charts draw them too: each bar's label and its number
    for label, number in [("当面申请", "260"), ("网络申请", "830"), ("信函申请", "894"),
                          ("同意公开", "974"), ("申请信息不存在", "210"), ("行政诉讼", "19")]:  # fmt: skip
        i = found.svg_texts.index(label)
        assert found.svg_texts[i + 1] == number
    assert "2008年条例时期" in page
    assert "## 二、依申请公开政府信息和不予公开政府信息情况" in page
    assert "文字部分待撰写" in page  # no Markdown beside this fixture


def test_a_year_with_numbers_but_no_text_gets_a_note(small: Path) -> None:
    put(small, "2021-format.yml", "2023.yml")
    page = pages_of(small)["reports/2023/index.md"]
    assert '!!! note "文字部分待撰写"' in page
    for section in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert f"## {section}\n\n*本部分尚未撰写。*" in page
    rows = dict((label, cells) for label, cells in tables(page).rows if cells)
    assert rows["（七）总计"] == ["35", "5", "1", "0", "1", "1", "43"]
    assert rows["1.属于国家秘密"] == ["1", "0", "0", "0", "0", "0", "1"]
    # the format's grouped header: 法人或其他组织 over its five columns
    assert '<th scope="colgroup" colspan="5">法人或其他组织</th>' in page


def test_text_is_published_and_cleaned(small: Path) -> None:
    put(small, "2021-format.yml", "2023.yml")
    (small / "catalogue/reports/2023.md").write_text(
        "## 一、总体情况\n\n全年**稳步**推进。<script>alert(1)</script>\n\n"
        "## 六、其他需要报告的事项\n\n无。\n",
        encoding="utf-8",
    )
    page = pages_of(small)["reports/2023/index.md"]
    assert "<strong>稳步</strong>" in page and "<script" not in page
    assert "文字部分待撰写" not in page
    assert "## 五、存在的主要问题及改进情况\n\n*本部分尚未撰写。*" in page


def test_last_year_is_shown_beside_this_year(small: Path) -> None:
    put(small, "2021-format.yml", "2023.yml")
    put(small, "2021-format.yml", "2024.yml")
    pages = pages_of(small)
    this, last = pages["reports/2024/index.md"], pages["reports/2023/index.md"]
    assert '<th scope="col">2023年</th><th scope="col">增减</th>' in this
    assert "增减" not in last  # 2022 has no report
    # items published by month, this year against last: 2024 and 2023 in the small portal
    months = {label: cells for label, cells in tables(this).rows if label.endswith("月")}
    assert months["3月"] == ["1", "0", "+1"]
    assert months["4月"] == ["2", "0", "+2"]
    assert months["2月"] == ["0", "1", "-1"]


def test_the_index_lists_every_year_newest_first(small: Path) -> None:
    put(small, "2021-format.yml", "2023.yml")
    put(small, "2021-format.yml", "2024/czj.yml")
    put(small, "2017-yuhang.yml", "2017.yml")
    index = pages_of(small)["reports/index.md"]
    years = re.findall(r"^## (\d{4})年度$", index, re.M)
    assert years == ["2024", "2023", "2017"]
    assert (
        "[示例县人民政府2023年度政府信息公开工作年度报告](2023/index.md)（文字部分待撰写）" in index
    )
    assert "部门年度报告：[县财政局](2024/czj.md)" in index
    pages = pages_of(small)
    assert "各部门的年度报告" not in pages["reports/2023/index.md"]
    assert pages["reports/2024/czj.md"].startswith('---\ntitle: "示例县财政局2024年度')


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", [BAR, PREVIOUS, TEXT])
def test_chart_colours_contrast_with_the_page(colour: str) -> None:
    """WCAG 2.1: 4.5:1 for text, 3:1 for graphics; every colour of a chart clears 4.5:1."""
    ratio = (1.0 + 0.05) / (_luminance(colour) + 0.05)
    assert ratio >= 4.5


def test_a_2020_report_in_the_trial_format(small: Path) -> None:
    put(small, "2019-trial.yml", "2020.yml")
    page = pages_of(small)["reports/2020/index.md"]
    assert "格式：国办公开办函〔2019〕60号（试行）" in page
    rows: dict[str, list[str]] = {}
    for label, cells in tables(page).rows:  # the format's table first, then the charts'
        rows.setdefault(label, cells)
    assert rows["行政许可"] == ["40", "-3", "118"]
    assert rows["政府集中采购"] == ["12", "356.8"]
    assert rows["（六）其他处理"] == ["0", "0", "0", "0", "0", "1", "1"]
    # 规范性文件 from the catalogue: the one of 2021 is not yet written, published or in force
    assert rows["规范性文件"] == ["0", "0", "0"]
    assert "### 第二十条第（九）项" in page
