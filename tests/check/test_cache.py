"""The check cache: an unchanged file is not checked again, and the outcome is the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID, edit
from generator.check import cache as cache_module
from generator.check import item as item_module
from generator.check import parallel
from generator.check.cache import CACHE_FILE
from generator.check.run import Result, run
from generator.source import store


def outcome(result: Result) -> tuple[list[str], list[tuple[str, str, str, list[str]]]]:
    problems = [p.format() for p in result.problems]
    items = [
        (i.source, i.title, i.department.name, [c.name for c in i.columns]) for i in result.items
    ]
    return problems, sorted(items)


@pytest.fixture
def no_rechecks(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """After calling it, checking any file in full fails the test."""

    def forbid() -> None:
        def fail(*args: object, **kwargs: object) -> None:
            raise AssertionError("a file unchanged since the last run was checked again")

        monkeypatch.setattr(item_module.Checker, "check_item", fail)

    return forbid


def test_a_second_run_checks_nothing_again_and_finds_the_same(
    small: Path, write_item: Callable[..., Path], no_rechecks: Callable[[], None]
) -> None:
    write_item("cz/broken.md", VALID.replace("2023-00009", "2023-00010").replace("czj", "nope"))
    first, uncached = run(small, cache=True), run(small)
    assert not first.ok and first.items
    assert (small / CACHE_FILE).is_file()
    no_rechecks()
    second = run(small, cache=True)
    assert outcome(second) == outcome(first) == outcome(uncached)
    catalogue = second.catalogue
    assert catalogue is not None
    for item in second.items:  # bound to this run's catalogue, not to copies of it
        assert any(item.department is d for d in catalogue.departments)
        assert all(any(c is k for k in catalogue.all_columns()) for c in item.columns)


def test_a_changed_file_is_checked_again(small: Path) -> None:
    run(small, cache=True)
    edit(small / "content/cz/budget-2023.md", "department: czj", "department: nope")
    assert outcome(run(small, cache=True)) == outcome(run(small))
    assert any("nope" in p.format() for p in run(small, cache=True).problems)


def test_links_are_checked_every_time(small: Path) -> None:
    assert run(small, cache=True).ok
    (small / "content/cz/files/2023年部门预算表.csv").unlink()
    result = run(small, cache=True)
    assert not result.ok
    assert any("2023年部门预算表.csv" in p.format() for p in result.errors)
    assert "content/cz/budget-2023.md" not in {i.source for i in result.items}


def test_a_catalogue_change_checks_everything_again(small: Path) -> None:
    run(small, cache=True)
    departments = small / "catalogue/departments.yml"
    name = next(
        line for line in departments.read_text(encoding="utf-8").splitlines() if "name:" in line
    )
    edit(departments, name, name.replace("财政局", "财政金融局"), count=1)
    result = run(small, cache=True)
    assert outcome(result) == outcome(run(small))
    assert any("财政金融局" in i.department.name for i in result.items)


def test_a_broken_cache_is_ignored(small: Path) -> None:
    first = run(small, cache=True)
    (small / CACHE_FILE).write_bytes(b"gongkai-check 1\n not a pickle")
    assert outcome(run(small, cache=True)) == outcome(first)


def test_files_checked_on_several_cores_give_the_same_outcome(
    small: Path, write_item: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(30):
        write_item(f"cz/many-{n}.md", VALID.replace("2023-00009", f"2023-{100 + n:05}"))
    write_item("cz/broken.md", VALID.replace("2023-00009", "2023-00099").replace("czj", "nope"))
    (small / "content/cz/empty.md").write_text("", encoding="utf-8")
    serial = run(small)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    monkeypatch.setattr(parallel, "CHUNK", 4)
    monkeypatch.setenv("GONGKAI_JOBS", "2")
    assert outcome(run(small, cache=True)) == outcome(serial)
    assert any("文件是空的" in p.format() for p in serial.problems)


def test_the_cache_file_is_rewritten_only_when_what_it_holds_changes(
    small: Path, write_item: Callable[..., Path], no_rechecks: Callable[[], None]
) -> None:
    run(small, cache=True)
    cache = small / CACHE_FILE
    before = cache.stat().st_mtime_ns, cache.read_bytes()
    run(small, cache=True)  # nothing changed: the file already holds this run's entries
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == before
    write_item("cz/new.md", VALID.replace("2023-00009", "2023-00011"))
    third = run(small, cache=True)
    assert cache.read_bytes() != before[1]
    no_rechecks()  # and what was written serves the next run
    assert outcome(run(small, cache=True)) == outcome(third)


def test_a_small_change_leaves_the_file_and_only_the_changed_file_is_checked_again(
    small: Path,
    write_item: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    checked: list[str],
) -> None:
    """Under ``DRIFT`` the file is not rewritten (at 100,000 items that takes seconds):
    the changed file is checked again on each run instead, with the same outcome."""
    for n in range(4):
        write_item(f"cz/many-{n}.md", VALID.replace("2023-00009", f"2023-{100 + n:05}"))
    monkeypatch.setattr(store, "DRIFT", 0.5)
    run(small, cache=True)
    cache = small / CACHE_FILE
    before = cache.read_bytes()
    edit(small / "content/cz/many-0.md", "title: ", "title: 修订：", count=1)
    checked.clear()
    for _ in range(2):
        result = run(small, cache=True)
        assert cache.read_bytes() == before
        assert any(i.title.startswith("修订：") for i in result.items)
    assert checked == ["content/cz/many-0.md"] * 2
    monkeypatch.setattr(store, "DRIFT", 0.0)  # past the drift, the file is written again
    run(small, cache=True)
    assert cache.read_bytes() != before


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files checked in full from here on, by path (clear it to start counting)."""
    found: list[str] = []
    real = item_module.Checker.check_item

    def counted(self: item_module.Checker, file: object, *args: object, **kw: object) -> object:
        found.append(str(getattr(file, "rel", file)))
        return real(self, file, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(item_module.Checker, "check_item", counted)
    return found


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The items' files read from here on, by name."""
    read: list[str] = []
    real = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".md" and "content" in path.parts:
            read.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    return read


def test_a_file_unchanged_since_a_run_it_had_settled_before_is_not_read(
    small: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)  # every file is older than the run
    first = run(small, cache=True)
    reads.clear()
    assert outcome(run(small, cache=True)) == outcome(first)
    assert reads == []  # known by their status alone
    edit(small / "content/cz/budget-2023.md", "title: ", "title: 修订：", count=1)
    third = run(small, cache=True)
    assert set(reads) == {"budget-2023.md"}  # read, then checked
    assert any(i.title.startswith("修订：") for i in third.items)
    assert outcome(third) == outcome(run(small))


def test_a_catalogue_change_checks_even_settled_files_again(
    small: Path, monkeypatch: pytest.MonkeyPatch, checked: list[str]
) -> None:
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)  # every file is older than the run
    first = run(small, cache=True)
    run(small, cache=True)  # from here on, known by their status
    departments = small / "catalogue/departments.yml"
    edit(departments, "财政局", "财政金融局", count=1)
    checked.clear()
    result = run(small, cache=True)
    assert sorted(checked) == sorted(i.source for i in first.items)  # every one, again
    assert outcome(result) == outcome(run(small))


def test_a_file_changed_just_before_a_run_is_read_again_whatever_its_status(
    small: Path, reads: list[str]
) -> None:
    """A file written in the same instant as the run saw it may change again without its
    status showing it (the times' granularity): it is read until it has settled."""
    first = run(small, cache=True)
    reads.clear()
    run(small, cache=True)
    assert first.items and sorted(reads) == sorted(Path(i.source).name for i in first.items)
