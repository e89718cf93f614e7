"""Validity and relations: what the checker rejects and warns about, and expiry by build date.

Every rule names the file, the line and the field (by its Chinese label) and says
what to write instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID
from generator.check.run import Result
from generator.model.problem import Problem

Write = Callable[..., Path]
REPEALED = "000014349/2021-00003"  # the fixture's repealed 2021 rules
CURRENT = "000014349/2024-00002"  # the 2024 rules that replace them
ADMISSION = "000014350/2024-00001"  # a normative document with an interpretation


def problems_of(result: Result, path: str) -> list[Problem]:
    return [p for p in result.problems if p.path == path]


def only(result: Result, path: str, severity: str = "error") -> Problem:
    found = [p for p in problems_of(result, path) if p.severity == severity]
    assert len(found) == 1, [p.format() for p in result.problems]
    return found[0]


@pytest.mark.parametrize(
    ("key", "label"),
    [("superseded_by", "替代文件"), ("amends", "修改文件"), ("related", "相关信息")],
)
def test_a_reference_to_a_missing_item_is_an_error(
    write_item: Write, check: Callable[[], Result], key: str, label: str
) -> None:
    write_item("cz/x.md", VALID + f"{key}: [000014349/2020-00077]\n")
    problem = only(check(), "content/cz/x.md")
    assert (problem.field, problem.line) == (key, 11)
    assert problem.message == f"{label} 000014349/2020-00077 不存在于本目录；请核对索引号"


def test_an_interpretation_of_a_missing_item_is_an_error(
    write_item: Write, check: Callable[[], Result]
) -> None:
    front = VALID.replace("doc_type: 其他文件", "doc_type: 政策解读")
    write_item("cz/x.md", front + "interprets: [000014349/2020-00077]\n")
    problem = only(check(), "content/cz/x.md")
    assert (
        problem.field == "interprets" and "解读文件 000014349/2020-00077 不存在" in problem.message
    )


def test_a_reference_that_is_not_an_index_number_is_an_error(
    write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/x.md", VALID + "superseded_by: [新办法]\n")
    problem = only(check(), "content/cz/x.md")
    assert problem.field == "superseded_by"
    assert "「新办法」不是信息索引号" in problem.message and "000014349/" in problem.message


def test_an_item_interpreting_itself_is_an_error(
    write_item: Write, check: Callable[[], Result]
) -> None:
    front = VALID.replace("doc_type: 其他文件", "doc_type: 政策解读")
    write_item("cz/x.md", front + "interprets: [000014349/2023-00009]\n")
    problem = only(check(), "content/cz/x.md")
    assert problem.field == "interprets" and "是本条自己的索引号" in problem.message


def test_a_cycle_of_supersessions_is_an_error(
    write_item: Write, check: Callable[[], Result]
) -> None:
    status = "status: 已废止 2024-01-01\n"
    write_item("cz/a.md", VALID + status + "superseded_by: [000014349/2023-00010]\n")
    b = VALID.replace("2023-00009", "2023-00010")
    write_item("cz/b.md", b + status + "superseded_by: [000014349/2023-00011]\n")
    c = VALID.replace("2023-00009", "2023-00011")
    write_item("cz/c.md", c + status + "superseded_by: [000014349/2023-00009]\n")
    result = check()
    cycles = [p for p in result.errors if "替代关系成环" in p.message]
    assert len(cycles) == 1, [p.format() for p in result.problems]
    assert cycles[0].field == "superseded_by"
    assert cycles[0].message.startswith(
        "替代关系成环：000014349/2023-00009 → 000014349/2023-00010 → 000014349/2023-00011 → "
        "000014349/2023-00009"
    )


def test_a_chain_of_supersessions_is_no_cycle(
    write_item: Write, check: Callable[[], Result]
) -> None:
    status = "status: 已废止 2024-01-01\n"
    write_item("cz/a.md", VALID + status + f"superseded_by: [{REPEALED}]\n")
    result = check()
    assert not [p for p in result.problems if "成环" in p.message]


def test_a_repealed_item_without_a_successor_is_warned_about(
    small: Path, check: Callable[[], Result]
) -> None:
    path = small / "content/cz/rules-2021.md"
    path.write_text(path.read_text("utf-8").replace(f"superseded_by: [{CURRENT}]\n", ""), "utf-8")
    result = check()
    problem = only(result, "content/cz/rules-2021.md", "warning")
    assert result.ok and problem.field == "status" and "没有填写替代文件" in problem.message


def test_a_successor_named_for_an_item_in_force_is_warned_about(
    write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/x.md", VALID + f"superseded_by: [{CURRENT}]\n")
    problem = only(check(), "content/cz/x.md", "warning")
    assert problem.field == "superseded_by" and "仍为「有效」" in problem.message
    assert "已废止" in problem.message


def test_only_an_interpretation_interprets(write_item: Write, check: Callable[[], Result]) -> None:
    write_item("cz/x.md", VALID + f"interprets: [{ADMISSION}]\n")
    problem = only(check(), "content/cz/x.md")
    assert problem.field == "interprets"
    assert problem.message == "填写了解读文件，文种应为「政策解读」，不是「其他文件」"


def test_an_interpretation_kind_needs_an_original(
    write_item: Write, check: Callable[[], Result]
) -> None:
    front = VALID.replace("doc_type: 其他文件", "doc_type: 政策解读")
    write_item("cz/x.md", front + "interpretation_kind: 图解\n")
    problem = only(check(), "content/cz/x.md", "warning")
    assert problem.field == "interpretation_kind"


def test_only_documents_that_may_expire_carry_an_expiry(
    write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/x.md", VALID + "expires: 2030-12-31\n")
    problem = only(check(), "content/cz/x.md")
    assert problem.field == "expires"
    assert problem.message == "有效期至只用于规章、行政规范性文件；「其他文件」不填此项"


def test_an_expiry_before_publication_is_an_error(
    write_item: Write, check: Callable[[], Result]
) -> None:
    front = VALID.replace("doc_type: 其他文件", "doc_type: 规章")
    write_item("cz/x.md", front + "expires: 2022-12-31\n")
    problem = only(check(), "content/cz/x.md")
    assert problem.field == "expires" and "早于发布日期 2023-03-01" in problem.message


def test_past_its_expiry_an_item_shows_expired_on_the_build_day(
    write_item: Write, check: Callable[[], Result]
) -> None:
    front = VALID.replace("doc_type: 其他文件", "doc_type: 规章")
    write_item("cz/x.md", front + "expires: 2025-06-30\n")
    result = check()
    assert result.ok

    def status_on(day: dt.date) -> tuple[str, dt.date | None, bool]:
        item = next(i for i in result.portal(day=day).items if i.source == "content/cz/x.md")
        return item.status.value, item.status.date, item.in_force

    assert status_on(dt.date(2025, 6, 30)) == ("有效", None, True)  # its last valid day
    assert status_on(dt.date(2025, 7, 1)) == ("已失效", dt.date(2025, 7, 1), False)
    repealed = next(i for i in result.portal(day=dt.date(2030, 1, 1)).items
                    if i.index_no == REPEALED)  # fmt: skip
    assert repealed.status.value == "已废止"  # a repealed document stays repealed


def test_a_catalogue_from_before_these_fields_is_told_what_to_add(small: Path) -> None:
    from generator.check.run import run

    fields = small / "catalogue/fields.yml"
    text = fields.read_text("utf-8")
    start = text.index("- key: expires")
    fields.write_text(text[:start] + text[text.index("- key: related") :], "utf-8")
    (problem,) = run(small).errors
    assert problem.path == "catalogue/fields.yml"
    assert (
        "缺少必需的字段定义：amends、expires、interpretation_kind、interprets、superseded_by"
        in (problem.message)
    )
    assert "catalogue/fields.yml 复制" in problem.message
