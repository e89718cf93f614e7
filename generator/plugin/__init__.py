"""The MkDocs adapter, the only code that imports MkDocs: the plugin, and building or
serving a site with MkDocs.

mkdocs-material reaches its end of life in May 2027 and its successor does not
run MkDocs plugins; everything below this package is renderer-free, so a portal
can move by replacing this package alone.
"""

from __future__ import annotations

from .plugin import GongkaiPlugin

__all__ = ["GongkaiPlugin"]
