"""Shared fixtures: portals copied into a temporary folder, so tests may break them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.check.run import Result, run
from loopback import serving

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def gongkai(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The ``gongkai`` command, run as a clerk runs it (a new process)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the small fixture portal (2 departments, 5 items, gov.cn index numbers)."""
    return copy_small(tmp_path / "small")


def copy_small(dest: Path) -> Path:
    """Copy the small fixture portal to ``dest``, with the project's own theme overrides."""
    shutil.copytree(FIXTURES / "small", dest)
    config = dest / "mkdocs.yml"  # the copy uses the project's own theme overrides
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "  name: material\n", f"  name: material\n  custom_dir: {REPO / 'site_config'}\n"
        ),
        encoding="utf-8",
    )
    return dest


def copy_demo(root: Path) -> Path:
    """The demo portal (catalogue, content, theme overrides, mkdocs.yml) copied to ``root``."""
    for name in ("catalogue", "content", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A copy of the demo portal, to change."""
    return copy_demo(tmp_path / "portal")


def edit(path: Path, old: str, new: str, count: int = -1) -> None:
    """Replace ``old`` in a file, failing the test if it is not there (never a silent no-op)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def write_item(small: Path) -> Callable[..., Path]:
    """Write an item into the small portal: ``write_item("cz/x.md", front_matter, body)``."""

    def write(rel: str, front: str, body: str = "正文。\n") -> Path:
        path = small / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n\n{body}", encoding="utf-8")
        return path

    return write


@pytest.fixture
def check(small: Path) -> Callable[[], Result]:
    return lambda: run(small)


VALID = """
index_no: 000014349/2023-00009
title: 示例县2023年"三公"经费预算
department: czj
published: 2023-03-01
doc_type: 其他文件
columns: [sgjf]
review:
  reviewer: 李华
  date: 2023-02-28
"""


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once per test session with `gongkai build`.

    Its build date is fixed (``BUILT``), as a commit's would be: what 有效期至 makes of
    an item does not change with the day the tests run. Its history is this
    repository's own.
    """
    site = tmp_path_factory.mktemp("demo") / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "build",
            "--root",
            str(REPO),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ | {"SOURCE_DATE_EPOCH": str(BUILT_EPOCH)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


BUILT = dt.date(2026, 12, 1)  # the demo site's build date in the tests
BUILT_EPOCH = 1796054400  # 2026-12-01 00:00 China time


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    with serving(demo_site) as url:
        yield url


# Debian's Chromium, driven by Playwright (its own browser download is not used). The flags keep
# it from reaching for the network, which this machine does not have.
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh Chinese-locale browser page (its own context: no cache, no cookies)."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
