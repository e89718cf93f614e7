"""`gongkai check --changed-since REV`: a pull request's check, fast on a large catalogue."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import VALID, edit, gongkai


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(small: Path) -> Path:
    """The small portal as a git repository, with one broken item already on main."""
    (small / "content/jy/old-broken.md").write_text(
        "---\ntitle: 早已存在的问题\n---\n", encoding="utf-8"
    )
    git(small, "init", "-q", "-b", "main")
    git(small, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(small, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "main")
    return small


def test_nothing_changed(repo: Path) -> None:
    proc = gongkai("check", "--changed-since", "HEAD", "--root", str(repo))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout == ""  # the old broken item is not this change's business


def test_only_changed_items_are_checked_fully(repo: Path) -> None:
    path = repo / "content/cz/budget-2023.md"
    edit(path, "2023-02-15", "2023-02-30")
    proc = gongkai("check", "--changed-since", "HEAD", "--root", str(repo))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "content/cz/budget-2023.md:6: published (发布日期): 「2023-02-30」不是一个存在的日期（请核对年、月、日）"
    ]


def test_a_new_item_reusing_a_number_is_caught(repo: Path) -> None:
    (repo / "content/cz/new.md").write_text(
        "---\n"
        + VALID.strip().replace("000014349/2023-00009", "000014349/2023-00001")
        + "\n---\n正文\n",
        encoding="utf-8",
    )  # untracked, as a clerk's new file is before `git add`
    proc = gongkai("check", "--changed-since", "HEAD", "--format", "github", "--root", str(repo))
    assert proc.returncode == 1
    assert proc.stdout.strip() == (
        "::error file=content/cz/new.md,line=2,title=index_no (信息索引号)::索引号 000014349/2023-00001 "
        "已被 content/cz/budget-2023.md 使用；索引号必须全目录唯一，请用 gongkai new 取下一个空号"
    )


def test_two_branches_allocating_the_same_number_fail_on_the_merged_result(repo: Path) -> None:
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    for branch in ("a", "b"):
        git(repo, "checkout", "-q", "-b", branch, "main")
        new = gongkai("new", "--root", str(repo), "--department", "czj", "--column", "czyjs",
                      "--title", f"分支 {branch}", "--reviewer", "李华", "--date", "2024-06-01")  # fmt: skip
        path = Path(new.stdout.strip())
        (repo / path).rename(repo / path.with_name(f"{branch}.md"))  # different files, same number
        git(repo, *env, "add", ".")
        git(repo, *env, "commit", "-qm", branch)
    git(repo, "checkout", "-q", "main")
    git(repo, *env, "merge", "-q", "a")
    git(repo, *env, "merge", "-q", "b", "-m", "merge b")
    proc = gongkai("check", "--changed-since", "HEAD~2", "--root", str(repo))
    assert proc.returncode == 1
    assert (
        "content/cz/b.md:3: index_no (信息索引号): 索引号 000014349/2024-00003 已被 content/cz/a.md 使用"
        in proc.stdout
    )


def test_deleting_a_referenced_item_breaks_the_reference(repo: Path) -> None:
    (repo / "content/cz/rules-2021.md").unlink()
    proc = gongkai("check", "--changed-since", "HEAD", "--root", str(repo))
    assert proc.returncode == 1
    assert (
        "content/cz/rules-2024.md:10: related (相关信息): 相关信息 000014349/2021-00003 不存在于本目录"
        in proc.stdout
    )


def test_a_catalogue_change_checks_everything(repo: Path) -> None:
    cat = repo / "catalogue/catalogue.yml"
    edit(cat, "page_size: 2", "page_size: 3")
    proc = gongkai("check", "--changed-since", "HEAD", "--root", str(repo))
    assert proc.returncode == 1 and "content/jy/old-broken.md" in proc.stdout


def test_personal_data_in_a_changed_attachment(repo: Path) -> None:
    (repo / "content/cz/files/名单.txt").write_text("联系人 13812345678\n", encoding="utf-8")
    proc = gongkai("check", "--changed-since", "HEAD", "--root", str(repo))
    assert proc.returncode == 1 and "content/cz/files/名单.txt:1:" in proc.stdout


@pytest.mark.parametrize("rev", ["no-such-branch", "--output=x"])
def test_a_revision_git_does_not_know_is_misuse(repo: Path, rev: str) -> None:
    proc = gongkai("check", f"--changed-since={rev}", "--root", str(repo))
    assert proc.returncode == 2 and "无法确定" in proc.stderr
    assert "Traceback" not in proc.stderr
