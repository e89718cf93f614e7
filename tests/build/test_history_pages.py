"""The publication register on the portal: each item's history and 更新记录, from git."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, edit
from gitrepo import ISOLATED, Repo

PAGE = "items/000014349-2024-00002/index.html"  # the 2024 rules, renamed below


def build(root: Path) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | ISOLATED
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(root)],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"


def rows(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    assert body, "no table"
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in body.group(1).split("</tr>")[:-1]]


@pytest.fixture
def register(tmp_path: Path) -> Repo:
    """The small portal in git: published, changed, moved to another folder, changed again."""
    repo = Repo(tmp_path / "portal")
    shutil.copytree(FIXTURES / "small", repo.top, dirs_exist_ok=True)
    repo.commit("初始发布：示例县目录", "2024-03-01 10:00:00 +0800")
    rules = repo.top / "content/cz/rules-2024.md"
    edit(rules, "第一条 为规范", "第一条 为进一步规范")
    repo.commit("财政局：修改专项资金管理办法第一条", "2024-05-06 23:30:00 +0800")
    repo.move("content/cz/rules-2024.md", "content/cz/规章/rules-2024.md")
    repo.commit("财政局：规章移入子文件夹", "2024-06-01 09:00:00 +0800")
    edit(repo.top / "content/cz/规章/rules-2024.md", "提高资金使用效益", "提高财政资金使用效益")
    repo.commit("财政局：措辞修改", "2024-07-01 09:00:00 +0800")
    return repo


def test_an_item_page_shows_its_history_across_a_rename(register: Repo) -> None:
    html = (build(register.top) / PAGE).read_text("utf-8")
    block = re.search(r'<details class="gk-history">(.*?)</details>', html, re.S)
    assert block, "no 发布记录"
    assert "<summary>发布记录（4 条，最近 2024-07-01）</summary>" in block.group(1)
    assert [r[:3] for r in rows(block.group(1))] == [
        ["2024-07-01", "修改", "财政局：措辞修改"],
        ["2024-06-01", "更名或移动", "财政局：规章移入子文件夹"],
        ["2024-05-06", "修改", "财政局：修改专项资金管理办法第一条"],  # 23:30 in China
        ["2024-03-01", "首次发布", "初始发布：示例县目录"],
    ]
    assert rows(block.group(1))[0][3] == f"<code>{register.head()[:7]}</code>"


def test_the_updates_page_lists_the_newest_changes_across_the_catalogue(register: Repo) -> None:
    site = build(register.top)
    pages = sorted(site.glob("updates/**/index.html"), key=lambda p: (len(p.parts), p.parts))
    assert len(pages) > 1  # paginated: the small portal has pages of two
    listed = [row for page in pages for row in rows(page.read_text("utf-8"))]
    assert [r[0] for r in listed] == sorted((r[0] for r in listed), reverse=True)
    assert listed[0][0] == "2024-07-01" and "000014349-2024-00002/" in listed[0][1]
    published = len(list((site / "items").glob("*/index.html")))
    assert len(listed) == published + 3  # every item's first publication, three changes


def test_without_git_the_portal_builds_and_shows_no_history(small: Path) -> None:
    site = build(small)
    assert 'class="gk-history"' not in (site / PAGE).read_text("utf-8")
    assert "暂无记录" in (site / "updates/index.html").read_text("utf-8")
