"""Which cached shard a shard's items were indexed into, found without their documents.

A shard's place in the cache is named by a hash of its documents' fields
(``index.py``), and making those fields reads every field of every item: at
100,000 items that touched the whole catalogue to find the one shard a merge
changed. A caller that fingerprints the items anyway (the page compiler does) can
say so with ``Known``; the memo then maps a hash of a shard's fingerprints, and of
everything else its documents depend on, to the cached shard they were indexed
into. Only a shard the memo does not know has its fields made. Kept beside the
shards (``memo.json``), rewritten when it changes, safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.item import Item
from ..source.store import write_whole

FILE = "memo.json"


@dataclass(frozen=True)
class Known:
    """What the caller knows of the items already: a fingerprint of each (by ``id``) that
    changes whenever a field a document is made of changes, and ``context``, a digest
    of all else a document depends on (the catalogue's names and Markdown settings,
    the code)."""

    context: str
    prints: Mapping[int, bytes]

    def key(self, head: str, items: Iterable[Item]) -> str:
        """The memo's key of a shard of ``items``; ``head`` says how it is indexed (the
        Pagefind version, the search code)."""
        h = hashlib.sha256(f"{head}\0{self.context}\0".encode())
        for one in sorted(self.prints[id(item)] for item in items):
            h.update(one)
        return h.hexdigest()


def load(folder: Path) -> dict[str, str]:
    """The memo in ``folder`` (the search cache): key -> cached shard's name; empty if
    there is none or it cannot be read."""
    with contextlib.suppress(OSError, ValueError):
        found = json.loads((folder / FILE).read_text("utf-8"))
        if isinstance(found, dict) and all(isinstance(v, str) for v in found.values()):
            return found
    return {}


def save(folder: Path, memo: dict[str, str], before: dict[str, str]) -> None:
    """Keep ``memo`` (this build's shards only) unless it is ``before``; written beside
    and renamed, so a reader never sees half of it. One that cannot be written is not."""
    if memo != before:
        write_whole(folder / FILE, json.dumps(memo, sort_keys=True).encode())
