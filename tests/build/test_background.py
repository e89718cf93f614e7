"""Work beside the build: its result comes back, and so does what it raised."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from generator.build.background import Background


class Refused(Exception):
    pass


def test_the_result_comes_back_from_another_process(tmp_path: Path) -> None:
    def work() -> tuple[int, str]:
        (tmp_path / "written").write_text("here", encoding="utf-8")
        return os.getpid(), "done"

    pid, word = Background(work).result()
    assert pid != os.getpid() and word == "done"
    assert (tmp_path / "written").read_text(encoding="utf-8") == "here"


def test_what_it_raised_is_raised_with_its_message() -> None:
    def work() -> None:
        raise Refused("磁盘已满")

    with pytest.raises(Refused, match="磁盘已满"):
        Background(work).result()


def test_an_exception_that_does_not_pickle_comes_back_as_its_traceback() -> None:
    class Local(Exception):  # defined here: pickle cannot find it by name
        pass

    def work() -> None:
        raise Local("本地错误")

    with pytest.raises(RuntimeError, match="本地错误"):
        Background(work).result()


def test_a_process_that_dies_without_a_word_is_an_error() -> None:
    def work() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(RuntimeError, match="后台进程意外退出"):
        Background(work).result()


def test_cancel_stops_it(tmp_path: Path) -> None:
    def work() -> None:
        time.sleep(30)
        (tmp_path / "late").write_text("too late", encoding="utf-8")

    start = time.monotonic()
    Background(work).cancel()
    assert time.monotonic() - start < 10
    assert not (tmp_path / "late").exists()
