"""One item's front matter read field by field: unknown, repeated, missing, wrong values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.problem import Problem
from ..schema.names import suggest
from ..schema.types import FIELD_TYPES, Context, Invalid
from ..source.frontmatter import Entry, Source


@dataclass
class Values:
    """The values read, the line each field is on (1 when not written), and the problems."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_fields(ctx: Context, rel: str, source: Source) -> Values:
    """Every declared field's value in ``source``, converted by its type."""
    out = Values()
    given: dict[str, Entry] = {}
    for entry in source.entries:
        spec = ctx.names.fields.get(entry.key)
        if spec is None:
            known = [f.key for f in ctx.catalogue.fields] + [f.label for f in ctx.catalogue.fields]
            message = f"未知字段「{entry.key}」{suggest(entry.key, known)}"
            out.problems.append(Problem.of(rel, entry.line, message))
        elif spec.key in given:
            message = f"重复填写（第 {given[spec.key].line} 行已填写）"
            out.problems.append(Problem.of(rel, entry.line, message, spec))
        else:
            given[spec.key] = entry
    for spec in ctx.catalogue.fields:
        written = given.get(spec.key)
        raw = written.value if written else None
        out.lines[spec.key] = line = written.line if written else 1
        if raw is None or (isinstance(raw, str | list) and not raw):
            raw = spec.default
        missing = Problem.of(rel, line, f"必填，但没有填写。{spec.help}", spec)
        if raw is None:
            if spec.required:
                out.problems.append(missing)
            continue
        try:
            value = FIELD_TYPES[spec.type].read(ctx, spec, raw)
        except Invalid as exc:
            out.problems.append(Problem.of(rel, line, str(exc), spec))
            continue
        if value is None or value == "":
            if spec.required:
                out.problems.append(missing)
            continue
        out.values[spec.key] = value
    return out
