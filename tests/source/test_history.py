"""Item history and the build date from git, on repositories made here with fixed dates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.model.history import Change, Kind
from generator.source.history import CHINA, build_date, is_shallow, read_history
from gitrepo import ISOLATED, Repo


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the tests' git nor gongkai's reads the user's or the system's git config."""
    for name, value in ISOLATED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def item(title: str) -> str:
    return (
        f"---\ntitle: {title}\n---\n\n{title}的正文，足够长，改名时 git 认得出是同一个文件。\n" * 3
    )


def summary(changes: list[Change]) -> list[tuple[str, Kind, str, str]]:
    return [(c.date.isoformat(), c.kind, c.message, c.path) for c in changes]


def test_an_item_published_changed_renamed_and_changed_again(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("content/czj/2023-0001.md", item("预算"))
    repo.write("content/czj/2023-0002.md", item("决算"))
    first = repo.commit("发布 2023 年预算", "2024-01-31 23:30:00 +0800")  # late, Beijing time
    repo.write("content/czj/2023-0001.md", item("预算（修订）"))
    repo.commit("更正预算表", "2024-02-29 16:30:00 +0000")  # 00:30 on 1 March in Beijing
    repo.write("content/czj/2023-0001.md", item("预算（再修订）"))
    repo.commit("Fix typo", "2024-03-10 12:00:00 -0500")  # 01:00 on 11 March in Beijing
    repo.move("content/czj/2023-0001.md", "content/发改委/2023-0001.md")
    renamed = repo.commit("移交发改委", "2024-04-01 10:00:00 +0800")
    repo.write("content/发改委/2023-0001.md", item("预算（发改委）"))
    last = repo.commit("发改委补充说明", "2024-05-01 10:00:00 +0800")

    history = read_history(repo.top)

    assert summary(history["content/发改委/2023-0001.md"]) == [
        ("2024-05-01", Kind.CHANGED, "发改委补充说明", "content/发改委/2023-0001.md"),
        ("2024-04-01", Kind.RENAMED, "移交发改委", "content/发改委/2023-0001.md"),
        ("2024-03-11", Kind.CHANGED, "Fix typo", "content/czj/2023-0001.md"),
        ("2024-03-01", Kind.CHANGED, "更正预算表", "content/czj/2023-0001.md"),
        ("2024-01-31", Kind.PUBLISHED, "发布 2023 年预算", "content/czj/2023-0001.md"),
    ]
    changes = history["content/发改委/2023-0001.md"]
    assert [changes[0].commit, changes[1].commit, changes[-1].commit] == [last, renamed, first]
    assert len(first) == 40 and changes[-1].short == first[:7]
    assert summary(history["content/czj/2023-0002.md"]) == [
        ("2024-01-31", Kind.PUBLISHED, "发布 2023 年预算", "content/czj/2023-0002.md")
    ]
    assert set(history) == {"content/发改委/2023-0001.md", "content/czj/2023-0002.md"}


def test_deleted_files_and_files_outside_the_folder_are_absent(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("content/a/gone.md", item("撤回"))
    repo.write("content/a/back.md", item("旧版"))
    repo.write("content/a/kept.md", item("保留"))
    repo.write("catalogue/fields.yml", "[]\n")
    repo.write("README.md", "说明\n")
    repo.commit("初始", "2024-01-01 09:00:00 +0800")
    (repo.top / "content/a/gone.md").unlink()
    (repo.top / "content/a/back.md").unlink()
    repo.commit("撤回两条", "2024-01-02 09:00:00 +0800")
    repo.write("content/a/back.md", item("另一条信息，同一个文件名"))
    repo.commit("同名新信息", "2024-01-03 09:00:00 +0800")

    history = read_history(repo.top)

    assert set(history) == {"content/a/back.md", "content/a/kept.md"}
    assert summary(history["content/a/back.md"]) == [  # the deleted file's commits are not its
        ("2024-01-03", Kind.PUBLISHED, "同名新信息", "content/a/back.md")
    ]
    assert read_history(repo.top, "catalogue")["catalogue/fields.yml"][0].kind is Kind.PUBLISHED


def test_a_new_file_where_a_renamed_one_was(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("content/a/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")
    repo.move("content/a/1.md", "content/b/1.md")
    repo.commit("移到 b", "2024-01-02 09:00:00 +0800")
    repo.write("content/a/1.md", item("完全不同的第二条信息，内容无一相同 " * 5))
    repo.commit("新的 a/1", "2024-01-03 09:00:00 +0800")

    history = read_history(repo.top)

    assert [c.message for c in history["content/b/1.md"]] == ["移到 b", "第一条"]
    assert [c.message for c in history["content/a/1.md"]] == ["新的 a/1"]


def test_a_pull_request_merged_with_a_merge_commit_is_one_entry_the_merge(tmp_path: Path) -> None:
    """The register is the published branch: the merge's date, hash and subject, not the drafts."""
    repo = Repo(tmp_path / "repo")
    repo.write("content/a/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")
    repo.git("checkout", "-q", "-b", "czj/budget")
    repo.write("content/a/2.md", item("草稿"))
    repo.commit("wip", "2024-01-02 09:00:00 +0800")
    repo.write("content/a/2.md", item("第二条"))
    repo.write("content/a/1.md", item("第一条（修订）"))
    repo.commit("按审核意见修改", "2024-01-03 09:00:00 +0800")
    repo.git("checkout", "-q", "main")
    repo.write("content/a/3.md", item("第三条"))  # main moved on meanwhile
    repo.commit("第三条", "2024-01-04 09:00:00 +0800")
    repo.git(
        "merge", "-q", "--no-ff", "czj/budget", "-m", "Merge pull request #12 from czj/budget",
        date="2024-01-05 09:00:00 +0800",
    )  # fmt: skip
    merge = repo.head()

    history = read_history(repo.top)

    assert summary(history["content/a/2.md"]) == [
        ("2024-01-05", Kind.PUBLISHED, "Merge pull request #12 from czj/budget", "content/a/2.md")
    ]
    assert history["content/a/2.md"][0].commit == merge
    assert [c.message for c in history["content/a/1.md"]] == [
        "Merge pull request #12 from czj/budget",
        "第一条",
    ]
    assert [c.message for c in history["content/a/3.md"]] == ["第三条"]


def test_only_what_is_committed(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("content/a/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")
    repo.write("content/a/1.md", item("未提交的修改"))
    repo.write("content/a/2.md", item("未提交的新文件"))
    repo.git("add", "content/a/2.md")

    assert {path: len(changes) for path, changes in read_history(repo.top).items()} == {
        "content/a/1.md": 1
    }


def test_a_portal_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("content/other.md", item("仓库根目录下的另一个 content/"))
    repo.write("门户/content/czj/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")
    repo.move("门户/content/czj/1.md", "门户/content/fgw/1.md")
    repo.commit("移交", "2024-01-02 09:00:00 +0800")

    history = read_history(repo.top / "门户")

    assert summary(history["content/fgw/1.md"]) == [
        ("2024-01-02", Kind.RENAMED, "移交", "content/fgw/1.md"),
        ("2024-01-01", Kind.PUBLISHED, "第一条", "content/czj/1.md"),
    ]
    assert set(history) == {"content/fgw/1.md"}


def test_the_user_git_config_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings that change git log's output are pinned (non-ASCII paths stay unquoted)."""
    repo = Repo(tmp_path / "repo")
    repo.write("content/财政局/预算.md", item("预算"))
    repo.commit("发布预算", "2024-01-01 09:00:00 +0800")
    repo.move("content/财政局/预算.md", "content/财政局/2024年预算.md")
    repo.commit("改名", "2024-01-02 09:00:00 +0800")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("content/财政局/2024年预算.md", item("预算（修订）"))
    repo.commit("修订", "2024-01-03 09:00:00 +0800")
    repo.git("checkout", "-q", "main")
    repo.write("content/财政局/决算.md", item("决算"))
    repo.commit("决算", "2024-01-04 09:00:00 +0800")
    repo.git("merge", "-q", "--no-ff", "pr", "-m", "合并", date="2024-01-05 09:00:00 +0800")
    expected = read_history(repo.top)
    config = tmp_path / "gitconfig"
    config.write_text(
        "[core]\n quotePath = true\n[color]\n ui = always\n"
        "[diff]\n renames = false\n relative = false\n"
        "[log]\n follow = true\n showRoot = false\n diffMerges = combined\n abbrevCommit = true\n"
        "[i18n]\n logOutputEncoding = GB18030\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))

    assert read_history(repo.top) == expected
    assert [c.path for c in expected["content/财政局/2024年预算.md"]] == [
        "content/财政局/2024年预算.md",
        "content/财政局/2024年预算.md",
        "content/财政局/预算.md",
    ]


def test_no_history_without_a_repository_commits_or_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    (plain / "content").mkdir(parents=True)
    empty = Repo(tmp_path / "empty")
    (empty.top / "content").mkdir()
    for root in (plain, empty.top, tmp_path / "missing"):
        assert read_history(root) == {}
        assert build_date(root) is None
        assert is_shallow(root) is False

    repo = Repo(tmp_path / "repo")
    repo.write("content/a/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")
    assert read_history(repo.top)
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert shutil.which("git") is None
    assert read_history(repo.top) == {}
    assert build_date(repo.top) is None
    assert is_shallow(repo.top) is False


def published_then_revised(top: Path) -> Repo:
    """One item committed, then revised in the work tree (staged, not yet committed)."""
    repo = Repo(top)
    repo.write("content/a/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")
    repo.write("content/a/1.md", item("第一条（修订）"))
    repo.git("add", "-A")
    return repo


def test_a_shallow_clone_is_detected(tmp_path: Path) -> None:
    repo = published_then_revised(tmp_path / "repo")
    repo.commit("修订", "2024-01-02 09:00:00 +0800")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone))

    assert is_shallow(clone) is True
    assert is_shallow(repo.top) is False
    assert summary(read_history(clone)["content/a/1.md"]) == [  # cut short: why the build warns
        ("2024-01-02", Kind.PUBLISHED, "修订", "content/a/1.md")
    ]


def test_build_date_is_the_head_commit_committer_date(tmp_path: Path) -> None:
    repo = published_then_revised(tmp_path / "repo")
    authored = "2020-06-01 12:00:00 +0800"  # committed 00:30 on 1 March 2024 in Beijing
    repo.git("commit", "-q", "-m", "修订", "--date", authored, date="2024-02-29 16:30:00 +0000")
    (repo.top / "content/a/1.md").write_text("未提交", encoding="utf-8")

    when = build_date(repo.top)

    assert when == dt.datetime(2024, 3, 1, 0, 30, tzinfo=CHINA)
    assert when is not None and when.utcoffset() == dt.timedelta(hours=8)
    assert when.date() == dt.date(2024, 3, 1)
    assert build_date(repo.top) == when  # two builds of one commit agree


def test_build_date_from_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("content/a/1.md", item("第一条"))
    repo.commit("第一条", "2024-01-01 09:00:00 +0800")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709224200")  # 2024-02-29 16:30 UTC
    assert build_date(repo.top) == dt.datetime(2024, 3, 1, 0, 30, tzinfo=CHINA)
    assert build_date(tmp_path) == dt.datetime(2024, 3, 1, 0, 30, tzinfo=CHINA)  # no repo needed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")  # set but empty: as if unset
    assert build_date(repo.top) == dt.datetime(2024, 1, 1, 9, 0, tzinfo=CHINA)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2024-03-01")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_date(repo.top)
