"""The site swap: a new site replaces the old one whole, and nothing of earlier builds stays."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from generator.build.site import build_site


def _gone(paths: list[Path], seconds: float = 20.0) -> bool:
    """Whether every path is gone within ``seconds`` (they are removed in the background)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(p.exists() for p in paths):
            return True
        time.sleep(0.05)
    return False


def _dead_pid() -> int:
    """The number of a process that has ended."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(proc.stdout)


def _render(into: Path) -> None:
    into.mkdir()
    (into / "index.html").write_text("新", "utf-8")


def test_a_killed_builds_folders_are_removed_and_a_running_ones_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    dead = _dead_pid()
    killed = [tmp_path / f".site.building-{dead}", tmp_path / f".site.building-{dead}.search"]
    running = tmp_path / f".site.building-{1}"  # pid 1 is always there: a build under way
    other = tmp_path / f".other.building-{dead}"  # another site's: not this one's to remove
    for folder in [*killed, running, other]:
        (folder / "items").mkdir(parents=True)
        (folder / "items" / "index.html").write_text("半", "utf-8")
    build_site(site, _render)
    assert (site / "index.html").read_text("utf-8") == "新"
    assert _gone(killed)
    assert running.is_dir() and other.is_dir()


def test_the_replaced_site_is_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(site, _render)
    build_site(site, _render)
    assert _gone(list(tmp_path.glob(".site.old-*")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_with_reuse_the_next_build_is_made_over_the_site_before_last(tmp_path: Path) -> None:
    site = tmp_path / "site"
    given: list[list[str]] = []

    def render(into: Path) -> None:  # what the folder held when the build got it
        given.append(sorted(p.name for p in into.iterdir()) if into.exists() else [])
        into.mkdir(exist_ok=True)
        (into / f"{len(given)}.html").write_text("新", "utf-8")

    for _ in range(3):
        build_site(site, render, reuse=True)
    assert given == [[], [], ["1.html"]]  # the third build got the first one's site
    assert sorted(p.name for p in site.iterdir()) == ["1.html", "3.html"]
    assert sorted(p.name for p in (tmp_path / ".site.spare").iterdir()) == ["2.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.spare", "site"]
