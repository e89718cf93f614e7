"""Relative links in bodies: a body is scanned for a pattern only if it holds the pattern's string."""

from __future__ import annotations

import pytest

from generator.body import links

BODIES = [
    "见附件：[预算表](files/预算表.xlsx)，[另一条](2023-0002.md#正文)。\n",
    "![图]( <files/图1.png> )\n",
    "   [表]: files/表.pdf\n[说明]:<files/说明.docx>\n",
    '<a HREF = "files/a.pdf">a</a><img src=\'files/b.png\'><A Href="#top">顶</A>\n',
    '<p>见<a href="files/c.pdf">附件</a>。</p>\n',
    "[网站](https://www.gov.cn/) [信](mailto:a@b.cn) [页](/about/) <a href='javascript:x'>x</a>\n",
    "没有任何链接的正文，只有文字。\n\n| 表头 | 表头 |\n| --- | --- |\n| 值 | 值 |\n",
    "公式 a = b，方括号 [注] 与冒号：不成链接。\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_every_match_of_a_pattern_holds_its_string(body: str) -> None:
    for pattern, held in links._PATTERNS:
        for m in pattern.finditer(body):
            assert held in m.group(0), (pattern.pattern, m.group(0))


@pytest.mark.parametrize("body", BODIES)
def test_skipping_patterns_finds_what_scanning_everything_finds(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    skipping = links.relative_links.__wrapped__(body)
    # "" is in every body: no pattern skipped (and the per-body cache passed by)
    monkeypatch.setattr(links, "_PATTERNS", [(pattern, "") for pattern, _ in links._PATTERNS])
    assert skipping == links.relative_links.__wrapped__(body)


def test_the_links_beside_the_item_are_found() -> None:
    targets = [link.target for body in BODIES for link in links.relative_links(body)]
    assert targets == [
        "files/预算表.xlsx", "2023-0002.md#正文", "files/图1.png", "files/表.pdf", "files/说明.docx",
        "files/a.pdf", "files/b.png", "files/c.pdf",
    ]  # fmt: skip
