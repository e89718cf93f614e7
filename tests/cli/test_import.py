"""gongkai import: seed 004, saved pages, a CSV of 200 rows and an XLSX, as a real process."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import REPO, gongkai
from fixtures import migration
from generator.check.run import run

SEED_004 = REPO.parent / "shared" / "seeds" / "004_6561b1fdf44873da.txt"
COLUMN = ["--column", "zhidu"]


@pytest.fixture
def portal(demo_copy: Path) -> Path:
    """The demo portal without its copy of seed 004, which the import is to write."""
    (demo_copy / "content" / "zfb" / "2017-0510.md").unlink()
    return demo_copy


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    migration.write(folder)
    return folder


def files(root: Path) -> dict[str, bytes]:
    return {
        p.as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()
    }


def imported(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = gongkai("import", "--root", str(root), *COLUMN, *args)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def checked_ok(root: Path, count: int) -> None:
    result = run(root)
    assert result.ok, "\n".join(p.format() for p in result.errors)
    assert len(result.items) == count


def seed_text(tmp_path: Path) -> Path:
    if SEED_004.is_file():
        return SEED_004
    pytest.skip("the seeds are not beside this clone")


def test_seed_004_becomes_a_valid_unreviewed_item(portal: Path, tmp_path: Path) -> None:
    before = len(run(portal).items)
    proc = imported(portal, "--doc-type", "其他文件", str(seed_text(tmp_path)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    path = portal / "content" / "zfb" / "330103--2017--0510.md"
    text = path.read_text(encoding="utf-8")
    assert "index_no: 330103--2017--0510" in text
    assert 'title: "杭州市下城区2017年政务公开工作要点"' in text
    assert "published: 2017-07-01" in text
    assert "一、以政务公开助力稳增长" in text
    checked_ok(portal, before + 1)
    [item] = [i for i in run(portal).items if i.index_no == "330103--2017--0510"]
    assert item.department.id == "zfb" and item.review is None  # 先审查、后公开
    assert not item.publishable


def test_header_variants_full_width_colons_and_a_table(portal: Path, tmp_path: Path) -> None:
    src = tmp_path / "v.txt"
    src.write_text(
        "| 信息索引号 | 330103--2016--0009 | 发文机关 | 下城区人民政府办公室 |\n"
        "| 成文日期 | 2016/02/03 | 发布时间 | 2016年2月4日 |\n"
        "发文字号：下政发〔2016〕9号\n有效性：有效\n文种：其他文件\n\n标题在此\n\n第一段。\n",
        encoding="utf-8",
    )
    proc = imported(portal, "--reviewer", "王芳", str(src))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (portal / "content" / "zfb" / "330103--2016--0009.md").read_text(encoding="utf-8")
    assert "written: 2016-02-03" in text and "published: 2016-02-04" in text
    assert 'doc_no: "下政发〔2016〕9号"' in text and 'reviewer: "王芳"' in text
    result = run(portal)
    assert result.ok, "\n".join(p.format() for p in result.errors)
    [item] = [i for i in result.items if i.index_no == "330103--2016--0009"]
    assert item.publishable and item.body.strip() == "第一段。"


def test_a_department_by_its_declared_alias(portal: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    text = "信息索引号：330103--2016--0011\n发布机构：下城区政府办\n发布时间：2016-01-05\n\n题目\n\n正文。\n"
    src.write_text(text, encoding="utf-8")
    assert imported(portal, "--doc-type", "其他文件", str(src)).returncode == 0
    unknown = src.with_name("b.txt")
    unknown.write_text(
        text.replace("下城区政府办", "下城区政府").replace("0011", "0012"), encoding="utf-8"
    )
    proc = imported(portal, "--doc-type", "其他文件", str(unknown))
    assert proc.returncode == 1 and "公开部门「下城区政府」不在 departments.yml 中" in proc.stdout


def test_saved_pages_with_a_table_and_a_list(portal: Path, exports: Path) -> None:
    before = len(run(portal).items)
    proc = imported(portal, str(exports / "html"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    table = (portal / "content" / "zfb" / "330103--2016--0001.md").read_text(encoding="utf-8")
    assert 'title: "关于做好2016年政务公开工作的通知"' in table
    assert "written: 2016-03-01" in table and 'keywords: ["综合政务"]' in table
    assert "1. 加强组织领导。\n2. 做好信息发布。" in table
    assert "| 事项 | 时限 |\n| --- | --- |\n| 目录编制 | 3月底 |" in table
    assert "首页" not in table and "var a" not in table
    listed = (portal / "content" / "czj" / "33010301--2016--0002.md").read_text(encoding="utf-8")
    assert "department: czj" in listed and "published: 2016-04-05" in listed
    assert "- 基本支出\n- 项目支出" in listed
    checked_ok(portal, before + 2)


def test_a_csv_of_200_rows_gives_valid_items_or_named_refusals(portal: Path, exports: Path) -> None:
    before = len(run(portal).items)
    proc = imported(portal, str(exports / "csv" / "list.csv"))
    assert proc.returncode == 1  # some rows were refused
    refused = [line for line in proc.stdout.splitlines() if line.startswith("未导入")]
    assert len(refused) == len(migration.BAD)
    for row, reason in migration.BAD.items():
        [line] = [r for r in refused if f"第 {row} 行" in r]
        assert reason in line, line
    written = migration.ROWS - len(migration.BAD)
    assert f"已写入 {written} 条" in proc.stderr
    checked_ok(portal, before + written)


def test_an_xlsx_imports_like_a_csv(portal: Path, exports: Path) -> None:
    before = len(run(portal).items)
    proc = imported(portal, str(exports / "xlsx" / "list.xlsx"))
    refused = [line for line in proc.stdout.splitlines() if line.startswith("未导入")]
    assert len(refused) == 1 and "第 12 行" in refused[0]  # the first 20 rows hold one bad one
    checked_ok(portal, before + 19)


def test_a_row_the_checker_would_reject_is_refused_with_its_words(
    portal: Path, exports: Path
) -> None:
    sheet = exports / "csv" / "list.csv"
    text = sheet.read_text(encoding="utf-8-sig").replace("330103--2019--0001", "330103--2018--0001")
    sheet.write_text(text, encoding="utf-8-sig")
    proc = imported(portal, str(sheet))
    [line] = [r for r in proc.stdout.splitlines() if "第 2 行" in r]
    assert "年份是 2018" in line
    assert not (portal / "content" / "zfb" / "330103--2018--0001.md").exists()


def test_dry_run_writes_nothing_and_a_second_run_writes_nothing_new(
    portal: Path, exports: Path
) -> None:
    before = files(portal)
    proc = imported(portal, "--dry-run", str(exports / "html"))
    assert proc.returncode == 0 and proc.stdout.count("将写入") == 2
    assert files(portal) == before
    imported(portal, str(exports / "html"))
    after = files(portal)
    again = imported(portal, str(exports / "html"))
    assert again.returncode == 0 and "已写入 0 条，已导入过 2 条" in again.stderr
    assert files(portal) == after


def test_same_number_with_other_content_is_refused_not_overwritten(
    portal: Path, exports: Path
) -> None:
    imported(portal, str(exports / "html"))
    page = exports / "html" / "list.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("基本支出", "改过的"), encoding="utf-8"
    )
    before = files(portal)
    proc = imported(portal, str(page))
    assert proc.returncode == 1 and "已有另一份内容不同的信息" in proc.stdout
    assert files(portal) == before


def test_a_folder_with_a_table_and_txt_bodies(portal: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    (old / "b").mkdir(parents=True)
    (old / "b" / "1.txt").write_text("正文。\n", encoding="utf-8")
    (old / "list.csv").write_text(
        "信息索引号,标题,公开部门,发布时间,文种,正文文件\n"
        "330103--2016--0021,题目,区政府办,2016-01-02,其他文件,b/1.txt\n",
        encoding="utf-8",
    )
    proc = imported(portal, str(old))
    assert proc.returncode == 0 and proc.stdout.count("已写入") == 1, proc.stdout


def test_an_undeclared_label_in_the_header_is_named_not_taken_for_the_title(
    portal: Path, tmp_path: Path
) -> None:
    src = tmp_path / "u.txt"
    src.write_text("信息索引号：330103--2016--0022\n信息分类：综合\n\n题目\n", encoding="utf-8")
    proc = imported(portal, "--doc-type", "其他文件", str(src))
    assert proc.returncode == 1 and "标签「信息分类」不是本目录的字段" in proc.stdout


def test_bad_input_is_a_message_not_a_traceback(portal: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("只是一段文字。\n", encoding="utf-8")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "bin.html").write_bytes(b"\xff\xfe\x00\x00garbage")
    before = files(portal)
    proc = imported(portal, str(tmp_path / "empty.txt"), str(tmp_path / "broken.xlsx"),
                    str(tmp_path / "bin.html"))  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout.count("未导入") == 3
    assert files(portal) == before
