"""Incremental builds are correct: after any change, the site is the cold build's, byte for byte.

Each test builds the demo portal once to fill the caches, changes something,
builds again with the caches, and compares the whole site with a cold build of
the changed portal (caches deleted first). The number of pages rendered shows
that the second build reused the rest.
"""

from __future__ import annotations

import os
import re
import shutil
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from conftest import edit, gongkai
from sites import assert_same_site, tree

RENDERED = re.compile(r"生成页面：完成 (\d+) 页")
REUSED = re.compile(r"复用页面：完成 (\d+) 页")
COMPILED = re.compile(r"编译页面：完成 (\d+) 组")
ITEM = "content/czj/2021-0001.md"
TITLE = "杭州市下城区区属国有企业2020年度财务情况公告"


@pytest.fixture
def portal(demo_copy: Path) -> Path:
    """A copy of the demo portal, built twice: its caches are full, and the next build
    is made over the first one's site, kept as the spare (``build/site.py``)."""
    build(demo_copy)
    build(demo_copy)
    assert (demo_copy / ".site.spare" / "index.html").is_file()
    return demo_copy


def build(root: Path, site: str = "site") -> tuple[int, int]:
    """``gongkai build`` of ``root`` into ``root/site``: (pages rendered, pages reused)."""
    return build_counting(root, site)[:2]


def build_counting(root: Path, site: str = "site") -> tuple[int, int, int]:
    """``gongkai build``: (pages rendered, pages reused, units of pages compiled)."""
    proc = gongkai("build", "--root", str(root), "--site-dir", str(root / site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rendered, reused = RENDERED.search(proc.stderr), REUSED.search(proc.stderr)
    units = COMPILED.search(proc.stderr)
    assert rendered and reused and units, proc.stderr
    return int(rendered.group(1)), int(reused.group(1)), int(units.group(1))


def cold_build(root: Path) -> Path:
    """The site a build with no cache makes of the portal as it now is."""
    shutil.rmtree(root / ".gongkai-cache")
    _rendered, reused = build(root, "cold")
    assert reused == 0
    return root / "cold"


def written(path: Path) -> tuple[int, int]:
    """Which file is at ``path``, and when it was last written."""
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


def folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def pages_showing(site: Path, text: str) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if text in p.read_text(encoding="utf-8")
    }


def test_a_second_build_of_an_unchanged_portal_renders_nothing(portal: Path) -> None:
    before = tree(portal / "site")
    # The spare's search shards are the cache's: moved into the new site, not linked anew.
    shards = {p.name: p.stat().st_ino for p in (portal / ".site.spare" / "search").iterdir()
              if (p / "pagefind-entry.json").is_file()}  # fmt: skip
    assert shards
    rendered, reused, compiled = build_counting(portal)
    assert (rendered, compiled) == (0, 0) and reused > 100
    assert tree(portal / "site") == before
    assert {name: (portal / "site" / "search" / name).stat().st_ino for name in shards} == shards
    assert [p.name for p in portal.iterdir() if p.name.startswith(".site.")] == [".site.spare"]


def test_one_title_changed_updates_every_page_that_shows_it_and_nothing_else(
    portal: Path,
) -> None:
    showing = pages_showing(portal / "site", TITLE)
    assert len(showing) >= 4  # its page, its column, department and year listings, the home page
    new_title = "区属国有企业2020年度财务情况公告（更正）"
    edit(portal / ITEM, f"title: {TITLE}", f"title: {new_title}")

    rendered, reused, compiled = build_counting(portal)

    assert rendered <= len(showing) + 2  # the pages that show it, not the site
    # its page's, its listings' and the pages counting every item's: not the site's
    assert 4 <= compiled < (rendered + reused) / 4
    site = portal / "site"
    assert pages_showing(site, new_title) >= showing
    assert pages_showing(site, TITLE) == set()
    assert_same_site(site, cold_build(portal))


def test_a_deleted_item_disappears_everywhere(portal: Path) -> None:
    index_no = "33010301--2021--0001"
    page = portal / "site" / "items" / index_no / "index.html"
    assert page.is_file()
    (portal / ITEM).unlink()

    rendered, _ = build(portal)

    site = portal / "site"
    assert rendered < 20
    assert not page.exists()
    assert pages_showing(site, TITLE) == set()
    assert pages_showing(site, index_no) == set()
    assert_same_site(site, cold_build(portal))


def test_a_template_change_rebuilds_every_page(portal: Path) -> None:
    total = sum(build(portal))
    main = portal / "site_config" / "main.html"
    edit(main, "{% block extrahead %}", "{% block extrahead %}<!-- 模板已改 -->")
    texts = {p: written(p) for p in (portal / ".gongkai-cache" / "texts").rglob("*.txt")}
    assert texts

    rendered, reused, compiled = build_counting(portal)

    # the bodies' texts are the same: left as they are, not written again
    assert {p: written(p) for p in texts} == texts

    # the pages' Markdown is what it was: kept, and compiled again only to render it
    assert (rendered, reused, compiled) == (total, 0, 0)
    pages = list((portal / "site").rglob("*.html"))
    assert all("模板已改" in p.read_text(encoding="utf-8") for p in pages)
    assert_same_site(portal / "site", cold_build(portal))


def test_a_catalogue_change_rebuilds_what_shows_it(portal: Path) -> None:
    departments = portal / "catalogue" / "departments.yml"
    text = departments.read_text(encoding="utf-8")
    name = re.search(r"name: (\S*财政局\S*)", text)
    assert name, text[:300]
    showing = pages_showing(portal / "site", name.group(1))
    edit(departments, f"name: {name.group(1)}", "name: 区财政局（更名）")

    rendered, _ = build(portal)

    assert rendered >= len(showing)
    assert pages_showing(portal / "site", "区财政局（更名）") >= showing
    assert_same_site(portal / "site", cold_build(portal))


def pagefind_wrapped(folder: Path, before: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds planned in this process run ``before`` (shell), then Pagefind itself: the
    index is run in a process of its own, which inherits nothing patched here."""
    from generator.search import index

    real = index.pagefind_binary()
    script = folder / "pagefind"
    script.write_text(f'#!/bin/sh\n{before}\nexec "{real}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(index, "pagefind_binary", lambda: script)


def test_a_search_failing_beside_the_pages_fails_the_build_and_leaves_the_site(
    portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-item change builds the search index in a process of its own; its failure is
    the build's, and neither the site nor the folder it wrote in is left changed."""
    from generator.build.site import BuildError, build_site
    from generator.check.run import run
    from generator.model.progress import QUIET
    from generator.plugin.mkdocs_site import render

    ran_in = portal / "search-ran-in"
    fail = f'[ "$1" = --version ] || {{ echo $PPID > "{ran_in}"; echo 检索索引失败（测试） >&2; exit 1; }}'
    pagefind_wrapped(tmp_path, fail, monkeypatch)
    before = tree(portal / "site")
    edit(portal / ITEM, f"title: {TITLE}", "title: 改过的标题")

    with pytest.raises(BuildError, match="检索索引失败（测试）"):  # what `gongkai build` prints
        render_it = partial(render, portal, run(portal, cache=True), QUIET, None)
        build_site(portal / "site", render_it, reuse=True)  # over the spare, as the CLI

    assert int(ran_in.read_text(encoding="utf-8")) != os.getpid()  # beside the pages
    assert tree(portal / "site") == before
    assert [p.name for p in portal.iterdir() if p.name.startswith(".site")] == []


def test_pagefind_beside_the_pages_waits_for_the_open_data(
    portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a merge the search index is run beside the pages, but not beside the process
    writing the open data: together with a Pagefind run, that passed 3 GB at 100,000
    items. The site is still the cold build's."""
    import time

    from generator.build.site import build_site
    from generator.check.run import run
    from generator.model.progress import QUIET
    from generator.plugin import plugin
    from generator.plugin.mkdocs_site import render

    written, indexed = portal / "open-data-written", portal / "index-started"
    real_open_data = plugin.write_open_data

    def slow_open_data(*args: Any, **kwargs: Any) -> Any:
        outputs = real_open_data(*args, **kwargs)
        time.sleep(1.5)  # as at 100,000 items: the search process is ready well before
        written.write_text(str(time.time()), encoding="utf-8")
        return outputs

    monkeypatch.setattr(plugin, "write_open_data", slow_open_data)
    started = f'[ "$1" = --version ] || date +%s.%N > "{indexed}"'
    pagefind_wrapped(tmp_path, started, monkeypatch)
    edit(portal / ITEM, f"title: {TITLE}", "title: 改过的标题")

    render_it = partial(render, portal, run(portal, cache=True), QUIET, None)
    build_site(portal / "site", render_it, reuse=True)

    assert float(indexed.read_text("utf-8")) >= float(written.read_text("utf-8"))
    written.unlink()
    indexed.unlink()
    assert_same_site(portal / "site", cold_build(portal))


def test_open_data_failing_beside_the_nav_fails_the_build_and_leaves_the_site(
    portal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The open data are written in a process of their own; its failure (a full disk)
    is the build's, and the published site stays as it was."""
    from generator.build.site import BuildError, build_site
    from generator.check.run import run
    from generator.model.progress import QUIET
    from generator.plugin import plugin
    from generator.plugin.mkdocs_site import render

    ran_in = portal / "open-data-ran-in"

    def failing(*args: object, **kwargs: object) -> None:
        ran_in.write_text(str(os.getpid()), encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(plugin, "write_open_data", failing)
    before = tree(portal / "site")

    with pytest.raises(BuildError, match="No space left"):
        render_it = partial(render, portal, run(portal, cache=True), QUIET, None)
        build_site(portal / "site", render_it, reuse=True)

    assert int(ran_in.read_text(encoding="utf-8")) != os.getpid()  # beside the nav
    assert tree(portal / "site") == before
    assert [p.name for p in portal.iterdir() if p.name.startswith(".site")] == []


def test_a_changed_body_leaves_its_new_text_for_search_and_drops_the_old(portal: Path) -> None:
    """The page render leaves the new body's text (the search beside it may not have
    needed it yet); the old body's text goes."""
    from generator import search
    from generator.check.run import run
    from generator.search.document import body_text

    def body_of(root: Path) -> tuple[str, search.Texts, str]:
        result = run(root)
        assert result.catalogue is not None
        item = next(i for i in result.items if i.source == ITEM)
        texts = search.Texts(root / search.TEXTS_DIR, search.CODE)
        return item.body, texts, texts.key(item.body, result.catalogue.markdown)

    old_body, texts, old_key = body_of(portal)
    assert texts.get(old_key) is not None
    edit(portal / ITEM, "平均资产负债率64.11%", "平均资产负债率64.12%")

    build(portal)

    new_body, texts, new_key = body_of(portal)
    assert new_body != old_body
    assert texts.get(old_key) is None
    markdown = run(portal).catalogue.markdown  # type: ignore[union-attr]
    assert texts.get(new_key) == body_text(new_body, markdown)


def test_a_cold_build_leaves_the_text_of_every_body(demo_copy: Path) -> None:
    """With no earlier build, the index is built after the pages, from the texts they left:
    each body is converted once (beside the pages, it would convert them again)."""
    from generator import search
    from generator.check.run import run
    from generator.search.document import body_text

    proc = gongkai("build", "--root", str(demo_copy))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.index("生成页面：完成") < proc.stderr.index("检索索引：共")  # after
    portal = run(demo_copy).portal()
    texts = search.Texts(demo_copy / search.TEXTS_DIR, search.CODE)
    markdown = portal.catalogue.markdown
    assert len(portal.items) <= 256  # few enough to be built beside, were there a last build
    for item in portal.items:
        assert texts.get(texts.key(item.body, markdown)) == body_text(item.body, markdown)
    assert not [p for p in demo_copy.iterdir() if p.name.endswith(".search")]


def test_a_build_over_the_spare_keeps_its_right_pages_and_makes_the_cold_builds_site(
    portal: Path,
) -> None:
    spare = portal / ".site.spare"
    unchanged = spare / "items" / "33010301--2023--0002"
    assert (unchanged / "index.html").is_file()
    folder = unchanged.stat().st_ino
    (spare / "stray.txt").write_text("旧", "utf-8")  # not the site's: goes
    (spare / "items" / "stray").mkdir()
    (spare / "items" / "stray" / "index.html").write_text("旧", "utf-8")
    copied = spare / "items" / "33010301--2023--0003" / "index.html"
    text = copied.read_bytes()
    copied.unlink()  # a copy, not the cache's file: replaced, never written into
    copied.write_bytes(text.replace(b"</body>", b"<!-- tampered --></body>"))
    cache = portal / ".gongkai-cache" / "pages"
    before = {p: p.read_bytes() for p in cache.rglob("*.html")}
    edit(portal / ITEM, f"title: {TITLE}", "title: 区属国有企业2020年度财务情况公告（更正）")

    rendered, reused = build(portal)

    site = portal / "site"
    assert 0 < rendered < 20 and reused > 100
    assert (site / "items" / "33010301--2023--0002").stat().st_ino == folder  # reused
    assert not (site / "stray.txt").exists() and not (site / "items" / "stray").exists()
    assert (portal / ".site.spare" / "index.html").is_file()  # the replaced site, kept
    for path, data in before.items():  # nothing written into a cached page
        assert not path.exists() or path.read_bytes() == data, path
    # Once more, unchanged: over the site before the change, whose pages showing the old
    # title are in the cache no longer. They are replaced by the cache's new ones.
    assert build(portal)[0] == 0
    cold = cold_build(portal)
    assert_same_site(site, cold)
    assert folders(site) == folders(cold)
