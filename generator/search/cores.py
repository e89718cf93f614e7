"""How many Pagefind runs at once, and on which cores."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable


def one_core_each(jobs: int) -> Callable[[], None] | None:
    """A thread initialiser that ties each Pagefind worker (and its runs) to one core.

    A Pagefind run keeps about 1.3 cores busy (it compresses its output on one
    thread), and a run spread over cores spends a quarter of its time in the
    kernel, on page faults and on keeping the cores' views of its memory in step
    (12 s of CPU for a 3,000-item shard free, 9.7 s on one core). When there are
    as many runs as cores, one run per core does the same work for less. With
    fewer runs than cores, each keeps the whole machine.
    """
    if not hasattr(os, "sched_getaffinity"):
        return None
    cores = sorted(os.sched_getaffinity(0))
    if jobs < len(cores):
        return None
    free = iter(cores)
    lock = threading.Lock()

    def pin() -> None:
        with lock:
            core = next(free, None)
        # Not allowed in some containers: the runs are then merely slower.
        if core is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {core})  # this thread; the runs it starts inherit it

    return pin


RUN_GB = 1.3  # memory one Pagefind run over a full shard may take (0.43 MB an item)


def cpu_jobs() -> int:
    """How many shards to index at once: one per core, as far as memory allows.

    Shards are independent, so a bigger build machine indexes proportionally
    faster; ``GONGKAI_SEARCH_JOBS`` overrides the choice.
    """
    if os.environ.get("GONGKAI_SEARCH_JOBS", "").isdigit():
        return max(1, int(os.environ["GONGKAI_SEARCH_JOBS"]))
    try:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory_gb = 2 * RUN_GB
    return max(1, min(os.cpu_count() or 1, int(memory_gb / 2 / RUN_GB)))
