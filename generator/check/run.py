"""load → check → model: the one run behind the CLI, the plugin and the tests."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model.annual import Report, ReportSettings
from ..model.catalogue import Catalogue
from ..model.history import Change
from ..model.item import Item, Portal
from ..model.problem import Problem, errors
from ..model.progress import QUIET, Phase, Progress
from ..model.validity import as_of
from ..source.annual import load_reports, load_settings
from ..source.catalogue import CatalogueError, load_catalogue
from ..source.collector import collecting
from ..source.content import ItemFile, read, walk
from ..source.extract_cache import ATTACHMENTS_DIR, AttachmentTexts
from ..source.frontmatter import Source
from ..source.scan import Claim, claims, reference_keys
from .annual import annual_rules
from .attachments import attachment_rules
from .cache import Binder, CheckCache, Entry, Stat
from .catalogue_wide import catalogue_rules
from .content import content_rules
from .item import Checker
from .links import link_rules
from .parallel import check_in_parallel


@dataclass
class Result:
    """What a run found: the catalogue (None if its definition is broken), items, problems."""

    catalogue: Catalogue | None
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # index numbers claimed, for the rules
    annual: ReportSettings | None = None  # the annual report's formats, if the portal has them
    reports: list[Report] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def ok(self) -> bool:
        return self.catalogue is not None and not self.errors

    def portal(
        self,
        preview: bool = False,
        day: dt.date | None = None,
        history: dict[str, list[Change]] | None = None,
    ) -> Portal:
        """The model to compile pages from; only for a run without errors.

        Unless ``preview``, drafts and unreviewed items are left out (先审查、后公开).
        With ``day`` (the build's date), items past their 有效期至 show as expired;
        ``history`` is the publication register from git (``source.history``).
        """
        if not self.ok or self.catalogue is None:
            raise ValueError("the catalogue has errors; check before compiling")
        items = self.items if preview else [i for i in self.items if i.publishable]
        if day is not None:
            expired = self.catalogue.vocabulary_of("status").with_role("expired")
            items = [as_of(i, day, expired) for i in items]
        return Portal(self.catalogue, items, preview, history or {}, self.annual, self.reports)


def _check_files(
    catalogue: Catalogue,
    files: list[ItemFile],
    progress: Progress = QUIET,
    cache: CheckCache | None = None,
) -> Result:
    """Fully check ``files``; the claims of those that fail come from the fast scan.

    With ``cache``, a file whose bytes (and catalogue, and code) are unchanged since
    the last run is not parsed and checked again, only its links; the others are
    checked on every core (``parallel.py``).
    """
    checker = Checker(catalogue)
    phase = progress.phase("检查信息", len(files), "条")
    if cache is None:
        outcomes = []
        with collecting(True):  # parsing makes cycles (the YAML parser's), item by item
            for file in files:
                phase.advance()
                outcomes.append(_check_one(checker, file))
    else:
        outcomes = _check_cached(checker, files, cache, phase)
        cache.save()
    phase.close()
    result = Result(catalogue)
    failed = []
    for file, (item, problems) in zip(files, outcomes, strict=True):
        result.problems += problems
        if item is None:
            failed.append(file)
        else:
            result.items.append(item)
    # a broken file still claims its number: no "does not exist" for references to it
    keys = reference_keys(catalogue)
    result.claims = [Claim.of(i, keys) for i in result.items] + claims(catalogue, failed)
    result.claims.sort(key=lambda c: c.source)
    return result


Outcome = tuple[Item | None, list[Problem]]


def _check_one(checker: Checker, file: ItemFile) -> Outcome:
    source = read(file)
    if isinstance(source, Problem):
        return None, [source]
    return checker.check_item(file, source)


def _check_cached(
    checker: Checker, files: list[ItemFile], cache: CheckCache, phase: Phase
) -> list[Outcome]:
    """Each file's item and problems: from the cache when its bytes are as they were."""
    binder = Binder(checker.catalogue)
    outcomes: list[Outcome | None] = []
    misses: list[tuple[int, bytes | None]] = []  # files to check, with their keys
    for i, file in enumerate(files):
        key, entry = _look_up(cache, file)
        outcome = None
        if entry is not None:
            outcome = _bound(checker, binder, file, entry, key or b"")
        if outcome is None:
            misses.append((i, key))
        else:
            phase.advance()
        outcomes.append(outcome)
    checked = check_in_parallel(checker, [files[i] for i, _ in misses], phase)
    for (i, key), made in zip(misses, checked, strict=True):
        if isinstance(made, Problem):
            outcomes[i] = None, [made]
            continue
        if key is not None:
            cache.put(key, made)
        outcomes[i] = _bound(checker, binder, files[i], made, key or b"")
    return [o if o is not None else (None, []) for o in outcomes]


def _look_up(cache: CheckCache, file: ItemFile) -> tuple[bytes | None, Entry | None]:
    """The file's key and its kept entry: by its status if the last run saw it as it is
    (not read), else by its bytes. (None, None) if it cannot be read."""
    try:
        found = os.stat(file.path)
        status: Stat = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino,
                        found.st_dev)  # fmt: skip
        key = cache.known(file.rel, status)
        entry = cache.get(key) if key is not None else None
        if key is None or entry is None:
            key = cache.key(file.rel, file.path.read_bytes())
            entry = cache.get(key)
        cache.saw(file.rel, status, key)
    except OSError:
        return None, None  # reading it again says what is wrong
    return key, entry


def _bound(
    checker: Checker, binder: Binder, file: ItemFile, entry: Entry, key: bytes
) -> Outcome | None:
    """A kept outcome (its cache ``key``) with its links checked now; None if it no longer
    fits the catalogue."""
    item = binder.item(entry, key)
    if item is None and entry.fields is not None:
        return None
    links = link_rules(checker.catalogue.root, file, Source([], entry.body, entry.body_line))
    return (None if errors(links) else item), entry.problems + links


def run(root: Path, progress: Progress = QUIET, *, cache: bool = False) -> Result:
    """Load and check the whole catalogue under ``root``; collect every problem at once.

    With ``cache``, files unchanged since the last such run are not checked again
    (``check/cache.py``, in ``.gongkai-cache/``).
    """
    with collecting(False):  # what parses a file collects its own (source/collector.py)
        return _run(root, progress, cache)


def _run(root: Path, progress: Progress, cache: bool) -> Result:
    try:
        catalogue = load_catalogue(root)
    except CatalogueError as exc:
        return Result(None, problems=exc.problems)
    content = walk(catalogue)
    checks = CheckCache.open(root) if cache else None
    result = _check_files(catalogue, content.items, progress, checks)
    texts = AttachmentTexts(root / ATTACHMENTS_DIR)
    result.problems += attachment_rules(root, result.items, catalogue, texts)
    result.problems += catalogue_rules(result.claims, catalogue)
    result.problems += content_rules(root, result.items, content.paths, texts)
    if cache:
        texts.keep(texts.keys)  # the texts of the files in content/ as they are now
    result.problems += _annual(root, result)
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result


def _annual(root: Path, result: Result) -> list[Problem]:
    """Load and check the annual reports (catalogue/reports/) into ``result``."""
    assert result.catalogue is not None
    result.annual, problems = load_settings(root)
    if result.annual is None:
        return problems
    result.reports, found = load_reports(root, result.catalogue, result.annual)
    published = [i for i in result.items if i.publishable]
    return problems + found + annual_rules(result.reports, published, result.catalogue)


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
    files = walk(catalogue).items
    result = _check_files(catalogue, [f for f in files if f.rel in changed])
    texts = AttachmentTexts(root / ATTACHMENTS_DIR)
    result.problems += attachment_rules(root, result.items, catalogue, texts)
    others = claims(catalogue, [f for f in files if f.rel not in changed])
    result.problems += catalogue_rules(
        others + result.claims, catalogue
    )  # errors land on the change
    paths = [root / p for p in sorted(changed) if p.startswith("content/")]
    paths = [p for p in paths if p.is_symlink() or p.exists()]
    result.problems += content_rules(root, result.items, paths, texts)
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result
