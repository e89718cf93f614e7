"""Split a Markdown file into YAML front matter and body, keeping line numbers.

Clerks need errors that point at a line, so each top-level key keeps the line
it was written on. Dates stay strings here (PyYAML would otherwise turn
``2017-13-01`` into an exception instead of a message); ``dates.py`` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps or aliases.

    Dates stay text so every date reaches our parser. Aliases (``*a``) are
    refused: no item needs them, and nested ones can blow up memory
    ("billion laughs") in anything that walks the value.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise AliasUsed(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


class AliasUsed(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias")
        self.mark = mark


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SourceError(Exception):
    """The file cannot be read as front matter plus body; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
        return self.body_line + self.body.count("\n", 0, offset)


def decode(data: bytes) -> str:
    """UTF-8 text with any BOM dropped and CRLF made LF, as Windows editors write it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise SourceError(
            0, "这不是文本文件（含二进制内容），请确认文件是用文本编辑器保存的 Markdown"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "；文件看来是 GBK/GB18030 编码，请在编辑器中「另存为 UTF-8」"
        except UnicodeDecodeError:
            pass
        raise SourceError(line, f"文件不是 UTF-8 编码{hint}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str) -> Source:
    """Parse ``---``-fenced YAML front matter and return its entries and the body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(1, "文件应以一行 --- 开头，后接元数据（front matter），再以一行 --- 结束")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise SourceError(1, "元数据没有结束：请在最后一个字段之后加一行 ---")
    yaml_text = "\n".join(lines[1:end])
    try:
        loader = Loader(yaml_text)
    except yaml.reader.ReaderError as exc:
        line = yaml_text.count("\n", 0, exc.position) + 2
        raise SourceError(
            line, f"元数据中有不可见的控制字符（{exc.character!r}），请删除后重新保存"
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError(2, "元数据为空：请填写各字段")
        if not isinstance(node, yaml.MappingNode):
            raise SourceError(2, "元数据应为「字段: 值」的形式，每行一个字段")
        entries: list[Entry] = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            entries.append(Entry(str(key), value, key_node.start_mark.line + 2))
    except RecursionError:
        raise SourceError(
            2, "元数据嵌套过深（括号或缩进层数太多），请改为简单的「字段: 值」"
        ) from None
    except AliasUsed as exc:
        raise SourceError(
            exc.mark.line + 2, "不支持 YAML 引用（& 和 *），请直接写出每个值"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 2
        what = exc.problem or "格式错误"
        raise SourceError(line, f"元数据格式错误（YAML: {what}）；请检查冒号、缩进和引号") from None
    except yaml.YAMLError as exc:
        raise SourceError(2, f"元数据格式错误（YAML: {exc}）") from None
    finally:
        loader.dispose()
    return Source(entries, "\n".join(lines[end + 1 :]), end + 2)
