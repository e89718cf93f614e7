"""Untrusted HTML: a department's item must not run script or change the page around it.

Item pages are cleaned after rendering with nh3 (the ammonia sanitiser) to an
allow-list: the tags and attributes documents need, only the classes gongkai's
own markup and Markdown's admonitions use, and only http(s), mailto and tel
URLs. No script, style, frame, form or event handler survives. The checker
renders each body the same way beforehand and tells the clerk what will be
dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import nh3

from ..model.catalogue import MarkdownConfig
from ..model.text import line_at
from .render import render

_ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question",
                "warning", "failure", "danger", "bug", "example", "quote"}  # fmt: skip
# The classes gongkai's own page markup uses; a department may use them too, harmlessly.
CLASSES: dict[str, set[str]] = {
    "p": {"gk-crumbs", "gk-keywords", "gk-pager", "admonition-title"},
    "span": {"gk-status", "gk-status--repealed", "gk-status--amended", "gk-status--draft"},
    "dl": {"gk-meta", "gk-contact"},
    "dt": {"gk-wide"},
    "dd": {"gk-wide"},
    "div": {"gk-list", "gk-related", "gk-attachments", *_ADMONITIONS},
    "details": {"gk-history"},
    "a": {"headerlink"},
}
HEADINGS = {f"h{n}" for n in range(1, 7)}
TAGS = set(nh3.ALLOWED_TAGS) - {"area", "map"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{h: {"id"} for h in HEADINGS},  # table-of-contents anchors
    "a": {"href", "hreflang", "title"},
    "p": {"aria-label"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean(html: str) -> str:
    """``html`` with everything outside the allow-list removed (script and style with content)."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        allowed_classes=CLASSES,
        link_rel=None,
        strip_comments=True,
    )


_FULL_WIDTH = str.maketrans("<>&\"'", "＜＞＆＂＇")


def plain(text: str) -> str:
    """Text safe in any template context: characters that could form markup become full-width.

    For page titles and descriptions, which themes print unescaped (and ``striptags``
    even unescapes entities), so escaping alone would not do.
    """
    return text.translate(_FULL_WIDTH)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"}  # fmt: skip


class _Inventory(HTMLParser):
    """Counts tags, attributes and URL schemes in an HTML fragment, and unclosed tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()
        self.open: Counter[str] = (
            Counter()
        )  # start tags minus end tags (void and optional-end aside)

    def handle_endtag(self, tag: str) -> None:
        if self.open[tag] > 0:
            self.open[tag] -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[f"<{tag}>"] += 1
        if tag not in _VOID:
            self.open[tag] += 1
        for name, value in attrs:
            if name == "class":
                continue  # dropping an unknown class changes nothing a reader sees
            self.found[f"{name} 属性"] += 1
            scheme = re.match(r"\s*([a-zA-Z][\w+.-]*):", value or "")
            if name in ("href", "src") and scheme:
                self.found[f"{scheme.group(1).lower()}: 链接"] += 1


def _inventory(html: str) -> _Inventory:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser


_MAYBE_HTML = re.compile(r"<|\{:?\s*[.#\w-]|\]\(\s*<?[a-zA-Z][\w+.-]*:", re.ASCII)


def dropped(body: str, config: MarkdownConfig) -> list[tuple[int, str]]:
    """What will go wrong with ``body``'s HTML: (line within the body, message), in order.

    What cleaning removes, and tags left open (which swallow the rest of the body).
    """
    if not _MAYBE_HTML.search(body):
        return []
    html = render(body, config)
    raw = _inventory(html)
    lost = raw.found - _inventory(clean(html)).found
    out = []
    for what in sorted(lost):
        out.append(
            (
                _line_of(body, what.split(" ")[0].strip("<>").rstrip(":")),
                f"{what} 不安全或不允许，发布时会被删除",
            )
        )
    for tag in sorted(t for t, n in raw.open.items() if n > 0 and f"<{t}>" not in lost):
        out.append(
            (_line_of(body, tag), f"<{tag}> 没有闭合，其后的正文可能无法正常显示；请补上 </{tag}>")
        )
    return sorted(out)


def _line_of(body: str, needle: str) -> int:
    pos = body.lower().find(needle.lower())
    return line_at(body, pos, 0) if pos >= 0 else 0
