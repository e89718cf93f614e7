"""What the open-data files hold: which fields the machine-readable catalogue carries,
what it adds, and how many entries a feed keeps.

The exports (catalogue.json, catalogue.csv), their JSON Schema and the 开放数据 page
all read this, so what is published and what is documented cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.catalogue import Catalogue, FieldSpec

# The schema's version: raise it when the shape of a record changes (not when
# catalogue/ adds a field or a value: the schema is regenerated from it).
SCHEMA_VERSION = 1

# How many of the newest changes a feed holds.
FEED_ENTRIES = 50

# Field types that are the publication workflow's, not the document's: who cleared
# it (保密审查), the draft flag (always false once published) and the numbers cleared.
PRIVATE_TYPES = frozenset({"review", "flag", "exemptions"})


@dataclass(frozen=True)
class Extra:
    """A key every record carries beyond the declared fields."""

    key: str
    label: str
    type: str  # the JSON type
    help: str


EXTRAS = (
    Extra("url", "永久链接", "string", "本条信息的永久网址，由信息索引号生成，不会改变。"),
    Extra("updated", "最后更新", "string",
          "本条最后一次发布或修改的日期（发布记录中最新的提交，或元数据中最新的日期）。"),
    Extra("in_force", "现行有效", "boolean", "按有效性判断本文件是否仍然有效。"),
)  # fmt: skip


def exported_fields(catalogue: Catalogue) -> list[FieldSpec]:
    """The declared fields an export carries, in declaration order."""
    return [f for f in catalogue.fields if f.type not in PRIVATE_TYPES]
