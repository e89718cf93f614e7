"""A site built in parts by separate processes and assembled is the one-machine site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import edit, gongkai
from sites import assert_same_site, tree


def build_parts(root: Path, count: int) -> None:
    """``gongkai build --part K/N`` for every K, all at once, as a CI matrix runs them."""
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator.cli",
                "build",
                "--root",
                str(root),
                "--part",
                f"{k}/{count}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(1, count + 1)
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, out + err


def pages(site: Path) -> set[str]:
    return {name for name in tree(site) if name.endswith("index.html")}


def test_two_parts_assembled_are_the_one_machine_site(demo_copy: Path) -> None:
    build_parts(demo_copy, 2)
    one, two = (pages(demo_copy / f"site.part-{k}-of-2") for k in (1, 2))
    assert one and two and not one & two  # the work is shared out

    proc = gongkai("assemble", "--root", str(demo_copy))
    assert proc.returncode == 0, proc.stderr
    assert "已合并 2 个部分" in proc.stderr

    shutil.rmtree(demo_copy / ".gongkai-cache")
    proc = gongkai("build", "--root", str(demo_copy), "--site-dir", str(demo_copy / "one"))
    assert proc.returncode == 0, proc.stderr
    assert_same_site(demo_copy / "site", demo_copy / "one")


def test_a_missing_part_is_refused_and_the_site_kept(demo_copy: Path) -> None:
    build_parts(demo_copy, 2)
    shutil.rmtree(demo_copy / "site.part-2-of-2")
    (demo_copy / "site").mkdir()
    (demo_copy / "site" / "index.html").write_text("已发布", encoding="utf-8")

    proc = gongkai("assemble", "--root", str(demo_copy))

    assert proc.returncode != 0
    assert "缺少第 2 部分（共 2 部分）" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (demo_copy / "site" / "index.html").read_text(encoding="utf-8") == "已发布"


def test_parts_of_different_versions_are_refused(demo_copy: Path) -> None:
    proc = gongkai("build", "--root", str(demo_copy), "--part", "1/2")
    assert proc.returncode == 0, proc.stderr
    edit(demo_copy / "content/czj/2021-0001.md", "title: 杭州市", "title: 更正：杭州市")
    proc = gongkai("build", "--root", str(demo_copy), "--part", "2/2")
    assert proc.returncode == 0, proc.stderr

    proc = gongkai("assemble", "--root", str(demo_copy))

    assert proc.returncode != 0
    assert "不是由同一版本" in proc.stderr
    assert not (demo_copy / "site").exists()


@pytest.mark.parametrize("spec", ["3/2", "0/2", "1-2", "a/b"])
def test_a_wrong_part_is_a_clear_error(demo_copy: Path, spec: str) -> None:
    proc = gongkai("build", "--root", str(demo_copy), "--part", spec)
    assert proc.returncode != 0
    assert "--part" in proc.stderr and "Traceback" not in proc.stderr
