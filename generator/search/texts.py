"""Item bodies as text, kept by what they were made from, so that a body is converted once.

The page renderer converts each body to HTML for the item's page; it leaves the
body's text here, and the search documents read it instead of converting the
body a second time (a quarter of a cold build's work). A body no page render
left here (``mkdocs build`` directly, or a part of a site whose pages another
machine rendered) is converted as before: the text is the same either way.
Kept under a hash of the body, the Markdown configuration and the versions of
the code and libraries that make it; safe to delete.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model.catalogue import MarkdownConfig
from ..source.store import Store, past_drift, versions

TEXTS_DIR = ".gongkai-cache/texts"  # under the portal root
_LIBRARIES = ("markdown", "pymdown-extensions", "mkdocs", "nh3")


class Texts:
    """Body texts by key, in ``folder``."""

    def __init__(self, folder: Path, code: str) -> None:
        self.store = Store(folder, ".txt")
        self.salt = f"{code}\n{versions(_LIBRARIES)}\n"

    def key(self, body: str, markdown: MarkdownConfig) -> str:
        return hashlib.sha256(f"{self.salt}{markdown.key}\n{body}".encode()).hexdigest()

    def get(self, key: str) -> str | None:
        try:
            return self.store.path(key).read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None

    def has(self, key: str) -> bool:
        return self.store.has(key)

    def put(self, key: str, text: str) -> None:
        tmp = self.store.temporary(key)
        tmp.write_text(text, encoding="utf-8")
        self.store.commit(key, tmp)  # workers write at once; a reader sees a whole text or none

    def keep(self, keys: Iterable[str]) -> None:
        """Delete every text but these (the catalogue's bodies as they are now)."""
        self.store.keep(keys)

    def keep_current(self, bodies: Sequence[str], markdown: MarkdownConfig, merge: bool) -> None:
        """Delete every text but those of ``bodies`` (the catalogue's, as they are now).

        After a ``merge`` (few items changed) the texts of the bodies it changed may
        wait, up to ``DRIFT`` of them (``source/store.py``): which ones they are
        takes hashing every body, 1.2 s at 100,000 items, and counting them does not.
        """
        if merge and not past_drift(self.store.count() - len(bodies), len(bodies)):
            return
        self.keep(self.key(body, markdown) for body in bodies)
