"""``gongkai import``: items from an old portal's exports, mapped through catalogue/.

Labels are mapped through fields.yml (label, key or declared alias), departments
through departments.yml (id, name, short name or alias); a row that cannot be
mapped is refused with its reason, never guessed. Items are written by ``new``'s
writer; an index number already in the catalogue with the same text is skipped,
with different text refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..check.item import Checker
from ..model.catalogue import Catalogue, Column, Department, FieldSpec
from ..model.item import NewItem
from ..model.problem import errors
from ..model.text import yaml_quoted
from ..schema.dates import DateError, parse_date
from ..schema.indexno import IndexRule
from ..schema.names import Names
from ..schema.template import item_text
from ..source.content import ItemFile, walk
from ..source.foreign import Record, read_html, read_table, read_text
from ..source.frontmatter import parse
from ..source.scan import claims
from ..source.text import SourceError
from .new import item_path, write_item

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".xlsx")
# Set by the importer itself or by its options, never taken from a source's columns.
_OWN_KEYS = ("columns", "review", "draft", "attachments", "exempt")


@dataclass
class Options:
    columns: list[Column]
    doc_type: str | None = None
    reviewer: str | None = None
    body_column: str = "正文文件"


@dataclass
class Planned:
    where: str
    path: Path
    text: str


@dataclass
class Outcome:
    written: list[Planned] = field(default_factory=list)
    skipped: list[Planned] = field(default_factory=list)  # already imported, same text
    refused: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)


def records(paths: list[Path], names: Names, body_column: str) -> list[Record]:
    """Every record in ``paths`` (files or folders), in a stable order."""

    def is_label(word: str) -> bool:
        return names.fields.get(word) is not None

    out: list[Record] = []
    found = _files(paths)
    bodies: set[Path] = set()  # files a table names as bodies are not items of their own
    for path in found:
        if path.suffix.lower() in TABLE_SUFFIXES:
            rows, problem = read_table(path, path.as_posix())
            if problem:
                out.append(Record(path.as_posix(), problem=problem))
            for row in rows:
                name = row.values.get(body_column, "")
                if name:
                    bodies.add((path.parent / name).resolve())
                out.append(_with_body(row, path.parent, body_column))
    for path in found:
        suffix = path.suffix.lower()
        if path.resolve() in bodies:
            continue
        if suffix in TEXT_SUFFIXES:
            out.append(read_text(path, path.as_posix(), is_label))
        elif suffix in HTML_SUFFIXES:
            out.append(read_html(path, path.as_posix(), is_label))
    return out


def _files(paths: list[Path]) -> list[Path]:
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
        else:
            found.append(p)
    return found


def _with_body(row: Record, folder: Path, body_column: str) -> Record:
    """A table row's body: the file its body column names, beside the table."""
    name = row.values.pop(body_column, "")
    if not name:
        row.problem = f"「{body_column}」一栏是空的，不知道正文在哪个文件"
        return row
    path = folder / name
    try:
        row.body = path.read_text(encoding="utf-8-sig").strip()
    except FileNotFoundError:
        row.problem = f"正文文件 {name} 不存在"
    except (OSError, UnicodeDecodeError):
        row.problem = f"正文文件 {name} 无法读取（应为 UTF-8 文本）"
    return row


def plan(checker: Checker, record: Record, options: Options) -> Planned | str:
    """The file ``record`` becomes, or why it cannot become one (in a clerk's words)."""
    if record.problem:
        return record.problem
    catalogue, names = checker.catalogue, checker.context.names
    by_key: dict[str, str] = {}
    for label, value in record.values.items():
        spec = names.fields.get(label)
        if spec is None or not value:
            continue
        if spec.key in _OWN_KEYS:
            continue
        if spec.key in by_key and by_key[spec.key] != value:
            return f"「{spec.label}」填了两次且不一致（{by_key[spec.key]} / {value}）"
        by_key[spec.key] = value
    if record.title and "title" not in by_key:
        by_key["title"] = record.title
    for key in ("index_no", "title", "department"):
        if not by_key.get(key):
            return f"缺少「{catalogue.field(key).label}」"
    dep = names.departments.get(by_key["department"])
    if dep is None:
        label = catalogue.field("department").label
        return f"{label}「{by_key['department']}」不在 departments.yml 中（可在该部门的 aliases 中加上这个名称）"
    index_no = by_key["index_no"]
    if IndexRule(catalogue.settings.index_no).parse(index_no) is None:
        return f"信息索引号「{index_no}」不符合本目录的索引号规则"
    doc_type = by_key.pop("doc_type", None) or options.doc_type
    if not doc_type:
        return f"缺少「{catalogue.field('doc_type').label}」：来源中没有，也没有用 --doc-type 指定"
    values: dict[str, str] = {}
    for key, value in by_key.items():
        spec = catalogue.field(key)
        try:
            values[key] = _value(spec, value)
        except _Unfit as exc:
            return str(exc)
    kinds = catalogue.field("doc_type")
    if doc_type not in kinds.choices:
        return f"{kinds.label}「{doc_type}」不可选；可填 {' / '.join(kinds.choices)}"
    if not record.body.strip():
        return "没有正文"
    published = parse_date(values.get("published", "")) if "published" in values else None
    if published is None:
        return f"缺少「{catalogue.field('published').label}」"
    del values["department"], values["title"]
    new = NewItem(dep, options.columns, by_key["title"], doc_type, published, options.reviewer,
                  values=values, body=record.body)  # fmt: skip
    path = item_path(catalogue, dep, _stem(index_no))
    text = item_text(catalogue, new, index_no)
    wrong = _errors(checker, path, dep, text)
    return wrong or Planned(record.where, path, text)


def _errors(checker: Checker, path: Path, dep: Department, text: str) -> str:
    """What the checker would say against the file, so that no invalid item is written."""
    rel = path.relative_to(checker.catalogue.root).as_posix()
    try:
        source = parse(text)
    except SourceError as exc:
        return str(exc)
    _, problems = checker.check_item(ItemFile(path, rel, dep), source, links=False)
    found = errors(problems)
    return "；".join(f"「{p.label}」{p.message}" if p.label else p.message for p in found)


class _Unfit(ValueError):
    """A source's value that does not fit its field; the message is for the clerk."""


def _value(spec: FieldSpec, value: str) -> str:
    """``value`` as the front matter writes it; _Unfit when it does not fit the field."""
    if spec.type == "date":
        try:
            return parse_date(value).isoformat()
        except DateError as exc:
            raise _Unfit(f"「{spec.label}」：{exc}") from None
    if spec.type == "choice":
        if value not in spec.choices:
            raise _Unfit(f"「{spec.label}」填的是「{value}」，可填 {' / '.join(spec.choices)}")
        return value
    if spec.type == "dated_choice":
        word, _, rest = value.partition(" ")
        if word not in spec.choices:
            raise _Unfit(f"「{spec.label}」填的是「{value}」，可填 {' / '.join(spec.choices)}")
        if rest:
            try:
                return f"{word} {parse_date(rest).isoformat()}"
            except DateError as exc:
                raise _Unfit(f"「{spec.label}」：{exc}") from None
        return word
    if spec.type == "list":
        return (
            "[" + ", ".join(yaml_quoted(v) for v in value.replace("，", ",").split(",") if v) + "]"
        )
    if spec.type in ("text", "longtext", "index_no", "department"):
        return yaml_quoted(value) if spec.type in ("text", "longtext") else value
    raise _Unfit(f"「{spec.label}」不能从旧系统导入，请导入后再填写")


def _stem(index_no: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in index_no)


def run_import(
    catalogue: Catalogue, found: list[Record], options: Options, *, dry_run: bool
) -> Outcome:
    """Plan every record, then write the new ones; nothing is written for a refused record."""
    existing = {
        c.index_no: catalogue.root / c.source for c in claims(catalogue, walk(catalogue).items)
    }
    outcome = Outcome()
    checker = Checker(catalogue)
    seen: dict[str, str] = {}
    for record in found:
        planned = plan(checker, record, options)
        if isinstance(planned, str):
            outcome.refused.append((record.where, planned))
            continue
        index_no = _index_of(planned.text)
        if index_no in seen:
            outcome.refused.append(
                (record.where, f"信息索引号 {index_no} 与 {seen[index_no]} 重复")
            )
            continue
        seen[index_no] = record.where
        have = existing.get(index_no) or (planned.path if planned.path.exists() else None)
        if have is not None:
            if have.is_file() and have.read_text(encoding="utf-8") == planned.text:
                outcome.skipped.append(planned)
            else:
                outcome.refused.append((record.where, f"信息索引号 {index_no} 已有另一份内容不同的信息"
                                        f"（{have.relative_to(catalogue.root).as_posix()}），未覆盖"))  # fmt: skip
            continue
        if not dry_run:
            write_item(planned.path, planned.text)
        outcome.written.append(planned)
    return outcome


def _index_of(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("index_no: "):
            return line.removeprefix("index_no: ").strip()
    return ""
