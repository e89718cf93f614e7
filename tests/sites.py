"""Whole built sites compared file by file (incremental, part-by-part and repeated builds).

Every file is compared byte for byte except three kinds of Pagefind's, which
Pagefind 1.5.2 writes differently on every run, whatever its input: a filter's
values come out of a Rust hash map in the order of that run's random hash seed,
so each ``filter/*.pf_filter`` differs (and so its name, a hash of its bytes);
``pagefind.*.pf_meta`` lists the filters in that order, under those names; and
``pagefind-entry.json`` names the meta file by its hash (Pagefind/pagefind#638;
fixed upstream after 1.5.2 by #1104 and #1124, not yet released). Those files are
decoded and compared with the hash-map order and the names taken out: the same
filters, values, pages and metadata, or the comparison fails.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

_FILTER = re.compile(r"^(search/[^/]+/)filter/[^/]+\.pf_filter$")
_META = re.compile(r"^(search/[^/]+/)pagefind\.[^/]+\.pf_meta$")
_ENTRY = re.compile(r"^(search/[^/]+/)pagefind-entry\.json$")
_SIGNATURE = b"pagefind_dcd"  # what every Pagefind index file starts with, once unzipped


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a site by path; Pagefind's unstable files by what they hold."""
    out: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name, data = path.relative_to(site).as_posix(), path.read_bytes()
        if m := _FILTER.match(name):
            filter_name, values = _pagefind(data)
            name, data = f"{m[1]}filter/{filter_name} (decoded)", _sorted_values(values)
        elif m := _META.match(name):
            name, data = f"{m[1]}pagefind.pf_meta (decoded)", _meta(data)
        elif m := _ENTRY.match(name):
            name, data = f"{m[1]}pagefind-entry.json (meta hash left out)", _entry(data)
        assert name not in out, f"two files decode to {name}"
        out[name] = data
    return out


def differences(ours: dict[str, bytes], theirs: dict[str, bytes]) -> list[str]:
    """What differs between two trees: missing files, extra files, then files that differ."""
    out = [f"only in the first: {name}" for name in sorted(ours.keys() - theirs.keys())]
    out += [f"only in the second: {name}" for name in sorted(theirs.keys() - ours.keys())]
    out += [f"differs: {n}" for n in sorted(ours.keys() & theirs.keys()) if ours[n] != theirs[n]]
    return out


def assert_same_site(built: Path, other: Path) -> None:
    """The two sites are the same file for file; fails naming the first files that differ."""
    found = differences(tree(built), tree(other))
    assert not found, f"{len(found)} files differ ({built} vs {other}):\n" + "\n".join(found[:20])


def _pagefind(data: bytes) -> list[object]:
    raw = gzip.decompress(data)
    assert raw.startswith(_SIGNATURE), "not a Pagefind index file"
    value, end = _cbor(raw, len(_SIGNATURE))
    assert end == len(raw) and isinstance(value, list), "not one CBOR array"
    return value


def _sorted_values(values: object) -> bytes:
    """A filter's values ([value, pages] pairs) in a fixed order."""
    assert isinstance(values, list)
    return repr(sorted(values, key=repr)).encode()


def _meta(data: bytes) -> bytes:
    """The meta index with its filters by name alone (their files are compared themselves)."""
    version, pages, chunks, filters, sorts, fields = _pagefind(data)
    assert isinstance(filters, list) and isinstance(sorts, list)
    names = sorted(str(f[0]) for f in filters if isinstance(f, list))
    return repr([version, pages, chunks, names, sorted(sorts, key=repr), fields]).encode()


def _entry(data: bytes) -> bytes:
    entry = json.loads(data)
    for language in entry["languages"].values():
        language["hash"] = "(hash of the meta file)"
    return json.dumps(entry, sort_keys=True).encode()


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item at ``at`` and where it ends: the definite-length items Pagefind writes."""
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
            item, at = _cbor(data, at)
            items.append(item)
        return (items if major == 4 else list(zip(items[::2], items[1::2], strict=True))), at
    if major == 7 and arg in (20, 21, 22):
        return {20: False, 21: True, 22: None}[arg], at
    raise ValueError(f"CBOR head {head:#04x}: not an item Pagefind writes")
