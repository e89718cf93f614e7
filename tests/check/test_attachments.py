"""Attachments: found beside the item (declared or linked), checked, and listed with type and size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID
from generator.check.run import Result
from generator.model.problem import Problem

Write = Callable[..., Path]


def problems_at(result: Result, path: str = "content/cz/x.md") -> list[Problem]:
    return [p for p in result.problems if p.path == path]


def files_of(result: Result, path: str = "content/cz/x.md") -> list[tuple[str, str, str, int]]:
    item = next(i for i in result.items if i.source == path)
    return [(f.path, f.title, f.kind, f.size) for f in item.files]


def test_declared_and_linked_files_are_the_attachments(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    (small / "content/cz/名单.xlsx").write_bytes(b"x" * 2048)
    (small / "content/cz/说明.pdf").write_bytes(b"%PDF-1.4 y")
    front = VALID + "attachments:\n  - file: 名单.xlsx\n    title: 2023年补贴名单\n"
    write_item("cz/x.md", front, "见[说明](说明.pdf)和[名单](名单.xlsx)。\n")
    result = check()
    assert problems_at(result) == []
    assert files_of(result) == [
        ("cz/名单.xlsx", "2023年补贴名单", "Excel 表格", 2048),  # declared, titled, once
        ("cz/说明.pdf", "说明.pdf", "PDF 文档", 10),
    ]


@pytest.mark.parametrize(
    ("name", "declared", "message"),
    [
        ("无此文件.pdf", "无此文件.pdf", "附件「无此文件.pdf」不存在：请把文件放在 content/cz/ 中"),
        ("名 单.pdf", "名 单.pdf", "含有不能用于网址的字符"),
        ("清单#1.pdf", "清单#1.pdf", "含有不能用于网址的字符"),
        ("程序.exe", "程序.exe", "的类型 .exe 不在 catalogue/catalogue.yml 的 attachments 中"),
        ("outside.pdf", "../../outside.pdf", "在 content/ 以外，不会被发布"),
    ],
)
def test_bad_attachments_are_errors_on_the_attachments_line(
    small: Path,
    write_item: Write,
    check: Callable[[], Result],
    name: str,
    declared: str,
    message: str,
) -> None:
    if name != "无此文件.pdf":
        target = small / ("outside.pdf" if declared.startswith("..") else f"content/cz/{name}")
        target.write_bytes(b"%PDF-1.4")
    write_item("cz/x.md", VALID + f"attachments: ['{declared}']\n")
    found = [p for p in problems_at(check()) if p.severity == "error"]
    assert len(found) == 1, [p.format() for p in found]
    assert (found[0].field, found[0].line) == ("attachments", 11)
    assert message in found[0].message


def test_a_file_over_the_limit_must_go_to_git_lfs(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    (small / "content/cz/大表.xlsx").write_bytes(b"\0" * (21 * 2**20))
    write_item("cz/x.md", VALID + "attachments: [大表.xlsx]\n")
    (problem,) = problems_at(check())
    assert problem.severity == "error" and "有 21.0 MB，超过 20 MB" in problem.message
    assert "Git LFS" in problem.message


def test_a_git_lfs_pointer_is_listed_with_its_size_and_warned_about(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    pointer = (
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 73400320\n"
    )
    (small / "content/cz/影像.zip").write_text(pointer, "ascii")
    write_item("cz/x.md", VALID + "attachments: [影像.zip]\n")
    result = check()
    (problem,) = problems_at(result)
    assert result.ok and problem.severity == "warning" and "git lfs pull" in problem.message
    assert files_of(result) == [("cz/影像.zip", "影像.zip", "压缩包", 73400320)]


def test_the_item_page_lists_attachments_with_type_and_size(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    from generator.pages import compile_pages

    (small / "content/cz/名单.xlsx").write_bytes(b"x" * 3 * 1024 * 1024)
    write_item("cz/x.md", VALID + "attachments:\n  - {file: 名单.xlsx, title: 补贴名单}\n")
    pages = {p.path: p.content for p in compile_pages(check().portal())}
    page = pages["items/000014349-2023-00009.md"]
    assert "- [补贴名单](../cz/名单.xlsx)（Excel 表格，3.0 MB）" in page


def test_an_attachments_text_is_read_and_scanned_for_personal_numbers(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    from fixtures.attachments import write_xlsx

    rows = [["姓名", "补贴"], ["某某", "1000"]]
    write_xlsx(small / "content/cz/名单.xlsx", rows, 身份=[["身份证号"], ["11010519491231002X"]])
    write_item("cz/x.md", VALID + "attachments: [名单.xlsx]\n")
    result = check()
    (problem,) = problems_at(result, "content/cz/名单.xlsx")
    assert problem.severity == "error" and problem.message.startswith("（附件中）发现疑似身份证号")
    item = next(i for i in result.items if i.source == "content/cz/x.md")
    assert "某某\t1000" in item.files[0].text


def test_a_damaged_attachment_is_a_warning_and_still_listed(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    (small / "content/cz/细则.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")  # cut short
    write_item("cz/x.md", VALID + "attachments: [细则.pdf]\n")
    result = check()
    (problem,) = problems_at(result, "content/cz/细则.pdf")
    assert result.ok and problem.severity == "warning" and "无法读取" in problem.message
    assert files_of(result)[0][:3] == ("cz/细则.pdf", "细则.pdf", "PDF 文档")


def test_the_demos_attachments_are_what_their_writer_makes(tmp_path: Path) -> None:
    """No binary in the demo that cannot be regenerated (`make demo-attachments`)."""
    from conftest import REPO
    from fixtures.attachments import write_demo

    for written in write_demo(tmp_path):
        committed = REPO / "content/czj/2024-0003" / written.name
        assert committed.read_bytes() == written.read_bytes(), f"{committed} is stale"


def test_a_pull_request_changing_only_an_attachment_has_it_scanned(
    small: Path, write_item: Write
) -> None:
    """Every file in content/ is published, so its text is scanned even when no item
    changes with it (or names it)."""
    from fixtures.attachments import write_pdf
    from generator.check.run import run_changed

    write_item("cz/x.md", VALID + "attachments: [细则.pdf]\n")
    write_pdf(small / "content/cz/细则.pdf", ["联系人手机 13912345678"])
    write_pdf(small / "content/cz/未引用.pdf", ["身份证 11010519491231002X"])
    result = run_changed(small, {"content/cz/细则.pdf", "content/cz/未引用.pdf"})
    found = {p.path: p.message for p in result.errors}
    assert found.keys() == {"content/cz/细则.pdf", "content/cz/未引用.pdf"}
    assert found["content/cz/细则.pdf"].startswith("（附件中）发现疑似手机号")
