"""catalogue.csv: one row per published item, for journalists and spreadsheets.

UTF-8 with a byte-order mark, which is how Excel knows a CSV is UTF-8 (without it
Chinese shows as mojibake); the headers are the fields' Chinese labels. Rows are
written as the items are walked, never held.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO


class CatalogueCsv:
    """An open catalogue.csv: the header row is written at once, ``add`` writes a row."""

    def __init__(self, path: Path, headers: list[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # newline="": the csv module writes its own \r\n, as RFC 4180 and Excel expect
        self._file: IO[str] = path.open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(headers)

    def add(self, row: list[str]) -> None:
        """Add one row, made once by ``records.csv_row`` for every file that holds it."""
        self._writer.writerow(row)

    def close(self) -> None:
        self._file.close()
