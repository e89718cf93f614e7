"""A cache folder of files named by key, as the page and body-text caches keep them.

Files live under the first two characters of their key (a folder of 100,000
entries is slow to list), are written whole or not at all (a reader, or a
worker writing beside it, never sees half a file), and a cache is pruned to
the keys one build used. Also here: the library versions a cached result
depends on, for the caches' keys, and ``unpickle`` for the caches kept as one pickle.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .collector import collecting


def versions(names: Iterable[str]) -> str:
    """``name version`` per line, ``-`` for one not installed: part of a cache's key."""
    out = []
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} -")
    return "\n".join(out)


def unpickle(data: bytes) -> object:
    """``pickle.loads`` with the garbage collector paused.

    A cache of 100,000 entries is millions of new objects, none of them garbage; the
    collector, run again and again while they arrive, took three times as long as
    the loading itself.
    """
    with collecting(False):
        return pickle.loads(data)


# A cache kept as one file of whole-build entries is rewritten only when more than this
# share of its entries differ from the build's: made anew, or kept and not used.
DRIFT = 0.01


def drifted(new: Mapping[Any, object], old: Mapping[Any, object]) -> bool:
    """Whether a cache file holding ``old`` is worth rewriting with this build's ``new``
    entries: more than ``DRIFT`` of them made anew, or of the file's not asked for.

    At 100,000 items such a file is rewritten in seconds; after a one-item change it
    is not: the changed entry is made again by the next builds until the drift
    passes ``DRIFT`` (any, for a catalogue of under 100 items).
    """
    made = len(new.keys() - old.keys())
    unused = len(old.keys() - new.keys())
    return past_drift(made + unused, len(new))


def past_drift(differing: int, entries: int) -> bool:
    """Whether ``differing`` of a build's ``entries`` is more than ``DRIFT`` of them."""
    return differing > int(entries * DRIFT)


def write_pickle(path: Path, head: bytes, value: object) -> None:
    """``head`` and ``value`` pickled into ``path`` (``write_whole``)."""
    write_whole(path, head + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write_whole(path: Path, data: bytes) -> None:
    """``data`` written beside ``path`` and renamed over it, so a build stopped halfway
    leaves the old file; a cache file that cannot be written is not."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)


class Store:
    """Files by key in ``folder``, each named ``<key><suffix>``; safe to delete."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self._made: set[str] = set()  # key prefixes whose folder this process has made

    def path(self, key: str) -> Path:
        return Path(self.name(key))

    def name(self, key: str) -> str:
        """``path(key)`` as a string: the page cache links 120,000 of them a build, and
        making a ``Path`` for each took longer than linking it."""
        return f"{self.folder}/{key[:2]}/{key}{self.suffix}"

    def has(self, key: str) -> bool:
        return os.path.isfile(self.name(key))  # a Path for each cost more than the stat

    def temporary(self, key: str) -> Path:
        """Where to write the file for ``key`` before ``commit`` moves it into place."""
        path = self.path(key)
        if key[:2] not in self._made:  # once a folder: a build writes 100,000 files here
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(key[:2])
        return path.with_name(f"{path.name}.{os.getpid()}")

    def commit(self, key: str, tmp: Path) -> None:
        os.replace(tmp, self.path(key))

    def entries(self) -> Iterator[os.DirEntry[str]]:
        """Everything in its key-prefix folders (files and temporary files alike); other
        folders (e.g. a part's own cache) are not its own."""
        if not self.folder.is_dir():
            return
        for sub in os.scandir(self.folder):
            if len(sub.name) == 2 and sub.is_dir():
                yield from os.scandir(sub.path)

    def count(self) -> int:
        """How many files it holds (listing is cheap; hashing what to keep is not)."""
        return sum(1 for entry in self.entries() if entry.name.endswith(self.suffix))

    def keep(self, keys: Iterable[str]) -> None:
        """Delete every file but these keys'."""
        wanted = {f"{key}{self.suffix}" for key in keys}
        for entry in self.entries():
            if entry.name not in wanted and entry.is_file():
                os.unlink(entry.path)
