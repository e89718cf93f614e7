"""load → validate → model: the one pipeline behind the CLI, the plugin and the tests."""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import privacy
from .catalogue import CatalogueError, load_catalogue
from .check import Checker, check_all
from .links import relative_links, resolve
from .load import item_files, read
from .model import Catalogue, Item, Portal, Problem
from .pages import RESERVED


@dataclass
class Result:
    """What a run found: the catalogue (None if its definition is broken), items, problems."""

    catalogue: Catalogue | None
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.catalogue is not None and not self.errors

    def portal(self, preview: bool = False) -> Portal:
        """The model to compile pages from; only for a run without errors.

        Unless ``preview``, drafts and unreviewed items are left out (先审查、后公开).
        """
        if not self.ok or self.catalogue is None:
            raise ValueError("the catalogue has errors; check before compiling")
        items = self.items if preview else [i for i in self.items if i.publishable]
        return Portal(self.catalogue, items, preview)


def reserved_paths(root: Path) -> list[Problem]:
    """Files in content/ where generated pages go (the home page, items/, columns/ …)."""
    content = root / "content"
    problems = []
    for name in RESERVED:
        path = content / name.rstrip("/")
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        if path.is_file():
            found = [path]
        for f in found:
            rel = f.relative_to(root).as_posix()
            problems.append(
                Problem(rel, 0, f"content/{name} 是自动生成页面的位置，请把此文件改名或移到别处")
            )
    return problems


def links_out_of_content(root: Path) -> list[Problem]:
    """Symbolic links in content/ that lead outside it: MkDocs would publish their target."""
    content = (root / "content").resolve()
    problems = []
    for folder, dirs, files in os.walk(content):
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(content):
                rel = path.relative_to(content).as_posix()
                problems.append(Problem(f"content/{rel}", 0, "这是指向 content/ 以外的链接（symlink），"
                                        "其内容不会被发布；请把文件本身放进来"))  # fmt: skip
    return problems


TEXT_ATTACHMENTS = {".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm"}


def personal_data_in_attachments(root: Path, items: list[Item]) -> list[Problem]:
    """ID, mobile and bank card numbers in text attachments, which are published as they are.

    An attachment may use the exemptions of the items that link to it.
    """
    content = (root / "content").resolve()
    exempt: dict[str, list[str]] = defaultdict(list)
    for item in items:
        folder = posixpath.dirname(item.source.removeprefix("content/"))
        for link in relative_links(item.body):
            exempt[resolve(folder, link)] += item.exempt
    problems = []
    for folder, _dirs, files in os.walk(content):
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() not in TEXT_ATTACHMENTS or not path.resolve().is_relative_to(
                content
            ):
                continue
            rel = path.relative_to(content).as_posix()
            text = _attachment_text(path)
            for finding in privacy.scan(text, exempt.get(rel, [])):
                line = text.count("\n", 0, finding.start) + 1
                problems.append(Problem(f"content/{rel}", line, finding.message()))
    return problems


def _attachment_text(path: Path) -> str:
    """An attachment's text: UTF-8, or GB18030 as Excel saves CSV on Chinese Windows."""
    try:
        data = path.read_bytes()[: 20 * 1024 * 1024]
    except OSError:
        return ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def run(root: Path) -> Result:
    """Load and check the whole catalogue under ``root``; collect every problem at once."""
    try:
        catalogue = load_catalogue(root)
    except CatalogueError as exc:
        return Result(None, problems=exc.problems)
    checker = Checker(catalogue)
    result = Result(catalogue)
    for file in item_files(catalogue):
        source = read(file)
        if isinstance(source, Problem):
            result.problems.append(source)
            continue
        item, problems = checker.check_item(file, source)
        result.problems += problems
        if item is not None:
            result.items.append(item)
    result.problems += check_all(result.items, catalogue)
    result.problems += reserved_paths(root)
    result.problems += links_out_of_content(root)
    result.problems += personal_data_in_attachments(root, result.items)
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result
