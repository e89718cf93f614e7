"""Shared fixtures: portals copied into a temporary folder, so tests may break them."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import Result, run

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the small fixture portal (2 departments, 5 items, gov.cn index numbers)."""
    dest = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", dest)
    return dest


@pytest.fixture
def write_item(small: Path) -> Callable[..., Path]:
    """Write an item into the small portal: ``write_item("cz/x.md", front_matter, body)``."""

    def write(rel: str, front: str, body: str = "正文。\n") -> Path:
        path = small / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n\n{body}", encoding="utf-8")
        return path

    return write


@pytest.fixture
def check(small: Path) -> Callable[[], Result]:
    return lambda: run(small)


VALID = """
index_no: 000014349/2023-00009
title: 示例县2023年"三公"经费预算
department: czj
published: 2023-03-01
doc_type: 其他文件
columns: [sgjf]
review:
  reviewer: 李华
  date: 2023-02-28
"""
