"""Whole built sites compared file by file, byte for byte (incremental, part-by-part and
repeated builds).

Pagefind 1.5.2 writes its filter, meta and entry files in a random order on every
run (Pagefind/pagefind#638); ``generator/search/stable.py`` rewrites them in a
fixed one, so those are compared as bytes like every other file.
"""

from __future__ import annotations

from pathlib import Path


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a site by its path."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


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
