"""The ``gongkai`` command: check, build, serve, new, list, fields, codeowners."""

from __future__ import annotations

from .main import main, parser

__all__ = ["main", "parser"]
