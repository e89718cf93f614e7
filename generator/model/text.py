"""Positions and quoting in text, the same everywhere a message points at a line."""

from __future__ import annotations


def line_at(text: str, offset: int, first: int = 1) -> int:
    """The line number of character ``offset`` in ``text``, whose first line is ``first``."""
    return first + text.count("\n", 0, offset)


def yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML string (backslashes and quotes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
