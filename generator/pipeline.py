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
from .load import ItemFile, item_files, read
from .model import Catalogue, Item, Portal, Problem
from .pages import RESERVED
from .scan import Claim, claims


@dataclass
class Result:
    """What a run found: the catalogue (None if its definition is broken), items, problems."""

    catalogue: Catalogue | None
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # index numbers claimed, for check_all

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


def _content_paths(root: Path, only: set[str] | None = None) -> list[Path]:
    """Every file and folder under content/, or just those of ``only`` that exist."""
    if only is not None:
        paths = [root / p for p in sorted(only) if p.startswith("content/")]
        return [p for p in paths if p.is_symlink() or p.exists()]
    out = []
    for folder, dirs, files in os.walk(root / "content"):
        out += [Path(folder) / name for name in sorted(dirs + files)]
    return out


def links_out_of_content(root: Path, paths: list[Path]) -> list[Problem]:
    """Symbolic links in content/ that lead outside it: MkDocs would publish their target."""
    content = root / "content"
    real = content.resolve()
    problems = []
    for path in paths:
        if path.is_symlink() and not path.resolve().is_relative_to(real):
            rel = path.relative_to(content).as_posix()
            problems.append(Problem(f"content/{rel}", 0, "这是指向 content/ 以外的链接（symlink），"
                                    "其内容不会被发布；请把文件本身放进来"))  # fmt: skip
    return problems


TEXT_ATTACHMENTS = {".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm"}


def personal_data_in_attachments(root: Path, items: list[Item], paths: list[Path]) -> list[Problem]:
    """ID, mobile and bank card numbers in text attachments, which are published as they are.

    An attachment may use the exemptions of the items that link to it.
    """
    content = root / "content"
    real = content.resolve()
    exempt: dict[str, list[str]] = defaultdict(list)
    for item in items:
        folder = posixpath.dirname(item.content_path)
        for link in relative_links(item.body):
            exempt[resolve(folder, link)] += item.exempt
    problems = []
    for path in paths:
        if path.suffix.lower() not in TEXT_ATTACHMENTS or not path.is_file():
            continue
        if not path.resolve().is_relative_to(real):
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


def _check_files(catalogue: Catalogue, files: list[ItemFile]) -> Result:
    """Fully check ``files``; the claims of those that fail come from the fast scan."""
    checker = Checker(catalogue)
    result = Result(catalogue)
    failed = []
    for file in files:
        source = read(file)
        if isinstance(source, Problem):
            result.problems.append(source)
            failed.append(file)
            continue
        item, problems = checker.check_item(file, source)
        result.problems += problems
        if item is None:
            failed.append(file)
        else:
            result.items.append(item)
    # a broken file still claims its number: no "does not exist" for references to it
    result.claims = [Claim.of(i) for i in result.items] + claims(catalogue, failed)
    result.claims.sort(key=lambda c: c.source)
    return result


def _content_rules(root: Path, items: list[Item], only: set[str] | None = None) -> list[Problem]:
    """Rules about content/ as a whole, over every file in it (one walk) or just ``only``."""
    paths = _content_paths(root, only)
    problems = reserved_paths(root) + links_out_of_content(root, paths)
    problems += personal_data_in_attachments(root, items, paths)
    return [p for p in problems if only is None or p.path in only]


def run(root: Path) -> Result:
    """Load and check the whole catalogue under ``root``; collect every problem at once."""
    try:
        catalogue = load_catalogue(root)
    except CatalogueError as exc:
        return Result(None, problems=exc.problems)
    result = _check_files(catalogue, item_files(catalogue))
    result.problems += check_all(result.claims, catalogue)
    result.problems += _content_rules(root, result.items)
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result


def run_changed(root: Path, changed: set[str]) -> Result:
    """Check the files in ``changed`` (root-relative paths) against the whole catalogue.

    Changed items are checked fully; every other item is only scanned for the index
    number it claims and the ones it refers to, which is enough for the catalogue-wide
    rules and fast on a large catalogue. A change to catalogue/ checks everything.
    """
    if any(p.startswith("catalogue/") for p in changed):
        return run(root)
    try:
        catalogue = load_catalogue(root)
    except CatalogueError as exc:
        return Result(None, problems=exc.problems)
    files = item_files(catalogue)
    result = _check_files(catalogue, [f for f in files if f.rel in changed])
    others = claims(catalogue, [f for f in files if f.rel not in changed])
    result.problems += check_all(others + result.claims, catalogue)  # errors land on the change
    result.problems += _content_rules(root, result.items, changed)
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result
