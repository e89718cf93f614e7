"""A page's address from its path, by the rule MkDocs' ``File.url`` follows.

The open data links every item (catalogue.json and .csv, the feeds): one address
per item on every build. Making a MkDocs ``File`` for each and joining its URL to
site_url with ``urljoin`` was most of that work; this writes MkDocs' rule out for the
plain paths the layout makes (``model/layout.py``) and leaves any other path to
MkDocs itself. ``tests/plugin/test_urls.py`` compares the two on every kind of
path the layout makes, with and without ``use_directory_urls``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urljoin

from mkdocs.structure.files import File
from mkdocs.utils import markdown_extensions


def page_url(base: str, path: str, directory_urls: bool) -> str:
    """The address of the page compiled at docs-relative ``path``, as MkDocs publishes it:
    ``base`` (the site's address with a trailing slash, or "") joined to the page's URL."""
    if not _plain(path):  # ".", ".." or empty segments: MkDocs' own normalising applies
        url = File(path, "", "", directory_urls).url
        return urljoin(base, url) if base else url
    url = _url(path, directory_urls)
    if not base:
        return url
    return base if url == "./" else base + url  # what urljoin makes of a plain relative URL


def place(file: File) -> None:
    """Give a generated ``file`` its destination and URL by MkDocs' rule, as MkDocs'
    own properties would (``File.dest_uri`` and ``File.url``), for the plain paths the
    layout makes; any other path is left to them. A build asks both of each of its
    135,000 pages at 100,000 items, and MkDocs' ``posixpath`` steps were a second."""
    path = file.src_uri
    if not _plain(path) or not path.endswith(markdown_extensions):
        return
    parent, stem = _folder_and_name(path)
    if not file.use_directory_urls or stem == "index":
        file.dest_uri = f"{parent}/{stem}.html" if parent else f"{stem}.html"
    else:
        file.dest_uri = f"{parent}/{stem}/index.html" if parent else f"{stem}/index.html"
    file.url = _url(path, file.use_directory_urls)


def _plain(path: str) -> bool:
    """A relative path with no ".", ".." or empty segment (the layout writes no other)."""
    return not any(part in ("", ".", "..") for part in path.split("/"))


def _url(path: str, directory_urls: bool) -> str:
    """``File(path, ...).url`` for a plain path: foo.md is foo/ (foo.html without
    directory URLs), index.md and README.md are their folder's; other files keep their path."""
    if not path.endswith(markdown_extensions):
        return quote(path)
    parent, stem = _folder_and_name(path)
    if not directory_urls:
        url = posixpath.join(parent, stem + ".html")
    elif stem == "index":
        url = (parent or ".") + "/"
    else:
        url = posixpath.join(parent, stem) + "/"
    return quote(url)


def _folder_and_name(path: str) -> tuple[str, str]:
    """A Markdown page's folder and its name without the extension (README is index)."""
    parent, filename = posixpath.split(path)
    stem = posixpath.splitext(filename)[0]
    return parent, "index" if stem == "README" else stem
