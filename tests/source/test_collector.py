"""The collector paused while the build makes what it keeps, and its objects left out after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from generator.source.collector import collecting


@pytest.fixture(autouse=True)
def restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_paused_and_restored_and_what_it_made_is_frozen() -> None:
    gc.unfreeze()
    with collecting(False):
        assert not gc.isenabled()
        kept = [[i] for i in range(10_000)]  # lists: objects the collector tracks
        with collecting(True):  # a worker's or a parser's own part collects
            assert gc.isenabled()
            assert gc.get_freeze_count() >= len(kept)  # what came before: left out
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


def test_a_paused_collector_stays_paused_after_a_block() -> None:
    gc.disable()
    with collecting(False):
        assert not gc.isenabled()
    assert not gc.isenabled()
    with collecting(True):
        assert gc.isenabled()
    assert not gc.isenabled()
