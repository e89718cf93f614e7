"""Find personal information that must not be published: ID, mobile and bank card numbers.

Published subsidy lists with full ID numbers are a recurring failure of
disclosure portals, so the checker looks for them in every item and text
attachment. To avoid flooding clerks with false alarms, a number only counts
when it is valid: an ID number's date and GB 11643 check digit, a bank card's
issuer prefix and Luhn digit, a mobile number's 1[3-9] prefix and length.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model.problem import Problem
from ..schema.names import Names
from ..source.frontmatter import Source

_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}\d{4}\d{3}[\dXx](?![0-9A-Za-z])")
_CARD = re.compile(
    r"(?<![\d-])(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}(?:[ -]?\d{1,3})?|\d{16,19})(?![\d-])"
)
_MOBILE = re.compile(r"(?<![\d-])(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![\d-])")
_CARD_PREFIX = re.compile(r"^(?:62|4|5[1-5]|9[45])")  # UnionPay, Visa, Mastercard, domestic debit
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

KINDS = {"id": "身份证号", "card": "银行卡号", "mobile": "手机号"}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    value: str  # as written
    start: int  # offset in the scanned text

    @property
    def digits(self) -> str:
        return digits_of(self.value)

    @property
    def masked(self) -> str:
        """The number with its middle hidden, so the message itself leaks nothing."""
        d = self.digits
        if self.kind == "mobile":
            d = d[-11:]
            return f"{d[:3]}****{d[-4:]}"
        return f"{d[:4]}{'*' * (len(d) - 8)}{d[-4:]}"

    def message(self) -> str:
        return (
            f"发现疑似{KINDS[self.kind]} {self.masked}：公开的信息中不得含有个人的{KINDS[self.kind]}，"
            "请删除或打码（如 " + ("138****5678" if self.kind == "mobile" else "3301**********1234")
            + "）；若确需公开（如公开的服务热线），请在 exempt（个人信息豁免）中写明该号码和理由"
        )  # fmt: skip


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit() or c in "Xx").upper()


def valid_id(number: str) -> bool:
    """An 18-digit resident ID number with a real birth date and a correct check digit."""
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not dt.date(1900, 1, 1) <= born <= dt.date.today():
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def scan(text: str, exempt: Iterable[str] = ()) -> list[Finding]:
    """Personal numbers in ``text``, except those listed in ``exempt`` (compared as digits)."""
    allowed = {digits_of(e)[-11:] if len(digits_of(e)) >= 11 else digits_of(e) for e in exempt}
    found: list[Finding] = []
    taken: list[range] = []

    def add(kind: str, m: re.Match[str]) -> None:
        span = range(m.start(), m.end())
        if any(span.start < t.stop and t.start < span.stop for t in taken):
            return
        finding = Finding(kind, m.group(), m.start())
        key = finding.digits[-11:] if kind == "mobile" else finding.digits
        if key not in allowed and finding.digits not in allowed:
            found.append(finding)
        taken.append(span)

    for m in _ID.finditer(text):
        if valid_id(m.group()):
            add("id", m)
    for m in _CARD.finditer(text):
        d = digits_of(m.group())
        if 16 <= len(d) <= 19 and _CARD_PREFIX.match(d) and luhn(d):
            add("card", m)
    for m in _MOBILE.finditer(text):
        add("mobile", m)
    return sorted(found, key=lambda f: f.start)


def item_rules(names: Names, rel: str, source: Source, exempt: list[str]) -> list[Problem]:
    """Personal numbers in the front matter (but the exemptions themselves) and the body."""
    out = []
    for entry in source.entries:
        spec = names.fields.get(entry.key)
        if spec is not None and spec.type == "exemptions":
            continue
        out += [
            Problem.of(rel, entry.line, f.message(), spec)
            for f in scan(_text_of(entry.value), exempt)
        ]
    for finding in scan(source.body, exempt):
        out.append(Problem(rel, source.line_at(finding.start), finding.message()))
    return out


def _text_of(value: Any) -> str:
    """Every string in a front-matter value, one a line."""
    if isinstance(value, dict):
        return "\n".join(f"{k}\n{_text_of(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(_text_of(v) for v in value)
    return "" if value is None else str(value)
