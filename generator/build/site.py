"""Build the site beside the old one and swap at the end.

A failed build (bad content, a theme error, a full disk) leaves the published
``site/`` exactly as it was: citizens never see a half-written portal. What
renders the site is passed in, so this knows nothing of MkDocs.

With ``reuse``, the replaced site is kept beside as the spare
(``.<site>.spare``), and the next build is rendered over it: at 100,000 items a
site is 135,000 pages in as many folders, and making those folders again took
5 to 14 s of a one-item change (``plugin/pages.py: PageCache.reuse`` keeps the
spare's pages that are still right and removes the rest). Without it, the
replaced site is removed by a process of its own: deleting 3 GB in 120,000
files took a sixth of the time to publish a one-item change. Leftovers of a
removal that did not finish are removed by the next build, and so are the
folders of a build whose process was killed (its half-built site and its search
index beside it).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .background import ASIDE


class BuildError(Exception):
    """The site could not be built; the old site is untouched."""


class Untouched(Exception):
    """``render`` stopped before it wrote anything into its folder (the catalogue has
    errors): a spare it was given stays the spare (it may have removed what a spare
    is rendered over without: anything that is not a cached page)."""


def build_site(site_dir: Path, render: Callable[[Path], None], reuse: bool = False) -> None:
    """``render`` into a folder beside ``site_dir``, then replace ``site_dir`` with it.

    The folder is new, or with ``reuse`` the site before last when there is one
    (``render`` must then make it what it renders, whatever it holds); the replaced
    site is then kept as the next build's spare.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}-{time.time_ns()}"
    spare = site_dir.parent / f".{site_dir.name}.spare"
    shutil.rmtree(tmp, ignore_errors=True)
    if reuse:
        with contextlib.suppress(OSError):  # none, or another build took it first
            spare.rename(tmp)
    try:
        render(tmp)
    except Untouched:
        if not reuse or not _put_back(tmp, spare):
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(str(exc) or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if site_dir.exists():
        site_dir.rename(old)
    tmp.rename(site_dir)
    if reuse and old.exists():
        with contextlib.suppress(OSError):  # another build left a spare meanwhile: keep it
            old.rename(spare)
    left = sorted(site_dir.parent.glob(f".{site_dir.name}.old-*"))
    remove_in_background(left + _abandoned(site_dir))


def _put_back(folder: Path, spare: Path) -> bool:
    """Make ``folder`` the spare again; False if it cannot be (another build left one)."""
    try:
        folder.rename(spare)
    except OSError:
        return False
    return True


def _abandoned(site_dir: Path) -> list[Path]:
    """The folders of builds of ``site_dir`` whose process is gone (killed halfway)."""
    found = []
    for folder in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        pid = folder.name.removeprefix(f".{site_dir.name}.building-").split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            found.append(folder)
    return sorted(found)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def remove_in_background(folders: list[Path]) -> None:
    """Delete ``folders`` in a detached process; the build does not wait for it."""
    if not folders:
        return
    code = (f"import os, shutil, sys\nos.nice({ASIDE})\n"
            "for f in sys.argv[1:]: shutil.rmtree(f, ignore_errors=True)")  # fmt: skip
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, *map(str, folders)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    except OSError:  # no process to spare: delete here
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
