"""MkDocs' build, with pages rendered on every core and kept from one build to the next.

``mkdocs.commands.build.build`` renders page after page, in one process, from
scratch. This runs the same steps with the same events in the same order and
MkDocs' own functions for each page (``_populate_page``, ``_build_page``), so a
page's HTML is exactly what ``mkdocs build`` writes. What differs:

- the pages in the nav are read first, here: every page's nav shows their titles;
- a page whose inputs did not change since an earlier build comes from the page
  cache (``pages.py``), linked into the new site instead of rendered; a generated
  page the compiler kept from the last build is keyed by its Markdown's digest
  and compiled only if it must be rendered (``sources.py``);
- the other pages are rendered by worker processes forked once everything is
  gathered, so they inherit the configuration, files, nav and templates (a
  generated page's Markdown waits packed, ``sources.py``, and each worker
  unpacks the pages it renders); they are
  replaced by fresh forks every ``RENDERS_PER_WORKER`` chunks or so, so that what
  they copied of the parent's memory goes with them;
- each process converts its pages with one Markdown parser, reset between pages
  (``_OneParser``), instead of a new one per page;
- the theme's nav and tabs are rendered once for each set of links they hold
  (``fragments.py``), not once per page;
- pages' canonical URLs are joined without ``urljoin`` where that is the same
  (``canonical.py``), and the build's date is read once, not once per page;
- generated pages outside the nav are set aside before MkDocs makes its nav
  (``_SiteFiles``): MkDocs makes a ``Page`` only of those it renders, and the
  others, linked from the cache, are only found when a rendered page links to
  them. At 100,000 items a one-item change renders a dozen pages of 135,000.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath
from typing import Any

import markdown
import mkdocs.structure.pages
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import (
    File,
    Files,
    InclusionLevel,
    _file_sort_key,
    get_files,
    set_exclusions,
)
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..build.parts import write_manifest
from ..model.part import Part
from ..model.progress import QUIET, Progress
from ..source.collector import collecting
from .canonical import quick_canonical_urls
from .fragments import keep_asset_blocks, keep_nav_fragments, keep_translations
from .pages import PageCache, site_key
from .sources import Sources

log = logging.getLogger("mkdocs.plugins.gongkai")

CHUNK = 64  # pages a worker renders between reports: progress stays live, overhead small
# Chunks a worker renders, on average, before fresh ones are forked in its place. Each
# page a worker renders writes to the parent's objects it inherited (reference counts,
# the Page's fields), and each write copies a 4 KB memory page into the worker: 15 KB a
# page, 1 GB a worker at 100,000 items. A fresh worker starts again from shared memory.
RENDERS_PER_WORKER = 48  # about 3,000 pages; a fork of the parent costs tens of milliseconds


@dataclass
class _Work:
    """What the forked workers inherit: the gathered site and the pages left to render."""

    config: MkDocsConfig
    files: Files
    doc_files: Sequence[File]
    nav: Navigation
    env: Any
    todo: list[tuple[File, str]]  # a page and its cache key
    read: set[str]  # pages already read and converted here (the nav's)
    cache: PageCache
    sources: Sources  # the generated pages' Markdown, given to each as it is rendered


_work: _Work | None = None  # set before forking; a worker reads it, never the parent


def build(
    config: MkDocsConfig,
    cache: PageCache,
    jobs: int,
    progress: Progress = QUIET,
    part: Part | None = None,
    sources: Sources | None = None,
    cleared: Callable[[], dict[str, str]] | None = None,
) -> None:
    """Build the site (or one ``part`` of it) into ``config.site_dir``.

    ``sources`` holds the generated pages' digests (the plugin's); without it every
    page's digest is taken from its Markdown. ``cleared`` gives what
    ``cache.reuse`` of the site folder gives, if the caller cleared it already
    (``mkdocs_site.clear``). MkDocs' errors propagate as in
    ``mkdocs.commands.build.build``.
    """
    try:
        with _one_parser(), quick_canonical_urls(), _one_build_date():
            kept = cleared or partial(cache.reuse, config.site_dir)
            _build(config, cache, jobs, progress, part, sources or Sources(), kept)
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):  # MkDocs logs it and aborts with a word of its own;
            raise Abort(str(exc)) from None  # here the message is what the clerk reads last
        raise


def _build(
    config: MkDocsConfig,
    cache: PageCache,
    jobs: int,
    progress: Progress,
    part: Part | None,
    sources: Sources,
    cleared: Callable[[], dict[str, str]],
) -> None:
    start = time.monotonic()
    with collecting(False):  # the site's objects, all kept to the end (source/collector.py)
        work, fresh = _gather(config, cache, progress, part, sources, cleared)
    config, todo = work.config, work.todo

    rendering = progress.phase("生成页面", len(todo), "页")  # Markdown to HTML, then templates
    global _work
    _work = work
    try:
        for done in _render(len(todo), jobs):
            rendering.advance(done)
    finally:
        _work = None
    rendering.close()
    cache.keep([page_key for _, page_key in fresh + todo])
    config.plugins.on_post_build(config=config)
    log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")


def _gather(
    config: MkDocsConfig,
    cache: PageCache,
    progress: Progress,
    part: Part | None,
    sources: Sources,
    cleared: Callable[[], dict[str, str]],
) -> tuple[_Work, list[tuple[File, str]]]:
    """MkDocs' steps up to rendering: the events, the files, the nav, each page's key;
    the cached pages placed. Returns the work left to render and the pages placed."""
    config = config.plugins.on_config(config)
    # First, an earlier site's pages still in the cache are kept and all else removed
    # (``cleared``): from on_pre_build on, the plugin's processes write into the site
    # (MkDocs' own build empties it after on_pre_build instead).
    kept = cleared()
    config.plugins.on_pre_build(config=config)

    files = _get_files(config, sources.skip)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    files = _SiteFiles(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)

    doc_files = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)
    in_nav = [page.file for page in nav.pages]
    sources.fill(in_nav)
    for file in in_nav:  # their titles are in every page's nav
        assert file.page is not None
        sources.open(file)
        _populate_page(file.page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    keep_nav_fragments(env, nav, files)
    keep_asset_blocks(env, files)
    keep_translations(env, config)

    key = site_key(config, nav)
    every = [*doc_files, *files.aside.values()]
    keys = {file.src_uri: cache.key(key, file, sources.digest(file)) for file in every}
    mine = set(keys)  # a part's pages: every N-th by source path (model.part)
    if part is not None:
        mine = {src for i, src in enumerate(sorted(keys)) if part.takes(i)}
        write_manifest(Path(config.site_dir), part, sorted(keys.items()))
    fresh: list[tuple[File, str]] = []
    todo: list[tuple[File, str]] = []
    for file in every:
        if file.src_uri in mine:
            page_key = keys[file.src_uri]
            # A page the spare holds under its key is cached (its file is the cache's):
            # no stat for it, of 135,000 at 100,000 items.
            right_there = kept.get(file.abs_dest_path) == page_key
            (fresh if right_there or cache.has(page_key) else todo).append((file, page_key))
    # Before anything is written: the earlier site's pages that are not this build's go.
    right = cache.settle(kept, ((page_key, file.abs_dest_path) for file, page_key in fresh))
    for file, _ in todo:  # a page set aside that is not cached after all: MkDocs renders it
        if file.page is None:
            Page(None, file, config)
            doc_files.append(file)
    sources.fill(file for file, _ in todo)  # in this process: each unit compiled once
    _trim()  # the compiled Markdown, now packed, is memory the workers need not share
    files.copy_static_files(inclusion=InclusionLevel.is_included)
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        _build_extra_template(template, files, config, nav)

    reused = progress.phase("复用页面", len(fresh), "页")  # unchanged since an earlier build

    # Linking is the file system's work (threads did not make it faster on ext4).
    places = [(page_key, file.abs_dest_path) for file, page_key in fresh]
    for i in range(0, len(places), CHUNK * 4):
        batch = places[i : i + CHUNK * 4]
        cache.place(batch, right)
        reused.advance(len(batch))
    reused.close()
    read = {f.src_uri for f in in_nav}
    return _Work(config, files, doc_files, nav, env, todo, read, cache, sources), fresh


class _SiteFiles(Files):
    """The site's files, with the generated pages outside the nav set aside (``aside``).

    MkDocs makes a ``Page`` of every documentation file it iterates (the nav does,
    for every page of the site), but a page linked from the page cache needs
    none. A page set aside is still found by path, as every link to it asks
    (``get_file_from_path``: MkDocs' links, and ``links.py``); the engine makes its
    ``Page`` only if it must render it after all. Without a nav in mkdocs.yml,
    MkDocs makes the nav of every page, so nothing is set aside.
    """

    def __init__(self, files: Files, config: MkDocsConfig) -> None:
        in_nav = _nav_paths(config.nav) if config.nav is not None else None
        self.aside: dict[str, File] = {}
        rest: list[File] = []
        for file in files:
            if (
                in_nav is not None
                and file.generated_by is not None
                and file.src_uri not in in_nav
                and file.is_documentation_page()
                and file.inclusion is InclusionLevel.NOT_IN_NAV
            ):
                self.aside[file.src_uri] = file
            else:
                rest.append(file)
        super().__init__(rest)

    def get_file_from_path(self, path: str) -> File | None:
        # A page's links ask this 100 times a page: the path as given first (it is a
        # file's src_uri, as MkDocs normalises them), then as MkDocs normalises it.
        found = self.src_uris.get(path) or self.aside.get(path)
        if found is None:
            uri = PurePath(path).as_posix()
            found = self.src_uris.get(uri) or self.aside.get(uri)
        return found


def _nav_paths(nav: Any) -> set[str]:
    """Every path the nav of mkdocs.yml names (its entries' strings, at any depth)."""
    if isinstance(nav, str):
        return {nav}
    found: set[str] = set()
    for entry in nav.values() if isinstance(nav, dict) else nav:
        found |= _nav_paths(entry)
    return found


def _get_files(config: MkDocsConfig, skip: set[str]) -> Files:
    """MkDocs' ``get_files``, without the files in ``skip`` (paths in docs_dir).

    The items' sources are there: the plugin removes each from the site (an item is
    published at its index number's URL), and making a ``File`` for each of 100,000
    first took seconds. The walk is MkDocs' own, step for step: the same order, the
    same exclusions, and a README.md left out where its folder has an index.md.
    """
    if not skip:
        return get_files(config)
    files: list[File] = []
    conflicting: list[tuple[File, File]] = []
    docs_dir = config["docs_dir"]
    for source_dir, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        relative_dir = os.path.relpath(source_dir, docs_dir)
        prefix = "" if relative_dir == "." else relative_dir.replace(os.sep, "/") + "/"
        dirnames.sort()
        filenames.sort(key=_file_sort_key)
        by_dest: dict[str, File] = {}
        for filename in filenames:
            if prefix + filename in skip:
                continue
            file = File(os.path.join(relative_dir, filename), docs_dir, config["site_dir"],
                        config["use_directory_urls"])  # fmt: skip
            if by_dest.setdefault(file.dest_uri, file) is not file:
                conflicting.append((by_dest[file.dest_uri], file))
            files.append(file)
    set_exclusions(files, config)
    for a, b in conflicting:  # as MkDocs does: the index.md wins over the README.md
        if b.inclusion.is_included() and a.inclusion.is_included():
            log.warning(f"Excluding '{a.src_uri}' from the site because it conflicts with "
                        f"'{b.src_uri}'.")  # fmt: skip
        loser = a if b.inclusion.is_included() else b
        if loser in files:
            files.remove(loser)
    return Files(files)


def _trim() -> None:
    """Hand memory freed inside the heap back to the system (glibc keeps it otherwise)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _render(count: int, jobs: int) -> Iterator[int]:
    """Render pages ``0..count`` of the work, in ``jobs`` processes; yields pages done."""
    chunks = [range(i, min(i + CHUNK, count)) for i in range(0, count, CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        with collecting(True):  # pages are made and dropped one by one
            for chunk in chunks:
                yield _render_chunk(chunk)
        return
    # fork: the workers inherit the gathered site instead of pickling it. Frozen, the
    # inherited objects are left alone by the workers' garbage collector, which would
    # otherwise write to every one of them and so copy the parent's whole memory into
    # each worker (2.5 GB at 10,000 items, and a third of the rendering time).
    gc.collect()
    gc.freeze()
    try:
        # The chunks go in batches, each to a pool of fresh workers (RENDERS_PER_WORKER).
        # A pool of its own, not Pool(maxtasksperchild=): that forks the new workers from
        # a helper thread while this one writes progress, and a fork keeps the locks other
        # threads held (a worker's first warning would wait on stderr's forever). Here every
        # fork is made by this thread, with the last pool's threads ended.
        fork = multiprocessing.get_context("fork")
        batch = jobs * RENDERS_PER_WORKER
        for start in range(0, len(chunks), batch):
            todo = chunks[start : start + batch]
            # A worker makes and drops a page at a time: it collects, paused parent or not.
            with fork.Pool(min(jobs, len(todo)), gc.enable) as pool:
                yield from pool.imap_unordered(_render_chunk, todo)
    finally:
        gc.unfreeze()


def _render_chunk(indices: range) -> int:
    """Read, convert and write some pages, exactly as MkDocs does, and keep each in the cache."""
    work = _work
    assert work is not None
    for i in indices:
        file, page_key = work.todo[i]
        page = file.page
        assert page is not None
        if file.src_uri not in work.read:  # a nav page was read before the fork
            work.sources.open(file)
            _populate_page(page, work.config, work.files)
        _build_page(page, work.config, work.doc_files, work.nav, work.env)
        work.cache.store(page_key, file.abs_dest_path)
        if file.src_uri not in work.read:
            page.markdown = page.content = None  # a worker keeps no page it has written
            work.sources.close(file)
    return len(indices)


@contextlib.contextmanager
def _one_build_date() -> Iterator[None]:
    """Pages made in this block share the date MkDocs gives each (``Page.update_date``).

    ``Page.__init__`` reads the clock and formats the date for every page (1 s at
    100,000 items); MkDocs' own function, called once, gives the same string.
    """
    module: Any = mkdocs.structure.pages
    real = module.get_build_date
    day = real()
    module.get_build_date = lambda: day
    try:
        yield
    finally:
        module.get_build_date = real


class _OneParser:
    """Stands in for the ``markdown`` module where MkDocs makes each page's parser.

    ``Page.render`` builds a new ``markdown.Markdown`` for every page, loading every
    extension again: 0.4 ms a page, 40 s of CPU at 100,000 items. Python-Markdown's
    own way to convert many documents is one instance and ``reset()`` between them
    (a test shows what one page defines reaching the next without it); MkDocs then registers its per-page processors on it, each under a
    fixed name, replacing the previous page's. ``tests/plugin/test_engine.py``
    compares the site with what ``mkdocs build`` writes, file by file.
    """

    def __init__(self) -> None:
        self._parsers: dict[str, markdown.Markdown] = {}

    def Markdown(self, **settings: Any) -> markdown.Markdown:  # named as in the module
        key = repr(sorted(settings.items()))
        parser = self._parsers.get(key)
        if parser is None:
            parser = self._parsers[key] = markdown.Markdown(**settings)
        else:
            parser.reset()
        return parser

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)


@contextlib.contextmanager
def _one_parser() -> Iterator[None]:
    """Pages converted in this block (and in workers forked in it) share one parser."""
    module: Any = mkdocs.structure.pages
    module.markdown = _OneParser()
    try:
        yield
    finally:
        module.markdown = markdown
