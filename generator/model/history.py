"""An item's publication register: the commits that published, changed or moved its file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """What a commit did to the file; the pages say it in words (首次发布, 修改, 更名)."""

    PUBLISHED = "published"  # the file's first commit on the published branch
    CHANGED = "changed"
    RENAMED = "renamed"  # moved or renamed, perhaps changed too


@dataclass(frozen=True, slots=True)
class Change:
    """One commit in a file's history (slots: a large catalogue holds hundreds of thousands)."""

    date: dt.date  # the committer date, in China time (UTC+8)
    commit: str  # the full hash
    message: str  # the commit's subject line
    kind: Kind
    path: str  # the file's path at that commit, relative to the portal root

    @property
    def short(self) -> str:
        """The abbreviated hash the pages show."""
        return self.commit[:7]
