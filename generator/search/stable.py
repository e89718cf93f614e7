"""Pagefind's output made the same for the same documents: filters in a fixed order.

Pagefind 1.5.2 writes each filter's values straight out of a Rust hash map seeded
at random on every run (Pagefind/pagefind#638; fixed upstream after 1.5.2, not
released). So every ``filter/*.pf_filter`` file holds the same values in another
order, under another name (a hash of its bytes); the ``pagefind.*.pf_meta`` file
lists the filters under those names, in random order too; and
``pagefind-entry.json`` names the meta file by its hash. Everything else Pagefind
writes is already stable.

``stabilise`` rewrites those three: each filter's values sorted, the filters
listed by name, each file named after a hash of its new bytes as Pagefind names
them (``<language>_<hex>``), gzipped without a time. What the files hold is
unchanged, so Pagefind's own JavaScript reads them as before; the search tests in
Chromium use them. Once a Pagefind release sorts them itself this is a no-op.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what every Pagefind index file starts with, once unzipped


def stabilise(output: Path, entry_name: str) -> None:
    """Rewrite the filter, meta and entry (``entry_name``) files of one Pagefind output
    folder in place."""
    entry = json.loads((output / entry_name).read_text("utf-8"))
    for language in entry["languages"].values():
        meta_path = output / f"pagefind.{language['hash']}.pf_meta"
        meta = decode_file(meta_path.read_bytes())
        renamed = {}
        for old in sorted((output / "filter").glob("*.pf_filter")):
            if not old.name.startswith(f"{language['hash'].split('_')[0]}_"):
                continue
            value = decode_file(old.read_bytes())
            assert isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)
            value[1] = sorted(value[1], key=_order)
            data = encode_file(value)
            name = _name(language["hash"], data, 7)
            old.unlink()
            (output / "filter" / f"{name}.pf_filter").write_bytes(data)
            renamed[old.name.removesuffix(".pf_filter")] = name
        filters, sorts = meta[3], meta[4]
        assert isinstance(filters, list) and isinstance(sorts, list)
        for pair in filters:  # [filter name, file hash]
            pair[1] = renamed.get(pair[1], pair[1])
        meta[3] = sorted(filters, key=_order)
        meta[4] = sorted(sorts, key=_order)  # the sorts, in the same hash-map order
        data = encode_file(meta)
        meta_path.unlink()
        language["hash"] = _name(language["hash"], data, 11)
        (output / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    (output / entry_name).write_text(text, encoding="utf-8")


def _name(old: str, data: bytes, length: int) -> str:
    language = old.split("_")[0]
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def _order(value: object) -> str:
    return repr(value)


# -- Pagefind's files: gzip, a signature, one CBOR item -------------------------------


def decode_file(data: bytes) -> list[object]:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw) or not isinstance(value, list):
        raise ValueError("not one CBOR array")
    return value


def encode_file(value: list[object]) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _decode(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item at ``at`` and where it ends: the definite-length items Pagefind
    writes. Maps come back as lists of [key, value] pairs (their order kept)."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError(f"CBOR head {head:#04x}: not an item Pagefind writes")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        raw = data[at : at + arg]
        return (raw if major == 2 else raw.decode()), at + arg
    if major in (4, 5):
        items: list[object] = []
        for _ in range(arg if major == 4 else 2 * arg):
            item, at = _decode(data, at)
            items.append(item)
        if major == 5:
            return _Map([list(p) for p in zip(items[::2], items[1::2], strict=True)]), at
        return items, at
    if major == 7 and arg in (20, 21, 22):
        return {20: False, 21: True, 22: None}[arg], at
    raise ValueError(f"CBOR head {head:#04x}: not an item Pagefind writes")


class _Map(list):  # type: ignore[type-arg]
    """A CBOR map, as its [key, value] pairs, so that it is written back as a map."""


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value: object) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise ValueError(f"not a value Pagefind writes: {type(value).__name__}")
