"""The generated pages' Markdown as the renderer needs it: now, or when a page is rendered.

A page the last build compiled from the same inputs (``pages/compiled.py``) is
given to MkDocs empty, with the digest of its Markdown; the engine keys its page
cache by that digest, so a page whose HTML is cached is never compiled. Only a
page that must be rendered (its HTML not cached: a new template, say) is
compiled, with the rest of its unit, before the workers start (``fill``).

It also names the files in docs_dir the renderer need not read at all (``skip``):
the items' sources, which are published as generated pages instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.files import File

from ..pages.compiled import digest
from ..pages.registry import Unit


class Sources:
    """Digests of the pages' Markdown, and the units that compile the pages not yet filled."""

    def __init__(self) -> None:
        # Files in docs_dir the renderer need not read: the items' sources (the plugin's).
        self.skip: set[str] = set()
        self._digests: dict[str, str] = {}
        self._empty: dict[str, tuple[File, Unit]] = {}  # pages given empty, and their units

    def add(self, file: File, page_digest: str, unit: Unit | None = None) -> None:
        """A generated page: its Markdown's digest, and if it was given empty, its unit."""
        self._digests[file.src_uri] = page_digest
        if unit is not None:
            self._empty[file.src_uri] = (file, unit)

    def digest(self, file: File) -> str:
        """The digest of the page's Markdown (a hand-written page's is taken from its file)."""
        found = self._digests.get(file.src_uri)
        return found if found is not None else digest(file.content_string)

    def fill(self, files: Iterable[File]) -> None:
        """Give these pages their Markdown, compiling each unit they come from once."""
        for file in files:
            if (empty := self._empty.get(file.src_uri)) is None:
                continue
            for page in empty[1].compile():
                if (other := self._empty.pop(page.path, None)) is not None:
                    other[0].content_string = page.content
