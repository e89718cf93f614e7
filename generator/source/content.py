"""One walk of ``content/``: the item files, and every path the content rules look at.

Every Markdown file inside a department's folder is an item; Markdown files
elsewhere in ``content/`` are hand-written pages and are left to the renderer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model.catalogue import Catalogue, Department
from ..model.layout import content_relative
from ..model.problem import Problem
from .frontmatter import Source, parse
from .text import SourceError, decode

MAX_BYTES = 5 * 1024 * 1024  # no disclosure item's text is this long; attachments are files


@dataclass
class ItemFile:
    path: Path
    rel: str  # relative to the portal root, forward slashes
    department: Department  # the department whose folder holds the file

    @property
    def content_path(self) -> str:
        return content_relative(self.rel)


@dataclass
class Content:
    """What one walk of content/ found."""

    items: list[ItemFile] = field(default_factory=list)  # in a stable order
    paths: list[Path] = field(default_factory=list)  # every file and folder, links not followed


def content_dir(root: Path) -> Path:
    return root / "content"


def walk(catalogue: Catalogue) -> Content:
    """Every item file, with the department its folder belongs to, and every path.

    Uses os.scandir and resolves only actual symlinks: at 100,000 items a
    resolve() per file costs seconds of system calls. A link to a folder inside
    content/ is followed for items (its files are published) but its paths are not
    listed again; a link out of content/ is not followed (the content rules report it).
    """
    content = content_dir(catalogue.root)
    found = Content()
    if not content.is_dir():
        return found
    folders = {dep.folder: dep for dep in catalogue.departments}
    _Walk(content.resolve(), folders, found).folder(content, "", None, listed=True)
    order = {dep.id: n for n, dep in enumerate(catalogue.departments)}
    found.items.sort(key=lambda f: order[f.department.id])  # stable: walk order within
    return found


@dataclass
class _Walk:
    real: Path  # content/, resolved: links must stay inside it
    departments: dict[str, Department]  # by folder name
    found: Content

    def folder(self, folder: Path, rel: str, dep: Department | None, listed: bool) -> None:
        """Walk ``folder`` (``rel`` inside content/), whose items belong to ``dep``."""
        with os.scandir(folder) as scanned:
            entries = sorted(scanned, key=lambda e: e.name)
        for entry in entries:
            path = Path(entry.path)
            link = entry.is_symlink()
            if listed:
                self.found.paths.append(path)
            if link and not path.resolve().is_relative_to(self.real):
                continue  # a link out of content/: reported by the content rules
            owner = dep if dep is not None or rel else self.departments.get(entry.name)
            if entry.is_dir():
                self.folder(path, f"{rel}{entry.name}/", owner, listed and not link)
            elif owner is not None and entry.name.endswith(".md") and entry.is_file():
                self.found.items.append(ItemFile(path, f"content/{rel}{entry.name}", owner))


def read(item: ItemFile) -> Source | Problem:
    """The file's front matter and body, or the one problem that stops reading it."""
    path = item.path
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Problem(
                item.rel, 0, f"文件过大（{size // 1024 // 1024} MB）；附件请作为单独文件上传"
            )
        if size == 0:
            return Problem(item.rel, 0, "文件是空的")
        return parse(decode(path.read_bytes()))
    except SourceError as exc:
        return Problem(item.rel, exc.line, exc.message)
    except OSError as exc:
        return Problem(item.rel, 0, f"无法读取文件（{exc.strerror}）")
