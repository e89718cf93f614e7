"""Attachment texts kept by the file's bytes, so that an unchanged attachment is read once.

Extracting a long PDF or workbook takes far longer than hashing it, and every
build needs the text (search, the personal-data scan), so the text is kept under
a key made of the file's bytes, its suffix (a misnamed file is read as its name
says), the extraction code and the versions of the libraries it uses. A file
that cannot be read is kept too, with its problem, so a damaged file is not
parsed again on every build. One JSON file per key under
``.gongkai-cache/attachments``; safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from . import extract as extraction
from .store import Store, versions

ATTACHMENTS_DIR = ".gongkai-cache/attachments"  # under the portal root
FORMAT = "1"  # bump when what is stored changes


class AttachmentTexts:
    """Extracted texts by key, in ``folder``; ``keys`` are those this object gave out."""

    def __init__(self, folder: Path) -> None:
        self.store = Store(folder, ".json")
        code = Path(extraction.__file__).read_bytes()  # a change to extraction is a new text
        self.salt = hashlib.sha256(
            f"gongkai-attachments {FORMAT}\n{versions(extraction.LIBRARIES)}\n".encode() + code
        ).digest()
        self.keys: set[str] = set()

    def key(self, path: Path) -> str:
        h = hashlib.sha256(self.salt)
        h.update(f"{path.suffix.lower()}\n".encode())
        with path.open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
        return h.hexdigest()

    def get(self, path: Path) -> extraction.Extracted:
        """The text of ``path``: kept, or extracted now and kept. Never raises for the file."""
        if path.suffix.lower() not in extraction.EXTRACTABLE:
            return extraction.Extracted("")
        try:
            key = self.key(path)
        except OSError:
            return extraction.Extracted("", extraction.UNREADABLE)
        self.keys.add(key)
        kept = self._read(key)
        if kept is not None:
            return kept
        result = extraction.extract(path)
        self._write(key, result)
        return result

    def keep(self, keys: Iterable[str]) -> None:
        """Delete every text but these (the attachments as they are now)."""
        self.store.keep(keys)

    def _read(self, key: str) -> extraction.Extracted | None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(self.store.path(key).read_text(encoding="utf-8"))
            return extraction.Extracted(data["text"], data["problem"], data["truncated"])
        return None  # not kept, or a file cut short: extract again

    def _write(self, key: str, result: extraction.Extracted) -> None:
        data = {"text": result.text, "problem": result.problem, "truncated": result.truncated}
        tmp = self.store.temporary(key)
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        self.store.commit(key, tmp)  # workers write at once; a reader sees a whole file or none
