"""Checking many files on every core: forked workers parse and check, the parent binds.

A cold check of 100,000 items is CPU-bound Python (YAML, the rules), so processes,
not threads. Workers return what the check cache keeps (plain data, the
catalogue's objects by id, and the body: ``cache.entry_of``); the parent binds the
items to its own catalogue and checks links. Few files are checked here, in this
process: forking costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

from ..model.problem import Problem
from ..model.progress import Phase
from ..source.collector import collecting
from ..source.content import ItemFile, read
from .cache import Entry, entry_of
from .item import Checker

PARALLEL_MIN = 400  # files below which one process is faster
CHUNK = 100

Found = Entry | Problem  # what the cache keeps, or why the file is unreadable

_work: tuple[Checker, list[ItemFile]] | None = None  # what forked workers inherit


def jobs() -> int:
    """One worker per core this process may use; ``GONGKAI_JOBS`` overrides.

    Checking and page rendering (``plugin/engine.py``) both take this many workers.
    """
    if os.environ.get("GONGKAI_JOBS", "").isdigit():
        return max(1, int(os.environ["GONGKAI_JOBS"]))
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def check_in_parallel(checker: Checker, files: list[ItemFile], phase: Phase) -> list[Found]:
    """Each file checked (links aside), in order; on every core when there are many."""
    workers = min(jobs(), max(1, len(files) // CHUNK))
    chunks = [range(i, min(i + CHUNK, len(files))) for i in range(0, len(files), CHUNK)]
    global _work
    _work = (checker, files)
    try:
        if workers <= 1 or len(files) < PARALLEL_MIN:
            out = []
            with collecting(True):  # parsing makes cycles (the YAML parser's), item by item
                for chunk in chunks:
                    out += _check_chunk(chunk)
                    phase.advance(len(chunk))
            return out
        gc.freeze()  # the workers' collector leaves the inherited heap alone
        try:
            # A worker makes and drops an item at a time: it collects, paused parent or not.
            with multiprocessing.get_context("fork").Pool(workers, gc.enable) as pool:
                results = []
                for found in pool.imap(_check_chunk, chunks):
                    results += found
                    phase.advance(len(found))
                return results
        finally:
            gc.unfreeze()
    finally:
        _work = None


def _check_chunk(indices: range) -> list[Found]:
    assert _work is not None
    checker, files = _work
    out: list[Found] = []
    for i in indices:
        source = read(files[i])
        if isinstance(source, Problem):
            out.append(source)
            continue
        item, problems = checker.check_item(files[i], source, links=False)
        out.append(entry_of(item, problems, source.body_line, source.body))
    return out
