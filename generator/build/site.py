"""Build the site beside the old one and swap at the end.

A failed build (bad content, a theme error, a full disk) leaves the published
``site/`` exactly as it was: citizens never see a half-written portal. What
renders the site is passed in, so this knows nothing of MkDocs.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


class BuildError(Exception):
    """The site could not be built; the old site is untouched."""


def build_site(site_dir: Path, render: Callable[[Path], None]) -> None:
    """``render`` into a new folder beside ``site_dir``, then replace ``site_dir`` with it."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        render(tmp)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(str(exc) or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if site_dir.exists():
        site_dir.rename(old)
    tmp.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
