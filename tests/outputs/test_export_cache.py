"""The records' lines kept from one build to the next (outputs/export_cache.py): a rebuild
writes the exports byte for byte as a build without them does, and encodes only what changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from conftest import BUILT, REPO
from generator.build.open_data import write_exports
from generator.check.run import run
from generator.model.item import Portal
from generator.model.layout import export_path
from generator.outputs import export_cache
from generator.outputs.export_cache import ExportCache
from generator.outputs.records import Site
from generator.pages.dates import with_history
from generator.plugin.urls import page_url

BASE = "https://xxgk.example.gov.cn/"


@pytest.fixture(scope="module")
def demo() -> Portal:
    return run(REPO).portal(day=BUILT)


def exports(folder: Path, portal: Portal, cache: Path | None = None) -> dict[str, bytes]:
    """Write the exports into ``folder``; every file's bytes, by path."""
    site = Site(BASE, lambda path: page_url(BASE, path, True), REPO / "content")
    write_exports(folder, portal, site, with_history(portal.history), cache)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The index numbers of the records encoded from here on (not taken from the cache)."""
    seen: list[str] = []
    real = export_cache.encode

    def encode(record: dict[str, Any]) -> str:
        seen.append(record["index_no"])
        return real(record)

    monkeypatch.setattr(export_cache, "encode", encode)
    return seen


def test_a_rebuild_writes_the_same_bytes_and_encodes_nothing(
    demo: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache/exports.pickle"
    plain = exports(tmp_path / "plain", demo)
    assert len(plain) == 2 + 2 * (1 + len(demo.catalogue.departments))  # the schema twice
    assert exports(tmp_path / "first", demo, cache) == plain
    seen = encoded(monkeypatch)
    assert exports(tmp_path / "again", demo, cache) == plain
    assert seen == []
    assert len(ExportCache(cache).old) == len(demo.items)


def revised(portal: Portal) -> Portal:
    """``portal`` with its first item's title changed."""
    first = portal.items[0]
    items = [dataclasses.replace(first, title=first.title + "（修订）"), *portal.items[1:]]
    return dataclasses.replace(portal, items=items)


def test_a_changed_item_alone_is_encoded_and_the_cache_keeps_only_this_builds(
    demo: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_cache, "DRIFT", 0.0)  # any change rewrites the file
    cache = tmp_path / "exports.pickle"
    exports(tmp_path / "first", demo, cache)
    changed = revised(demo)
    plain = exports(tmp_path / "plain", changed)
    seen = encoded(monkeypatch)
    written = exports(tmp_path / "again", changed, cache)
    assert seen == [demo.items[0].index_no]
    assert written == plain
    assert (demo.items[0].title + "（修订）").encode() in written[export_path("csv")]
    assert len(ExportCache(cache).old) == len(demo.items)  # the old record gone, the new in
    assert exports(tmp_path / "third", changed, cache) == plain
    assert seen == [demo.items[0].index_no]  # the third build took it from the file


def test_a_small_change_leaves_the_file_as_it_was(
    demo: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ``DRIFT`` the file is not rewritten: the changed record is encoded each time."""
    monkeypatch.setattr(export_cache, "DRIFT", 0.5)
    cache = tmp_path / "exports.pickle"
    exports(tmp_path / "first", demo, cache)
    before = cache.read_bytes()
    changed = revised(demo)
    plain = exports(tmp_path / "plain", changed)
    seen = encoded(monkeypatch)
    for n in range(2):
        assert exports(tmp_path / f"again{n}", changed, cache) == plain
        assert cache.read_bytes() == before
    assert seen == [demo.items[0].index_no] * 2


def test_a_broken_or_foreign_cache_is_not_used(demo: Portal, tmp_path: Path) -> None:
    plain = exports(tmp_path / "plain", demo)
    cache = tmp_path / "exports.pickle"
    exports(tmp_path / "first", demo, cache)
    data = cache.read_bytes()
    for broken in (b"not a pickle", data[: len(data) // 2], data.replace(b"1\n", b"0\n", 1)):
        cache.write_bytes(broken)
        assert ExportCache(cache).old == {}
        assert exports(tmp_path / "again", demo, cache) == plain
        assert len(ExportCache(cache).old) == len(demo.items)  # written anew
