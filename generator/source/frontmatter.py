"""Split a Markdown file into YAML front matter and body, keeping line numbers.

Clerks need errors that point at a line, so each top-level key keeps the line
it was written on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..model.text import line_at
from . import yamlio
from .text import SourceError

WORDS = yamlio.Words(
    "元数据中有不可见的控制字符（{char}），请删除后重新保存",
    "元数据嵌套过深（括号或缩进层数太多），请改为简单的「字段: 值」",
    "元数据格式错误（YAML: {problem}）；请检查冒号、缩进和引号", "元数据格式错误（YAML: {error}）",
)  # fmt: skip


@dataclass
class Entry:
    """One top-level front-matter key as written, with the line it is on."""

    key: str
    value: Any
    line: int


@dataclass
class Source:
    entries: list[Entry]
    body: str
    body_line: int  # the line the body starts on

    def line_at(self, offset: int) -> int:
        """The file's line number of a character offset in the body."""
        return line_at(self.body, offset, self.body_line)


def parse(text: str) -> Source:
    """Parse ``---``-fenced YAML front matter and return its entries and the body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(1, "文件应以一行 --- 开头，后接元数据（front matter），再以一行 --- 结束")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise SourceError(1, "元数据没有结束：请在最后一个字段之后加一行 ---")
    entries = yamlio.load("\n".join(lines[1:end]), WORDS, first=2, fallback=2, read=_entries)
    return Source(entries, "\n".join(lines[end + 1 :]), end + 2)


def _entries(loader: Any) -> list[Entry]:
    node = loader.single_node()
    if node is None:
        raise SourceError(2, "元数据为空：请填写各字段")
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(2, "元数据应为「字段: 值」的形式，每行一个字段")
    entries: list[Entry] = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value = loader.construct_object(value_node, deep=True)
        entries.append(Entry(str(key), value, key_node.start_mark.line + 2))
    return entries
