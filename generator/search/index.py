"""``build_index``: the sharded search index of a site, with its manifest for the browser."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model.catalogue import Catalogue
from ..model.item import Item
from ..model.part import Part
from ..model.progress import QUIET, Progress
from .cache import prune, share
from .document import fields_of, fingerprint
from .documents import Documents
from .errors import SearchError
from .pagefind import ENTRY, LANGUAGE, pagefind_binary, pagefind_version
from .scratch import scratch_dir, size_of
from .scripts import t2s_table
from .shards import SHARD_MAX, Shard, shards
from .texts import Texts
from .workers import index_shards

CACHE_DIR = ".gongkai-cache/search"  # under the portal root; safe to delete
# Facets: URL parameter key -> label. The keys are Pagefind filter names.
FACETS: dict[str, str] = {
    "dept": "公开部门",
    "column": "一级栏目",
    "subcolumn": "二级栏目",
    "year": "年份",
    "form": "公开形式",
    "doc_type": "文件类型",
    "status": "有效性",
}


# What a document is made from: an item's fields and the code that makes it (so a
# change to this package or to body rendering rebuilds every cached shard).
CODE = hashlib.sha256(
    b"".join(
        p.read_bytes()
        for folder in (Path(__file__).parent, Path(__file__).parent.parent / "body")
        for p in sorted(folder.glob("*.py"))
    )
).hexdigest()


def marks(catalogue: Catalogue) -> dict[str, str]:
    """Validity value -> the mark results show beside a title (catalogue/vocabularies.yml)."""
    return {t.value: t.mark for t in catalogue.vocabulary_of("status").terms if t.mark}


@dataclass
class IndexStats:
    shards: int = 0
    rebuilt: int = 0  # shards Pagefind indexed this time (the rest came from the cache)
    items: int = 0
    written: int = 0  # documents of those shards made afresh (the rest came from the cache)


def build_index(
    items: Iterable[Item],
    out_dir: Path,
    cache_dir: Path | None = None,
    *,
    catalogue: Catalogue,
    progress: Progress = QUIET,
    jobs: int = 2,
    limit: int = SHARD_MAX,
    part: Part | None = None,
    texts: Texts | None = None,
) -> IndexStats:
    """Write the sharded index to ``out_dir`` (``search/`` of the site) with its manifest.

    ``cache_dir`` keeps each shard's output under a hash of its documents; a shard
    whose documents did not change is copied from there instead of re-indexed. It
    also keeps each shard's documents, so a re-indexed shard makes only its changed
    items' afresh.
    ``catalogue`` says how bodies are rendered and how validity is marked. With
    ``part``, only that part's shards are indexed (every N-th, newest first); the
    manifest, which every part writes alike, still lists them all. ``texts``
    holds bodies already converted by the page renderer (its owner prunes it).
    """
    binary = pagefind_binary()
    version = pagefind_version(binary)
    groups = shards(items, limit)
    stats = IndexStats(shards=len(groups), items=sum(len(s.items) for s in groups))
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        documents = Documents(cache_dir, CODE)
    todo: list[tuple[Shard, Path | None]] = []  # shards to index, and where to cache them
    kept: set[str] = set()  # this build's versions in the cache
    mine = [s for i, s in enumerate(groups) if part is None or part.takes(i)]
    for shard in mine:
        digest = hashlib.sha256(f"{version}\0{CODE}\0".encode())
        for item in sorted(shard.items, key=lambda i: i.slug):
            digest.update(fingerprint(fields_of(item, catalogue.markdown)))
        cached = cache_dir / f"{shard.key}-{digest.hexdigest()[:16]}" if cache_dir else None
        if cached is not None:
            kept.add(cached.name)
            if (cached / ENTRY).exists():
                share(cached, out_dir / shard.key)
                continue
        todo.append((shard, cached))
    stats.rebuilt = len(todo)
    # The biggest first, so that the last run to finish is a short one.
    todo.sort(key=lambda t: len(t[0].items), reverse=True)
    jobs = max(1, jobs)
    waiting = (jobs + 2) * max(
        (size_of(s) for s, _ in todo), default=0
    )  # documents on disk at once
    try:
        with tempfile.TemporaryDirectory(prefix="gongkai-search-", dir=scratch_dir(waiting)) as tmp:
            phase = progress.phase("检索索引", len(todo), "片")
            stats.written = index_shards(
                binary, todo, Path(tmp), out_dir, jobs, catalogue.markdown, phase, texts, documents
            )
            phase.close()
    except OSError as exc:  # a full disk or /dev/shm, a folder that cannot be written
        raise SearchError(f"写入检索索引失败：{exc.strerror}（{exc.filename}）") from exc
    prune(out_dir, {s.key for s in mine})
    if cache_dir is not None:
        prune(cache_dir, kept)
    if documents is not None:
        documents.keep(s.key for s in mine)
    manifest = {
        "shards": [
            {
                "key": s.key,
                "count": len(s.items),
                "from": min(i.year for i in s.items),
                "to": max(i.year for i in s.items),
            }
            for s in groups
        ],
        "facets": FACETS,
        "marks": marks(catalogue),
        "language": LANGUAGE,
    }
    (out_dir / "shards.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    (out_dir / "t2s.json").write_text(json.dumps(t2s_table(), ensure_ascii=False), "utf-8")
    return stats
