"""Checked items kept by what they were checked from, so an unchanged file is not read again.

Parsing and checking a file depends on its bytes, its path, the catalogue's
definition (``catalogue/`` and the Markdown configuration in ``mkdocs.yml``)
and the checker's code: together they make the key. What is kept is the item
(with its department and columns by id, bound again to this run's catalogue)
and its problems, but not the problems of its links, which depend on other
files (an attachment deleted since) and are checked again every time.

One file, ``.gongkai-cache/check.pickle``, rewritten whole when it differs from
the catalogue's files as they are now by more than ``DRIFT`` of them. Pickle, because the
cache is this machine's own (never restore it from another's build); it is
safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.catalogue import Catalogue
from ..model.item import Item
from ..model.problem import Problem
from ..source.annual import FOLDER as REPORTS
from ..source.store import drifted, unpickle, write_pickle

CACHE_FILE = ".gongkai-cache/check.pickle"
FORMAT = b"gongkai-check 1\n"
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


@dataclass
class CheckCache:
    """What the last run found, by key; ``get`` and ``put`` collect this run's for the next."""

    root: Path
    salt: bytes = b""
    old: dict[bytes, Entry] = field(default_factory=dict)
    new: dict[bytes, Entry] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> CheckCache:
        cache = cls(root, _salt(root))
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                                 AttributeError, ImportError, TypeError):  # fmt: skip
            data = (root / CACHE_FILE).read_bytes()
            if data.startswith(FORMAT):
                old = unpickle(data[len(FORMAT) :])
                cache.old = old if isinstance(old, dict) else {}
        return cache

    def key(self, rel: str, data: bytes) -> bytes:
        return hashlib.sha256(self.salt + rel.encode() + b"\0" + data).digest()

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
        if drifted(self.new, self.old):
            write_pickle(self.root / CACHE_FILE, FORMAT, self.new)


def entry_of(item: Item | None, problems: list[Problem], body_line: int) -> Entry:
    """What the cache keeps of a checked file: plain data, the catalogue's objects by id."""
    fields = None
    if item is not None:
        fields = dict(vars(item))
        fields["department"] = item.department.id
        fields["columns"] = [c.id for c in item.columns]
        del fields["body"]  # the file holds it; the cache need not
        del fields["origin"]  # the entry's key
    return Entry(fields, problems, body_line)


class Binder:
    """Binds cached items to this run's catalogue: its own department and column objects."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.departments = {d.id: d for d in catalogue.departments}
        self.columns = {c.id: c for c in catalogue.all_columns()}

    def item(self, entry: Entry, body: str, key: bytes = b"") -> Item | None:
        """The cached item with ``body`` (its ``origin``: ``key``, the entry's); None if it
        had errors or the catalogue lacks its ids."""
        if entry.fields is None:
            return None
        fields = dict(entry.fields)
        try:
            fields["department"] = self.departments[fields["department"]]
            fields["columns"] = [self.columns[c] for c in fields["columns"]]
        except KeyError:
            return None
        return Item(body=body, origin=key, **fields)
