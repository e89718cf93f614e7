"""The garbage collector, paused while the build makes objects that all live on.

A build of 100,000 items makes tens of millions of objects (items, pages, files,
links) and keeps nearly all of them to the end. The collector, run again every
50,000 new objects, walks each of them once or twice on its way to the old
generation and finds almost nothing: 4 to 8 s of a one-item change, measured.
Reference counting still frees what is let go; only cycles wait. Processes that
render or check (forked workers) make and drop a page or an item at a time, so
they collect as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collecting(enabled: bool) -> Iterator[None]:
    """The collector on (``enabled``) or off in this block, and as it was after.

    What was made while paused is frozen (left out of every collection) when the
    collector starts again: its first run would otherwise walk all of it at once (1 s
    at 100,000 items). A fork's ``gc.freeze``/``gc.unfreeze`` puts it back with the old.
    """
    was = gc.isenabled()
    if enabled:
        if not was:
            gc.freeze()
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if not enabled:
            gc.freeze()
        if was:
            gc.enable()
        else:
            gc.disable()
