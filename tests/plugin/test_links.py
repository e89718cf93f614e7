"""Every link on every page leads somewhere, with and without directory URLs.

The generated pages write their tables, pagers and item headers as raw HTML with
``.md`` links, which the plugin resolves (``plugin/links.py``) as MkDocs resolves
Markdown links; a link resolved the wrong way, or not at all, points at nothing.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import edit, gongkai

HREF = re.compile(r'(?:href|src)="([^"]*)"')


def broken_links(site: Path) -> list[str]:
    """Relative links (page → file) in the site's HTML pages whose target does not exist."""
    broken = []
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("#", "/", "data:", "mailto:")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{rel}: {href}")
    return broken


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_leads_to_a_file(small: Path, directory_urls: bool) -> None:
    config = small / "mkdocs.yml"
    edit(config, "docs_dir: content\n", f"docs_dir: content\nuse_directory_urls: {str(directory_urls).lower()}\n")  # fmt: skip
    proc = gongkai("build", "--root", str(small))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = small / "site"
    pages = list(site.rglob("*.html"))
    assert any('class="gk-pager"' in p.read_text(encoding="utf-8") for p in pages)
    assert any('class="gk-list"' in p.read_text(encoding="utf-8") for p in pages)
    assert '.md"' not in "".join(p.read_text(encoding="utf-8") for p in pages)
    assert broken_links(site) == []
    assert any(site.glob("items/*.html")) is not directory_urls  # items/<slug>.html
