"""Whole built sites compared file by file (incremental and part-by-part builds against cold ones)."""

from __future__ import annotations

import re
from pathlib import Path

# Pagefind writes its filter and metadata indexes in an arbitrary order, so two cold
# builds of one shard differ there (Pagefind/pagefind#638: only its fragments, one per
# page, and its word indexes are stable). Those files are compared by count, not bytes.
UNSTABLE = re.compile(r"^search/[^/]+/(filter/.*\.pf_filter|[^/]*\.pf_meta|pagefind-entry\.json)$")


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a site by path, with Pagefind's unstable files counted per folder."""
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    out = {name: path.read_bytes() for name, path in files.items() if not UNSTABLE.match(name)}
    for name in files:
        if UNSTABLE.match(name):
            folder = name.rsplit("/", 1)[0] + "/*" + name.rsplit(".", 1)[-1]
            out[folder] = out.get(folder, b"") + b"+"  # how many such files a folder has
    return out


def assert_same_site(built: Path, cold: Path) -> None:
    ours, theirs = tree(built), tree(cold)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == []
