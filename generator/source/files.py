"""Files placed without copying their bytes where the file system allows it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(src: str | Path, dst: str | Path) -> None:
    """Hard-link ``src`` at ``dst`` (replacing it), or copy where links are not possible.

    Cached pages, search shards and built parts are placed this way: at 100,000
    items a site is gigabytes, and linking it is free. Nothing writes into such a
    file afterwards; a new version is always a new file.
    """
    try:
        if os.path.lexists(dst):
            os.unlink(dst)
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)
