"""The disclosure guide's fixed wording (catalogue/guide.yml): what a body says in its own words.

The generator fills in what the catalogue already knows (columns, departments,
contacts) and the time limits, so the guide and the application form never go stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Channel:
    """One way to hand in an application (当面、邮寄、电子邮件、传真 …)."""

    title: str
    text: str
    contact: str = ""  # the contact field it uses (address, email, fax …), listed per department


@dataclass(frozen=True)
class FormGroup:
    """A block of the application form: a heading and its blanks, or its tick boxes."""

    title: str
    fields: tuple[str, ...] = ()  # blanks to fill in
    choices: tuple[str, ...] = ()  # boxes to tick (□ 纸质 □ 电子邮件 …)


@dataclass(frozen=True)
class FormSection:
    """A section of the form (申请人信息, 所需信息情况, 获取方式 …)."""

    title: str
    groups: tuple[FormGroup, ...]


@dataclass(frozen=True)
class Limits:
    """第三十三条: the working days to answer in, and the one extension."""

    answer_days: int = 20
    extension_days: int = 20


@dataclass(frozen=True)
class Titles:
    """The pages' titles and the guide's headings, in the body's words (in guide.yml, not
    in code: some are the 公开形式 vocabulary's values)."""

    guide: str  # the guide page
    apply: str  # the application page
    active: str  # the guide's headings: proactive disclosure,
    applying: str  # disclosure on application,
    contacts: str  # the receiving offices,
    redress: str  # supervision and redress


@dataclass(frozen=True)
class Guide:
    """catalogue/guide.yml. Texts are Markdown; ``{answer_days}``, ``{extension_days}``
    are filled in from ``limits``."""

    titles: Titles
    intro: str
    active: str  # 主动公开: where and how
    apply: str  # 依申请公开: the opening words
    channels: tuple[Channel, ...]
    contents: tuple[str, ...]  # 第二十九条: what an application must contain
    time: str  # 第三十三条
    fees: str  # 第四十二条
    redress: str  # 行政复议、行政诉讼
    column: str = ""  # the column whose listing holds the guide items (columns.yml id)
    form_title: str = "政府信息公开申请表"
    form: tuple[FormSection, ...] = ()
    form_note: str = ""  # printed under the form
    limits: Limits = field(default_factory=Limits)

    def fill(self, text: str) -> str:
        """``text`` with the time limits put in."""
        return text.format(
            answer_days=self.limits.answer_days, extension_days=self.limits.extension_days
        )


# The placeholders a text may hold.
PLACEHOLDERS = ("answer_days", "extension_days")
