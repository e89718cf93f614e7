"""Each item's history and the build's date, read from git: the git log is the register.

Only what is committed counts: a file with uncommitted changes has the history of
its last commit, and a file never committed has none. Where there is no git, no
repository or no commit yet, the history is empty and the build goes on without it.

The history is that of the published branch as it moved: ``git log --first-parent``.
A pull request merged with a merge commit is one entry, dated when it was merged,
with the merge's subject line (GitHub: "Merge pull request #12 from …"); the
clerk's commits on the branch are drafts that were never published as such, and
their dates precede the review. A squash merge (the recommended setting) is one
commit whose subject is the pull request's title, so the register reads best.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from ..model.history import Change, Kind
from .git import ChangesError, git_fields, git_output

CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+8")

_COMMIT = "\x1e"  # starts each commit's header in the log; no path or status starts with it

# Settings a user's or system git config could change and that would change the log.
_PINNED = (
    "-c", "log.showRoot=true",  # the first commit lists its files as added
    "-c", "log.follow=false",  # --follow would take the folder for a single file
    "-c", "log.showSignature=false",
    "-c", "log.diffMerges=first-parent",  # what -m means (git >= 2.31; older git ignores it)
)  # fmt: skip


def read_history(root: Path, folder: str = "content") -> dict[str, list[Change]]:
    """Every file now under ``root/folder`` (path relative to ``root``): its commits, newest first.

    One ``git log`` for the whole catalogue, read as it streams; renames are
    followed, so a moved file keeps its history (each change names the path it
    had then). Deleted files are absent. Never raises: without git, outside a
    repository or before the first commit the answer is ``{}``. In a shallow
    clone the history stops at the clone's depth (see ``is_shallow``).
    """
    fields = git_fields(
        root,
        *_PINNED,
        "log",
        "-z",
        "--first-parent",
        "-m",  # the merge's changes against the branch it was merged into
        "--name-status",
        "-M",
        "--relative",  # paths relative to root, which may be a subfolder of the repository
        "--no-color",
        "--encoding=UTF-8",
        f"--format={_COMMIT}%H%x00%ct%x00%s",
        "--",
        folder,
        timeout=1800,  # 100,000 items in 20,000 commits take seconds (benchmarks/history.py)
    )
    try:
        return _replay(fields)
    except ChangesError:
        return {}


def _replay(fields: Iterator[str]) -> dict[str, list[Change]]:
    """Walk the commits from the newest, following each current file back through its renames.

    ``alive`` maps a path as it was at the commit being read to the current path
    of the file it held; ``gone`` holds paths whose older commits belong to
    files that no longer exist (deleted, or replaced by a newer file). A commit's
    entries are all looked up before any is applied, so their order does not matter.
    """
    history: dict[str, list[Change]] = {}
    alive: dict[str, str] = {}
    gone: set[str] = set()
    for date, commit, message, entries in _commits(fields):
        owners: list[tuple[str, str, str, str | None]] = []
        for status, old, new in entries:
            owner = alive.get(new)
            if owner is None and new not in gone and status != "D":
                owner = new  # the newest commit to touch it: the file is there now
                history[new] = []
            if owner is not None and status != "D":
                history[owner].append(Change(date, commit, message, _KINDS[status], new))
            owners.append((status, old, new, owner))
        for status, _old, new, owner in owners:
            if status == "M" and owner is not None:
                alive[new] = owner
            else:  # before this commit the path held another file, or none
                alive.pop(new, None)
                gone.add(new)
        for status, old, _new, owner in owners:
            if status == "R" and owner is not None:
                alive[old] = owner
                gone.discard(old)
    return history


Entry = tuple[str, str, str]  # status (A, M, D or R), path before, path after
_KINDS = {"A": Kind.PUBLISHED, "M": Kind.CHANGED, "R": Kind.RENAMED}


def _commits(fields: Iterator[str]) -> Iterator[tuple[dt.date, str, str, list[Entry]]]:
    """The log's commits: date in China time, hash, subject, and the files it touched."""
    header: list[str] = []
    entries: list[Entry] = []
    for field in fields:
        if field.startswith(_COMMIT):
            if header:
                yield _commit(header, entries)
            header, entries = [field[1:]], []
        elif len(header) < 3:
            header.append(field)
        elif status := field.strip("\n")[:1]:
            path = next(fields, "")
            if status in "RC":  # renamed or copied: the path before, then after
                old, path = path, next(fields, "")
                entries.append(("R", old, path) if status == "R" else ("A", path, path))
            else:  # A, D, or M (T: type changed, and anything else: changed)
                entries.append((status if status in "AD" else "M", path, path))
    if header:
        yield _commit(header, entries)


def _commit(header: list[str], entries: list[Entry]) -> tuple[dt.date, str, str, list[Entry]]:
    commit, timestamp, message = header
    return _china_time(int(timestamp)).date(), commit, message, entries


def _china_time(timestamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, CHINA)


def is_shallow(root: Path) -> bool:
    """Whether ``root`` is in a shallow clone (CI's default), whose history is cut short."""
    try:
        found = git_output(root, "rev-parse", "--is-shallow-repository")
    except ChangesError:
        return False
    return [line.strip() for line in found] == ["true"]


def build_date(root: Path) -> dt.datetime | None:
    """When the build is of: ``SOURCE_DATE_EPOCH`` if set, else the HEAD commit's date.

    Dates computed at build time (an item whose 有效期至 has passed is shown as no
    longer in force) then depend on the commit, not on the day the build ran, and
    two builds of one commit agree. None when neither is known (the caller uses
    today). The time is in China time (UTC+8). A SOURCE_DATE_EPOCH that is not a
    whole number of seconds raises ValueError, as reproducible-builds.org asks.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(f"环境变量 SOURCE_DATE_EPOCH「{epoch}」不是秒数（自 1970 年起的整数）")
        return _china_time(int(epoch))
    try:
        found = git_output(
            root, "-c", "log.showSignature=false", "log", "-1", "--format=%ct", "HEAD"
        )
    except ChangesError:
        return None
    return _china_time(int(found[0])) if found else None
