"""Compiling only what changed: a unit's key covers everything its pages are compiled from.

Each test compiles the demo's portal, changes one thing, and checks that exactly
the units showing it are compiled again, and that every unit kept has the pages
a compile from scratch gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from pathlib import Path

import pytest

from conftest import REPO
from generator.check.run import run
from generator.model.history import Change, Kind
from generator.model.item import Item, Portal
from generator.model.layout import item_path
from generator.model.output import Output
from generator.pages import Context, compile_pages, compile_units, family_units
from generator.pages.compiled import (
    Compiled,
    State,
    compile_changed,
    digest,
    fingerprint,
    fingerprints,
)
from generator.pages.compiled import load as load_state
from generator.pages.compiled import save as save_state

SALT = "test"


@pytest.fixture(scope="module")
def portal() -> Portal:
    return run(REPO).portal(day=dt.date(2026, 1, 1))


def compiled(portal: Portal, previous: State | None = None, salt: str = SALT) -> Compiled:
    return compile_changed(portal, compile_units(portal), previous or State(), salt)


def recompiled(portal: Portal, change: Portal) -> set[str]:
    """The units compiled again for ``change`` after a build of ``portal``; checks that
    every page is the one a compile from scratch makes."""
    before = compiled(portal)
    after = compiled(change, before.state)
    scratch = {e.record.path: e.record for e in compiled(change).pages}
    assert {e.record.path: e.record for e in after.pages} == scratch
    return {e.unit.name for e in after.pages if e.page is not None}


def with_item(portal: Portal, old: Item, new: Item | None) -> Portal:
    items = [new if i is old else i for i in portal.items]
    return dataclasses.replace(portal, items=[i for i in items if i is not None])


def test_nothing_changed_compiles_nothing(portal: Portal) -> None:
    first = compiled(portal)
    again = compiled(portal, first.state)
    assert first.units > 100 and again.units == 0
    assert [e.record for e in again.pages] == [e.record for e in first.pages]
    assert all(e.page is None for e in again.pages)


def test_a_title_compiles_the_units_showing_the_item_and_those_counting_every_item(
    portal: Portal,
) -> None:
    item = next(i for i in portal.items if i.related)
    names = recompiled(portal, with_item(portal, item, dataclasses.replace(item, title="新标题")))
    numbers = {i.index_no for i in portal.items}
    keys = ("related", "superseded_by", "amends", "interprets")
    naming = {
        i.index_no for i in portal.items if any(item.index_no in i.references(k) for k in keys)
    }
    linked = {f"items/{no}" for no in ({*item.related} & numbers) | naming}
    assert linked
    trail = {f"columns/{c.id}" for col in item.columns for c in col.trail}
    mine = {f"items/{item.index_no}", f"departments/{item.department.id}", f"years/{item.year}"}
    assert mine | trail | linked <= names
    every = {u.name for u in compile_units(portal) if u.shows is None}
    assert names - every == mine | trail | linked
    assert len(names) < len(compile_units(portal)) / 5


def test_the_salt_is_part_of_every_key(portal: Portal) -> None:
    first = compiled(portal)
    assert compiled(portal, first.state, salt="another catalogue").units == first.units


def test_an_item_published_compiles_the_pages_whose_bodies_link_its_file(portal: Portal) -> None:
    """A body linking a draft's file links the file; once published, the item's page."""
    linking, target = portal.items[0], portal.items[-1]
    rel = posixpath.relpath(target.content_path, posixpath.dirname(linking.content_path))
    body = f"{linking.body}\n\n见[另一条信息]({rel})。\n"
    with_link = with_item(portal, linking, dataclasses.replace(linking, body=body))
    draft = with_item(with_link, target, None)
    names = recompiled(draft, with_link)
    assert f"items/{linking.index_no}" in names
    page = next(e for e in compiled(with_link).pages if e.record.path == item_path(linking))
    assert page.page is not None and item_path(target).removeprefix("items/") in page.page.content


@pytest.mark.parametrize(
    "change",
    [
        {"title": "另一个标题"},
        {"body": "另一段正文"},
        {"doc_no": "杭财〔2099〕1号"},
        {"keywords": ["另一个"]},
        {"published": dt.date(2001, 1, 1)},
        {"files": []},
    ],
)
def test_every_field_a_page_shows_is_in_the_fingerprint(
    portal: Portal, change: dict[str, object]
) -> None:
    item = next(i for i in portal.items if i.files and i.keywords)
    assert fingerprint(dataclasses.replace(item, **change), None) != fingerprint(item, None)


def test_the_publication_register_is_in_the_fingerprint(portal: Portal) -> None:
    item = portal.items[0]
    change = Change(dt.date(2026, 1, 2), "abcdef1234", "更正", Kind.CHANGED, item.source)
    assert fingerprint(item, [change]) != fingerprint(item, None)


def test_an_item_read_through_the_check_cache_is_fingerprinted_by_its_origin(
    demo_copy: Path,
) -> None:
    day = dt.date(2026, 1, 1)
    first = run(demo_copy, cache=True).portal(day=day)
    kept = run(demo_copy, cache=True).portal(day=day)  # every item from the cache
    assert fingerprints(first).values() and all(i.origin for i in first.items + kept.items)
    assert list(fingerprints(first).values()) == list(fingerprints(kept).values())
    item = next(i for i in kept.items if i.files)
    other = next(i for i in kept.items if str(i.status) != str(item.status))
    change = Change(dt.date(2026, 1, 2), "abcdef1234", "更正", Kind.CHANGED, item.source)
    # what is set after the check, or not read from the file, still shows
    assert fingerprint(dataclasses.replace(item, status=other.status), None) != fingerprint(
        item, None
    )
    assert fingerprint(dataclasses.replace(item, files=[]), None) != fingerprint(item, None)
    assert fingerprint(item, [change]) != fingerprint(item, None)
    path = demo_copy / item.source
    path.write_text(path.read_text("utf-8").replace(item.title, "新标题"), "utf-8")
    edited = run(demo_copy, cache=True).portal(day=day)
    again = next(i for i in edited.items if i.source == item.source)
    assert again.title == "新标题" and fingerprint(again, None) != fingerprint(item, None)


def test_the_state_is_kept_and_a_broken_one_is_none(portal: Portal, tmp_path: Path) -> None:
    first = compiled(portal)
    path = tmp_path / "compiled.pickle"
    save_state(path, first.state, State())
    assert load_state(path) == first.state
    assert compiled(portal, load_state(path)).units == 0
    path.write_bytes(b"gongkai-compiled 2\n\x80garbage")
    assert load_state(path) == State()
    path.write_bytes(b"something else")
    assert load_state(path) == State()
    assert load_state(tmp_path / "missing.pickle") == State()


def test_the_state_counts_the_items_new_since_it(portal: Portal) -> None:
    state = compiled(portal).state
    item = portal.items[0]
    change = with_item(portal, item, dataclasses.replace(item, title="新标题"))
    assert state.new_items(fingerprints(portal), SALT) == 0
    assert state.new_items(fingerprints(change), SALT) == 1
    assert state.new_items(fingerprints(portal), "other code") is None
    assert State().new_items(fingerprints(portal), SALT) is None


def test_a_record_holds_the_digest_of_its_markdown(portal: Portal) -> None:
    for entry in compiled(portal).pages[:50]:
        assert entry.page is not None
        assert entry.record.digest == digest(entry.page.content)


def test_only_the_families_showing_the_open_data_files_read_them(portal: Portal) -> None:
    """A build compiles the other families keyed without the files: a page of theirs
    that showed the files would come out stale."""
    files = [Output("data/catalogue.json", "全部信息", "JSON", 123_456)]
    without = {p.path: p.content for p in compile_pages(dataclasses.replace(portal, outputs=[]))}
    with_files = compile_pages(dataclasses.replace(portal, outputs=files))
    differ = {p.path for p in with_files if without[p.path] != p.content}
    context = Context.of(portal)
    showing = {page.path for unit in family_units(context, True) for page in unit.compile()}
    assert differ and differ <= showing
    others = {page.path for unit in family_units(context, False) for page in unit.compile()}
    assert not showing & others and len(showing | others) == len(without)


def test_new_sizes_of_the_open_data_files_compile_only_the_page_listing_them(
    portal: Portal,
) -> None:
    """As a build compiles: the other families first, then those showing the files."""

    def build(sizes: int, previous: State) -> Compiled:
        context = Context.of(portal)
        first = compile_changed(portal, family_units(context, False), previous, SALT)
        context = context.with_outputs([Output("data/catalogue.csv", "全部信息", "CSV", sizes)])
        return first + compile_changed(context.portal, family_units(context, True), previous, SALT)

    cold = build(1000, State())
    again = build(2000, cold.state)
    assert {e.unit.name for e in again.pages if e.page is not None} == {"opendata"}
    assert again.units == 1 and len(again.state.units) == len(cold.state.units)
    listed = next(e.page for e in again.pages if e.page is not None)
    assert listed is not None and "| 2 KB |" in listed.content
