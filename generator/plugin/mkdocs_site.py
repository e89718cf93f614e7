"""Rendering a checked portal with MkDocs (for ``gongkai build``) and serving it live."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

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
from .pages import CACHE_DIR, PageCache
from .sources import Sources


def render(
    root: Path,
    result: Result,
    progress: Progress,
    part: Part | None,
    site_dir: Path,
    defer_search: bool = False,
) -> IndexPlan | None:
    """Render ``result`` (already loaded and checked) with MkDocs into ``site_dir``.

    Pages unchanged since the last build come from the page cache; the rest are
    rendered on every core (``engine``). With ``part``, only that part's pages
    and search shards are written, with the manifest ``gongkai assemble`` reads.
    With ``defer_search``, the search index is returned planned, not run
    (``search.run_index`` runs it), unless it was built beside the pages.
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
        cache = root / CACHE_DIR / part.name if part else root / CACHE_DIR
        engine.build(config, PageCache(cache), jobs(), progress, part, sources)
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
