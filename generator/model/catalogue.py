"""The catalogue's definition as read from ``catalogue/``: fields, vocabularies, columns,
departments and settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .guide import Guide


@dataclass(frozen=True)
class Banner:
    """The notice an item page shows for a validity state (已废止 …): its level and words."""

    level: str  # an admonition kind: warning, danger …
    title: str
    text: str  # may hold {date}, the date the state took effect


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary, with what it means to the pages and the checker."""

    value: str
    dated: bool = False  # must be followed by a date: ``已废止 2020-05-01``
    in_force: bool = True  # validity: the document still applies
    mark: str = ""  # validity: the mark lists and results show (a CSS modifier), "" for none
    banner: Banner | None = None  # validity: the notice on the item page
    role: str = ""  # what the code treats specially (ROLES)
    # doc types: the row of the annual report's 第二十条第（一）项 it counts in
    # (annual_report.yml's ``counts``: rules 规章, normative 行政规范性文件)
    report: str = ""


# What a term's ``role`` may say, and what it makes the code do.
ROLES = {
    "interpretation": "解读其他文件的文种：只有这些文种可填解读文件 interprets",
    "new_default": "gongkai new 未指定文种时使用的文种",
    "may_expire": "可填有效期至 expires 的文种",
    "amended": "有效性：已被其他文件修改",
    "repealed": "有效性：已被其他文件替代而废止（应填写替代文件 superseded_by）",
    "expired": "有效性：过了有效期至后自动显示的状态",
}


@dataclass(frozen=True)
class Vocabulary:
    """A named list of values (catalogue/vocabularies.yml), in declaration order."""

    name: str
    terms: tuple[Term, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(t.value for t in self.terms)

    def term(self, value: str) -> Term | None:
        return next((t for t in self.terms if t.value == value), None)

    def with_role(self, role: str) -> Term | None:
        return next((t for t in self.terms if t.role == role), None)

    def values_with_role(self, role: str) -> tuple[str, ...]:
        return tuple(t.value for t in self.terms if t.role == role)


@dataclass(frozen=True)
class FieldSpec:
    """One declared item field (catalogue/fields.yml)."""

    key: str
    label: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    default: str | None = None
    aliases: tuple[str, ...] = ()
    header: bool = False
    header_when_set: bool = False  # the header shows it only when it has a value
    help: str = ""
    vocabulary: str = ""  # the vocabulary its choices come from, if any


@dataclass(frozen=True)
class Contact:
    """What the regulation requires the disclosure guide to publish."""

    office: str = ""
    address: str = ""
    hours: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    short: str
    code: str
    folder: str
    contact: Contact = field(default_factory=Contact)
    reviewers: tuple[str, ...] = ()  # forge accounts or teams (CODEOWNERS)
    aliases: tuple[str, ...] = ()  # other names old portals print (gongkai import)


@dataclass
class Column:
    id: str
    name: str
    description: str = ""
    lead: tuple[str, ...] = ()
    fixed: bool = False
    parent: Column | None = field(default=None, repr=False)
    children: list[Column] = field(default_factory=list)

    @property
    def trail(self) -> list[Column]:
        """This column and its ancestors, the root first (for breadcrumbs)."""
        chain: list[Column] = []
        node: Column | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass(frozen=True)
class MarkdownConfig:
    """The Markdown extensions item bodies are rendered with, as the portal configures them.

    The checker, the search index and the pages must render a body alike, so they
    all take this one value (read from mkdocs.yml).
    """

    extensions: tuple[str, ...] = ()
    configs: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    @cached_property
    def key(self) -> str:
        """A text that is equal for equal configurations (for caches); made once, as every
        body's rendering looks its converter up by it."""
        return repr((self.extensions, sorted(self.configs.items())))


@dataclass
class Identity:
    """The body behind the portal, as a government site must show it (header and footer)."""

    host: str = ""  # 主办单位
    emblem: str = ""  # the header's emblem: a file under site_config/, e.g. assets/emblem.svg
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号
    police: str = ""  # 公安备案号
    phone: str = ""  # 联系我们
    email: str = ""
    address: str = ""


@dataclass
class Settings:
    """catalogue/catalogue.yml."""

    name: str
    index_no: str = "{org_code}/{year}-{serial:05}"  # the gov.cn form
    page_size: int = 20
    home_latest: int = 10
    office: tuple[str, ...] = ()  # the disclosure office's forge accounts or teams
    # 附件: the file types an item may carry (suffix -> what pages call it), and the
    # largest file kept in git itself; larger ones go to Git LFS
    attachment_types: dict[str, str] = field(default_factory=dict)
    attachment_max_mb: int = 20
    updates_latest: int = 500  # how many of the newest changes 更新记录 lists
    identity: Identity = field(default_factory=Identity)


@dataclass
class Catalogue:
    """The catalogue's definition: fields, vocabularies, columns and departments."""

    root: Path
    settings: Settings
    fields: list[FieldSpec]
    columns: list[Column]  # the first level; children hang below
    departments: list[Department]
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    guide: Guide | None = None  # catalogue/guide.yml: the disclosure guide's wording

    def field(self, key: str) -> FieldSpec:
        return next(f for f in self.fields if f.key == key)

    def vocabulary_of(self, key: str) -> Vocabulary:
        """The values field ``key`` takes, with their meanings (inline choices mean nothing)."""
        spec = self.field(key)
        if spec.vocabulary in self.vocabularies:
            return self.vocabularies[spec.vocabulary]
        return Vocabulary(spec.key, tuple(Term(c, c in spec.dated) for c in spec.choices))

    def all_columns(self) -> list[Column]:
        """Every column, depth first, in declaration order."""
        out: list[Column] = []

        def walk(cols: list[Column]) -> None:
            for c in cols:
                out.append(c)
                walk(c.children)

        walk(self.columns)
        return out
