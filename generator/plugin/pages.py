"""The page cache: a page's HTML kept under a key made of everything it was rendered from.

A page's HTML depends on its own source (which, for a generated page, holds
everything it shows of other items: the page registry compiles titles, dates
and links into it), its URL and edit link, and on what every page shares: the
configuration, the theme's templates, the nav (its pages' titles), and the code
and library versions that render it. The last group makes the site key; a page's
key adds its own inputs. A cached page is hard-linked into the new site (copied
where links are not possible), so a one-item change writes a few pages and links
the rest. Cached files are read-only: a tool writing into ``site/`` in place fails
instead of changing what the cache holds. The folder is safe to delete.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation

from ..build.site import remove_in_background
from ..source.files import link_or_copy
from ..source.store import Store, versions

SEARCH_DIR = "search"  # the site's folder of the search page and index
CACHE_DIR = ".gongkai-cache/pages"  # under the portal root, beside the search cache
STATE_FILE = ".gongkai-cache/compiled.pickle"  # what the last build compiled (pages/compiled.py)
FORMAT = "2"  # bump when what a key covers changes
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "nh3",
    "jinja2",
    "zxing-cpp",
)
CODE = Path(__file__).resolve().parent.parent  # the generator package: its code renders pages


def site_key(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page's HTML depends on, as one digest."""
    h = hashlib.sha256(f"gongkai-pages {FORMAT}\n".encode())
    h.update(versions(LIBRARIES).encode())
    h.update(code_digest().encode())
    if config.config_file_path:
        h.update(Path(config.config_file_path).read_bytes())
    settings = {"site_name": config.site_name, "extra": dict(config.extra), "nav": config.nav}
    h.update(json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False).encode())
    if config.theme.custom_dir:
        _hash_tree(h, Path(config.theme.custom_dir), "*")
    for page in nav.pages:  # their titles and URLs are in every page's nav
        h.update(f"nav {page.file.src_uri} {page.url} {page.title}\n".encode())
    return h.hexdigest()


def spare_shards(site_dir: Path) -> Path:
    """Where clearing the spare (``PageCache.reuse``) puts its search index's shards for
    the search index to take again: beside the site being built, named after it, so a
    killed build's is removed with it (``build/site.py``)."""
    return site_dir.with_name(f"{site_dir.name}.shards")


def compile_salt(root: Path, preview: bool) -> str:
    """What every generated page's Markdown depends on beyond the items: the code, the
    catalogue's definition and data, mkdocs.yml, and whether drafts are shown."""
    h = hashlib.sha256(f"gongkai-compile {FORMAT} {preview}\n".encode())
    h.update(code_digest().encode())
    if (root / "catalogue").is_dir():
        _hash_tree(h, root / "catalogue", "*")
    if (root / "mkdocs.yml").is_file():
        h.update((root / "mkdocs.yml").read_bytes())
    return h.hexdigest()


@functools.cache
def code_digest() -> str:
    """The generator's code, hashed once a process: the site key and the compile salt
    both take it."""
    h = hashlib.sha256()
    _hash_tree(h, CODE, "*.py")
    return h.hexdigest()


def _hash_tree(h: hashlib._Hash, folder: Path, pattern: str) -> None:
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(f"file {path.relative_to(folder).as_posix()}\n".encode())
            h.update(path.read_bytes())


class PageCache:
    """Rendered pages by key, in ``folder``; safe to delete."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = Store(folder, ".html")

    def key(self, site: str, file: File, source: str) -> str:
        """The page's key: the site key and the page's URL, edit link and source (the
        digest of its Markdown, ``sources.py``)."""
        h = hashlib.sha256(site.encode())
        h.update(f"\n{file.src_uri}\n{file.url}\n{file.edit_uri}\n{source}\n".encode())
        return h.hexdigest()

    def has(self, key: str) -> bool:
        return self.files.has(key)

    def reuse(self, site: str, aside: tuple[str, str] | None = None) -> dict[str, str]:
        """Clear ``site`` (an earlier site, the spare) down to its pages that are cached.

        What stays is the pages that are this cache's files (hard links: the same
        device and inode), returned by path with their keys; ``settle`` and
        ``place`` then change only what differs. The rest goes, and none of it is
        written into (a file may be another cache's link): a folder holding no such
        page is moved out whole, beside ``site``, for a process of its own to
        delete; the few other files are unlinked. ``aside`` (a folder in ``site``,
        and a path) says where the folders in that folder go instead, to be used
        again: the search index's shards (``spare_shards``), 110,000 files at
        100,000 items, that the search index links again otherwise.
        """
        if not os.path.isdir(site):
            return {}
        keep_in, keep_at = (os.path.join(site, aside[0]), aside[1]) if aside else ("", "")
        same_disk = self.folder.is_dir() and os.stat(site).st_dev == self.folder.stat().st_dev
        by_inode = self._keys_by_inode() if same_disk else {}
        kept: dict[str, str] = {}
        trash = f"{site}.trash"  # named as the build's folder: a killed build's is removed
        moved: list[str] = []

        def visit(folder: str) -> bool:
            """Whether ``folder`` keeps a page; if so, what else is in it goes now."""
            found = False
            files: list[str] = []
            folders: list[str] = []
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if visit(entry.path):
                            found = True
                        else:
                            folders.append(entry.path)
                        continue
                    key = by_inode.get(entry.inode()) if entry.name.endswith(".html") else None
                    if key is None or not entry.is_file(follow_symlinks=False):
                        files.append(entry.path)
                    else:
                        kept[entry.path] = key
                        found = True
            if found or folder == site:
                for path in files:
                    os.unlink(path)
                for path in folders:
                    if folder == keep_in:
                        os.makedirs(keep_at, exist_ok=True)
                        os.rename(path, os.path.join(keep_at, os.path.basename(path)))
                        continue
                    os.makedirs(trash, exist_ok=True)
                    moved.append(f"{trash}/{len(moved)}")
                    os.rename(path, moved[-1])
            return found

        if keep_at:  # an earlier build's, killed
            shutil.rmtree(keep_at, ignore_errors=True)
        visit(site)
        if moved:
            remove_in_background([Path(trash)])
        return kept

    def _keys_by_inode(self) -> dict[int, str]:
        """Every cached page's key by its file's inode (listing a folder gives them free)."""
        suffix = self.files.suffix
        return {
            entry.inode(): entry.name.removesuffix(suffix)
            for entry in self.files.entries()
            if entry.name.endswith(suffix)
        }

    def settle(self, kept: dict[str, str], pages: Iterable[tuple[str, str]]) -> set[str]:
        """Of the pages ``reuse`` kept, those already the cached pages this build places
        (key, dest); the others are unlinked, with a folder they leave empty, before
        anything else is written into the site."""
        right = {dest for key, dest in pages if kept.get(dest) == key}
        for path in kept.keys() - right:
            os.unlink(path)
            folder = os.path.dirname(path)
            with contextlib.suppress(OSError):  # not empty: other files are in it
                os.rmdir(folder)
        return right

    def place(self, pages: list[tuple[str, str]], right: set[str]) -> None:
        """Put the cached pages (key, dest) into the site being built, but those already
        ``right`` there (``settle``).

        The others' paths are free and distinct, so each folder is made once and each
        page linked without looking first: at 100,000 items this is 120,000 files,
        and the checks were most of the time.
        """
        made: set[str] = set()
        for key, dest in pages:
            if dest in right:
                continue
            folder = os.path.dirname(dest)
            if folder not in made:
                try:  # every item page has a folder of its own, in a folder made already
                    os.mkdir(folder)
                except OSError:  # there already, or its parent is not
                    os.makedirs(folder, exist_ok=True)
                made.add(folder)
            cached = self.files.name(key)
            try:
                os.link(cached, dest)
            except OSError:  # there already, another file system, or links not allowed
                link_or_copy(cached, dest)

    def store(self, key: str, dest: str) -> None:
        """Keep the page just written at ``dest`` under ``key``."""
        tmp = self.files.temporary(key)
        link_or_copy(Path(dest), tmp)
        tmp.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        self.files.commit(key, tmp)

    def keep(self, keys: Iterable[str]) -> None:
        """Delete every cached page but these: the cache holds one site's pages."""
        self.files.keep(keys)
