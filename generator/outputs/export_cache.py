"""Each record's line of catalogue.json and row of catalogue.csv, kept from one build to the next.

Every build writes every published item into the exports. Turning a record into
its JSON text and its CSV row was half of that work; a record is the same from
one build to the next for every item but those that changed, so each record's
two lines are kept under a digest of the record itself (and of the code that
turns a record into text). Nothing a record is made from can be missed: the key
is the record. A record not in the cache is encoded and kept.

Making the record to digest it was the other half. A build that has each item's
fingerprint (``pages/compiled.py``: every field as the build sees it) keys the
lines by that instead, with what else the record is made from (``Records.context``:
addresses, references, date, attachment files) and a salt of the catalogue and the
code (``kept``); only the records of the items missing are made.

One file, ``.gongkai-cache/exports.pickle``, rewritten whole (with this build's
records only) when it differs from the build by more than ``DRIFT`` of the records:
at 100,000 items it is 120 MB, and writing it for a one-item change cost more than
encoding that item on every build until the next rewrite. Pickle, because the
cache is this machine's own (never restore it from another's build); it is safe
to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..source.store import drifted, unpickle, write_pickle
from .catalogue_csv import csv_line
from .catalogue_json import encode
from .records import csv_row

CACHE_FILE = ".gongkai-cache/exports.pickle"
FORMAT = b"gongkai-exports 2\n"
# The code that turns a record into its two lines.
_CODE = ("records.py", "catalogue_json.py", "catalogue_csv.py", "export_cache.py")

Lines = tuple[str, str]  # the record's JSON text and its CSV row, as written


def _salt() -> bytes:
    h = hashlib.sha256(FORMAT + sys.version.encode())
    for name in _CODE:
        h.update(name.encode() + b"\n" + (Path(__file__).parent / name).read_bytes())
    return h.digest()


def _encode(record: dict[str, Any]) -> Lines:
    return encode(record), csv_line(csv_row(record))


class ExportCache:
    """The lines of the records of the previous build (``path``; None: keep nothing)."""

    def __init__(self, path: Path | None, salt: str = "") -> None:
        """``salt``: what else the keys depend on (the compile salt, for ``kept``)."""
        self.path = path
        self.salt = hashlib.blake2b(_salt() + salt.encode(), digest_size=32).digest()
        self.old: dict[bytes, Lines] = {}
        self.new: dict[bytes, Lines] = {}
        if path is None:
            return
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                                 AttributeError, ImportError, TypeError):  # fmt: skip
            data = path.read_bytes()
            if data.startswith(FORMAT + self.salt):
                old = unpickle(data[len(FORMAT) + len(self.salt) :])
                self.old = old if isinstance(old, dict) else {}

    def lines(self, record: dict[str, Any]) -> Lines:
        """The record's JSON text and CSV row: kept, or encoded now."""
        if self.path is None:
            return _encode(record)
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        return self._kept(data, lambda: record)

    def kept(self, made_of: bytes, record: Callable[[], dict[str, Any]]) -> Lines:
        """The lines of the record that ``record`` makes from what ``made_of`` says
        (an item's fingerprint and ``Records.context``): kept, or made and encoded now."""
        if self.path is None:
            return _encode(record())
        return self._kept(made_of, record)

    def _kept(self, made_of: bytes, record: Callable[[], dict[str, Any]]) -> Lines:
        key = hashlib.blake2b(made_of, digest_size=16, key=self.salt).digest()
        found = self.old.get(key) or self.new.get(key)
        if found is None:
            found = _encode(record())
        self.new[key] = found
        return found

    def save(self) -> None:
        """Keep this build's records' lines (and only those) for the next build, if
        the file differs from them by more than ``DRIFT`` (any, for a small catalogue)."""
        if self.path is not None and drifted(self.new, self.old):
            write_pickle(self.path, FORMAT + self.salt, self.new)
