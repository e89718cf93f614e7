"""Finished search documents kept per shard, so that a re-indexed shard writes only its
changed items' documents.

A shard is re-indexed when one of its items changed; writing its ~2,700 documents
(cutting, conversion, escaping) took 1.8 s of the ~7 s a one-item rebuild spends
on search at 10,000 items. Each shard's documents are kept in one compressed file
beside the shard cache (``<shard key>.documents``), by a key of exactly what a
document is made from, and that file is rewritten, holding the shard's current
documents only, whenever the shard is re-indexed. A file that cannot be read
whole (missing, truncated, corrupt) counts as empty: its documents are written
fresh. Safe to delete.

Measured on one shard's 2,727 documents (22 MB), write / read / size: this file
(zlib level 1) 0.25 / 0.08 s / 5.7 MB; level 6 0.64 s / 4.4 MB; lzma 0.85 /
0.32 s / 3.4 MB; a file per document 0.44 / 0.07 s / 22 MB in 2,727 files
(270,000 at 100,000 items); SQLite, a zlib blob per document, 0.45 / 0.18 s /
12 MB (one changed row 3 ms, but then it needs vacuuming); uncompressed 0.02 /
0.01 s / 22 MB a shard, 0.8 GB at 100,000 items.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from ..source.store import versions
from .document import DocumentFields, fingerprint
from .shards import KEY_PATTERN

SUFFIX = ".documents"
_MAGIC = b"gongkai-documents 1\n"
_KEY = 32  # bytes of a key (sha256)
_LENGTH = struct.Struct("<I")
# What a document is made from beyond its fields and text: OpenCC converts it, and
# Markdown renders a body whose text no page render left (``document``'s ``text=None``).
_LIBRARIES = ("opencc", "markdown", "pymdown-extensions")
_NAME = re.compile(KEY_PATTERN)  # a shard's key


class Documents:
    """Shards' finished documents in ``folder`` (the search cache), each under its key."""

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.salt = f"{code}\n{versions(_LIBRARIES)}\n".encode()

    def key(self, fields: DocumentFields, text: str | None) -> bytes:
        """Exactly what the document is made from: the code and libraries, the item's
        fields and the body text it was given (or none: then it renders the body)."""
        marker = b"\0" if text is None else b"\1" + text.encode("utf-8", "surrogatepass")
        return hashlib.sha256(self.salt + fingerprint(fields) + b"\0" + marker).digest()

    def path(self, shard: str) -> Path:
        return self.folder / f"{shard}{SUFFIX}"

    def load(self, shard: str) -> dict[bytes, bytes]:
        """The documents kept for ``shard`` by key; none if the file is missing or not
        whole (an interrupted write, a damaged disk): they are then written fresh."""
        try:
            raw = zlib.decompress(self.path(shard).read_bytes())
        except (OSError, zlib.error):
            return {}
        if not raw.startswith(_MAGIC):
            return {}
        out: dict[bytes, bytes] = {}
        at = len(_MAGIC)
        while at < len(raw):
            if at + _KEY + _LENGTH.size > len(raw):
                return {}
            key = raw[at : at + _KEY]
            (size,) = _LENGTH.unpack_from(raw, at + _KEY)
            at += _KEY + _LENGTH.size
            if at + size > len(raw):
                return {}
            out[key] = raw[at : at + size]
            at += size
        return out

    def save(self, shard: str, documents: dict[bytes, bytes]) -> None:
        """Keep ``documents`` (all of the shard's, and only those) for ``shard``.

        Written to a temporary file and moved into place, so a reader sees the old
        file or the new one. zlib's fastest level: a shard's 22 MB of documents
        become 5.7 MB in 0.25 s (level 6: 4.4 MB in 0.6 s), and zlib lets the
        other threads run meanwhile.
        """
        parts = [_MAGIC]
        for key, data in documents.items():
            parts += [key, _LENGTH.pack(len(data)), data]
        tmp = self.path(shard).with_name(f"{shard}{SUFFIX}.{os.getpid()}")
        tmp.write_bytes(zlib.compress(b"".join(parts), 1))
        os.replace(tmp, self.path(shard))

    def keep(self, shards: Iterable[str]) -> None:
        """Delete the documents of every shard but these (the shards this build uses),
        and leftovers of interrupted writes."""
        wanted = {f"{shard}{SUFFIX}" for shard in shards}
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            stem, suffix, _ = entry.name.partition(SUFFIX)
            if suffix and _NAME.fullmatch(stem) and entry.name not in wanted and entry.is_file():
                os.unlink(entry.path)
