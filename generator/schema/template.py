"""The item template: the file ``gongkai new`` writes and the README documents.

It lists every declared field with its Chinese label and help as a comment, so
the clerk sees what each line means without opening the manual.
"""

from __future__ import annotations

from ..model.catalogue import Catalogue, FieldSpec
from ..model.item import NewItem
from ..model.text import yaml_quoted
from .types import FIELD_TYPES

# The body a new file starts with; the checker warns while it is still there.
BODY_PLACEHOLDER = "（请在此处填写正文，替换本行。）"


def item_text(catalogue: Catalogue, new: NewItem, index_no: str) -> str:
    """The new file's text: every field, commented with its label and help."""
    values: dict[str, str] = {
        "index_no": index_no,
        "title": yaml_quoted(new.title),
        "department": new.department.id,
        "published": new.date.isoformat(),
        "doc_type": new.doc_type,
        "columns": "[" + ", ".join(c.id for c in new.columns) + "]",
        **new.values,
    }
    lines = ["---"]
    for spec in catalogue.fields:
        lines.append(f"# {_comment(spec)}")
        value = values.get(spec.key, spec.default or "")
        lines += FIELD_TYPES[spec.type].template(spec, value, new)
    lines += ["---", "", new.body.strip() or BODY_PLACEHOLDER, ""]
    return "\n".join(lines)


def _comment(spec: FieldSpec) -> str:
    need = "必填" if spec.required else "选填"
    choices = f"；可填 {' / '.join(spec.choices)}" if spec.choices else ""
    return f"{spec.label}（{need}）：{spec.help.rstrip('。')}{choices}"


def new_default_doc_type(catalogue: Catalogue) -> str:
    """The doc type ``gongkai new`` uses when the clerk names none (role new_default)."""
    vocabulary = catalogue.vocabulary_of("doc_type")
    term = vocabulary.with_role("new_default")
    return term.value if term else vocabulary.values[0]
