"""Work that runs beside the build, in a process of its own started once its inputs are ready.

A one-item change spends most of its time waiting for Pagefind to index one
shard, while the build itself (the nav, the page cache, the sitemap) waits for
nothing but a core. The search index needs only the model, so it can start as
soon as the catalogue is checked and run on the other core. A process, not a
thread: the page renderer forks workers of its own, and a process forked while
another thread holds a lock can hang on it. Forked, the process inherits the
build's objects for free; a fresh interpreter (``fresh``) is given them pickled,
and holds none of the build's memory while the build goes on changing it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


# How much lower a process aside runs (``os.nice``): the build's own process then has
# about nine tenths of a core both want.
ASIDE = 10


class Died(RuntimeError):
    """The process ended without a word: killed, out of memory."""


class Background(Generic[T]):
    """``work()`` running in a process of its own; ``result()`` waits for it."""

    def __init__(
        self, work: Callable[[], T], daemon: bool = True, fresh: bool = False, aside: bool = False
    ) -> None:
        """``daemon``: the process ends with the build's; one that forks processes of its
        own cannot be a daemon. ``fresh``: a new interpreter, which shares none of this
        process's memory (``work`` and its result are pickled). A forked process keeps
        the build's memory as it was at the fork, so every page the build then changes
        is held twice for as long as the process runs: half a gigabyte at 100,000
        items, over a one-item change's Pagefind run. ``aside``: work the build does
        not wait for yet, run at a lower priority (``ASIDE``), so that on a machine
        with fewer cores than processes the build's own work goes first."""
        fork = multiprocessing.get_context("fork")
        context = multiprocessing.get_context("spawn") if fresh else fork
        self._results, sent = context.Pipe(duplex=False)
        # Frozen, the objects the process inherits are left alone by its garbage
        # collector, which would otherwise copy the parent's memory page by page.
        gc.freeze()
        try:
            args = (work, sent, ASIDE if aside else 0)
            self._process = context.Process(target=_run, args=args, daemon=daemon)
            self._process.start()
        finally:
            gc.unfreeze()
        sent.close()

    def result(self) -> T:
        """What ``work()`` returned; what it raised is raised here."""
        try:
            outcome, value = self._results.recv()
        except EOFError:  # it died without a word: killed, out of memory
            self._process.join()
            raise Died(f"后台进程意外退出（退出码 {self._process.exitcode}）") from None
        self._process.join()
        if outcome == "raised":
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop it (the build failed: what it writes is thrown away)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _run(work: Callable[[], object], results: Connection, nice: int) -> None:
    gc.enable()  # its own work, collected as usual, whether the build's collector is paused
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    try:
        results.send(("returned", work()))
    except BaseException as exc:  # every failure goes back to the build
        try:
            results.send(("raised", exc))
        except Exception:  # an exception that does not pickle
            results.send(("raised", RuntimeError("".join(traceback.format_exception(exc)))))
