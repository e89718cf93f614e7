"""Finished HTML blocks of a generated page, set aside before Markdown and put back after.

The compiled pages mark the blocks they write as finished HTML (``pages.markup.
html_block``: listing tables, pagers, the item header). Python-Markdown would parse
each of them tag by tag (its raw-HTML preprocessor runs an HTML parser over every
tag), which cost as much as the Markdown they replaced. Each block is replaced by a
one-line comment, which Markdown treats exactly as it treats a raw HTML block (the
same blank lines around it), and the block is put back in the HTML.
"""

from __future__ import annotations

import re

from ..pages.markup import HTML_CLOSE, HTML_OPEN

_BLOCK = re.compile(rf"^{re.escape(HTML_OPEN)}\n(.*?)\n{re.escape(HTML_CLOSE)}$", re.M | re.S)
_PLACE = re.compile(r"<!-- gongkai:html (\d+) -->")


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each finished block replaced by a numbered comment, and the blocks."""
    blocks: list[str] = []

    def place(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"<!-- gongkai:html {len(blocks) - 1} -->"

    return _BLOCK.sub(place, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """``html`` with the numbered comments replaced by their blocks again."""
    if not blocks:
        return html
    return _PLACE.sub(lambda m: blocks[int(m.group(1))], html)
