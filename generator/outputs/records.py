"""An item as a record of the machine-readable catalogue: JSON values, and the CSV row.

Keys are the field names of catalogue/fields.yml (``schema/export.py`` says which
fields are left out and what is added), so the JSON, the CSV, the schema and the
开放数据 page follow the catalogue. One record is made per item and written to
every export that holds it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..model.catalogue import Catalogue, Column, Department
from ..model.item import Attachment, DatedChoice, Item
from ..model.layout import item_path
from ..schema.export import EXTRAS, exported_fields

_LFS_OID = re.compile(rb"^oid sha256:([0-9a-f]{64})$", re.MULTILINE)


@dataclass(frozen=True)
class Site:
    """Where the portal is: every record links its item, attachments and references."""

    base: str  # the site's address with a trailing slash (site_url), "" when none
    page_url: Callable[[str], str]  # a docs-relative .md path -> the page's address
    content: Path  # the portal's content/ folder, where attachments are read from

    def file_url(self, path: str) -> str:
        """The address of a file published at ``path`` (site-relative)."""
        return self.base + quote(path)


def sha256(path: Path) -> str:
    """The file's SHA-256; for a Git LFS pointer the one it records (its content's)."""
    with path.open("rb") as f:
        head = f.read(200)
        if head.startswith(b"version https://git-lfs"):
            found = _LFS_OID.search(head + f.read(300))
            if found:
                return found.group(1).decode()
        f.seek(0)
        return hashlib.file_digest(f, "sha256").hexdigest()


class Records:
    """Makes the records of one portal's items."""

    def __init__(
        self,
        catalogue: Catalogue,
        items: list[Item],
        site: Site,
        changed: Callable[[Item], dt.date],
    ) -> None:
        # (key, type) of each exported field, read once: a record is made per item
        self.fields = [(spec.key, spec.type) for spec in exported_fields(catalogue)]
        self.site = site
        self.changed = changed
        self.urls = {i.index_no: site.page_url(item_path(i)) for i in items}

    def record(self, item: Item) -> dict[str, Any]:
        """The item's record: every exported field by its key, then the extras."""
        out: dict[str, Any] = {}
        for key, kind in self.fields:
            if kind == "attachments":  # the files found, declared or linked from the body
                out[key] = [self._attachment(a) for a in item.files]
                continue
            value = item.value(key)
            # most values are text, which JSON takes as it is
            out[key] = value if type(value) is str else json_value(kind, value, self.urls)
        extras: dict[str, Any] = {
            "url": self.urls[item.index_no],
            "updated": self.changed(item).isoformat(),
            "in_force": item.in_force,
        }
        out.update((e.key, extras[e.key]) for e in EXTRAS)
        return out

    def context(self, item: Item) -> bytes:
        """What the item's record is made from besides the item's own fields: its
        address, its references' (None for one not published), its date, and the
        state of each attachment file (whose SHA-256 the record gives)."""
        refs = [
            self.urls.get(str(no))
            for key, kind in self.fields
            if kind == "references"
            for no in item.references(key)
        ]
        files: list[tuple[int, int, int, int] | None] = []
        for found in item.files:
            try:
                st = (self.site.content / found.path).stat()
                files.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
            except OSError:
                files.append(None)
        context = (self.site.base, self.urls[item.index_no], refs, files)
        return repr((context, self.changed(item).isoformat(), item.in_force)).encode()

    def _attachment(self, found: Attachment) -> dict[str, Any]:
        return {
            "title": found.title,
            "url": self.site.file_url(found.path),
            "type": found.kind,
            "size": found.size,
            "sha256": sha256(self.site.content / found.path),
        }


def json_value(kind: str, value: object, urls: dict[str, str]) -> Any:
    """A field's value as JSON, by its type (fields.yml ``type``)."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, DatedChoice):
        return {"value": value.value, "date": value.date.isoformat() if value.date else None}
    if isinstance(value, Department):
        return {"id": value.id, "name": value.name, "code": value.code}
    if kind == "columns" and isinstance(value, list):
        return [{"id": c.id, "name": c.name} for c in value if isinstance(c, Column)]
    if kind == "references" and isinstance(value, list):
        return [{"index_no": str(no), "url": urls.get(str(no))} for no in value]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def csv_cell(value: Any) -> str:
    """A record's JSON value as one CSV cell: lists joined with 「；」, objects by name."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(csv_cell(v) for v in value)
    if isinstance(value, dict):
        if "value" in value:  # a dated choice: 已废止 2020-05-01
            return " ".join(str(v) for v in (value["value"], value["date"]) if v)
        for key in ("name", "title", "index_no"):
            if key in value:
                link = value.get("url")
                return f"{value[key]} {link}" if key == "title" and link else str(value[key])
    return str(value)


def csv_headers(catalogue: Catalogue) -> list[str]:
    """The CSV's header row: the fields' Chinese labels, then the extras'."""
    return [f.label for f in exported_fields(catalogue)] + [e.label for e in EXTRAS]


def csv_row(record: dict[str, Any]) -> list[str]:
    """The record's CSV cells; text is its own cell (most values are)."""
    return [v if type(v) is str else csv_cell(v) for v in record.values()]
