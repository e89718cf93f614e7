"""Read catalogue/guide.yml, the disclosure guide's wording, with a line for every mistake.

The office edits it by hand, so a missing text, a misspelt key or an unknown
placeholder (``{answer_day}``) is a ``catalogue/guide.yml:行: 字段: …`` message,
never a traceback in the middle of a build.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import yaml

from ..model.catalogue import Contact
from ..model.guide import PLACEHOLDERS, Channel, FormGroup, FormSection, Guide, Limits, Titles
from ..model.problem import Problem
from .catalogue import _Reader

NAME = "guide.yml"
TEXTS = {
    "intro": "指南引言",
    "active": "公开方式",
    "apply": "申请说明",
    "time": "办理时限",
    "fees": "收费",
    "redress": "监督和救济",
}
OPTIONAL = {"form_title": "申请表名称", "form_note": "申请表说明"}
KEYS = {*TEXTS, *OPTIONAL, "titles", "column", "limits", "channels", "contents", "form"}


def joined(text: str) -> str:
    """A text's lines joined as Chinese is written: a line break inside a paragraph is no
    space (Markdown and browsers would print one between two characters), except between
    two Latin letters or digits; blank lines still part paragraphs."""

    def join(m: re.Match[str]) -> str:
        return " " if m.group(1).isascii() and m.group(2).isascii() else ""

    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        re.sub(r"(\S)[ \t]*\n\s*(?=(\S))", lambda m: m.group(1) + join(m), p) for p in paragraphs
    )


class _Guide:
    """One reading of guide.yml: its data, its node tree, and the problems found."""

    def __init__(self, reader: _Reader, node: yaml.Node | None) -> None:
        self.r, self.node = reader, node

    def error(self, path: str, message: str, label: str = "") -> None:
        self.r.problems.append(Problem(self.r.rel, self.line(path), message, path, label))

    def line(self, path: str) -> int:
        """The line of the value at ``path`` (``channels.2.text``), or of its nearest parent."""
        node, line = self.node, 1
        for step in path.split("."):
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if str(k.value) == step), None)
            elif isinstance(node, yaml.SequenceNode) and step.isdigit():
                node = node.value[int(step)] if int(step) < len(node.value) else None
            else:
                node = None
            if node is None:
                break
            line = int(node.start_mark.line) + 1
        return line

    def text(self, data: dict[str, Any], key: str, label: str, path: str = "") -> str:
        """A required text, its placeholders checked."""
        path = path or key
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.error(path, "应填写文字（不能为空）", label)
            return ""
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError:
            self.error(path, "花括号不成对；只可写 {answer_days}、{extension_days}", label)
            return ""
        for name in sorted(names - set(PLACEHOLDERS)):
            self.error(
                path, f"未知的占位符 {{{name}}}；只可写 {{answer_days}}、{{extension_days}}", label
            )
        return joined(value) if not names - set(PLACEHOLDERS) else ""

    def strings(self, value: Any, path: str, label: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.error(path, "应为文字的列表，每项以 - 开头（或写成 [甲, 乙]）", label)
            return ()
        return tuple(value)

    def mapping(self, value: Any, path: str, label: str, keys: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.error(path, f"应为映射，可用的键：{'、'.join(sorted(keys))}", label)
            return {}
        for key in sorted(set(map(str, value)) - keys):
            self.error(
                f"{path}.{key}", f"未知的键 {key}；可用的键：{'、'.join(sorted(keys))}", label
            )
        return value

    def items(self, value: Any, path: str, label: str) -> list[tuple[str, Any]]:
        if not isinstance(value, list) or not value:
            self.error(path, "应为列表（至少一项），每项以 - 开头", label)
            return []
        return [(f"{path}.{i}", v) for i, v in enumerate(value)]


def load_guide(root: Path, columns: set[str] | None, problems: list[Problem]) -> Guide | None:
    """catalogue/guide.yml, or None when the portal has none (or it has mistakes, in ``problems``).

    ``columns``: the column ids, one of which ``column`` (the guide items' listing) must
    name; None to take it as it is (the plugin reads the titles before the check runs).
    """
    r = _Reader(root, NAME)
    data, node = r.load(optional=True)
    if data is None:
        problems += r.problems
        return None
    g = _Guide(r, node)
    if not isinstance(data, dict):
        g.error("", "应为「键: 值」的映射（intro、active、apply、channels、contents……）")
        problems += r.problems
        return None
    for key in sorted(set(map(str, data)) - KEYS):
        g.error(key, f"未知的键 {key}；可用的键：{'、'.join(sorted(KEYS))}")
    texts = {key: g.text(data, key, label) for key, label in TEXTS.items()}
    optional = {key: g.text(data, key, label) for key, label in OPTIONAL.items() if key in data}
    column = str(data.get("column") or "")
    if column and columns is not None and column not in columns:
        g.error("column", f"栏目 {column} 不在 columns.yml 中", "指南类信息栏目")
    guide = Guide(
        titles=_titles(g, data.get("titles")),
        **texts,
        column=column,
        **optional,
        channels=_channels(g, data.get("channels")),
        contents=g.strings(data.get("contents"), "contents", "申请内容"),
        form=_form(g, data.get("form")),
        limits=_limits(g, data.get("limits")),
    )
    problems += r.problems
    return None if r.problems else guide


def _titles(g: _Guide, value: Any) -> Titles:
    keys = set(Titles.__dataclass_fields__)
    data = g.mapping(value, "titles", "标题", keys)
    return Titles(**{key: g.text(data, key, "标题", f"titles.{key}") for key in sorted(keys)})


def _limits(g: _Guide, value: Any) -> Limits:
    data = g.mapping(value, "limits", "办理时限", set(PLACEHOLDERS))
    days: dict[str, int] = {}
    for key in PLACEHOLDERS:
        n = data.get(key)
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            g.error(f"limits.{key}", "应为正整数（工作日数）", "办理时限")
        else:
            days[key] = n
    return Limits(**days)


_CHANNEL_KEYS = {"title", "text", "contact"}


def _channels(g: _Guide, value: Any) -> tuple[Channel, ...]:
    out = []
    contacts = set(Contact.__dataclass_fields__)
    for path, entry in g.items(value, "channels", "申请渠道"):
        d = g.mapping(entry, path, "申请渠道", _CHANNEL_KEYS)
        if not d:
            continue
        contact = str(d.get("contact") or "")
        if contact and contact not in contacts:
            g.error(f"{path}.contact", f"contact 应为 departments.yml 的联系方式之一：{'、'.join(sorted(contacts))}", "申请渠道")  # fmt: skip
        title, text = g.text(d, "title", "申请渠道", f"{path}.title"), g.text(d, "text", "申请渠道", f"{path}.text")  # fmt: skip
        out.append(Channel(title, text, contact))
    return tuple(out)


def _form(g: _Guide, value: Any) -> tuple[FormSection, ...]:
    sections = []
    for path, entry in g.items(value, "form", "申请表"):
        d = g.mapping(entry, path, "申请表", {"title", "groups"})
        if not d:
            continue
        groups = []
        for gpath, gentry in g.items(d.get("groups"), f"{path}.groups", "申请表"):
            gd = g.mapping(gentry, gpath, "申请表", {"title", "fields", "choices"})
            if not gd:
                continue
            if ("fields" in gd) == ("choices" in gd):
                g.error(
                    gpath,
                    "每组应写 fields（要填写的项）或 choices（要勾选的项），二者选一",
                    "申请表",
                )
                continue
            kind = "fields" if "fields" in gd else "choices"
            values = g.strings(gd[kind], f"{gpath}.{kind}", "申请表")
            title = g.text(gd, "title", "申请表", f"{gpath}.title")
            groups.append(FormGroup(title, **{kind: values}))
        sections.append(FormSection(g.text(d, "title", "申请表", f"{path}.title"), tuple(groups)))
    return tuple(sections)
