"""catalogue.csv: one row per published item, for journalists and spreadsheets.

UTF-8 with a byte-order mark, which is how Excel knows a CSV is UTF-8 (without it
Chinese shows as mojibake); the headers are the fields' Chinese labels. Rows are
written as the items are walked, never held.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO

# One row's text is made in this buffer, as the csv module would write it to a file.
_BUFFER = io.StringIO(newline="")
_WRITER = csv.writer(_BUFFER)


def csv_line(row: list[str]) -> str:
    """A row as the csv module writes it: quoted where needed, ending in \\r\\n. Made once
    per record (and kept: ``export_cache``) for every file that holds it."""
    _BUFFER.seek(0)
    _BUFFER.truncate()
    _WRITER.writerow(row)
    return _BUFFER.getvalue()


class CatalogueCsv:
    """An open catalogue.csv: the header row is written at once, ``add`` writes a row."""

    def __init__(self, path: Path, headers: list[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # newline="": the csv module writes its own \r\n, as RFC 4180 and Excel expect
        self._file: IO[str] = path.open("w", encoding="utf-8-sig", newline="")
        self._file.write(csv_line(headers))

    def add(self, line: str) -> None:
        """Add one row, already written out (``csv_line``)."""
        self._file.write(line)

    def close(self) -> None:
        self._file.close()
