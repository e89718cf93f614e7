"""The sharded search index of a site, with its manifest for the browser.

Indexing comes in two steps, so that the Pagefind runs need not share the machine
with the catalogue: ``plan_index`` reads the model (which shards to index, each
item's document fields, which cached shards go into the site, the manifest), and
``run_index`` needs only the plan. ``gongkai build`` sets the plan down on
disk and runs it after the process that held the model has ended: a cold build
at 100,000 items held 1.9 GB of it beside two Pagefind runs of 1 GB each.
``build_index`` does both in one go.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.catalogue import Catalogue
from ..model.item import Item
from ..model.part import Part
from ..model.progress import QUIET, Progress
from . import memo
from .cache import prune, share
from .document import fields_of, fingerprint
from .documents import Documents
from .errors import SearchError
from .memo import Known
from .pagefind import ENTRY, LANGUAGE, pagefind_binary, pagefind_version
from .scratch import scratch_dir, size_of
from .scripts import t2s_table
from .shards import SHARD_MAX, shards
from .texts import Texts
from .workers import Entries, ShardWork, index_shards

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event

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


@dataclass
class IndexPlan:
    """What is left to index once the model is gone: the shards to index, each with its
    documents' fields, the cached shards to put into the site, and where the results
    go. The manifest is in the site already."""

    binary: Path
    out_dir: Path
    cache_dir: Path | None
    jobs: int
    todo: list[ShardWork]
    mine: set[str]  # this part's shards (all of them without a part)
    kept: set[str]  # this build's versions in the cache
    texts: Texts | None
    stats: IndexStats
    # The cached shards to put into the site (cache, site): ``share`` does, once. Linking
    # 100,000 files took 4 s at 100,000 items, which the process that plans need not wait for.
    cached: list[tuple[Path, Path]] = field(default_factory=list)
    folder: Path | None = None  # where ``set_down`` left the documents' fields
    spare: Path | None = None  # an earlier site's shards, to take where they are the cache's

    def share(self) -> None:
        """Put the shards the cache holds into the site (``run_index`` does first)."""
        try:
            while self.cached:
                cached, target = self.cached.pop()
                share(cached, target, self.spare / target.name if self.spare else None)
        except OSError as exc:  # a full disk, a folder that cannot be written
            raise SearchError(f"写入检索索引失败：{exc.strerror}（{exc.filename}）") from exc

    def set_down(self) -> None:
        """Write each shard's entries to a folder of their own and let go of them, so
        that the plan is small enough to hand to another process.

        The folder is in the index being built, on the site's disk: the entries hold
        the bodies (350 MB at 100,000 items), and the system's temporary
        folder is memory on many machines. A build that is killed leaves it inside its
        half-built site, which the next build removes.
        """
        self.folder = Path(tempfile.mkdtemp(prefix=".plan-", dir=self.out_dir))
        for shard in self.todo:
            shard.set_down(self.folder / f"{shard.key}.pickle")

    def discard(self) -> None:
        """Remove what ``set_down`` wrote (the plan was run, or will not be)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def plan_index(
    items: Iterable[Item],
    out_dir: Path,
    cache_dir: Path | None = None,
    *,
    catalogue: Catalogue,
    jobs: int = 2,
    limit: int = SHARD_MAX,
    part: Part | None = None,
    texts: Texts | None = None,
    known: Known | None = None,
    spare: Path | None = None,
) -> IndexPlan:
    """Write the manifest into ``out_dir`` (``search/`` of the site) and say which cached
    shards to share into it and what is left to index (``build_index`` says what each
    argument is). ``spare`` holds an earlier site's shards: one that is the cached
    shard is moved into place, not linked again file by file; ``run_index`` removes
    the folder."""
    binary = pagefind_binary()
    version = pagefind_version(binary)
    groups = shards(items, limit)
    stats = IndexStats(shards=len(groups), items=sum(len(s.items) for s in groups))
    markdown = catalogue.markdown
    head = f"{version}\0{CODE}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
        remembered = memo.load(cache_dir) if cache_dir is not None and known else {}
        remember: dict[str, str] = {}  # this build's shards in the memo
        todo: list[ShardWork] = []
        cached_shards: list[tuple[Path, Path]] = []
        kept: set[str] = set()
        mine = [s for i, s in enumerate(groups) if part is None or part.takes(i)]
        for shard in mine:
            memo_key = known.key(head, shard.items) if known and cache_dir else None
            name = remembered.get(memo_key) if memo_key else None
            if cache_dir is not None and memo_key and name and (cache_dir / name / ENTRY).exists():
                kept.add(name)  # indexed before: no fields made, no item read
                remember[memo_key] = name
                cached_shards.append((cache_dir / name, out_dir / shard.key))
                continue
            digest = hashlib.sha256(f"{head}\0".encode())
            # Pagefind numbers the pages in the order they are written: by slug, as the
            # cache key takes them, so the index depends on the items alone.
            ordered = sorted(shard.items, key=lambda i: i.slug)
            fields = [fields_of(item, markdown) for item in ordered]
            for one in fields:
                digest.update(fingerprint(one))
            cached = cache_dir / f"{shard.key}-{digest.hexdigest()[:16]}" if cache_dir else None
            if cached is not None:
                kept.add(cached.name)
                if memo_key:
                    remember[memo_key] = cached.name
                if (cached / ENTRY).exists():
                    cached_shards.append((cached, out_dir / shard.key))
                    continue
            # The keys of the bodies' texts only for the shards to index: hashing every
            # body took 0.6 s at 100,000 items, for shards the cache holds.
            keys = [texts.key(item.body, markdown) if texts else None for item in ordered]
            entries: Entries = list(zip(fields, keys, strict=True))
            todo.append(ShardWork(shard.key, len(shard.items), size_of(shard), cached, entries))
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
        if cache_dir is not None and known:
            memo.save(cache_dir, remember, remembered)
    except OSError as exc:  # a full disk, a folder that cannot be written
        raise SearchError(f"写入检索索引失败：{exc.strerror}（{exc.filename}）") from exc
    stats.rebuilt = len(todo)
    # The biggest first, so that the last run to finish is a short one.
    todo.sort(key=lambda s: s.count, reverse=True)
    mine_keys = {s.key for s in mine}
    return IndexPlan(binary, out_dir, cache_dir, max(1, jobs), todo, mine_keys, kept, texts, stats,
                     cached_shards, spare=spare)  # fmt: skip


def run_index(plan: IndexPlan, progress: Progress = QUIET) -> IndexStats:
    """Index the plan's shards with Pagefind into the site (and the cache), then remove
    what no build uses any more. The plan's folder goes, whatever happens."""
    stats, jobs = plan.stats, plan.jobs
    documents = Documents(plan.cache_dir, CODE) if plan.cache_dir is not None else None
    waiting = (jobs + 2) * max((s.size for s in plan.todo), default=0)  # on disk at once
    try:
        plan.share()
        with tempfile.TemporaryDirectory(prefix="gongkai-search-", dir=scratch_dir(waiting)) as tmp:
            phase = progress.phase("检索索引", len(plan.todo), "片")
            stats.written = index_shards(
                plan.binary, plan.todo, Path(tmp), plan.out_dir, jobs, phase, plan.texts, documents
            )
            phase.close()
        prune(plan.out_dir, plan.mine)
        if plan.cache_dir is not None:
            prune(plan.cache_dir, plan.kept)
        if documents is not None:
            documents.keep(plan.mine)
    except OSError as exc:  # a full disk or /dev/shm, a folder that cannot be written
        raise SearchError(f"写入检索索引失败：{exc.strerror}（{exc.filename}）") from exc
    finally:
        plan.discard()
        if plan.spare is not None:  # the shards it held that were not taken
            shutil.rmtree(plan.spare, ignore_errors=True)
    return stats


def run_beside(plan: IndexPlan, ready: Event, progress: Progress = QUIET) -> IndexStats:
    """``run_index`` beside a build that goes on: the cached shards are put in place at
    once, Pagefind runs once ``ready`` is set. The process writing the build's open
    data sets it once they are written: that process copies much of the build's memory
    (0.6 GB at 100,000 items), and beside it and a Pagefind run (1.2 GB) the build
    passed 3 GB. Made to run in a process of its own, which imports only this package."""
    plan.share()
    ready.wait()
    return run_index(plan, progress)


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
    known: Known | None = None,
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
    ``known`` holds the items' fingerprints, if the caller has them: the cached shards
    are then found by those (``memo.py``), without reading each item's fields.
    """
    plan = plan_index(items, out_dir, cache_dir, catalogue=catalogue, jobs=jobs, limit=limit,
                      part=part, texts=texts, known=known)  # fmt: skip
    return run_index(plan, progress)
