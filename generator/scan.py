"""A fast look at every item file: which index number it claims and which it refers to.

Catalogue-wide rules (unique index numbers, references that exist) need every
item, but not every item fully checked. Reading the front matter's lines
without a YAML parser is some fifty times faster, so a pull request's check
stays fast on a large catalogue, and it still works on files whose YAML is
broken (so `gongkai new` never hands out a number such a file claims).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .indexno import slug
from .load import ItemFile
from .model import Catalogue, Item

_KEY = re.compile(r"^([^\s#:\-][^:]*?)\s*:\s*(.*?)\s*$")
_ITEM = re.compile(r"^\s*-\s*(.+?)\s*$")


@dataclass
class Claim:
    """What one item file says about index numbers, with the lines it says it on."""

    source: str
    index_no: str
    related: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return slug(self.index_no)

    @classmethod
    def of(cls, item: Item) -> Claim:
        return cls(item.source, item.index_no, list(item.related), dict(item.lines))


def _unquote(text: str) -> str:
    text = text.split(" #", 1)[0].strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def claim(file: ItemFile, names: dict[str, str]) -> Claim | None:
    """The claim of one file; ``names`` maps every spelling of index_no/related to the key."""
    try:
        with file.path.open("rb") as f:
            head = f.read(64 * 1024).decode("utf-8-sig", "replace")
    except OSError:
        return None
    lines = head.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    found = Claim(file.rel, "")
    in_related = False
    for n, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if in_related and (m := _ITEM.match(line)):
            found.related.append(_unquote(m.group(1)))
            continue
        in_related = False
        m = _KEY.match(line)
        key = names.get(m.group(1).strip("'\"")) if m else None
        if m is None or key is None:
            continue
        value = m.group(2)
        found.lines[key] = n
        if key == "index_no":
            found.index_no = _unquote(value)
        elif value.startswith("["):
            found.related = [_unquote(v) for v in value.strip("[]").split(",") if v.strip()]
        else:
            in_related = not value
    return found if found.index_no else None


def claims(catalogue: Catalogue, files: list[ItemFile]) -> list[Claim]:
    names: dict[str, str] = {}
    for key in ("index_no", "related"):
        spec = catalogue.field(key)
        for name in (spec.key, spec.label, *spec.aliases):
            names[name] = key
    return [c for f in files if (c := claim(f, names)) is not None]
