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

from ..model.catalogue import Catalogue
from ..model.item import Item
from ..model.text import line_at
from ..schema.indexno import slug
from ..schema.types import as_list
from .content import ItemFile
from .text import decode

_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_ITEM = re.compile(r"^\s*-\s*(.+?)\s*$")


@dataclass
class Claim:
    """What one item file says about index numbers, with the lines it says it on."""

    source: str
    index_no: str
    refs: dict[str, list[str]] = field(default_factory=dict)  # reference field -> numbers
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return slug(self.index_no)

    @classmethod
    def of(cls, item: Item, keys: list[str]) -> Claim:
        """The claim of a fully read item; ``keys`` are the reference fields (``reference_keys``)."""
        refs = {key: refs for key in keys if (refs := item.references(key))}
        return cls(item.source, item.index_no, refs, dict(item.lines))


def reference_keys(catalogue: Catalogue) -> list[str]:
    """The fields that name other items by index number (type ``references``)."""
    return [f.key for f in catalogue.fields if f.type == "references"]


def _unquote(text: str) -> str:
    text = text.split(" #", 1)[0].strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def claim(file: ItemFile, keys: re.Pattern[str], names: dict[str, str]) -> Claim | None:
    """The claim of one file; ``keys`` finds the lines of index_no and related, however spelt."""
    try:
        with open(file.path, "rb") as f:  # the front matter is near the start: read little
            data = f.read(4096)
            while (end := data.find(b"\n---", 3)) < 0 and len(data) < 256 * 1024:
                if not (more := f.read(16384)):
                    break
                data += more
    except OSError:
        return None
    head = decode(data[: end if end > 0 else None], lenient=True)
    if not head.startswith("---\n"):
        return None
    if fence := _END.search(head, 3):  # a front matter closed by "..."
        head = head[: fence.start()]
    found = Claim(file.rel, "")
    for m in keys.finditer(head):
        key, value = names[m.group(1)], m.group(2)
        found.lines[key] = line_at(head, m.start())
        if key == "index_no":
            found.index_no = _unquote(value)
        elif value.startswith("["):
            found.refs[key] = [_unquote(v) for v in value.strip("[]").split(",") if v.strip()]
        elif not value:  # a block list: "- a" lines follow
            for line in head[m.end() + 1 :].split("\n"):
                if not (item := _ITEM.match(line)):
                    break
                found.refs.setdefault(key, []).append(_unquote(item.group(1)))
        else:  # written plainly: "A、B" as the full reading splits it (schema.types.as_list)
            found.refs[key] = as_list(_unquote(value))
    return found if found.index_no else None


def claims(catalogue: Catalogue, files: list[ItemFile]) -> list[Claim]:
    names: dict[str, str] = {}
    for key in ("index_no", *reference_keys(catalogue)):
        spec = catalogue.field(key)
        for name in (spec.key, spec.label, *spec.aliases):
            names[name] = key
    spellings = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    keys = re.compile(rf"^['\"]?({spellings})['\"]?[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
    return [c for f in files if (c := claim(f, keys, names)) is not None]
