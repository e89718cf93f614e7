"""Validate items against the catalogue, in words a department clerk understands.

``check_item`` turns one file's front matter into an ``Item`` (or problems);
``check_all`` adds the rules that need the whole catalogue: unique index
numbers and links between items. Every message names the field by its key and
Chinese label and says what to write instead.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import privacy, sanitize
from .dates import DateError, parse_date
from .frontmatter import Entry, Source
from .indexno import IndexRule, slug
from .links import relative_links, resolve
from .load import ItemFile
from .model import Catalogue, Column, DatedChoice, Department, FieldSpec, Item, Problem, Review
from .new import BODY_PLACEHOLDER
from .scan import Claim

_ITEM_FIELDS = set(Item.__dataclass_fields__) - {"source", "slug", "body", "lines", "extra"}


class Invalid(ValueError):
    """A value that does not fit its field; the message is for the clerk."""


_IGNORED_IN_NAMES = re.compile(r"[\s\"'“”‘’「」『』]")


def name_key(text: str) -> str:
    """A name as looked up: quotes and spaces dropped, so 三公经费 finds "三公"经费."""
    return _IGNORED_IN_NAMES.sub("", text)


class _NameMap(dict[str, Any]):
    def get(self, key: str, default: Any = None) -> Any:
        return super().get(name_key(key), default)


@dataclass
class Names:
    """Lookups from what clerks write (ids, names, labels) to catalogue objects."""

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
            for n in (d.id, d.name, d.short):
                names.departments[name_key(n)] = d
        for c in catalogue.all_columns():
            names.columns.setdefault(name_key(c.id), c)
            names.columns.setdefault(name_key(c.name), c)
        return names


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f"；是不是「{close[0]}」？" if close else ""


def _not_a_choice(text: str, spec: FieldSpec) -> str:
    hint = _suggest(text, list(spec.choices)) or "；"
    return f"「{text}」不是可选值{hint}可填 {' / '.join(spec.choices)}"


def _exemptions(value: Any) -> list[str]:
    """Numbers a clerk clears for publication, each with the reason why."""
    rows = value if isinstance(value, list) else [value]
    out = []
    for row in rows:
        if not isinstance(row, dict):
            raise Invalid("每项应写成 value: 号码 和 reason: 理由 两行")
        number = _scalar(row.get("value", row.get("号码")))
        reason = _scalar(row.get("reason", row.get("理由")))
        if not number or not reason:
            raise Invalid("每项都要写明号码 value 和理由 reason")
        out.append(number)
    return out


def _flag(value: Any) -> bool:
    text = _scalar(value).lower()
    if text in ("true", "yes", "是", "1"):
        return True
    if text in ("false", "no", "否", "0"):
        return False
    raise Invalid(f"「{value}」应为 true 或 false")


def _scalar(value: Any) -> str:
    if isinstance(value, dict | list):
        raise Invalid("应为一个值，不是列表或映射")
    return "" if value is None else str(value).strip()


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        if any(isinstance(v, dict | list) for v in value):
            raise Invalid("列表中的每一项应为一个值")
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, dict):
        raise Invalid("应为列表，如 [a, b]")
    return [p for p in re.split(r"[,，、;；]\s*", str(value).strip()) if p]


class Checker:
    """Checks items of one catalogue; holds the lookups so each file is cheap."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.names = Names.of(catalogue)
        self.rule = IndexRule(catalogue.settings.index_no)
        self.convert: dict[str, Callable[[FieldSpec, Any], Any]] = {
            "text": lambda f, v: _scalar(v),
            "longtext": lambda f, v: _scalar(v),
            "date": lambda f, v: self._date(v),
            "choice": self._choice,
            "dated_choice": self._dated_choice,
            "list": lambda f, v: _as_list(v),
            "department": lambda f, v: self._department(v),
            "columns": lambda f, v: self._columns(v),
            "index_no": lambda f, v: self._index_no(v),
            "review": lambda f, v: self._review(v),
            "flag": lambda f, v: _flag(v),
            "exemptions": lambda f, v: _exemptions(v),
        }

    # -- one value -----------------------------------------------------------

    def _date(self, value: Any) -> Any:
        text = _scalar(value)
        try:
            return parse_date(text)
        except DateError as exc:
            raise Invalid(str(exc)) from None

    def _choice(self, spec: FieldSpec, value: Any) -> str:
        text = _scalar(value)
        if text not in spec.choices:
            raise Invalid(_not_a_choice(text, spec))
        return text

    def _dated_choice(self, spec: FieldSpec, value: Any) -> DatedChoice:
        text = _scalar(value)
        word, _, rest = text.partition(" ")
        word, rest = word.strip(), rest.strip().strip("（）()")
        if word not in spec.choices:
            raise Invalid(_not_a_choice(word, spec))
        if word in spec.dated and not rest:
            raise Invalid(f"「{word}」须写明日期，如「{word} 2020-05-01」")
        if rest and word not in spec.dated:
            raise Invalid(f"「{word}」后不应有日期")
        return DatedChoice(word, self._date(rest) if rest else None)

    def _department(self, value: Any) -> Department:
        text = _scalar(value)
        dep = self.names.departments.get(text)
        if dep is None:
            raise Invalid(
                f"部门「{text}」不在目录中{_suggest(text, list(self.names.departments))}"
                "（gongkai list departments 可查）"
            )
        return dep

    def _columns(self, value: Any) -> list[Column]:
        cols: list[Column] = []
        for name in _as_list(value):
            col = self.names.columns.get(name)
            if col is None:
                raise Invalid(
                    f"栏目「{name}」不在目录中{_suggest(name, list(self.names.columns))}"
                    "（gongkai list columns 可查）"
                )
            if col not in cols:
                cols.append(col)
        if not cols:
            raise Invalid("至少填一个栏目")
        return cols

    def _index_no(self, value: Any) -> str:
        text = _scalar(value)
        if self.rule.parse(text) is None:
            raise Invalid(
                f"「{text}」不符合本目录的索引号规则 {self.rule.pattern}（如 {self.rule.example()}）"
            )
        return text

    def _review(self, value: Any) -> Review | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise Invalid("应写成两行：reviewer: 审查人 和 date: 审查日期（缩进两格）")
        reviewer = _scalar(value.get("reviewer", value.get("审查人")))
        date = value.get("date", value.get("审查日期"))
        if not reviewer or date is None:
            raise Invalid("审查人 reviewer 和审查日期 date 都要填写")
        return Review(reviewer, self._date(date))

    # -- one item ------------------------------------------------------------

    def check_item(self, file: ItemFile, source: Source) -> tuple[Item | None, list[Problem]]:
        """The item a file describes, and every problem with it."""
        problems: list[Problem] = []
        rel = file.rel

        def report(spec: FieldSpec | None, line: int, msg: str, severity: str = "error") -> None:
            problems.append(
                Problem(
                    rel,
                    line,
                    msg,
                    spec.key if spec else "",
                    spec.label if spec else "",
                    "warning" if severity == "warning" else "error",
                )
            )

        given: dict[str, Entry] = {}
        for entry in source.entries:
            spec = self.names.fields.get(entry.key)
            if spec is None:
                known = [f.key for f in self.catalogue.fields] + [
                    f.label for f in self.catalogue.fields
                ]
                report(None, entry.line, f"未知字段「{entry.key}」{_suggest(entry.key, known)}")
            elif spec.key in given:
                report(spec, entry.line, f"重复填写（第 {given[spec.key].line} 行已填写）")
            else:
                given[spec.key] = entry

        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for spec in self.catalogue.fields:
            written = given.get(spec.key)
            raw = written.value if written else None
            lines[spec.key] = line = written.line if written else 1
            if raw is None or (isinstance(raw, str | list) and not raw):
                raw = spec.default
            if raw is None:
                if spec.required:
                    report(spec, line, f"必填，但没有填写。{spec.help}")
                continue
            try:
                value = self.convert[spec.type](spec, raw)
            except Invalid as exc:
                report(spec, line, str(exc))
                continue
            if value is None or value == "":
                if spec.required:
                    report(spec, line, f"必填，但没有填写。{spec.help}")
                continue
            values[spec.key] = value

        self._cross_check(file, values, lines, report)
        self._check_links(file, source, report)
        self._check_privacy(source, values.get("exempt", []), report)
        for line, what in sanitize.dropped(source.body):
            report(None, source.body_line + line, f"正文中的 {what}", "warning")  # fmt: skip
        if not source.body.strip():
            report(None, source.body_line, "正文为空：请在元数据之后填写信息的正文", "warning")
        elif BODY_PLACEHOLDER in source.body:
            report(
                None,
                source.body_line,
                f"正文还是模板中的提示「{BODY_PLACEHOLDER}」，请替换为正文",
                "warning",
            )
        if any(p.severity == "error" for p in problems):
            return None, problems
        core = {k: v for k, v in values.items() if k in _ITEM_FIELDS}
        extra = {k: v for k, v in values.items() if k not in _ITEM_FIELDS}
        item = Item(
            source=rel, slug=slug(values["index_no"]), body=source.body, lines=lines, extra=extra,
            **core,
        )  # fmt: skip
        return item, problems

    def _check_privacy(
        self, source: Source, exempt: list[str], report: Callable[..., None]
    ) -> None:
        """Personal numbers in the front matter and the body (privacy.py says which)."""
        for entry in source.entries:
            spec = self.names.fields.get(entry.key)
            if spec is not None and spec.type == "exemptions":
                continue
            for finding in privacy.scan(_text_of(entry.value), exempt):
                report(spec, entry.line, finding.message())
        for finding in privacy.scan(source.body, exempt):
            report(None, source.line_at(finding.start), finding.message())

    def _check_links(self, file: ItemFile, source: Source, report: Callable[..., None]) -> None:
        """Every relative link (attachments, other items) leads to a file inside content/."""
        content = self.catalogue.root / "content"
        source_dir = posixpath.dirname(file.content_path)
        for link in relative_links(source.body):
            line = source.line_at(link.start)
            target = resolve(source_dir, link)
            if target == ".." or target.startswith("../"):
                report(
                    None,
                    line,
                    f"链接「{link.target}」指向 content/ 以外，不会被发布；请把附件放在部门文件夹中",
                )
            elif not _is_file(content / target):
                report(
                    None,
                    line,
                    f"链接的文件「{link.target}」不存在；请上传附件或改正文件名（注意大小写）",
                )

    def _cross_check(
        self,
        file: ItemFile,
        values: dict[str, Any],
        lines: dict[str, int],
        report: Callable[..., None],
    ) -> None:
        """Rules between fields: index number vs department and year, dates in order."""
        field = self.catalogue.field
        dep: Department | None = values.get("department")
        if dep is not None and dep != file.department:
            report(
                field("department"),
                lines["department"],
                f"文件在「{file.department.short}」的文件夹 content/{file.department.folder}/ 中，"
                f"但填写的公开部门是「{dep.short}」；请把文件放到 content/{dep.folder}/ 或改正部门",
            )
        index_no, published = values.get("index_no"), values.get("published")
        parsed = self.rule.parse(index_no) if index_no else None
        if parsed and dep and parsed.org_code != dep.code:
            report(
                field("index_no"),
                lines["index_no"],
                f"索引号中的机构代码是 {parsed.org_code}，但「{dep.short}」的代码是 {dep.code}",
            )
        if parsed and published and parsed.year != published.year:
            report(
                field("index_no"),
                lines["index_no"],
                f"索引号中的年份是 {parsed.year}，但发布日期是 {published.isoformat()}",
            )
        written = values.get("written")
        if written and published and written > published:
            report(
                field("written"),
                lines["written"],
                f"成文日期 {written.isoformat()} 晚于发布日期 {published.isoformat()}",
            )
        review: Review | None = values.get("review")
        if review is None:
            report(
                field("review"),
                lines["review"],
                "未填写保密审查，本条不会发布（先审查、后公开）：请填写审查人 reviewer 和审查日期 date",
                "warning",
            )
        elif published and review.date > published:
            report(
                field("review"),
                lines["review"],
                f"审查日期 {review.date.isoformat()} 晚于发布日期 {published.isoformat()}：应先审查、后公开",
            )
        if values.get("draft"):
            report(field("draft"), lines["draft"], "草稿：只在预览中显示，不会发布", "warning")


def _text_of(value: Any) -> str:
    """Every string in a front-matter value, one a line."""
    if isinstance(value, dict):
        return "\n".join(f"{k}\n{_text_of(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(_text_of(v) for v in value)
    return "" if value is None else str(value)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a NUL byte or a name too long for the file system
        return False


def check_all(claims: list[Claim], catalogue: Catalogue) -> list[Problem]:
    """Rules over the whole catalogue: unique index numbers and URLs, existing references.

    ``claims`` come in order of precedence: when two share a number, the later one
    is reported (a pull request's changed items come last, so the error lands on them).
    """
    problems: list[Problem] = []

    def report(claim: Claim, key: str, message: str) -> None:
        spec = catalogue.field(key)
        problems.append(
            Problem(claim.source, claim.lines.get(key, 0), message, spec.key, spec.label)
        )

    by_no: dict[str, Claim] = {}
    by_slug: dict[str, Claim] = {}
    for claim in claims:
        first = by_no.setdefault(claim.index_no, claim)
        twin = by_slug.setdefault(claim.slug, claim)
        if first is not claim:
            report(claim, "index_no", f"索引号 {claim.index_no} 已被 {first.source} 使用；"
                   "索引号必须全目录唯一，请用 gongkai new 取下一个空号")  # fmt: skip
        elif twin is not claim:
            report(claim, "index_no", f"索引号 {claim.index_no} 与 {twin.source} 的 "
                   f"{twin.index_no} 只差标点，网址会相同")  # fmt: skip
    for claim in claims:
        for ref in claim.related:
            if ref not in by_no:
                report(claim, "related", f"相关信息 {ref} 不存在于本目录")
    return problems
