"""libyaml reads front matter as the pure-Python loader does, and its faults get the
pure loader's exact messages."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import REPO
from generator.source import yamlio
from generator.source.frontmatter import WORDS, parse
from generator.source.text import SourceError, decode


def pure(text: str) -> Any:
    return yamlio.read_slowly(
        text, WORDS, 2, 2, lambda loader: loader.construct_document(loader.single_node())
    )


def fast(text: str) -> Any:
    loader = yamlio.FastLoader(text)
    try:
        return loader.construct_document(loader.single_node())
    finally:
        loader.dispose()


def test_libyaml_is_used_where_installed() -> None:
    if yaml.__with_libyaml__:
        assert issubclass(yamlio.FastLoader, yaml.CSafeLoader)


def test_both_loaders_read_every_demo_item_alike() -> None:
    heads = []
    for path in sorted((REPO / "content").rglob("*.md")):
        text = decode(path.read_bytes())
        if text.startswith("---\n") and "\n---" in text[3:]:
            heads.append(text[4 : text.index("\n---", 3)])
    assert len(heads) > 40
    for head in heads:
        assert fast(head) == pure(head)  # dates stay text in both


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("a: &x [1]\nb: *x\n", 3, "不支持 YAML 引用"),
        ("a: [1\nb: 2\n", 3, "元数据格式错误（YAML:"),
        ("a: \x07\n", 2, "不可见的控制字符"),
    ],
)
def test_faults_get_the_pure_loaders_message_and_line(text: str, line: int, says: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse(f"---\n{text}---\n正文\n")
    assert says in caught.value.message and caught.value.line == line
