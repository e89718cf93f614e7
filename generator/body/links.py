"""Relative links in item bodies: attachments and links to other items.

A clerk links an attachment relative to the item's file (``[预算表](files/预算表.xlsx)``),
but the item is published at ``items/<index number>/``, so the compile step
rebases every relative link, and the checker makes sure each one leads to a file
inside ``content/``.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

# [text](target "title"), ![alt](target), [id]: target, and src=/href= in raw HTML; each
# with a string every match of it holds. Most bodies hold none of them, and a body without
# a pattern's string is not scanned for it: scanning every body (45 µs a body, the last
# pattern over half of it) was 4.5 s of a one-item change's check at 100,000 items.
_PATTERNS = [
    (re.compile(r"!?\[[^\]\n]*\]\(\s*<?(?P<t>[^)\s>]+)>?"), "]("),
    (re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(?P<t>[^\s>]+)", re.MULTILINE), "]:"),
    (re.compile(r"""\b(?:src|href)\s*=\s*["'](?P<t>[^"']+)["']""", re.IGNORECASE), "="),
]
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Link:
    start: int  # offsets of the target in the body
    end: int
    target: str

    @property
    def path(self) -> str:
        """The target without query or fragment."""
        return re.split(r"[?#]", self.target, maxsplit=1)[0]

    @property
    def suffix(self) -> str:
        return self.target[len(self.path) :]


def _is_file_path(target: str) -> bool:
    """False for URLs with a scheme (however obfuscated), absolute paths and fragments.

    Browsers drop tabs, newlines and control characters and decode entities before
    they read a scheme, so ``jav&#x09;ascript:`` is a script URL, not a file name;
    those are the sanitiser's business, not a missing attachment.
    """
    seen_as = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(target))
    if re.search(r"[<>`]", seen_as):
        return False
    return not (_SCHEME.match(seen_as) or seen_as.startswith(("/", "#", "\\")))


@functools.lru_cache(maxsize=1 << 17)  # a catalogue of 100,000 items, with room
def relative_links(body: str) -> tuple[Link, ...]:
    """Links to files beside the item: no scheme, not absolute, not a bare #fragment.

    Kept per body: the checker (content, attachments, links) and the page compiler
    each need them, and finding them was a tenth of compiling a one-item change.
    """
    seen: set[int] = set()
    found = []
    for pattern, held in _PATTERNS:
        if held not in body:
            continue
        for m in pattern.finditer(body):
            target = m.group("t")
            if m.start("t") in seen or not _is_file_path(target):
                continue
            seen.add(m.start("t"))
            found.append(Link(m.start("t"), m.end("t"), target))
    return tuple(found)


def resolve(source_dir: str, link: Link) -> str:
    """The content-relative path a link names, from the folder of its source file."""
    return posixpath.normpath(posixpath.join(source_dir, unquote(link.path)))


def rebase(body: str, replace: Callable[[Link], str]) -> str:
    """``body`` with each relative link's target replaced by ``replace(link)``."""
    out, last = [], 0
    for link in sorted(relative_links(body), key=lambda x: x.start):
        out += [body[last : link.start], replace(link)]
        last = link.end
    return "".join([*out, body[last:]])
