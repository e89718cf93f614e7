"""Checked items kept by what they were checked from, so an unchanged file is not read again.

Parsing and checking a file depends on its bytes, its path, the catalogue's
definition (``catalogue/`` and the Markdown configuration in ``mkdocs.yml``)
and the checker's code: together they make the key. What is kept is the item
(with its department and columns by id, bound again to this run's catalogue)
and its problems, but not the problems of its links, which depend on other
files (an attachment deleted since) and are checked again every time.

A file is known unchanged without reading it when its status (size, times, inode)
is the one the last run saw, and it had not changed for a while then: the entry
keeps the body too. At 100,000 items, reading and hashing every file took 3 s of
a one-item change (git's index does the same; a file changed within two seconds
of the last run is read, as git reads a "racily clean" one).

One file, ``.gongkai-cache/check.pickle``, rewritten whole when it differs from
the catalogue's files as they are now by more than ``DRIFT`` of them. Pickle, because the
cache is this machine's own (never restore it from another's build); it is
safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.catalogue import Catalogue
from ..model.item import Item
from ..model.problem import Problem
from ..source.annual import FOLDER as REPORTS
from ..source.store import drifted, past_drift, unpickle, write_pickle

CACHE_FILE = ".gongkai-cache/check.pickle"
FORMAT = b"gongkai-check 2\n"
# A file changed less than this before the last run began is read, whatever its status.
SETTLED_NS = 2_000_000_000
Stat = tuple[int, int, int, int, int]  # size, mtime, ctime (ns), inode, device
# The code a check's outcome depends on: reading, the schema, the rules, the model.
_CODE_DIRS = ("check", "schema", "source", "model", "body")
_PACKAGE = Path(__file__).resolve().parent.parent


def _salt(root: Path) -> bytes:
    h = hashlib.sha256(FORMAT)
    for name in _CODE_DIRS:
        for path in sorted((_PACKAGE / name).glob("*.py")):
            h.update(path.name.encode() + b"\n" + path.read_bytes())
    for path in sorted((root / "catalogue").rglob("*")):
        if path.is_file() and not path.is_relative_to(root / REPORTS):  # no item reads those
            h.update(path.relative_to(root).as_posix().encode() + b"\n" + path.read_bytes())
    config = root / "mkdocs.yml"
    if config.is_file():
        h.update(config.read_bytes())
    return h.digest()


@dataclass
class Entry:
    """One file's outcome: its item's fields (None if it has errors) and its problems."""

    fields: dict[str, Any] | None
    problems: list[Problem]
    body_line: int
    body: str  # from ``body_line`` on: the file need not be read to bind the item


@dataclass
class CheckCache:
    """What the last run found, by key; ``get`` and ``put`` collect this run's for the next."""

    root: Path
    salt: bytes = b""
    old: dict[bytes, Entry] = field(default_factory=dict)
    new: dict[bytes, Entry] = field(default_factory=dict)
    seen: dict[str, tuple[Stat, bytes]] = field(default_factory=dict)  # the last run's
    now: dict[str, tuple[Stat, bytes]] = field(default_factory=dict)  # this run's
    since: int = 0  # when the last run began (ns)
    began: int = field(default_factory=time.time_ns)  # when this one did

    @classmethod
    def open(cls, root: Path) -> CheckCache:
        cache = cls(root, _salt(root))
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                                 AttributeError, ImportError, TypeError):  # fmt: skip
            data = (root / CACHE_FILE).read_bytes()
            if data.startswith(FORMAT):
                kept = unpickle(data[len(FORMAT) :])
                if isinstance(kept, tuple) and [type(x) for x in kept] == [int, bytes, dict, dict]:
                    since, salt, seen, cache.old = kept
                    if salt == cache.salt:  # a status stands for a key made with this salt
                        cache.since, cache.seen = since, seen
        return cache

    def key(self, rel: str, data: bytes) -> bytes:
        return hashlib.sha256(self.salt + rel.encode() + b"\0" + data).digest()

    def known(self, rel: str, status: Stat) -> bytes | None:
        """The key of the file at ``rel`` if its status is the one the last run saw,
        and it had settled by then; None if it must be read."""
        seen = self.seen.get(rel)
        if seen is None or seen[0] != status or status[2] > self.since - SETTLED_NS:
            return None
        return seen[1]

    def saw(self, rel: str, status: Stat, key: bytes) -> None:
        self.now[rel] = (status, key)

    def get(self, key: bytes) -> Entry | None:
        entry = self.old.get(key)
        if entry is not None:
            self.new[key] = entry
        return entry

    def put(self, key: bytes, entry: Entry) -> None:
        self.new[key] = entry

    def save(self) -> None:
        """Keep this run's entries (and only those) for the next run, when they differ
        from the file's by more than ``DRIFT`` (``source/store.py``).

        A key is a hash of everything its entry was made from, so an entry in the file
        is right or unused, never wrong: a file changed since is only checked again
        until the drift has the file rewritten (at 100,000 items that takes seconds).
        """
        if drifted(self.new, self.old) or past_drift(self._stale(), len(self.now)):
            kept = (self.began, self.salt, self.now, self.new)
            write_pickle(self.root / CACHE_FILE, FORMAT, kept)

    def _stale(self) -> int:
        """How many files the file's statuses would have read in vain: changed since, or
        settled by this run but not by the last one (as after a checkout just before)."""
        newly = range(self.since - SETTLED_NS + 1, self.began - SETTLED_NS + 1)
        return sum(1 for rel, seen in self.now.items()
                   if self.seen.get(rel) != seen or seen[0][2] in newly)  # fmt: skip


def entry_of(item: Item | None, problems: list[Problem], body_line: int, body: str) -> Entry:
    """What the cache keeps of a checked file: plain data, the catalogue's objects by id."""
    fields = None
    if item is not None:
        fields = dict(vars(item))
        fields["department"] = item.department.id
        fields["columns"] = [c.id for c in item.columns]
        del fields["body"]  # the entry's own
        del fields["origin"]  # the entry's key
    return Entry(fields, problems, body_line, body)


class Binder:
    """Binds cached items to this run's catalogue: its own department and column objects."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.departments = {d.id: d for d in catalogue.departments}
        self.columns = {c.id: c for c in catalogue.all_columns()}

    def item(self, entry: Entry, key: bytes) -> Item | None:
        """The cached item (its ``origin``: ``key``, the entry's); None if it had errors or
        the catalogue lacks its ids."""
        if entry.fields is None:
            return None
        fields = dict(entry.fields)
        try:
            fields["department"] = self.departments[fields["department"]]
            fields["columns"] = [self.columns[c] for c in fields["columns"]]
        except KeyError:
            return None
        return Item(body=entry.body, origin=key, **fields)
