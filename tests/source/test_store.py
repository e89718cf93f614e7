"""The caches' files (source/store.py): unpickling with the collector paused."""

from __future__ import annotations

import gc
import pickle

import pytest

from generator.source.store import unpickle


def test_unpickle_gives_what_was_pickled_and_runs_the_collector_again() -> None:
    data = pickle.dumps({b"k": [("a", 1)] * 3})
    assert gc.isenabled()
    assert unpickle(data) == {b"k": [("a", 1)] * 3}
    assert gc.isenabled()


def test_unpickle_of_broken_bytes_raises_and_leaves_the_collector_as_it_was() -> None:
    with pytest.raises(pickle.UnpicklingError):
        unpickle(b"not a pickle")
    assert gc.isenabled()
    gc.disable()
    try:
        unpickle(pickle.dumps(1))
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()
