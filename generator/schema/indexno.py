"""信息索引号: the catalogue's numbering rule, and the permanent URL it gives an item.

A rule is a pattern with three placeholders, declared in catalogue.yml:
``{org_code}`` (the department's code), ``{year}`` (the publication year) and
``{serial}`` (with a width, ``{serial:05}``, zero-padded). The gov.cn form is
``{org_code}/{year}-{serial:05}``; regional forms such as
``{org_code}--{year}--{serial:04}`` are declared the same way.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

_PLACEHOLDERS = {"org_code", "year", "serial"}


class RuleError(ValueError):
    """The rule itself is malformed (a catalogue error, not an item error)."""


@dataclass(frozen=True)
class Parsed:
    org_code: str
    year: int
    serial: int


class IndexRule:
    """Formats and parses index numbers of one catalogue."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        parts: list[str] = []
        seen: set[str] = set()
        self.width = 0
        try:
            parsed = list(string.Formatter().parse(pattern))
        except ValueError as exc:
            raise RuleError(f"索引号规则「{pattern}」无法解析：{exc}") from None
        for literal, name, spec, _conv in parsed:
            parts.append(re.escape(literal))
            if name is None:
                continue
            if name not in _PLACEHOLDERS:
                raise RuleError(
                    f"索引号规则「{pattern}」中的 {{{name}}} 不可用；可用 {{org_code}} {{year}} {{serial}}"
                )
            seen.add(name)
            if name == "org_code":
                parts.append(r"(?P<org_code>.+?)")
            elif name == "year":
                parts.append(r"(?P<year>\d{4})")
            else:
                m = re.fullmatch(r"0?(\d*)", spec or "")
                if not m:
                    raise RuleError(
                        f"索引号规则中 {{serial:{spec}}} 的宽度应为数字，如 {{serial:05}}"
                    )
                self.width = int(m.group(1) or 0)
                parts.append(
                    rf"(?P<serial>\d{{{self.width}}})" if self.width else r"(?P<serial>\d+)"
                )
        if seen != _PLACEHOLDERS:
            missing = " ".join(f"{{{n}}}" for n in sorted(_PLACEHOLDERS - seen))
            raise RuleError(f"索引号规则「{pattern}」缺少 {missing}")
        self._regex = re.compile("".join(parts))

    def format(self, org_code: str, year: int, serial: int) -> str:
        return self.pattern.format(org_code=org_code, year=year, serial=serial)

    def parse(self, index_no: str) -> Parsed | None:
        """The parts of ``index_no``, or None when it does not follow the rule."""
        m = self._regex.fullmatch(index_no)
        if not m:
            return None
        return Parsed(m.group("org_code"), int(m.group("year")), int(m.group("serial")))

    def example(self) -> str:
        return self.format("000014349", 2017, 110)


def slug(index_no: str) -> str:
    """The URL segment of an item: its index number with anything but [A-Za-z0-9-] as '-'.

    Item URLs derive from the index number, never from the file's path, so a
    department can move its files without breaking a citizen's bookmark.
    """
    return re.sub(r"[^0-9A-Za-z-]+", "-", index_no).strip("-")
