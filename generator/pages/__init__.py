"""Compile the portal's pages from the model, as Markdown, without MkDocs.

Each page family is a module that registers itself (``registry.family``);
``compile_pages`` runs them all. The MkDocs plugin only hands these pages to
MkDocs, and a future renderer would do the same.
"""

from __future__ import annotations

from ..model.item import Portal
from .registry import FAMILIES, Context, Page

# isort: off
# Importing a family registers it; the order is the order pages are compiled in.
from . import home, columns, departments, guide, apply, years, search, items, updates, annual, opendata  # noqa: F401  # fmt: skip
# isort: on

__all__ = ["Page", "compile_pages"]


def compile_pages(portal: Portal) -> list[Page]:
    """Every generated page of the portal, family by family."""
    context = Context.of(portal)
    return [page for compile_family in FAMILIES.values() for page in compile_family(context)]
