"""The annual report's checks: every identity of the format, each broken by one file with a
wrong cell and rejected with that cell named as the format names it; bad input in the data
file; section 二 counted from a catalogue whose counts are known."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.check.run import Result, run
from generator.model.annual_counts import documents, filled

REPORTS = FIXTURES / "reports"
FILE = "catalogue/reports/2023.yml"


def put(small: Path, fixture: str, dest: str = FILE) -> Path:
    path = small / dest
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPORTS / fixture, path)
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1) if text in line)


def test_every_identity_holds(small: Path) -> None:
    put(small, "2021-format.yml")
    result = run(small)
    assert result.problems == []
    (report,) = result.reports
    assert (report.year, report.department, report.format.id) == (2023, "", "gb2021")
    cells = report.cells("三", "", "（七）总计")
    assert cells == {"自然人": 35, "商业企业": 5, "科研机构": 1, "社会公益组织": 0,
                     "法律服务机构": 1, "其他": 1, "总计": 43}  # fmt: skip


@pytest.mark.parametrize(
    ("fixture", "wrong", "expected"),
    [
        # 总计 is the sum of the applicant columns (and so 一 + 二 = （七） + 四 fails in 总计)
        ("wrong-total.yml", "一、本年新收政府信息公开申请数量", {
            ("一、本年新收政府信息公开申请数量 / 总计", "填写的是 48，但自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之和为 47"),
            ("四、结转下年度继续办理 / 总计", "一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 51，（七）总计 + 四、结转下年度继续办理 = 50：两者应相等"),
        }),
        # （七）总计 is the sum of （一） to （六） with their sub-rows
        ("wrong-sum.yml", "（七）总计", {
            ("三、本年度办理结果（七）总计 / 自然人", "填写的是 34，但（一）予以公开至（六）其他处理之和为 35"),
            ("三、本年度办理结果（七）总计 / 总计", "填写的是 43，但自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之和为 42"),
            ("四、结转下年度继续办理 / 自然人", "一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 39，（七）总计 + 四、结转下年度继续办理 = 38：两者应相等"),
        }),
        # 一 + 二 = （七）总计 + 四, column by column
        ("wrong-balance.yml", "四、结转下年度继续办理", {
            ("四、结转下年度继续办理 / 自然人", "一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 39，（七）总计 + 四、结转下年度继续办理 = 40：两者应相等"),
            ("四、结转下年度继续办理 / 总计", "一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 50，（七）总计 + 四、结转下年度继续办理 = 51：两者应相等"),
        }),
        # section 四: 维持 + 纠正 + 其他 + 尚未审结 = 总计
        ("wrong-appeals.yml", "行政复议", {
            ("行政复议 / 总计", "填写的是 5，但结果维持、结果纠正、其他结果、尚未审结之和为 4"),
        }),
    ],
)  # fmt: skip
def test_each_identity_names_the_wrong_cell(
    small: Path, fixture: str, wrong: str, expected: set[tuple[str, str]]
) -> None:
    path = put(small, fixture)
    result = run(small)
    assert not result.ok
    assert {(p.field, p.message) for p in result.problems} == expected
    for p in result.problems:
        assert p.path == FILE and p.severity == "error"
        assert p.label in (
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
        )
    # the wrong row's own line, in the clerk's own words
    first = min(result.problems, key=lambda p: p.line)
    assert first.line == line_of(path, f"{wrong}:")
    assert first.format().startswith(f"{FILE}:{first.line}: {first.field} ({first.label}): ")


def test_last_years_documents_in_force_are_carried_over(small: Path) -> None:
    """现行有效件数 = last year's + 制发 − 废止: a warning, the catalogue may start mid-history."""
    put(small, "2021-format.yml", "catalogue/reports/2022.yml")
    path = put(small, "2021-format.yml")
    with path.open("a", encoding="utf-8") as f:  # the office enters the counts itself
        f.write("二、主动公开政府信息情况:\n  第二十条第（一）项:\n"
                "    规章: [0, 0, 0]\n    行政规范性文件: [2, 1, 5]\n")  # fmt: skip
    with (small / "catalogue/reports/2022.yml").open("a", encoding="utf-8") as f:
        f.write("二、主动公开政府信息情况:\n  第二十条第（一）项:\n"
                "    规章: [0, 0, 0]\n    行政规范性文件: [1, 0, 3]\n")  # fmt: skip
    result = run(small)
    assert result.ok  # a warning only
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert problem.field == "行政规范性文件 / 现行有效件数"
    assert problem.line == line_of(path, "行政规范性文件: [2, 1, 5]")
    assert "上年的 3 加本年制发、减本年废止应为 4" in problem.message


def test_bad_input_is_named_cell_by_cell(small: Path) -> None:
    path = put(small, "2021-format.yml")
    text = path.read_text("utf-8")
    text = text.replace("行政处罚: 45", "行政处罚: 很多")
    text = text.replace(
        "（一）予以公开: [20, 3, 1, 0, 1, 0, 25]", "（一）予以公开: [20, 3, 1, 0, 1, 25]"
    )
    text = text.replace("行政事业性收费: 1.5", "行政事业性收费: -1.5")
    text = text.replace("    2.重复申请:", "    2.重复的申请:")
    path.write_text(text + "七、其他:\n  x: 1\n", encoding="utf-8")
    got = {(p.line, p.field, p.message.split("；")[0]) for p in run(small).problems if p.line}
    assert (
        line_of(path, "行政处罚:"),
        "行政处罚 / 本年处理决定数量",
        "「很多」不是非负整数",
    ) in got
    assert (line_of(path, "（一）予以公开:"), "三、本年度办理结果（一）予以公开",
            "应按列的顺序写 7 个数：[自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计]") in got  # fmt: skip
    assert (line_of(path, "行政事业性收费:"), "行政事业性收费 / 本年收费金额（单位：万元）",
            "「-1.5」不是非负数") in got  # fmt: skip
    assert (line_of(path, "2.重复的申请"), "三、本年度办理结果（五）不予处理",
            "「2.重复的申请」不是本表的行") in got  # fmt: skip
    assert any(line == line_of(path, "七、其他:") and "不是" in m for line, _, m in got)


def test_a_year_without_a_format_and_an_unknown_department(small: Path) -> None:
    formats = small / "catalogue/annual_report.yml"
    formats.write_text(formats.read_text("utf-8").replace("[null, 2018]", "[2010, 2018]"), "utf-8")
    put(small, "2017-yuhang.yml", "catalogue/reports/2009.yml")
    put(small, "2021-format.yml", "catalogue/reports/2023/nobody.yml")
    messages = {p.path: p.message for p in run(small).problems}
    assert messages["catalogue/reports/2009.yml"] == (
        "2009 年没有可用的年报格式（本目录支持：2021 年起（国办公开办函〔2021〕30号）、"
        "2019–2020 年（国办公开办函〔2019〕60号（试行））、"
        "2010–2018 年（2008年条例时期（各地自行编制，无全国统一表格）））"
    )
    assert "部门「nobody」不在" in messages["catalogue/reports/2023/nobody.yml"]


def test_the_2019_trial_format_is_chosen_by_year(small: Path) -> None:
    """Reports on 2019 and 2020 use the trial format: other columns in section 二 (本年增/减
    may be negative), and （六）其他处理 is one row."""
    path = put(small, "2019-trial.yml", "catalogue/reports/2020.yml")
    result = run(small)
    assert result.problems == []
    (report,) = result.reports
    assert report.format.id == "trial2019"
    assert report.cells("二", "第二十条第（五）项", "行政许可") == {
        "上一年项目数量": 40, "本年增/减": -3, "处理决定数量": 118}  # fmt: skip
    assert report.cells("三", "", "（六）其他处理")["总计"] == 1
    # the 2021 layout's sub-rows of （六） do not fit the trial format
    put(small, "2021-format.yml", "catalogue/reports/2020.yml")
    problems = {(p.line, p.field): p.message for p in run(small).problems}
    line = line_of(path.with_name("2020.yml"), "（六）其他处理:")
    assert problems[line, "三、本年度办理结果（六）其他处理"].startswith("应按列的顺序写 7 个数")
    assert problems[line_of(path, "行政许可:"), "行政许可"] == (
        "应按列的顺序写 3 个数：[上一年项目数量、本年增/减、处理决定数量]")  # fmt: skip


def test_broken_yaml_is_a_problem_not_a_traceback(small: Path) -> None:
    path = small / FILE
    path.parent.mkdir(parents=True)
    path.write_text(
        "三、收到和处理政府信息公开申请情况:\n  一、本年新收: [1, 2\n", encoding="utf-8"
    )
    (problem,) = run(small).problems
    assert problem.path == FILE and problem.line > 0 and "YAML" in problem.message


def test_text_sections_must_be_the_formats(small: Path) -> None:
    put(small, "2021-format.yml")
    (small / "catalogue/reports/2023.md").write_text(
        "引言。\n\n## 一、总体情况\n\n正文。\n\n## 七、附录\n\n附。\n", encoding="utf-8"
    )
    result = run(small)
    lines = {p.line: p.message for p in result.problems}
    assert "不在任何部分之下" in lines[1]
    assert "「七、附录」不是需要撰写的部分" in lines[7]
    assert result.reports[0].texts["一"].strip() == "正文。"
    assert set(result.reports[0].texts) == {"一"}


def test_html_the_page_drops_is_a_warning_at_its_line(small: Path) -> None:
    put(small, "2021-format.yml")
    (small / "catalogue/reports/2023.md").write_text(
        "## 一、总体情况\n\n正文。\n\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    (problem,) = run(small).problems
    assert (problem.path, problem.line, problem.severity) == (
        "catalogue/reports/2023.md", 5, "warning")  # fmt: skip
    assert "<script>" in problem.message and "删除" in problem.message


# -- section 二, counted from the catalogue ------------------------------------------


@pytest.fixture
def known(small: Path, write_item: Callable[..., Path]) -> Result:
    """The small portal (行政规范性文件: one of 2021 repealed 2024-03-01, two of 2024) with
    a 规章 of 2022 that expired on 2023-06-30 and a draft 规章 that must not count."""
    rule = """
        index_no: 000014349/2022-00007
        title: 示例县某某管理规定
        department: czj
        published: 2022-01-10
        doc_type: 规章
        columns: [czzj]
        expires: 2023-06-30
        review:
          reviewer: 王明
          date: 2022-01-05
    """
    write_item("cz/rule-2022.md", rule)
    draft = rule.replace("2022-00007", "2022-00008").replace("expires: 2023-06-30", "draft: true")
    write_item("cz/rule-draft.md", draft)
    for year in (2021, 2022, 2023, 2024):
        put(small, "2021-format.yml", f"catalogue/reports/{year}.yml")
    put(small, "2021-format.yml", "catalogue/reports/2024/jyj.yml")
    result = run(small)
    assert result.ok, [p.format() for p in result.errors]
    return result


def test_section_two_counts_the_catalogue(known: Result) -> None:
    portal = known.portal(day=dt.date(2026, 12, 1))
    assert known.catalogue is not None
    got = {}
    for report in portal.reports:
        cells = filled(report, portal.items, known.catalogue)[("二", "第二十条第（一）项")]
        got[report.year, report.department] = {row: list(c.values()) for row, c in cells.items()}
    # [本年制发件数, 本年废止件数, 现行有效件数]
    assert got[2021, ""] == {"规章": [0, 0, 0], "行政规范性文件": [1, 0, 1]}
    assert got[2022, ""] == {"规章": [1, 0, 1], "行政规范性文件": [0, 0, 1]}
    assert got[2023, ""] == {"规章": [0, 1, 0], "行政规范性文件": [0, 0, 1]}
    assert got[2024, ""] == {"规章": [0, 0, 0], "行政规范性文件": [2, 1, 2]}
    assert got[2024, "jyj"] == {"规章": [0, 0, 0], "行政规范性文件": [1, 0, 1]}
    # and so the carried-over identity holds year to year: no warning
    assert [p for p in known.problems if p.path.startswith("catalogue/")] == []


def test_the_doc_types_counted_come_from_the_vocabulary(known: Result, small: Path) -> None:
    """Which doc types count as 规章 is vocabularies.yml's `report:` to say, not the code's."""
    assert known.catalogue is not None
    portal = known.portal(day=dt.date(2026, 12, 1))
    table = portal.reports[0].format.sections[1].tables[0]
    vocab = small / "catalogue/vocabularies.yml"
    vocab.write_text(
        vocab.read_text("utf-8").replace("report: rules", "report: normative"), "utf-8"
    )
    again = run(small)
    assert again.catalogue is not None
    cells = documents(table, again.portal(day=dt.date(2026, 12, 1)).items, 2022, again.catalogue)
    assert cells == {"规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
                     "行政规范性文件": {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 2}}  # fmt: skip


def test_the_2017_report_in_its_own_layout(small: Path) -> None:
    """Seed 002 (Yuhang, 2017) predates both national formats: entered in the layout of its
    time (regs2008), every figure it publishes is read and its sums check."""
    put(small, "2017-yuhang.yml", "catalogue/reports/2017.yml")
    result = run(small)
    assert result.problems == []
    (report,) = result.reports
    assert report.format.id == "regs2008"
    assert report.cells("二", "收到申请", "合计") == {"件数": 1984}
    wrong = small / "catalogue/reports/2017.yml"
    wrong.write_text(wrong.read_text("utf-8").replace("信函申请: 894", "信函申请: 895"), "utf-8")
    (problem,) = run(small).problems
    assert (problem.field, problem.line) == ("合计 / 件数", line_of(wrong, "合计: 1984"))
    assert problem.message == "填写的是 1984，但当面申请至信函申请之和为 1985"


def test_a_report_file_leaves_the_items_check_cache_valid(small: Path) -> None:
    """No item's check reads catalogue/reports/: editing a report re-checks no item."""
    from generator.check.cache import CheckCache

    def key() -> bytes:
        return CheckCache.open(small).key("content/cz/budget-2023.md", b"x")

    before = key()
    put(small, "2021-format.yml")
    assert key() == before
    columns = small / "catalogue/columns.yml"
    columns.write_text(columns.read_text("utf-8") + "\n# changed\n", "utf-8")
    assert key() != before
