"""An item as the checker validated it, and the portal the pages are compiled from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .annual import Report, ReportSettings
from .catalogue import Catalogue, Column, Department, Term
from .history import Change
from .layout import content_relative
from .output import Output


@dataclass(frozen=True)
class DatedChoice:
    """A choice that may carry a date: ``已废止 2020-05-01``, ``限时公开 2025-12-31``."""

    value: str
    date: dt.date | None = None
    term: Term | None = field(default=None, compare=False)  # the value's meaning, if declared

    def __str__(self) -> str:
        return f"{self.value}（{self.date.isoformat()}）" if self.date else self.value


@dataclass(frozen=True)
class AttachmentRef:
    """An attachment as the front matter names it: a file beside the item, a title."""

    file: str  # relative to the item's file
    title: str = ""


@dataclass(frozen=True)
class Attachment:
    """An attachment found on disk: where it is in content/, what it is, how big."""

    path: str  # inside content/ (MkDocs publishes it at this path)
    title: str  # the declared title, or the file name
    kind: str  # what pages call its type (catalogue.yml attachments: types)
    size: int  # bytes (for a Git LFS pointer, the size it stands for)
    lfs: bool = False  # a Git LFS pointer whose content is not fetched
    text: str = ""  # its text, extracted at build time, for search


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
    expires: dt.date | None = None  # 有效期至: past it the build shows the item expired
    superseded_by: list[str] = field(default_factory=list)  # index numbers (references)
    amends: list[str] = field(default_factory=list)
    interprets: list[str] = field(default_factory=list)
    interpretation_kind: str = ""
    related: list[str] = field(default_factory=list)
    attachments: list[AttachmentRef] = field(default_factory=list)
    review: Review | None = None
    draft: bool = False
    exempt: list[str] = field(default_factory=list)  # numbers cleared for publication
    extra: dict[str, object] = field(default_factory=dict)  # fields a catalogue adds
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # field key -> source line
    # the attachments found (declared, and files the body links to); set after the check
    files: list[Attachment] = field(default_factory=list, repr=False)
    # A digest of everything the check read the item from (the check cache's key: the
    # file's bytes and path, the catalogue's definition, the checker's code); b"" when
    # checked without the cache. Pages' fingerprints take it instead of every field.
    origin: bytes = field(default=b"", repr=False, compare=False)

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
        return self.status.term.in_force if self.status.term else True

    def value(self, key: str) -> object:
        """A field's value by its declared key, for pages driven by fields.yml."""
        return self.extra[key] if key in self.extra else getattr(self, key, None)

    def references(self, key: str) -> list[str]:
        """The index numbers a reference field (type ``references``) names; [] for none."""
        value = self.extra[key] if key in self.extra else getattr(self, key, None)
        return list(map(str, value)) if isinstance(value, list) else []  # pages ask 1.6 M times


# The Item attributes that are declared fields (catalogue/fields.yml must declare each; a
# catalogue may relabel them but not drop them). The rest are the file's, not the clerk's.
FIELD_KEYS = frozenset(Item.__dataclass_fields__) - {
    "source",
    "slug",
    "body",
    "lines",
    "extra",
    "files",
    "origin",
}


@dataclass
class Portal:
    """The catalogue with the items to publish: what the pages are compiled from."""

    catalogue: Catalogue
    items: list[Item]
    preview: bool = False  # drafts and unreviewed items included, with banners
    # the publication register from git: an item's source -> its changes, newest first
    history: dict[str, list[Change]] = field(default_factory=dict)
    # the annual report (catalogue/annual_report.yml), None without one; each year's reports
    annual: ReportSettings | None = None
    reports: list[Report] = field(default_factory=list)
    # the open-data files written for this build (feeds, exports), for the 开放数据 page;
    # none in a preview build, which leaves them out
    outputs: list[Output] = field(default_factory=list)


@dataclass
class NewItem:
    """What a clerk asks ``gongkai new`` for; the rest of the file is the template's."""

    department: Department
    columns: list[Column]
    title: str
    doc_type: str
    date: dt.date
    reviewer: str | None = None
    # gongkai import: the other fields' front-matter values, already written as YAML
    # (key -> text), and the body; a new file leaves both to the clerk.
    values: dict[str, str] = field(default_factory=dict)
    body: str = ""
