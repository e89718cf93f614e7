"""load → validate → model: the one pipeline behind the CLI, the plugin and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import CatalogueError, load_catalogue
from .check import Checker, check_all
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

    def portal(self) -> Portal:
        """The model to compile pages from; only for a run without errors."""
        if not self.ok or self.catalogue is None:
            raise ValueError("the catalogue has errors; check before compiling")
        return Portal(self.catalogue, self.items)


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
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result
