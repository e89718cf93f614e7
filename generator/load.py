"""Find the item files under ``content/`` and read each into front matter and body.

Every Markdown file inside a department's folder is an item; Markdown files
elsewhere in ``content/`` are hand-written pages and are left to MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import Source, SourceError, decode, parse
from .model import Catalogue, Department, Problem, content_relative

MAX_BYTES = 5 * 1024 * 1024  # no disclosure item's text is this long; attachments are files


@dataclass
class ItemFile:
    path: Path
    rel: str  # relative to the portal root, forward slashes
    department: Department  # the department whose folder holds the file

    @property
    def content_path(self) -> str:
        return content_relative(self.rel)


def content_dir(root: Path) -> Path:
    return root / "content"


def item_files(catalogue: Catalogue) -> list[ItemFile]:
    """Every item file, in a stable order, with the department its folder belongs to.

    Walks with os.scandir and resolves only actual symlinks: at 100,000 items a
    resolve() per file costs seconds of system calls.
    """
    root = catalogue.root
    content = content_dir(root)
    real = content.resolve()
    out: list[ItemFile] = []
    for dep in catalogue.departments:
        folder = content / dep.folder
        if folder.is_dir():
            prefix = f"content/{dep.folder}"
            out += [
                ItemFile(folder / rel, f"{prefix}/{rel}", dep) for rel in _markdown(folder, real)
            ]
    return out


def _markdown(folder: Path, real: Path, rel: str = "") -> list[str]:
    """Folder-relative paths of the .md files below ``folder``, sorted, staying inside ``real``."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = f"{rel}{entry.name}"
            if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(real):
                continue  # a link out of content/: reported by pipeline.links_out_of_content
            if entry.is_dir():
                found += _markdown(Path(entry.path), real, f"{path}/")
            elif entry.name.endswith(".md") and entry.is_file():
                found.append(path)
    return found


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
