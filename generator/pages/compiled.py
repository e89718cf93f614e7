"""Compiling only what changed: each unit's pages kept from the last build by a key.

A unit's key is a hash of everything its pages are compiled from: the salt
(the code, ``catalogue/``, whether it is a preview; the caller makes it), the
unit's name and ``also``, and a fingerprint of each item it shows, in order. A
unit that shows every item (``shows`` None) takes a fingerprint of them all and
of the portal's open-data files (a build compiles the families showing those
apart: the others are keyed without them). An item's fingerprint covers its fields as the
build sees them (with the status its 有效期至 gives on the build's day) and its
publication register. So a unit whose key is the last build's has the same
pages, and the build keeps them: their paths, what they show (``Inputs``) and a
digest of their Markdown, not the Markdown itself (that is 6.5 KB a page, 780 MB
at 100,000 items). The renderer uses the digest for its page cache; a page it
must render after all is compiled then (``Entry.unit``).

One item changed compiles its own page, the pages it is linked with, its
columns', department's and year's listings, and the pages that count every item.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..model.history import Change
from ..model.item import DatedChoice, Item, Portal
from ..model.progress import QUIET, Progress
from ..source.store import drifted, unpickle, write_pickle
from .registry import Inputs, Page, Unit

FORMAT = b"gongkai-compiled 2\n"  # bump when what a key covers changes

# Item fields the fingerprint takes as they are (by repr); the others are the catalogue's
# objects (taken by id or value), the body (hashed as it is) and the source lines of
# fields, which no page shows; and the origin, which stands for them when there is one.
_OWN = ("department", "columns", "period", "status", "lines", "extra", "body", "origin")
_PLAIN = tuple(f.name for f in dataclasses.fields(Item) if f.name not in _OWN)


@dataclass(frozen=True)
class Record:
    """What a build keeps of a compiled page."""

    path: str
    source: str | None
    inputs: Inputs
    digest: str  # sha256 of the page's Markdown


@dataclass(frozen=True)
class Entry:
    """A page of this build: its record, its unit, and its Markdown if compiled now
    (None if kept from the last build: ``unit`` compiles it again if it must)."""

    record: Record
    unit: Unit
    page: Page | None


@dataclass
class State:
    """What a build compiled: each unit's pages by key, the items' fingerprints, the salt."""

    units: dict[str, list[Record]] = field(default_factory=dict)
    items: frozenset[bytes] = frozenset()
    salt: str = ""

    def new_items(self, prints: Prints, salt: str) -> int | None:
        """How many of these items (by fingerprint) this state's build did not have; None
        if there was no such build (no state, other code, another catalogue)."""
        if not self.units or salt != self.salt:
            return None
        return sum(1 for p in prints.values() if p not in self.items)


Prints = dict[int, bytes]  # an item's id() -> its fingerprint, for one portal's items


@dataclass
class Compiled:
    """This build's pages in their units' order, and the state for the next build."""

    pages: list[Entry]
    state: State
    units: int  # units compiled now

    def __add__(self, more: Compiled) -> Compiled:
        """These pages, then ``more``'s (units compiled apart, with the same salt)."""
        units = self.state.units | more.state.units
        state = dataclasses.replace(self.state, units=units)
        return Compiled(self.pages + more.pages, state, self.units + more.units)


def digest(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def page_record(page: Page) -> Record:
    return Record(page.path, page.source, page.inputs, digest(page.content))


def fingerprint(item: Item, history: list[Change] | None) -> bytes:
    """Everything a page can show of ``item``, hashed.

    An item read through the check cache has its ``origin``, the digest of all it was
    read from: that, with what was set after the check (its status as of the build's
    day, the attachments found), stands for its fields (2 s at 100,000 items).
    """
    if item.origin:
        h = hashlib.sha256(item.origin)
        h.update(repr((str(item.status), item.files, history)).encode())
        return h.digest()
    own = (
        item.department.id,
        [c.id for c in item.columns],
        str(item.period),
        str(item.status),
        sorted(
            (k, str(v) if isinstance(v, DatedChoice) else repr(v)) for k, v in item.extra.items()
        ),
    )
    plain = [getattr(item, name) for name in _PLAIN]
    h = hashlib.sha256(item.body.encode())  # the longest field: as it is, not its repr
    h.update(repr((own, plain, history)).encode())
    return h.digest()


def fingerprints(portal: Portal) -> Prints:
    """The fingerprint of each of the portal's items, with its publication register."""
    return {id(i): fingerprint(i, portal.history.get(i.source)) for i in portal.items}


def compile_changed(
    portal: Portal,
    units: list[Unit],
    previous: State,
    salt: str,
    progress: Progress = QUIET,
    prints: Prints | None = None,
) -> Compiled:
    """Compile the units whose key is not in ``previous``; keep the others' pages.

    ``prints`` are the items' ``fingerprints``, if the caller has them already."""
    prints = prints if prints is not None else fingerprints(portal)
    every = hashlib.sha256(b"".join(prints[id(i)] for i in portal.items))
    every.update(repr(portal.outputs).encode())
    keys = []
    state = State(items=frozenset(prints.values()), salt=salt)
    todo: list[tuple[str, Unit]] = []
    for unit in units:
        h = hashlib.sha256(f"{salt}\n{unit.name}\n{unit.also}\n".encode())
        if unit.shows is None:
            h.update(every.digest())
        else:
            h.update(b"".join(prints[id(i)] for i in unit.shows))
        key = h.hexdigest()
        keys.append(key)
        if key not in previous.units:
            todo.append((key, unit))
    phase = progress.phase("编译页面", len(todo), "组")
    fresh: dict[str, list[Entry]] = {}
    for key, unit in todo:
        fresh[key] = [Entry(page_record(page), unit, page) for page in unit.compile()]
        phase.advance()
    phase.close()
    pages: list[Entry] = []
    for key, unit in zip(keys, units, strict=True):
        entries = fresh.get(key)
        if entries is None:
            entries = [Entry(record, unit, None) for record in previous.units[key]]
        state.units[key] = [entry.record for entry in entries]
        pages += entries
    return Compiled(pages, state, len(todo))


def load(path: Path) -> State:
    """The state the last build saved at ``path``; empty if there is none or it is unreadable."""
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                             AttributeError, ImportError, TypeError):  # fmt: skip
        data = path.read_bytes()
        if data.startswith(FORMAT):
            state = unpickle(data[len(FORMAT) :])
            if isinstance(state, State):
                return state
    return State()


def save(path: Path, state: State, previous: State) -> None:
    """Keep ``state`` at ``path`` for the next build, unless it is ``previous`` (the file's)
    but for under ``DRIFT`` of its units (``source/store.py``).

    A unit missing from the file is compiled again by the next build, to the same
    pages; at 100,000 items writing the file after a one-item change took longer.
    """
    if state.salt != previous.salt or drifted(state.units, previous.units):
        write_pickle(path, FORMAT, state)
