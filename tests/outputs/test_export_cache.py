"""The records' lines kept from one build to the next (outputs/export_cache.py): a rebuild
writes the exports byte for byte as a build without them does, and encodes only what changed."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import BUILT, REPO
from generator.build.open_data import write_exports
from generator.check.run import run
from generator.model.item import Item, Portal
from generator.model.layout import export_path
from generator.outputs import export_cache
from generator.outputs.export_cache import ExportCache
from generator.outputs.records import Records, Site
from generator.pages.compiled import fingerprints
from generator.pages.dates import with_history
from generator.plugin.urls import page_url
from generator.source import store

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
    monkeypatch.setattr(store, "DRIFT", 0.0)  # any change rewrites the file
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
    monkeypatch.setattr(store, "DRIFT", 0.5)
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
    for broken in (
        b"not a pickle",
        data[: len(data) // 2],
        data.replace(export_cache.FORMAT, b"gongkai-exports 0\n", 1),
    ):
        cache.write_bytes(broken)
        assert ExportCache(cache).old == {}
        assert exports(tmp_path / "again", demo, cache) == plain
        assert len(ExportCache(cache).old) == len(demo.items)  # written anew


def by_prints(folder: Path, portal: Portal, cache: Path, salt: str = "s",
              content: Path = REPO / "content") -> dict[str, bytes]:  # fmt: skip
    """``exports`` as a build writes them: keyed by the items' fingerprints."""
    site = Site(BASE, lambda path: page_url(BASE, path, True), content)
    prints = fingerprints(portal)
    write_exports(folder, portal, site, with_history(portal.history), cache, prints, salt)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_by_fingerprint_a_rebuild_makes_no_record_and_a_change_makes_its_own(
    demo: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "exports.pickle"
    plain = exports(tmp_path / "plain", demo)
    changed = revised(demo)
    plain_changed = exports(tmp_path / "plain2", changed)
    assert by_prints(tmp_path / "first", demo, cache) == plain
    made: list[str] = []
    real = Records.record

    def record(self: Records, item: Item) -> dict[str, Any]:
        made.append(item.index_no)
        return real(self, item)

    monkeypatch.setattr(Records, "record", record)
    assert by_prints(tmp_path / "again", demo, cache) == plain
    assert made == []
    assert by_prints(tmp_path / "third", changed, cache) == plain_changed
    assert made == [demo.items[0].index_no]
    made.clear()
    by_prints(tmp_path / "salted", demo, cache, salt="other catalogue")
    assert len(made) == len(demo.items)  # another catalogue or code: every record made anew


def test_by_fingerprint_a_reference_withdrawn_or_an_attachment_changed_is_made_anew(
    demo: Portal, tmp_path: Path
) -> None:
    cache = tmp_path / "exports.pickle"
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    by_prints(tmp_path / "first", demo, cache, content=content)
    # a referenced item no longer published: the record's reference has no address
    target = next(i for i in demo.items if i.superseded_by).superseded_by[0]
    fewer = dataclasses.replace(demo, items=[i for i in demo.items if i.index_no != target])
    site = Site(BASE, lambda path: page_url(BASE, path, True), content)
    plain = tmp_path / "plain"
    write_exports(plain, fewer, site, with_history(fewer.history))
    got = by_prints(tmp_path / "fewer", fewer, cache, content=content)
    assert got[export_path("json")] == (plain / export_path("json")).read_bytes()
    # an attachment's bytes changed, its item not: the record's SHA-256 follows the file
    item = next(i for i in demo.items if i.files)
    (content / item.files[0].path).write_bytes(b"changed")
    got = by_prints(tmp_path / "attached", demo, cache, content=content)
    assert hashlib.sha256(b"changed").hexdigest().encode() in got[export_path("json")]
