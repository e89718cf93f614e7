"""The page cache over an earlier site: what stays is exactly the cache's right pages."""

from __future__ import annotations

import os
from pathlib import Path

from generator.plugin.pages import PageCache


def _cached(cache: PageCache, key: str, html: str, tmp_path: Path) -> None:
    page = tmp_path / f"{key}.written.html"
    page.write_text(html, "utf-8")
    cache.store(key, str(page))


def test_only_the_pages_this_build_places_stay_and_the_rest_is_never_written_into(
    tmp_path: Path,
) -> None:
    cache = PageCache(tmp_path / "cache")
    a, b, c = "a" * 64, "b" * 64, "c" * 64
    for key in (a, b, c):
        _cached(cache, key, key[0], tmp_path)
    site = tmp_path / "spare"
    for path, key in (("x/index.html", a), ("y/index.html", b), ("z/index.html", c)):
        (site / path).parent.mkdir(parents=True)
        os.link(cache.files.name(key), site / path)
    (site / "search" / "shard").mkdir(parents=True)
    (site / "search" / "shard" / "words.pf").write_text("旧", "utf-8")
    (site / "x" / "notes.txt").write_text("旧", "utf-8")
    (site / "w").mkdir()
    (site / "w" / "index.html").write_text("一份拷贝", "utf-8")  # not the cache's file

    kept = cache.reuse(str(site))

    assert kept == {f"{site}/x/index.html": a, f"{site}/y/index.html": b,
                    f"{site}/z/index.html": c}  # fmt: skip
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    # everything else is gone; the folders without a page were moved out whole
    assert left == ["x", "x/index.html", "y", "y/index.html", "z", "z/index.html"]
    # This build: x unchanged, y now shows c's page (another key), z is gone.
    pages = [(a, f"{site}/x/index.html"), (c, f"{site}/y/index.html")]
    right = cache.settle(kept, pages)
    assert right == {f"{site}/x/index.html"}
    assert not (site / "y" / "index.html").exists() and not (site / "z").exists()
    cache.place(pages, right)
    assert (site / "y" / "index.html").read_text("utf-8") == "c"
    assert [Path(cache.files.name(k)).read_text("utf-8") for k in (a, b, c)] == ["a", "b", "c"]


def test_the_spares_search_shards_are_set_aside_to_be_taken_again(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache")
    key = "s" * 64
    _cached(cache, key, "检索", tmp_path)
    site = tmp_path / "spare"
    (site / "search" / "2019").mkdir(parents=True)
    os.link(cache.files.name(key), site / "search" / "index.html")
    (site / "search" / "2019" / "pagefind-entry.json").write_text("{}", "utf-8")
    (site / "search" / "shards.json").write_text("{}", "utf-8")
    (site / "data").mkdir()
    aside = tmp_path / "spare.shards"
    (aside / "old").mkdir(parents=True)  # a killed build's: goes first
    folder = (site / "search" / "2019").stat().st_ino

    kept = cache.reuse(str(site), ("search", str(aside)))

    assert kept == {f"{site}/search/index.html": key}
    assert sorted(p.name for p in aside.iterdir()) == ["2019"]
    assert (aside / "2019").stat().st_ino == folder
    assert (aside / "2019" / "pagefind-entry.json").read_text("utf-8") == "{}"
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["search", "search/index.html"]
