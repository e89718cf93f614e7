"""Every checker rule: the clerk is told the file, the line, the field and what to write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID, edit
from generator.check.run import Result
from generator.model.problem import Problem

Write = Callable[..., Path]


def only_error(result: Result, path: str) -> Problem:
    errors = [p for p in result.errors if p.path == path]
    assert len(errors) == 1, [p.format() for p in result.problems]
    return errors[0]


def test_fixture_is_clean(check: Callable[[], Result]) -> None:
    result = check()
    assert result.ok and result.problems == []
    assert len(result.items) == 5


def test_chinese_labels_and_names_are_accepted(check: Callable[[], Result]) -> None:
    item = next(i for i in check().items if i.index_no == "000014349/2024-00002")
    assert item.department.id == "czj"  # 示例县财政局, by full name
    assert [c.id for c in item.columns] == ["czzj"]  # by Chinese name
    assert item.doc_no == "示政办发〔2024〕2号"  # 文号, an alias
    assert item.review is not None and item.review.reviewer == "王明"


def test_defaults_fill_what_is_left_out(check: Callable[[], Result]) -> None:
    item = next(i for i in check().items if i.index_no == "000014350/2024-00002")
    assert (item.form, item.scope, str(item.period), item.status.value) == (
        "主动公开",
        "面向社会",
        "长期公开",
        "有效",
    )


# Each scenario: a change to a valid item, and what the clerk must be told.
SCENARIOS = {
    "missing required field": ('title: 示例县2023年"三公"经费预算', "", "title", 1, "必填"),
    "empty required field": ('title: 示例县2023年"三公"经费预算', "title:", "title", 3, "必填"),
    "unknown field": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nauthor: 张三",
        "",
        7,
        "未知字段「author」",
    ),
    "misspelt field gets a suggestion": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\npublised: 2023-03-01",
        "",
        7,
        "是不是「published」",
    ),
    "same field twice, key and label": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\n标题: 又一个标题",
        "title",
        7,
        "重复填写（第 3 行",
    ),
    "value not among the choices": (
        "doc_type: 其他文件",
        "doc_type: 文件",
        "doc_type",
        6,
        "不是可选值",
    ),
    "traditional spelling of a choice": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nform: 主動公開",
        "form",
        7,
        "是不是「主动公开」",
    ),
    "impossible date": (
        "published: 2023-03-01",
        "published: 2023-13-01",
        "published",
        5,
        "不是一个存在的日期",
    ),
    "not a date": ("published: 2023-03-01", "published: 三月一日", "published", 5, "不是日期"),
    "list where one value is expected": (
        'title: 示例县2023年"三公"经费预算',
        "title: [a, b]",
        "title",
        3,
        "不是列表",
    ),
    "unknown department": (
        "department: czj",
        "department: 县财政",
        "department",
        4,
        "不在目录中；是不是「县财政局」",
    ),
    "unknown column": (
        "columns: [sgjf]",
        "columns: [sgjf, 三公]",
        "columns",
        7,
        "栏目「三公」不在目录中",
    ),
    "no column": ("columns: [sgjf]", "columns: []", "columns", 7, "必填"),
    "index number not following the rule": (
        "index_no: 000014349/2023-00009",
        "index_no: 2023-9",
        "index_no",
        2,
        "000014349/2017-00110",
    ),
    "index number of another department": (
        "index_no: 000014349/2023-00009",
        "index_no: 000014350/2023-00009",
        "index_no",
        2,
        "代码是 000014349",
    ),
    "index number of another year": (
        "index_no: 000014349/2023-00009",
        "index_no: 000014349/2022-00009",
        "index_no",
        2,
        "年份是 2022",
    ),
    "repealed without a date": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nstatus: 已废止",
        "status",
        7,
        "须写明日期",
    ),
    "valid with a date": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nstatus: 有效 2023-01-01",
        "status",
        7,
        "不应有日期",
    ),
    "time-limited without an end": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nperiod: 限时公开",
        "period",
        7,
        "须写明日期",
    ),
    "written after published": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nwritten: 2023-04-01",
        "written",
        7,
        "晚于发布日期",
    ),
    "review without a reviewer": (
        "  reviewer: 李华\n",
        "",
        "review",
        8,
        "审查人 reviewer 和审查日期 date 都要填写",
    ),
    "review after publication": (
        "date: 2023-02-28",
        "date: 2023-03-02",
        "review",
        8,
        "先审查、后公开",
    ),
    "review as one line": (
        "review:\n  reviewer: 李华\n  date: 2023-02-28",
        "review: 李华",
        "review",
        8,
        "应写成两行",
    ),
    "related item that does not exist": (
        "doc_type: 其他文件",
        "doc_type: 其他文件\nrelated: [000014349/1999-00001]",
        "related",
        7,
        "不存在于本目录",
    ),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_rule(scenario: str, write_item: Write, check: Callable[[], Result]) -> None:
    old, new, field, line, words = SCENARIOS[scenario]
    front = VALID.strip()
    assert old in front, "scenario must change the valid item"
    write_item("cz/new.md", front.replace(old, new, 1))
    problem = only_error(check(), "content/cz/new.md")
    assert (problem.field, problem.line) == (field, line), problem.format()
    assert words in problem.message
    text = problem.format()
    assert text.startswith(f"content/cz/new.md:{line}:")
    if field:
        assert f" {field} (" in text


def test_department_must_match_its_folder(write_item: Write, check: Callable[[], Result]) -> None:
    write_item("jy/misplaced.md", VALID)
    problem = only_error(check(), "content/jy/misplaced.md")
    assert (problem.field, problem.line) == ("department", 4)
    assert "请把文件放到 content/cz/" in problem.message


def test_duplicate_index_number_names_both_files(
    write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/a-copy.md", VALID.replace("000014349/2023-00009", "000014349/2023-00001"))
    problem = only_error(check(), "content/cz/budget-2023.md")  # sorted: a-copy.md comes first
    assert "已被 content/cz/a-copy.md 使用" in problem.message
    assert problem.line == 2


def test_every_problem_at_once(write_item: Write, check: Callable[[], Result]) -> None:
    write_item("cz/one.md", VALID.replace("department: czj", "department: nobody"))
    write_item("cz/two.md", VALID.replace("published: 2023-03-01", "published: 2023-02-30"))
    write_item("jy/three.md", "title: [")
    paths = {p.path for p in check().errors}
    assert paths == {"content/cz/one.md", "content/cz/two.md", "content/jy/three.md"}


def test_missing_review_is_a_warning_not_an_error(
    write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/new.md", VALID.split("review:")[0])
    result = check()
    assert result.ok
    [warning] = [p for p in result.problems if p.path == "content/cz/new.md"]
    assert warning.severity == "warning" and warning.field == "review"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "文件是空的"),
        (b"\x00\x01\x02PNG binary", "不是文本文件"),
        ("---\ntitle: 预算\n---\n".encode("gbk"), "GBK"),
        (b"no front matter", "应以一行 --- 开头"),
    ],
)
def test_unreadable_files(
    content: bytes, words: str, small: Path, check: Callable[[], Result]
) -> None:
    (small / "content/cz/bad.md").write_bytes(content)
    problem = only_error(check(), "content/cz/bad.md")
    assert words in problem.message


def test_bom_and_crlf_are_accepted(small: Path, check: Callable[[], Result]) -> None:
    text = "---\n" + VALID.strip() + "\n---\n\n正文。\n"
    (small / "content/cz/win.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = check()
    assert result.ok, [p.format() for p in result.problems]
    assert any(i.source == "content/cz/win.md" for i in result.items)


def test_broken_catalogue_is_reported_with_its_line(
    small: Path, check: Callable[[], Result]
) -> None:
    path = small / "catalogue/departments.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "- id: czj\n  name: 重复\n  code: '1'\n",
        encoding="utf-8",
    )
    result = check()
    assert result.catalogue is None and not result.ok
    [problem] = result.problems
    assert problem.path == "catalogue/departments.yml"
    assert problem.line == 18 and "重复" in problem.message


def test_columns_leads_must_be_departments(small: Path, check: Callable[[], Result]) -> None:
    path = small / "catalogue/columns.yml"
    edit(path, "lead: [jyj]\n  children", "lead: [nobody]\n  children")
    [problem] = check().problems
    assert problem.path == "catalogue/columns.yml" and "nobody" in problem.message


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("见附件：[预算表](files/没有这个文件.xlsx)\n", "「files/没有这个文件.xlsx」不存在"),
        ("![图](../../catalogue/fields.yml)\n", "指向 content/ 以外"),
        ('<a href="../../../etc/passwd">x</a>\n', "指向 content/ 以外"),
        ("[表]: files/missing.pdf\n", "不存在"),
        ("[表](files/" + "长" * 300 + ".pdf)\n", "不存在"),
        ("甲" * 3000 + "[表](files/a\x00b.pdf)\n", "不存在"),  # NUL past the binary sniff
    ],
)
def test_links_must_lead_to_files_in_content(
    body: str, words: str, write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/new.md", VALID, "第一段。\n\n" + body)
    problem = only_error(check(), "content/cz/new.md")
    assert words in problem.message
    # 11 lines of front matter, a blank line, 第一段, a blank line, then the link
    assert problem.line == 15


def test_web_links_and_existing_attachments_pass(
    write_item: Write, check: Callable[[], Result]
) -> None:
    body = (
        "[政府网站](https://www.gov.cn/) [邮件](mailto:a@b.cn) [本页](#一)\n"
        "[预算表](files/2023年部门预算表.csv) [另一条](budget-2023.md)\n"
    )
    write_item("cz/new.md", VALID, body)
    assert check().ok


def test_index_numbers_that_differ_only_in_punctuation_would_share_a_url(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    for item in (small / "content").rglob("*.md"):
        item.unlink()
    cat = small / "catalogue"
    settings = (cat / "catalogue.yml").read_text(encoding="utf-8")
    (cat / "catalogue.yml").write_text(
        settings.replace("{org_code}/{year}", "{org_code}-{year}"), encoding="utf-8"
    )
    deps = (cat / "departments.yml").read_text(encoding="utf-8")
    deps = deps.replace('code: "000014349"', 'code: "33/01"').replace(
        'code: "000014350"', 'code: "33-01"'
    )
    (cat / "departments.yml").write_text(deps, encoding="utf-8")
    front = VALID.replace("000014349/2023-00009", "33/01-2023-00001")
    write_item("cz/a.md", front)
    write_item(
        "jy/b.md", front.replace("33/01-", "33-01-").replace("department: czj", "department: jyj")
    )
    problem = only_error(check(), "content/jy/b.md")
    assert "与 content/cz/a.md 的 33/01-2023-00001 只差标点" in problem.message
    assert (problem.field, problem.line) == ("index_no", 2)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("第一段。\n\n<script>alert(1)</script>\n", 15, "<script> 不安全或不允许，发布时会被删除"),
        ("第一段。\n\n[点我](javascript:alert(1))\n", 15, "javascript: 链接 不安全或不允许"),
        ('第一段。\n\n<p onclick="x()">段落</p>\n', 15, "onclick 属性 不安全或不允许"),
        ("第一段。\n\n<div>\n\n没有闭合的块\n", 15, "<div> 没有闭合"),
    ],
)
def test_unsafe_or_unclosed_html_is_a_warning_with_its_line(
    body: str, line: int, words: str, write_item: Write, check: Callable[[], Result]
) -> None:
    write_item("cz/new.md", VALID, body)
    result = check()
    assert result.ok  # published, cleaned
    warnings = [p for p in result.problems if p.path == "content/cz/new.md"]
    assert any(words in p.message and p.line == line for p in warnings), [
        p.format() for p in warnings
    ]


def test_plain_markdown_and_tables_raise_no_html_warning(
    write_item: Write, check: Callable[[], Result]
) -> None:
    body = '## 一、概况\n\n| 项目 | 金额 |\n| --- | --- |\n| 预算 | 1.2 亿元 |\n\n!!! note "说明"\n\n    单位：万元\n\n<br>\n'
    write_item("cz/new.md", VALID, body)
    assert [p.format() for p in check().problems if p.path == "content/cz/new.md"] == []


def test_a_catalogue_may_declare_fields_of_its_own(small: Path, write_item: Write) -> None:
    fields = small / "catalogue/fields.yml"
    fields.write_text(
        fields.read_text(encoding="utf-8")
        + "\n- key: approval_no\n  label: 审批编号\n  type: text\n  required: true\n  header: true\n"
        "  help: 行政审批的批准文号。\n",
        encoding="utf-8",
    )
    from generator.check.run import run
    from generator.pages import compile_pages

    missing = run(small)
    assert {(p.path, p.field) for p in missing.errors} >= {
        ("content/cz/budget-2023.md", "approval_no")
    }
    for item in (small / "content").rglob("*.md"):
        if item.name != "guide.md":
            text = item.read_text(encoding="utf-8")
            item.write_text(
                text.replace("\n---\n", "\n审批编号: 示审〔2024〕1号\n---\n", 1), encoding="utf-8"
            )
    result = run(small)
    assert result.ok, [p.format() for p in result.problems]
    assert all(i.value("approval_no") == "示审〔2024〕1号" for i in result.items)
    page = next(
        p for p in compile_pages(result.portal()) if p.path == "items/000014349-2023-00001.md"
    )
    assert "<dt>审批编号</dt>" in page.content and "示审〔2024〕1号" in page.content


def test_a_department_alias_names_one_department(small: Path, check: Callable[[], Result]) -> None:
    path = small / "catalogue/departments.yml"
    edit(path, "  short: 县财政局\n", "  short: 县财政局\n  aliases: [财政局]\n")
    assert check().ok
    edit(path, "  short: 县教育局\n", "  short: 县教育局\n  aliases: [财政局]\n")
    result = check()
    assert result.catalogue is None
    [problem] = result.problems
    assert "「财政局」已是部门 czj" in problem.message
