"""Front matter read with its lines; files as Windows editors and Chinese encodings save them."""

from __future__ import annotations

import pytest

from generator.source.frontmatter import parse
from generator.source.text import SourceError, decode


def test_front_matter_keeps_lines_and_leaves_dates_as_text() -> None:
    source = parse("---\ntitle: 标题\n\npublished: 2017-13-01\n---\n正文\n")
    assert [(e.key, e.value, e.line) for e in source.entries] == [
        ("title", "标题", 2),
        ("published", "2017-13-01", 4),
    ]
    assert source.body == "正文\n"
    assert source.body_line == 6


def test_windows_files_are_accepted_as_they_are() -> None:
    text = decode("\ufeff---\r\ntitle: 标题\r\n---\r\n正文\r\n".encode())
    assert parse(text).entries[0].value == "标题"


def test_gbk_file_is_named_with_the_fix() -> None:
    with pytest.raises(SourceError, match=r"GBK.*另存为 UTF-8"):
        decode("---\ntitle: 财政预算\n---\n".encode("gbk"))


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("title: x\n", 1, "应以一行 --- 开头"),
        ("---\ntitle: x\n", 1, "元数据没有结束"),
        ("---\n---\n正文", 2, "元数据为空"),
        ("---\n- a\n- b\n---\n", 2, "字段: 值"),
        ("---\ntitle: x\nsummary: [a\n---\n", 3, "YAML"),
        ("---\ntitle: x\n  bad: indent\n---\n", 3, "YAML"),
        ("---\ntitle: x\nindex_no: \x1f\n---\n", 3, "控制字符"),
        ("---\nkeywords: " + "[" * 5000 + "]" * 5000 + "\n---\n", 2, "嵌套过深"),
    ],
)
def test_broken_front_matter_points_at_a_line(text: str, line: int, what: str) -> None:
    with pytest.raises(SourceError, match=what) as info:
        parse(text)
    assert info.value.line == line
