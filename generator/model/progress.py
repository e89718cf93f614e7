"""How a long stage reports how far it is: phases with a count of steps.

The stages take a ``Progress`` and call it; they do not know whether a terminal
shows a bar or a CI log gets plain lines (``build.progress`` says which). A
five-minute build that prints nothing looks hung.
"""

from __future__ import annotations

from typing import Protocol


class Phase(Protocol):
    def advance(self, steps: int = 1) -> None: ...

    def close(self) -> None: ...


class Progress(Protocol):
    def phase(self, name: str, total: int, unit: str) -> Phase:
        """A phase of ``total`` steps (``unit``: 条, 页, 片 …); close it when done."""
        ...


class _QuietPhase:
    def advance(self, steps: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class Quiet:
    """Reports nothing: for the tests, the plugin under plain ``mkdocs``, library use."""

    def phase(self, name: str, total: int, unit: str) -> Phase:
        return _QuietPhase()


QUIET = Quiet()
