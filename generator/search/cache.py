"""Finished shards shared between the cache and the site, and shards no build uses removed."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

from ..source.files import link_or_copy
from .pagefind import ENTRY
from .shards import KEY_PATTERN


def share(src: Path, dst: Path, spare: Path | None = None) -> None:
    """Copy a shard's output between the cache and the site as hard links where possible.

    A shard at 100,000 items is ~15 MB in ~2,300 files; linking is free, copying took
    a tenth of the build. Nothing writes into these files afterwards: a rebuilt shard
    goes to a fresh directory, and MkDocs clears the site by removing files. A site
    that already holds links to this very version (a rebuild into the same site) is
    left as it is: unlinking and linking 2,300 files for nothing, 43 times over, was
    a third of the time to add one item at 100,000. So is ``spare`` (the same shard in
    an earlier site), moved into place: linking 100,000 files and then deleting the
    earlier site's took 3 to 4 s of every one-item change at 100,000 items.
    """
    with contextlib.suppress(OSError):
        if os.path.samefile(src / ENTRY, dst / ENTRY):  # linked, it is the same file
            return
    shutil.rmtree(dst, ignore_errors=True)
    with contextlib.suppress(OSError):
        if spare is not None and os.path.samefile(src / ENTRY, spare / ENTRY):
            spare.rename(dst)
            return
    shutil.copytree(src, dst, copy_function=link_or_copy)


_SHARD_DIR = re.compile(rf"{KEY_PATTERN}(-[0-9a-f]{{16}})?(\.tmp)?")


def prune(folder: Path, keep: set[str]) -> None:
    """Remove the shards in ``folder`` (the index or its cache) that this build did not use.

    Older versions of a shard, shards whose years were packed or cut another way,
    and leftovers of an interrupted build would otherwise pile up. They go after
    the build, not before: ext4 without a journal (as on the benchmark machine)
    will not reuse a just-freed inode and searches past each one, so files made
    just after a mass deletion cost ten times the time. Anything not named like a
    shard (the search page, the manifest) is not touched.
    """
    for path in folder.iterdir():
        if path.is_dir() and path.name not in keep and _SHARD_DIR.fullmatch(path.name):
            shutil.rmtree(path, ignore_errors=True)
