"""Indexing shards in parallel: this thread writes documents, Pagefind runs on the cores."""

from __future__ import annotations

import pickle
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..model.progress import Phase
from .cache import share
from .cores import one_core_each
from .document import DocumentFields, document
from .documents import Documents
from .pagefind import run_pagefind
from .texts import Texts

# A shard's documents in the making, in slug order: each item's fields, and the key
# its body's text is kept under (``texts.py``), if the page renderer keeps texts.
Entries = list[tuple[DocumentFields, str | None]]


@dataclass
class ShardWork:
    """A shard left to index: its key and size, where its output is cached, and its
    documents' entries, held here or set down in a file (``set_down``)."""

    key: str
    count: int  # items
    size: int  # about how many bytes its documents and Pagefind's output take
    cached: Path | None
    entries: Entries | None
    file: Path | None = None

    def set_down(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self.entries, pickle.HIGHEST_PROTOCOL))
        self.entries, self.file = None, path

    def take(self) -> Entries:
        """The entries, read back if they were set down (and then let go of again)."""
        if self.entries is not None:
            return self.entries
        assert self.file is not None
        entries: Entries = pickle.loads(self.file.read_bytes())
        self.file.unlink()
        return entries


def index_shards(
    binary: Path,
    todo: list[ShardWork],
    work: Path,
    out_dir: Path,
    jobs: int,
    phase: Phase,
    texts: Texts | None = None,
    documents: Documents | None = None,
) -> int:
    """Index ``todo``: this thread writes the documents, ``jobs`` Pagefind runs index them.

    Writing documents is Python (one core at a time), Pagefind is a separate process,
    so the two overlap: while Pagefind indexes one shard, the next one's documents
    are written. At most ``jobs + 1`` shards wait on disk. Documents kept in
    ``documents`` are written as kept, and each shard's are kept again by another
    thread while Pagefind runs (zlib works outside the GIL). Returns how many
    documents were made afresh.
    """

    def index(shard: ShardWork, source: Path) -> None:
        # Pagefind writes next to the documents (in memory when there is room) and the
        # shard is then moved into place: Pagefind creating its 2,000+ files one by one
        # on disk took more kernel time than copying them over in one go.
        built = source.parent / "pagefind"
        try:
            run_pagefind(binary, source, built)
        finally:
            shutil.rmtree(source, ignore_errors=True)
        target, cached = out_dir / shard.key, shard.cached
        if cached is None:
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(built, target, copy_function=shutil.copyfile)
            return
        shutil.rmtree(cached.with_suffix(".tmp"), ignore_errors=True)  # a broken earlier build
        shutil.move(built, cached.with_suffix(".tmp"), copy_function=shutil.copyfile)
        cached.with_suffix(".tmp").rename(cached)
        share(cached, target)

    waiting = threading.BoundedSemaphore(jobs + 1)

    def finished(_: Future[None]) -> None:
        phase.advance()
        waiting.release()

    runs: list[Future[None]] = []
    saves: list[Future[None]] = []
    made = 0
    runs_at_once = min(jobs, len(todo))  # one shard alone keeps the whole machine
    with (
        ThreadPoolExecutor(jobs, initializer=one_core_each(runs_at_once)) as pool,
        ThreadPoolExecutor(1) as saver,
    ):
        for shard in todo:
            waiting.acquire()
            if any(run.done() and run.exception() for run in runs):
                waiting.release()
                break  # a run failed: stop writing, report it below
            # One flat folder: a folder per item (items/<slug>/index.html) cost more
            # time making folders than Pagefind took to index. The browser turns
            # items/<slug>.html back into the item's address (assets/query.js).
            source = work / shard.key / "site" / "items"
            source.mkdir(parents=True)
            now, fresh = write_documents(shard, source, texts, documents)
            made += fresh
            run = pool.submit(index, shard, source.parent)
            run.add_done_callback(finished)
            runs.append(run)
            if documents is not None:
                saves.append(saver.submit(documents.save, shard.key, now))
        for run in [*runs, *saves]:
            run.result()
    return made


def write_documents(
    shard: ShardWork, folder: Path, texts: Texts | None, documents: Documents | None
) -> tuple[dict[bytes, bytes], int]:
    """Write ``shard``'s documents into ``folder``: those ``documents`` kept as they are,
    the others made. Returns the shard's documents by key (to keep) and how many
    were made."""
    kept = documents.load(shard.key) if documents else {}
    now: dict[bytes, bytes] = {}
    made = 0
    # Pagefind numbers the pages in the order it lists the folder, which in memory
    # (/dev/shm) is the order they were written: in the entries' order (by slug).
    for fields, text_key in shard.take():
        text = texts.get(text_key) if texts and text_key else None
        key = documents.key(fields, text) if documents else b""
        data = kept.get(key)
        if data is None:
            data = document(fields, text).encode()
            made += 1
        (folder / f"{fields.slug}.html").write_bytes(data)
        now[key] = data
    return now, made
