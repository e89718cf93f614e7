"""Read ``catalogue/``: settings, fields, vocabularies, the column tree and departments.

The catalogue is edited by the disclosure office, by hand, so its mistakes get
the same ``path:line`` messages as an item's.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import yaml

from ..model.catalogue import (
    ROLES,
    Banner,
    Catalogue,
    Column,
    Contact,
    Department,
    FieldSpec,
    Identity,
    Settings,
    Term,
    Vocabulary,
)
from ..model.item import FIELD_KEYS
from ..model.layout import RESERVED_FOLDERS
from ..model.problem import Problem
from ..schema.indexno import IndexRule, RuleError
from ..schema.types import CHOICE_TYPES, FIELD_TYPES
from . import yamlio
from .mkdocs_yml import ConfigError, markdown_config
from .text import SourceError, decode

WORDS = yamlio.Words("含有不可见的控制字符（{char}）", "嵌套过深（括号或缩进层数太多）",
                     "YAML 格式错误：{problem}", "YAML 格式错误：{error}")  # fmt: skip


class CatalogueError(Exception):
    """The catalogue definition itself is wrong; ``problems`` say where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class _Reader:
    """Collects problems while reading one YAML file of the catalogue."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / "catalogue" / name
        self.rel = f"catalogue/{name}"
        self.problems: list[Problem] = []

    def load(self, optional: bool = False) -> tuple[Any, yaml.Node | None]:
        """The file's data and its node tree; (None, None) when it cannot be read."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            if not optional:
                self.error(0, "文件不存在")
            return None, None
        except OSError as exc:
            self.error(0, f"无法读取（{exc.strerror}）")
            return None, None
        try:
            return yamlio.load(decode(data), WORDS, first=1, fallback=0, read=_document)
        except SourceError as exc:
            self.error(exc.line, exc.message)
            return None, None

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel, line, message))


def _document(loader: Any) -> tuple[Any, yaml.Node | None]:
    node = loader.single_node()
    return (loader.construct_document(node) if node else None), node


def _entries(
    data: Any, node: yaml.Node | None, reader: _Reader
) -> list[tuple[int, dict[str, Any]]]:
    """The list of mappings a catalogue file holds, each with its line."""
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        reader.error(1, "应为一个列表，每项以 - 开头")
        return []
    out = []
    for value, child in zip(data, node.value, strict=True):
        line = child.start_mark.line + 1
        if not isinstance(value, dict):
            reader.error(line, "每项应为「键: 值」的映射")
            continue
        out.append((line, value))
    return out


_OWNER = re.compile(r"^@[\w.-]+(?:/[\w.-]+)?$|^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _owners(value: Any, r: _Reader, line: int) -> tuple[str, ...]:
    """Forge accounts (@name), teams (@org/team) or e-mail addresses, as CODEOWNERS takes them."""
    owners = _strs(value)
    for owner in owners:
        if not _OWNER.match(owner):
            r.error(line, f"「{owner}」不是账号（@name）、团队（@org/team）或电子邮箱")
    return owners


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def load_settings(root: Path, problems: list[Problem]) -> Settings:
    r = _Reader(root, "catalogue.yml")
    data, _ = r.load()
    settings = Settings(name="政府信息公开目录")
    if isinstance(data, dict):
        settings.name = str(data.get("name", settings.name))
        settings.index_no = str(data.get("index_no", settings.index_no))
        for key in ("page_size", "home_latest", "updates_latest"):
            value = data.get(key, getattr(settings, key))
            if not isinstance(value, int) or value < 1:
                r.error(0, f"{key} 应为正整数")
            else:
                setattr(settings, key, value)
        settings.office = _owners(data.get("office"), r, 0)
        _attachment_settings(data.get("attachments"), settings, r)
        _identity(data.get("identity"), settings, r)
        try:
            IndexRule(settings.index_no)
        except RuleError as exc:
            r.error(0, f"index_no: {exc}")
    elif data is not None or not r.problems:
        r.error(1, "应为「键: 值」的映射（name、index_no、page_size…）")
    problems += r.problems
    return settings


def _identity(data: Any, settings: Settings, r: _Reader) -> None:
    """``identity: {host: …, site_code: …, icp: …, police: …, phone: …}`` in catalogue.yml."""
    if data is None:
        return
    known = {f.name for f in dataclasses.fields(Identity)}
    if not isinstance(data, dict) or not set(data) <= known:
        r.error(0, "identity 应为映射，键为 " + "、".join(sorted(known)))
        return
    settings.identity = Identity(**{k: str(v) for k, v in data.items() if v is not None})


def _attachment_settings(data: Any, settings: Settings, r: _Reader) -> None:
    """``attachments: {max_mb: 20, types: {pdf: PDF 文档, …}}`` in catalogue.yml."""
    if data is None:
        return
    types = data.get("types") if isinstance(data, dict) else None
    max_mb = data.get("max_mb", settings.attachment_max_mb) if isinstance(data, dict) else None
    if not isinstance(types, dict) or not isinstance(max_mb, int) or max_mb < 1:
        r.error(0, "attachments 应写明 max_mb（正整数，单位 MB）和 types（后缀: 类型名称）")
        return
    settings.attachment_types = {str(k).lower().lstrip("."): str(v) for k, v in types.items()}
    settings.attachment_max_mb = max_mb


def load_vocabularies(root: Path, problems: list[Problem]) -> dict[str, Vocabulary]:
    """catalogue/vocabularies.yml: named lists of values, each with what it means."""
    r = _Reader(root, "vocabularies.yml")
    data, node = r.load(optional=True)
    out: dict[str, Vocabulary] = {}
    if data is None:
        problems += r.problems
        return out
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        r.error(1, "应为「词表名: 值的列表」的映射")
        problems += r.problems
        return out
    for key_node, value_node in node.value:
        name = str(key_node.value)
        terms = [_term(value, line, r) for line, value in _values(data[name], value_node, r)]
        values = [t.value for t in terms if t is not None]
        for twice in sorted({v for v in values if values.count(v) > 1}):
            r.error(key_node.start_mark.line + 1, f"词表 {name} 中「{twice}」重复")
        out[name] = Vocabulary(name, tuple(t for t in terms if t is not None))
    problems += r.problems
    return out


def _values(data: Any, node: yaml.Node, r: _Reader) -> list[tuple[int, Any]]:
    """A vocabulary's entries (a value, or a mapping with value: …), each with its line."""
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        r.error(node.start_mark.line + 1, "词表应为一个列表，每项以 - 开头")
        return []
    return [
        (child.start_mark.line + 1, value) for value, child in zip(data, node.value, strict=True)
    ]


_TERM_KEYS = {"value", "dated", "in_force", "mark", "banner", "role", "report"}


def _term(value: Any, line: int, r: _Reader) -> Term | None:
    if not isinstance(value, dict):
        return Term(str(value))
    if not value.get("value") or set(value) - _TERM_KEYS:
        r.error(line, f"每项应为一个值，或含 value 的映射（可用 {'、'.join(sorted(_TERM_KEYS))}）")
        return None
    role = str(value.get("role") or "")
    if role and role not in ROLES:
        r.error(line, f"role「{role}」不可用；可用 {'、'.join(ROLES)}")
    banner = value.get("banner")
    if banner is not None and not (
        isinstance(banner, dict) and all(banner.get(k) for k in ("level", "title", "text"))
    ):
        r.error(line, "banner 应写明 level（提示级别，如 warning、danger）、title 和 text")
        banner = None
    return Term(
        value=str(value["value"]),
        dated=bool(value.get("dated", False)),
        in_force=bool(value.get("in_force", True)),
        mark=str(value.get("mark") or ""),
        banner=Banner(str(banner["level"]), str(banner["title"]), str(banner["text"]))
        if banner
        else None,
        role=role,
        report=str(value.get("report") or ""),
    )


def load_fields(
    root: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> list[FieldSpec]:
    r = _Reader(root, "fields.yml")
    fields: list[FieldSpec] = []
    seen: set[str] = set()
    for line, d in _entries(*r.load(), r):
        key, label, ftype = d.get("key"), d.get("label"), d.get("type")
        if not key or not label or ftype not in FIELD_TYPES:
            r.error(
                line,
                f"每个字段都要有 key、label 和 type（type 取 {'、'.join(sorted(FIELD_TYPES))}）",
            )
            continue
        names = {str(key), str(label), *_strs(d.get("aliases"))}
        if names & seen:
            r.error(line, f"字段名或别名重复：{'、'.join(sorted(names & seen))}")
        seen |= names
        choices, dated = _strs(d.get("choices")), _strs(d.get("dated"))
        vocabulary = str(d.get("vocabulary") or "")
        if vocabulary:
            if vocabulary not in vocabularies:
                r.error(line, f"词表「{vocabulary}」不在 catalogue/vocabularies.yml 中")
            terms = vocabularies[vocabulary].terms if vocabulary in vocabularies else ()
            choices = tuple(t.value for t in terms)
            dated = tuple(t.value for t in terms if t.dated)
        elif ftype in CHOICE_TYPES and not choices:
            r.error(line, "单选字段要写明 vocabulary（词表名）或 choices（可选值）")
        default = d.get("default")
        fields.append(
            FieldSpec(
                key=str(key),
                label=str(label),
                type=str(ftype),
                required=bool(d.get("required", False)),
                choices=choices,
                dated=dated,
                default=None if default is None else str(default),
                aliases=_strs(d.get("aliases")),
                header=bool(d.get("header", False)),
                header_when_set=d.get("header") == "when_set",
                help=str(d.get("help", "")),
                vocabulary=vocabulary,
            )
        )
    missing = FIELD_KEYS - {f.key for f in fields}
    if missing and not r.problems:
        r.error(0, f"缺少必需的字段定义：{'、'.join(sorted(missing))}；gongkai 的每个字段都要在此声明"
                "（升级 gongkai 后新增的字段，可从 gongkai 仓库的 catalogue/fields.yml 复制其定义）")  # fmt: skip
    problems += r.problems
    return fields


def load_departments(root: Path, problems: list[Problem]) -> list[Department]:
    r = _Reader(root, "departments.yml")
    out: list[Department] = []
    ids: set[str] = set()
    named: dict[str, str] = {}  # a name, short name or alias -> the department it names
    for line, d in _entries(*r.load(), r):
        if not all(d.get(k) for k in ("id", "name", "code")):
            r.error(line, "每个部门都要有 id、name 和 code")
            continue
        dep_id = str(d["id"])
        folder = str(d.get("folder") or dep_id)
        if folder.strip("/") + "/" in RESERVED_FOLDERS or "/" in folder or folder.startswith("."):
            r.error(
                line,
                f"folder「{folder}」不可用：应为 content/ 下的一级文件夹名，且不能是 {'、'.join(RESERVED_FOLDERS)}",
            )
        if dep_id in ids:
            r.error(line, f"部门编号 {dep_id} 重复")
        ids.add(dep_id)
        aliases = _strs(d.get("aliases"))
        for n in {str(d["name"]), str(d.get("short") or d["name"]), *aliases}:
            if named.setdefault(n, dep_id) != dep_id:
                r.error(line, f"名称「{n}」已是部门 {named[n]} 的名称或别名，不能同时指两个部门")
        contact = d.get("contact") or {}
        if not isinstance(contact, dict):
            r.error(line, "contact 应为映射（office、address、hours、phone、fax、email）")
            contact = {}
        out.append(
            Department(
                id=dep_id,
                name=str(d["name"]),
                short=str(d.get("short") or d["name"]),
                code=str(d["code"]),
                folder=folder,
                reviewers=_owners(d.get("reviewers"), r, line),
                aliases=aliases,
                contact=Contact(
                    **{k: str(contact.get(k) or "") for k in Contact.__dataclass_fields__}
                ),
            )
        )
    problems += r.problems
    return out


def load_columns(
    root: Path, departments: list[Department], problems: list[Problem]
) -> list[Column]:
    r = _Reader(root, "columns.yml")
    data, node = r.load()
    ids: set[str] = set()
    dep_ids = {d.id for d in departments}

    def build(data: Any, node: yaml.Node | None, parent: Column | None) -> list[Column]:
        cols: list[Column] = []
        for line, d in _entries(data, node, r):
            if not d.get("id") or not d.get("name"):
                r.error(line, "每个栏目都要有 id 和 name")
                continue
            col = Column(
                id=str(d["id"]),
                name=str(d["name"]),
                description=str(d.get("description", "")),
                lead=_strs(d.get("lead")),
                fixed=bool(d.get("fixed", False)),
                parent=parent,
            )
            if col.id in ids:
                r.error(line, f"栏目编号 {col.id} 重复")
            ids.add(col.id)
            for lead in col.lead:
                if lead not in dep_ids:
                    r.error(line, f"牵头部门 {lead} 不在 departments.yml 中")
            if "children" in d:
                assert isinstance(node, yaml.SequenceNode)
                child_node = next(
                    (
                        v
                        for k, v in _mapping_at(node, line)
                        if getattr(k, "value", None) == "children"
                    ),
                    None,
                )
                col.children = build(d["children"], child_node, col)
            cols.append(col)
        return cols

    columns = build(data, node, None)
    problems += r.problems
    return columns


def _walk(columns: list[Column]) -> list[Column]:
    return [node for c in columns for node in (c, *_walk(c.children))]


def _mapping_at(seq: yaml.SequenceNode, line: int) -> list[tuple[yaml.Node, yaml.Node]]:
    """The key/value node pairs of the mapping in ``seq`` that starts on ``line``."""
    for child in seq.value:
        if child.start_mark.line + 1 == line and isinstance(child, yaml.MappingNode):
            return list(child.value)
    return []


def load_catalogue(root: Path) -> Catalogue:
    """Read ``root/catalogue`` (and mkdocs.yml's Markdown settings); raise CatalogueError
    listing every problem found."""
    problems: list[Problem] = []
    settings = load_settings(root, problems)
    vocabularies = load_vocabularies(root, problems)
    fields = load_fields(root, vocabularies, problems)
    departments = load_departments(root, problems)
    columns = load_columns(root, departments, problems)
    from .guide import load_guide  # it reads with this module's _Reader

    guide = load_guide(root, {c.id for c in _walk(columns)}, problems)
    try:
        markdown = markdown_config(root / "mkdocs.yml")
    except ConfigError as exc:
        problems.append(Problem("mkdocs.yml", 0, str(exc)))
    if problems:
        raise CatalogueError(problems)
    return Catalogue(root, settings, fields, columns, departments, vocabularies, markdown, guide)
