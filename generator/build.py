"""Build the site beside the old one and swap at the end.

A failed build (bad content, a theme error, a full disk) leaves the published
``site/`` exactly as it was: citizens never see a half-written portal.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .pipeline import Result


class BuildError(Exception):
    """The site could not be built; the old site is untouched."""


def build_site(root: Path, site_dir: Path, result: Result) -> None:
    """Render ``result`` with MkDocs into ``site_dir``, atomically replacing what is there."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp))
        plugin = config.plugins.get("gongkai")
        if plugin is not None:
            plugin.preloaded = result
        build(config)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(str(exc) or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if site_dir.exists():
        site_dir.rename(old)
    tmp.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
