"""One part of a site built by several machines (``gongkai build --part K/N``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Part:
    """Part ``number`` of ``count``: every ``count``-th page and search shard, from ``number``.

    Pages and shards are dealt out in a fixed order (pages by source path, shards
    newest first), so each part knows its share from the catalogue alone and the
    parts together hold every page and shard exactly once.
    """

    number: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Part:
        """``"2/4"`` -> Part(2, 4); a ValueError says in words what is wrong."""
        match = _SPEC.fullmatch(text)
        if not match:
            raise ValueError(f"「{text}」不是 K/N 的形式（如 1/4：共 4 部分中的第 1 部分）")
        number, count = int(match.group(1)), int(match.group(2))
        if not 1 <= number <= count:
            raise ValueError(f"「{text}」：K 应在 1 到 N 之间")
        return cls(number, count)

    @property
    def name(self) -> str:
        return f"part-{self.number}-of-{self.count}"

    def takes(self, position: int) -> bool:
        """Whether the thing at ``position`` (from 0) in the fixed order is this part's."""
        return position % self.count == self.number - 1
