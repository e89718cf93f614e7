"""``gongkai report``: the year's tables in text, CSV and JSON, the same numbers in each."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from conftest import FIXTURES, gongkai

REPORTS = FIXTURES / "reports"


def _setup(small: Path) -> Path:
    folder = small / "catalogue/reports"
    (folder / "2024").mkdir(parents=True)
    shutil.copy(REPORTS / "2021-format.yml", folder / "2023.yml")
    shutil.copy(REPORTS / "2021-format.yml", folder / "2024/jyj.yml")
    return small


def test_text(small: Path) -> None:
    proc = gongkai("report", "2023", "--root", str(_setup(small)))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "示例县人民政府2023年度政府信息公开工作年度报告（国办公开办函〔2021〕30号）"
    assert "（文字部分尚未撰写）" in lines
    assert "      （七）总计 | 35 | 5 | 1 | 0 | 1 | 1 | 43" in lines
    assert "        1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1" in lines
    assert "    行政复议 | 2 | 1 | 1 | 0 | 4" in lines
    # section 二 from the catalogue: the 行政规范性文件 of 2021 is in force at 2023's end
    assert "  第二十条第（一）项（由目录统计）" in lines
    assert "    行政规范性文件 | 0 | 0 | 1" in lines


def test_csv_and_json_agree(small: Path) -> None:
    root = _setup(small)
    as_csv = gongkai("report", "2023", "--format", "csv", "--root", str(root))
    as_json = gongkai("report", "2023", "--format", "json", "--root", str(root))
    assert as_csv.returncode == as_json.returncode == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert set(rows[0]) == {"年度", "部分", "表格", "行", "列", "数值"}
    cell = next(
        r for r in rows if r["行"] == "三、本年度办理结果（七）总计" and r["列"] == "自然人"
    )
    assert cell["数值"] == "35" and cell["部分"] == "三、收到和处理政府信息公开申请情况"
    fee = next(r for r in rows if r["行"] == "行政事业性收费")
    assert fee["数值"] == "1.5"
    data = json.loads(as_json.stdout)
    assert data["year"] == 2023 and data["department"] is None and not data["text_written"]
    table = data["sections"][2]["tables"][0]
    total = next(r for r in table["rows"] if r["name"] == "三、本年度办理结果（七）总计")
    assert total["values"]["自然人"] == 35 and total["depth"] == 1
    heading = next(r for r in table["rows"] if r["label"] == "三、本年度办理结果")
    assert heading["values"] is None  # as the format prints it: no numbers of its own
    # every number of the CSV is the JSON's
    flat = {
        (s["heading"], t["title"], r["name"], col): value
        for s in data["sections"]
        for t in s["tables"]
        for r in t["rows"]
        for col, value in (r["values"] or {}).items()
    }
    assert {(r["部分"], r["表格"], r["行"], r["列"]): float(r["数值"]) for r in rows} == flat


def test_a_departments_report_and_what_is_missing(small: Path) -> None:
    root = _setup(small)
    proc = gongkai("report", "2024", "--department", "县教育局", "--root", str(root))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("示例县教育局2024年度政府信息公开工作年度报告")
    missing = gongkai("report", "2022", "--root", str(root))
    assert missing.returncode == 2
    assert "没有 2022 年的年报数据（catalogue/reports/2022.yml）；已有：2023" in missing.stderr
    unknown = gongkai("report", "2024", "--department", "nobody", "--root", str(root))
    assert unknown.returncode == 2 and "部门「nobody」不在目录中" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr


def test_errors_are_printed_not_tables(small: Path) -> None:
    root = _setup(small)
    shutil.copy(REPORTS / "wrong-appeals.yml", root / "catalogue/reports/2023.yml")
    proc = gongkai("report", "2023", "--root", str(root))
    assert proc.returncode == 1
    assert "catalogue/reports/2023.yml:51: 行政复议 / 总计" in proc.stdout
