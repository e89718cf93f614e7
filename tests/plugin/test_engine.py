"""`gongkai build` renders on every core and from its cache, and writes what `mkdocs build` writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.plugin import engine
from sites import assert_same_site


def test_the_site_is_the_one_mkdocs_build_makes(tmp_path: Path, demo_copy: Path) -> None:
    root = demo_copy
    # One parser converts page after page (engine._OneParser): what one page defines, a
    # link reference here, must not reach the next, where MkDocs' fresh parser shows text.
    notes = root / "content" / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# 甲\n\n见[指南]。\n\n[指南]: https://example.org/\n", "utf-8")
    (notes / "b.md").write_text("# 乙\n\n见[指南]。\n", "utf-8")
    # A page in the theme's assets folder links its styles otherwise than a page as deep
    # elsewhere (fragments.keep_asset_blocks renders those blocks once per depth).
    (root / "content" / "assets").mkdir(exist_ok=True)
    (root / "content" / "assets" / "notes.md").write_text("# 说明\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--site-dir", str(tmp_path / "ours")],
        capture_output=True, text=True, timeout=300, check=False,
        env=os.environ | {"GONGKAI_JOBS": "1"},  # one process: b.md right after a.md
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "example.org" not in (tmp_path / "ours" / "notes" / "b" / "index.html").read_text(
        "utf-8"
    )
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "mkdocs")],
        cwd=root, capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert_same_site(tmp_path / "ours", tmp_path / "mkdocs")


def test_one_worker_or_several_make_the_same_site(tmp_path: Path, demo_copy: Path) -> None:
    root = demo_copy
    sites = {}
    for jobs in ("1", "3"):
        shutil.rmtree(root / ".gongkai-cache", ignore_errors=True)
        site = tmp_path / f"jobs-{jobs}"
        proc = subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--site-dir", str(site)],
            capture_output=True, text=True, timeout=300, check=False,
            env=os.environ | {"GONGKAI_JOBS": jobs},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        sites[jobs] = site
    assert_same_site(sites["1"], sites["3"])


def test_the_walk_without_some_files_is_mkdocs_walk_without_them(demo_copy: Path) -> None:
    """engine._get_files: MkDocs' files of docs_dir, in its order, minus those skipped,
    with a README.md left out where an index.md is beside it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from generator.plugin.engine import _get_files

    (demo_copy / "content/zfb").mkdir(exist_ok=True)
    (demo_copy / "content/zfb/README.md").write_text("# 说明\n", encoding="utf-8")
    (demo_copy / "content/zfb/index.md").write_text("# 部门\n", encoding="utf-8")
    config = load_config(str(demo_copy / "mkdocs.yml"))
    every = [f.src_uri for f in get_files(config)]
    skip = {uri for uri in every if uri.endswith(".md") and "/20" in uri}
    assert skip and "zfb/index.md" in every and "zfb/README.md" not in every
    ours = [f.src_uri for f in _get_files(config, skip)]
    assert ours == [uri for uri in every if uri not in skip]


def _worker_of(indices: range) -> tuple[int, int]:
    """Stands in for ``_render_chunk``: says which process rendered which chunk."""
    return os.getpid(), indices.start


def test_workers_are_replaced_after_their_share_of_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker's copies of the parent's memory grow with every page it renders; fresh forks
    # start again from shared memory (engine.RENDERS_PER_WORKER chunks each, on average).
    monkeypatch.setattr(engine, "_render_chunk", _worker_of)
    monkeypatch.setattr(engine, "RENDERS_PER_WORKER", 2)
    chunks, jobs = 12, 2
    done: list[Any] = list(engine._render(engine.CHUNK * chunks, jobs))
    starts = sorted(start for _, start in done)
    assert starts == [engine.CHUNK * i for i in range(chunks)]  # every chunk, once
    batch = jobs * 2  # chunks given to one set of workers
    batches: dict[int, set[int]] = {}
    for pid, start in done:
        batches.setdefault(start // engine.CHUNK // batch, set()).add(pid)
    assert len(batches) == chunks // batch
    every = [pid for pids in batches.values() for pid in pids]
    assert len(every) == len(set(every))  # no worker outlives its batch
    assert os.getpid() not in every


def test_the_parent_holds_no_markdown_of_the_pages_the_workers_render(
    tmp_path: Path, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every worker is forked from the parent and shares its memory: the compiled Markdown
    of the pages to render (650 MB at 100,000 items) waits packed, and each page gets it
    back in the worker that renders it (sources.py)."""
    from generator.check.run import run
    from generator.model.progress import QUIET
    from generator.plugin.mkdocs_site import render

    render_pages = engine._render
    held: list[tuple[str, str]] = []
    waiting: list[str] = []

    def rendering(count: int, jobs: int) -> Any:
        work = engine._work
        assert work is not None
        for file, _ in work.todo:
            if file.generated_by is not None and file.src_uri not in work.read:
                waiting.append(file.src_uri)
                if file._content:
                    held.append((file.src_uri, str(file._content)[:60]))
        return render_pages(count, jobs)

    monkeypatch.setattr(engine, "_render", rendering)
    render(demo_copy, run(demo_copy, cache=True), QUIET, None, tmp_path / "site")

    assert len(waiting) > 100 and held == []
    assert "columns/zhinan/index.md" in waiting  # a column's listing, outside the nav
    page = (tmp_path / "site" / "columns" / "zhinan" / "index.html").read_text("utf-8")
    assert '<h1 id="_1">政府信息公开指南</h1>' in page  # rendered from the Markdown it got back
