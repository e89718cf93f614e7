""".md links in a generated page's raw HTML, resolved the way MkDocs resolves Markdown links.

The compiled pages write their repeated parts (listing tables, pagers, the item
header) as raw HTML, which MkDocs passes through untouched; their links are
relative ``.md`` paths like the Markdown links around them. This turns each into
the URL MkDocs would have written for a Markdown link to the same page
(``mkdocs/structure/pages.py: _RelativePathTreeprocessor.path_to_url``), so the
site is the same whichever way a page wrote its links.
"""

from __future__ import annotations

import logging
import posixpath
import re

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.gongkai")

# A relative link to a page: no scheme, no query; an optional fragment.
_HREF = re.compile(r'href="([^":?#]+\.md)(#[^"]*)?"')


def resolve_links(html: str, file: File, files: Files) -> str:
    """``html`` (of ``file``'s page) with every ``href`` to a ``.md`` page made its URL."""
    here = posixpath.dirname(file.src_uri)

    def url(match: re.Match[str]) -> str:
        path, fragment = match.group(1), match.group(2) or ""
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(here, path)))
        if target is None:
            log.warning(f"{file.src_uri} 链接的页面 {path} 不存在")
            return match.group(0)
        return f'href="{target.url_relative_to(file)}{fragment}"'

    return _HREF.sub(url, html)
