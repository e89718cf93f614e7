"""Lookups from what clerks write (ids, names, labels) to catalogue objects."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..model.catalogue import Catalogue, Column, Department, FieldSpec

_IGNORED_IN_NAMES = re.compile(r"[\s\"'“”‘’「」『』]")


def name_key(text: str) -> str:
    """A name as looked up: quotes and spaces dropped, so 三公经费 finds "三公"经费."""
    return _IGNORED_IN_NAMES.sub("", text)


class _NameMap(dict[str, Any]):
    def get(self, key: str, default: Any = None) -> Any:
        return super().get(name_key(key), default)


@dataclass
class Names:
    """Field, department and column lookups by every name a clerk may use."""

    fields: dict[str, FieldSpec] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=_NameMap)
    columns: dict[str, Column] = field(default_factory=_NameMap)

    @classmethod
    def of(cls, catalogue: Catalogue) -> Names:
        names = cls()
        for f in catalogue.fields:
            for n in (f.key, f.label, *f.aliases):
                names.fields[n] = f
        for d in catalogue.departments:
            for n in (d.id, d.name, d.short, *d.aliases):
                names.departments[name_key(n)] = d
        for c in catalogue.all_columns():
            names.columns.setdefault(name_key(c.id), c)
            names.columns.setdefault(name_key(c.name), c)
        return names


def suggest(word: str, options: list[str]) -> str:
    """``；是不是「…」？`` with the closest option, or ''."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f"；是不是「{close[0]}」？" if close else ""
