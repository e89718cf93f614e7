"""How a command ends: exit codes, and the two ways the input can be wrong."""

from __future__ import annotations

OK, CONTENT_ERROR, MISUSE = 0, 1, 2


class Misuse(Exception):
    """The command line itself is wrong (exit 2)."""


class ContentError(Exception):
    """The content (here: the catalogue definition) has errors, already printed (exit 1)."""
