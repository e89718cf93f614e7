"""Progress on a terminal as a bar (tqdm), in a CI log as plain lines with the time left."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, TextIO

from ..model.progress import Phase, Progress


class Bar:
    """A tqdm bar per phase, on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _on, (Bar, _name_of(self.stream))

    def phase(self, name: str, total: int, unit: str) -> Phase:
        from tqdm import tqdm

        return _BarPhase(tqdm(total=total, desc=name, unit=unit, file=self.stream, leave=True,
                              dynamic_ncols=True, bar_format="{desc}：{percentage:3.0f}%|{bar}| "
                              "{n_fmt}/{total_fmt} {unit} [已用 {elapsed}，约剩 {remaining}]"))  # fmt: skip


class _BarPhase:
    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def advance(self, steps: int = 1) -> None:
        self.bar.update(steps)

    def close(self) -> None:
        self.bar.close()


class _LogPhase:
    def __init__(self, stream: TextIO, name: str, total: int, unit: str, every: float) -> None:
        self.stream, self.name, self.total, self.unit, self.every = stream, name, total, unit, every
        self.done = 0
        self.lock = threading.Lock()  # search shards finish in worker threads
        self.start = self.last = time.monotonic()
        self.next_tenth = 1
        self._say(f"{name}：共 {total} {unit}")

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def advance(self, steps: int = 1) -> None:
        with self.lock:
            self._advance(steps)

    def _advance(self, steps: int) -> None:
        self.done += steps
        now = time.monotonic()
        tenth = self.done * 10 // max(self.total, 1)
        # each tenth once the phase has taken a while, and at least every ``every`` seconds
        tenths = tenth >= self.next_tenth and now - self.start >= 5
        if self.done < self.total and (tenths or now - self.last >= self.every):
            self.next_tenth = tenth + 1
            self.last = now
            elapsed = now - self.start
            left = elapsed / self.done * (self.total - self.done)
            self._say(f"{self.name}：{self.done}/{self.total} {self.unit}（{self.done * 100 // self.total}%），"
                      f"已用 {elapsed:.0f} 秒，约剩 {left:.0f} 秒")  # fmt: skip

    def close(self) -> None:
        elapsed = time.monotonic() - self.start
        self._say(f"{self.name}：完成 {self.done} {self.unit}，用时 {elapsed:.1f} 秒")


class Lines:
    """Plain lines for logs: a phase's start, its tenths once it has taken five seconds (and
    at least every ``every`` seconds), its end."""

    def __init__(self, stream: TextIO, every: float = 15.0) -> None:
        self.stream, self.every = stream, every

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _on, (Lines, _name_of(self.stream), self.every)

    def phase(self, name: str, total: int, unit: str) -> Phase:
        return _LogPhase(self.stream, name, total, unit, self.every)


def for_stream(stream: TextIO = sys.stderr) -> Progress:
    """A bar where a person watches a terminal, plain lines where a log is written."""
    return Bar(stream) if stream.isatty() else Lines(stream)


# A process of its own (``background.py``, ``fresh``) reports on the same standard stream:
# a stream does not pickle, its name does.
def _name_of(stream: TextIO) -> str:
    for name in ("stderr", "stdout"):
        if stream is getattr(sys, name):
            return name
    raise TypeError(f"progress on {stream!r} cannot be handed to another process")


def _on(kind: Any, name: str, *args: Any) -> Progress:
    progress: Progress = kind(getattr(sys, name), *args)
    return progress
