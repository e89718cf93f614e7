"""catalogue.json: every published item's metadata, for platforms that harvest the catalogue.

Written record by record as the items are walked (``add``), never held as one
string, so 100,000 items take the memory of one. Its shape is the schema's
(``catalogue_schema.py``), whose address it names.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import IO, Any

from ..schema.export import SCHEMA_VERSION

# json.dumps with options makes an encoder per call; a record is encoded per item.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode(record: dict[str, Any]) -> str:
    """A record as one line of catalogue.json."""
    return _ENCODER.encode(record)


class CatalogueJson:
    """An open catalogue.json: ``add`` each record, in order; closing ends the list."""

    def __init__(
        self,
        path: Path,
        *,
        schema: str,
        name: str,
        count: int,
        generated: dt.date | None,
        department: str = "",
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        head: dict[str, Any] = {"schema": schema, "version": SCHEMA_VERSION, "name": name}
        if department:
            head["department"] = department
        head["generated"] = generated.isoformat() if generated else None
        head["count"] = count
        opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without "\n}"
        self._file.write(opening + ',\n "items": [')
        self._first = True

    def add(self, record: str) -> None:
        """Add one record, already encoded (``encode``): the whole site's file and its
        department's take the same text, encoded once."""
        self._file.write("\n  " if self._first else ",\n  ")
        self._file.write(record)
        self._first = False

    def close(self) -> None:
        self._file.write("\n ]\n}\n" if not self._first else "]\n}\n")
        self._file.close()
