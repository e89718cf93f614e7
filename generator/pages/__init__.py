"""Compile the portal's pages from the model, as Markdown, without MkDocs.

Each page family is a module that registers itself (``registry.family``);
``compile_pages`` runs them all, ``compile_units`` gives their units for a build
that compiles only what changed (``compiled.py``). The MkDocs plugin only hands these pages to
MkDocs, and a future renderer would do the same.
"""

from __future__ import annotations

from ..model.item import Portal
from .registry import FAMILIES, SHOW_OUTPUTS, Context, Page, Unit

# isort: off
# Importing a family registers it; the order is the order pages are compiled in.
from . import home, columns, departments, guide, apply, years, search, items, updates, annual, opendata  # noqa: F401  # fmt: skip
# isort: on

__all__ = ["Context", "Page", "Unit", "compile_pages", "compile_units", "family_units"]


def compile_units(portal: Portal) -> list[Unit]:
    """Every unit of generated pages of the portal, family by family, not yet compiled."""
    context = Context.of(portal)
    return family_units(context, outputs=False) + family_units(context, outputs=True)


def family_units(context: Context, outputs: bool) -> list[Unit]:
    """The units of the families that show the open-data files (``outputs``), or of all
    the others: a build keys and compiles the others without the files."""
    return [
        unit
        for name, compile_family in FAMILIES.items()
        if (name in SHOW_OUTPUTS) == outputs
        for unit in compile_family(context)
    ]


def compile_pages(portal: Portal) -> list[Page]:
    """Every generated page of the portal, family by family."""
    return [page for unit in compile_units(portal) for page in unit.compile()]
