"""Rendering a checked portal with MkDocs (for ``gongkai build``) and serving it live."""

from __future__ import annotations

import logging
import os
import sys
from functools import partial
from pathlib import Path

from ..build.background import Background
from ..build.site import BuildError
from ..check.run import Result
from ..model.part import Part
from ..model.progress import Progress
from ..search import IndexPlan

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's end-of-life banner

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..check.parallel import jobs
from . import engine
from .pages import CACHE_DIR, SEARCH_DIR, PageCache, spare_shards
from .sources import Sources


def clear(root: Path, part: Part | None, site_dir: Path) -> Background[dict[str, str]]:
    """Start clearing ``site_dir`` (the spare: the site before last) down to its pages
    that are in the page cache, in a process of its own; ``render`` takes it.

    The pages of 135,000 folders are found by walking them (2 to 7 s at 100,000
    items, as the file system's caches are), which needs nothing of the catalogue:
    started before the check, it runs on the core the check leaves idle.
    """
    shards = (SEARCH_DIR, str(spare_shards(site_dir)))  # for the search index to take again
    return Background(partial(_cache(root, part).reuse, str(site_dir), shards))


def _cache(root: Path, part: Part | None) -> PageCache:
    return PageCache(root / CACHE_DIR / part.name if part else root / CACHE_DIR)


def render(
    root: Path,
    result: Result,
    progress: Progress,
    part: Part | None,
    site_dir: Path,
    defer_search: bool = False,
    cleared: Background[dict[str, str]] | None = None,
) -> IndexPlan | None:
    """Render ``result`` (already loaded and checked) with MkDocs into ``site_dir``.

    Pages unchanged since the last build come from the page cache; the rest are
    rendered on every core (``engine``). With ``part``, only that part's pages
    and search shards are written, with the manifest ``gongkai assemble`` reads.
    With ``defer_search``, the search index is returned planned, not run
    (``search.run_index`` runs it), unless it was built beside the pages.
    ``cleared`` is ``clear`` of ``site_dir``, if it was started.
    """
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        plugin = config.plugins.get("gongkai")
        sources = Sources()
        if plugin is not None:
            plugin.preloaded = result
            plugin.progress = progress
            plugin.part = part
            plugin.sources = sources  # it keeps what did not change since the last build
            plugin.defer_search = defer_search
        kept = cleared.result if cleared is not None else None
        engine.build(config, _cache(root, part), jobs(), progress, part, sources, kept)
    except MkDocsException as exc:
        raise BuildError(str(exc) or type(exc).__name__) from None
    return plugin.deferred if plugin is not None else None


def serve(root: Path, dev_addr: str) -> None:
    """A live preview that rebuilds on change; MkDocs' errors become BuildError."""
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        raise BuildError(str(exc)) from None


def log_to_stderr(verbose: bool) -> None:
    """MkDocs' log lines on stderr: warnings only, or everything with ``verbose``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
