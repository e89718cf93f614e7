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
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from ..model.catalogue import MarkdownConfig

TEXTS_DIR = ".gongkai-cache/texts"  # under the portal root
_LIBRARIES = ("markdown", "pymdown-extensions", "mkdocs", "nh3")


def _versions() -> str:
    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} -")
    return "\n".join(out)


class Texts:
    """Body texts by key, in ``folder``."""

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.salt = f"{code}\n{_versions()}\n"

    def key(self, body: str, markdown: MarkdownConfig) -> str:
        return hashlib.sha256(f"{self.salt}{markdown.key}\n{body}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.txt"

    def get(self, key: str) -> str | None:
        try:
            return self._path(key).read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None

    def put(self, key: str, text: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # workers write at once; a reader sees a whole text or none

    def keep(self, keys: Iterable[str]) -> None:
        """Delete every text but these (the catalogue's bodies as they are now)."""
        wanted = {f"{key}.txt" for key in keys}
        if not self.folder.is_dir():
            return
        for sub in os.scandir(self.folder):
            if len(sub.name) == 2 and sub.is_dir():
                for entry in os.scandir(sub.path):
                    if entry.name not in wanted:
                        os.unlink(entry.path)
