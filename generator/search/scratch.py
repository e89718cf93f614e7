"""Where a shard's documents and Pagefind's output wait while it is indexed."""

from __future__ import annotations

import os

from .shards import Shard


def size_of(shard: Shard) -> int:
    """About how many bytes ``shard``'s documents and Pagefind's output take: text cut
    into pieces is ~8 bytes a character, plus tags, names and ~7 KB of index an item."""
    return sum(8 * len(item.body) + 12_000 for item in shard.items)


def scratch_dir(needed: int) -> str | None:
    """Where documents and Pagefind's output wait: in memory (``/dev/shm``) when it has room.

    Each shard's files are written, indexed and deleted within seconds. On a
    disk file system that costs time: ext4 without a journal (as on the benchmark
    machine) scans past every recently deleted file each time it creates one, and
    the kernel time grew with every shard (14 s of 56 s at 20,000 items). In
    memory it costs nothing. ``None`` is the system's temporary folder.
    """
    try:
        stat = os.statvfs("/dev/shm")
    except (OSError, AttributeError):
        return None
    if stat.f_flag & os.ST_RDONLY or not os.access("/dev/shm", os.W_OK | os.X_OK):
        return None  # some sandboxes mount it read-only or keep it for root
    return "/dev/shm" if stat.f_bavail * stat.f_frsize >= needed else None
