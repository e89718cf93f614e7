"""The plain model of a catalogue: what the loader produces and the pages read.

Nothing here knows about MkDocs, so the same model serves the CLI, the plugin
and whatever renderer comes after mkdocs-material.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


def content_relative(source: str) -> str:
    """A portal-relative path under content/ as a path inside content/."""
    return source.removeprefix("content/")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, addressed to the clerk who must fix it."""

    path: str  # relative to the portal root, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    message: str
    field: str = ""  # the field key, when the problem is about one field
    label: str = ""  # the field's Chinese label
    severity: Severity = "error"

    def format(self) -> str:
        """``path:line: field (标签): message``, as editors and CI logs expect."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f" {self.field} ({self.label}):" if self.field else ""
        mark = "警告 warning: " if self.severity == "warning" else ""
        return f"{where}:{what} {mark}{self.message}"


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
    help: str = ""


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
class DatedChoice:
    """A choice that may carry a date: ``已废止 2020-05-01``, ``限时公开 2025-12-31``."""

    value: str
    date: dt.date | None = None

    def __str__(self) -> str:
        return f"{self.value}（{self.date.isoformat()}）" if self.date else self.value


@dataclass(frozen=True)
class Review:
    """保密审查: who cleared the item for publication, and when."""

    reviewer: str
    date: dt.date


@dataclass
class Item:
    """One validated disclosure item."""

    source: str  # path relative to the portal root
    index_no: str
    slug: str  # the permanent URL segment, derived from index_no
    title: str
    department: Department
    columns: list[Column]
    published: dt.date
    form: str
    scope: str
    period: DatedChoice
    doc_type: str
    status: DatedChoice
    body: str
    office: str = ""
    written: dt.date | None = None
    doc_no: str = ""
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    related: list[str] = field(default_factory=list)
    review: Review | None = None
    draft: bool = False
    exempt: list[str] = field(default_factory=list)  # numbers cleared for publication
    extra: dict[str, object] = field(default_factory=dict)  # fields a catalogue adds
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # field key -> source line

    @property
    def content_path(self) -> str:
        """The source's path inside content/ (what MkDocs calls its src_uri)."""
        return content_relative(self.source)

    @property
    def year(self) -> int:
        return self.published.year

    @property
    def publishable(self) -> bool:
        """先审查、后公开: only reviewed, final items reach the published site."""
        return self.review is not None and not self.draft

    @property
    def in_force(self) -> bool:
        """False for repealed or expired documents, which pages must mark."""
        return self.status.value not in ("已废止", "已失效")

    def value(self, key: str) -> object:
        """A field's value by its declared key, for pages driven by fields.yml."""
        return self.extra[key] if key in self.extra else getattr(self, key, None)


@dataclass
class Settings:
    """catalogue/catalogue.yml."""

    name: str
    index_no: str = "{org_code}/{year}-{serial:05}"
    page_size: int = 20
    home_latest: int = 10
    office: tuple[str, ...] = ()  # the disclosure office's forge accounts or teams


@dataclass
class Catalogue:
    """The catalogue's definition: fields, columns and departments."""

    root: Path
    settings: Settings
    fields: list[FieldSpec]
    columns: list[Column]  # the first level; children hang below
    departments: list[Department]

    def field(self, key: str) -> FieldSpec:
        return next(f for f in self.fields if f.key == key)

    def all_columns(self) -> list[Column]:
        """Every column, depth first, in declaration order."""
        out: list[Column] = []

        def walk(cols: list[Column]) -> None:
            for c in cols:
                out.append(c)
                walk(c.children)

        walk(self.columns)
        return out


@dataclass
class Portal:
    """The catalogue with the items to publish: what the pages are compiled from."""

    catalogue: Catalogue
    items: list[Item]
    preview: bool = False  # drafts and unreviewed items included, with banners
