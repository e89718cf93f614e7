"""`gongkai build` renders on every core and from its cache, and writes what `mkdocs build` writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sites import assert_same_site


def test_the_site_is_the_one_mkdocs_build_makes(tmp_path: Path, demo_copy: Path) -> None:
    root = demo_copy
    # One parser converts page after page (engine._OneParser): what one page defines, a
    # link reference here, must not reach the next, where MkDocs' fresh parser shows text.
    notes = root / "content" / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# 甲\n\n见[指南]。\n\n[指南]: https://example.org/\n", "utf-8")
    (notes / "b.md").write_text("# 乙\n\n见[指南]。\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--site-dir", str(tmp_path / "ours")],
        capture_output=True, text=True, timeout=300, check=False,
        env=os.environ | {"GONGKAI_JOBS": "1"},  # one process: b.md right after a.md
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "example.org" not in (tmp_path / "ours" / "notes" / "b" / "index.html").read_text(
        "utf-8"
    )
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "mkdocs")],
        cwd=root, capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert_same_site(tmp_path / "ours", tmp_path / "mkdocs")


def test_one_worker_or_several_make_the_same_site(tmp_path: Path, demo_copy: Path) -> None:
    root = demo_copy
    sites = {}
    for jobs in ("1", "3"):
        shutil.rmtree(root / ".gongkai-cache", ignore_errors=True)
        site = tmp_path / f"jobs-{jobs}"
        proc = subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--site-dir", str(site)],
            capture_output=True, text=True, timeout=300, check=False,
            env=os.environ | {"GONGKAI_JOBS": jobs},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        sites[jobs] = site
    assert_same_site(sites["1"], sites["3"])
