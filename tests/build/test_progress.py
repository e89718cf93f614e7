"""A long build says how far it is: a bar on a terminal, plain lines with the time left in
a CI log."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import gongkai
from generator.build import progress


def test_a_build_in_a_log_names_each_phase_with_its_count(small: Path) -> None:
    proc = gongkai("build", "--root", str(small))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    for start in ("检查信息：共 5 条", "复用页面：共 0 页", "生成页面：共 ", "检索索引：共 1 片"):
        assert any(line.startswith(start) for line in lines), proc.stderr
    assert any(line.startswith("检索索引：完成 1 片，用时") for line in lines)


def test_a_long_phase_reports_its_tenths_and_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(float(t) for t in range(0, 1000, 10))  # each step takes ten seconds
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    out = io.StringIO()
    phase = progress.Lines(out, every=1000).phase("检索索引", 20, "片")
    for _ in range(20):
        phase.advance()
    phase.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "检索索引：共 20 片"
    assert "检索索引：2/20 片（10%），已用 20 秒，约剩 180 秒" in lines
    assert len(lines) == 2 + 9  # start, nine tenths, end
    assert lines[-1].startswith("检索索引：完成 20 片")


def test_a_terminal_gets_a_bar() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    shown = progress.for_stream(out)
    assert isinstance(shown, progress.Bar)
    phase = shown.phase("写出页面", 4, "页")
    phase.advance(4)
    phase.close()
    assert "写出页面：100%" in out.getvalue() and "4/4 页" in out.getvalue()
