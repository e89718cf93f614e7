"""catalogue.schema.json: the JSON Schema of catalogue.json, generated from catalogue/.

Every declared field is described with its Chinese label, its help text and,
for a choice, the values its vocabulary allows, so the schema never goes stale:
a new field or value in catalogue/ is in the next build's schema. ``$id`` carries
the schema's version (``schema/export.py``), and that address keeps its copy.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.catalogue import Catalogue, FieldSpec
from ..model.layout import schema_path
from ..schema.export import EXTRAS, SCHEMA_VERSION, exported_fields
from ..schema.types import FIELD_TYPES

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date"}
_OPTIONAL_DATE = {"type": ["string", "null"], "format": "date"}
_STRINGS = {"type": "array", "items": {"type": "string"}}


def schema_id(base: str) -> str:
    return base + schema_path(SCHEMA_VERSION)


def _field_schema(catalogue: Catalogue, spec: FieldSpec) -> dict[str, Any]:
    kind = spec.type
    values: tuple[str, ...] = ()
    if kind in ("choice", "dated_choice"):
        values = catalogue.vocabulary_of(spec.key).values
    out: dict[str, Any]
    if kind == "date":
        out = dict(_DATE if spec.required else _OPTIONAL_DATE)
    elif kind == "choice":
        out = {"type": "string", "enum": list(values) + ([] if spec.required else [""])}
    elif kind == "dated_choice":
        out = {
            "type": "object",
            "required": ["value", "date"],
            "additionalProperties": False,
            "properties": {
                "value": {"type": "string", "enum": list(values)},
                "date": _OPTIONAL_DATE
                | {"description": "该值生效的日期（如废止日期、公开截止日期）"},
            },
        }
    elif kind == "department":
        out = {"$ref": "#/$defs/department"}
    elif kind == "columns":
        out = {"type": "array", "items": {"$ref": "#/$defs/column"}}
    elif kind == "references":
        out = {"type": "array", "items": {"$ref": "#/$defs/reference"}}
    elif kind == "attachments":
        out = {"type": "array", "items": {"$ref": "#/$defs/attachment"}}
    elif kind == "list":
        out = dict(_STRINGS)
    else:  # text, longtext, index_no and types a catalogue adds
        out = {"type": "string"}
    description = f"{spec.label}（{FIELD_TYPES[kind].doc}）。{spec.help}"
    if values:
        description += "可填的值：" + "、".join(values) + "。"
    return {"title": spec.label, "description": description, **out}


def catalogue_schema(catalogue: Catalogue, base: str) -> dict[str, Any]:
    """The schema, as a JSON value."""
    fields = exported_fields(catalogue)
    properties = {f.key: _field_schema(catalogue, f) for f in fields}
    for extra in EXTRAS:
        properties[extra.key] = {"title": extra.label, "description": extra.help,
                                 "type": extra.type}  # fmt: skip
    properties["updated"]["format"] = "date"
    properties["url"]["format"] = "uri"
    departments = [d.id for d in catalogue.departments]
    columns = [c.id for c in catalogue.all_columns()]
    return {
        "$schema": DIALECT,
        "$id": schema_id(base),
        "title": f"{catalogue.settings.name}：机读目录（catalogue.json）",
        "description": (
            f"第 {SCHEMA_VERSION} 版。每条已公开信息的元数据，字段名与 catalogue/fields.yml 一致；"
            "由 gongkai 根据目录定义生成。"
        ),
        "type": "object",
        "required": ["schema", "version", "name", "generated", "count", "items"],
        "additionalProperties": False,
        "properties": {
            "schema": {
                "description": "本文件所依照的 JSON Schema 的地址",
                "const": schema_id(base),
            },
            "version": {"description": "JSON Schema 的版本号", "const": SCHEMA_VERSION},
            "name": {"description": "目录名称（catalogue.yml 的 name）", "type": "string"},
            "department": {
                "description": "只含一个部门的信息时，该部门的编号",
                "enum": departments,
            },
            "generated": {"description": "所含信息中最新一次发布或修改的日期", **_OPTIONAL_DATE},
            "count": {"description": "信息条数", "type": "integer", "minimum": 0},
            "items": {
                "description": "信息，按发布日期从新到旧排列",
                "type": "array",
                "items": {"$ref": "#/$defs/item"},
            },
        },
        "$defs": {
            "item": {
                "type": "object",
                "description": "一条已公开的信息",
                "required": [f.key for f in fields] + [e.key for e in EXTRAS],
                "additionalProperties": False,
                "properties": properties,
            },
            "department": {
                "type": "object",
                "description": "公开部门（catalogue/departments.yml）",
                "required": ["id", "name", "code"],
                "additionalProperties": False,
                "properties": {
                    "id": {"description": "部门编号", "enum": departments},
                    "name": {"description": "部门全称", "type": "string"},
                    "code": {"description": "信息索引号中的机构代码", "type": "string"},
                },
            },
            "column": {
                "type": "object",
                "description": "所属栏目（catalogue/columns.yml）",
                "required": ["id", "name"],
                "additionalProperties": False,
                "properties": {
                    "id": {"description": "栏目编号", "enum": columns},
                    "name": {"description": "栏目名称", "type": "string"},
                },
            },
            "reference": {
                "type": "object",
                "description": "所指向的另一条信息",
                "required": ["index_no", "url"],
                "additionalProperties": False,
                "properties": {
                    "index_no": {"description": "信息索引号", "type": "string"},
                    "url": {
                        "description": "其永久链接；未公开的为 null",
                        "type": ["string", "null"],
                        "format": "uri",
                    },
                },
            },
            "attachment": {
                "type": "object",
                "description": "附件",
                "required": ["title", "url", "type", "size", "sha256"],
                "additionalProperties": False,
                "properties": {
                    "title": {"description": "附件标题（未写明的为文件名）", "type": "string"},
                    "url": {"description": "下载地址", "type": "string", "format": "uri"},
                    "type": {
                        "description": "文件类型（catalogue.yml 的 attachments: types）",
                        "type": "string",
                    },
                    "size": {"description": "大小（字节）", "type": "integer", "minimum": 0},
                    "sha256": {
                        "description": "文件内容的 SHA-256 摘要（十六进制）",
                        "type": "string",
                        "pattern": "^[0-9a-f]{64}$",
                    },
                },
            },
        },
    }


def schema_text(catalogue: Catalogue, base: str) -> str:
    return json.dumps(catalogue_schema(catalogue, base), ensure_ascii=False, indent=2) + "\n"
