"""A site built in parts by separate processes and assembled is the one-machine site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, edit, gongkai
from sites import assert_same_site, tree


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    for name in ("catalogue", "content", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


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


def test_two_parts_assembled_are_the_one_machine_site(portal: Path) -> None:
    build_parts(portal, 2)
    one, two = (pages(portal / f"site.part-{k}-of-2") for k in (1, 2))
    assert one and two and not one & two  # the work is shared out

    proc = gongkai("assemble", "--root", str(portal))
    assert proc.returncode == 0, proc.stderr
    assert "已合并 2 个部分" in proc.stderr

    shutil.rmtree(portal / ".gongkai-cache")
    proc = gongkai("build", "--root", str(portal), "--site-dir", str(portal / "one"))
    assert proc.returncode == 0, proc.stderr
    assert_same_site(portal / "site", portal / "one")


def test_a_missing_part_is_refused_and_the_site_kept(portal: Path) -> None:
    build_parts(portal, 2)
    shutil.rmtree(portal / "site.part-2-of-2")
    (portal / "site").mkdir()
    (portal / "site" / "index.html").write_text("已发布", encoding="utf-8")

    proc = gongkai("assemble", "--root", str(portal))

    assert proc.returncode != 0
    assert "缺少第 2 部分（共 2 部分）" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (portal / "site" / "index.html").read_text(encoding="utf-8") == "已发布"


def test_parts_of_different_versions_are_refused(portal: Path) -> None:
    proc = gongkai("build", "--root", str(portal), "--part", "1/2")
    assert proc.returncode == 0, proc.stderr
    edit(portal / "content/czj/2021-0001.md", "title: 杭州市", "title: 更正：杭州市")
    proc = gongkai("build", "--root", str(portal), "--part", "2/2")
    assert proc.returncode == 0, proc.stderr

    proc = gongkai("assemble", "--root", str(portal))

    assert proc.returncode != 0
    assert "不是由同一版本" in proc.stderr
    assert not (portal / "site").exists()


@pytest.mark.parametrize("spec", ["3/2", "0/2", "1-2", "a/b"])
def test_a_wrong_part_is_a_clear_error(portal: Path, spec: str) -> None:
    proc = gongkai("build", "--root", str(portal), "--part", spec)
    assert proc.returncode != 0
    assert "--part" in proc.stderr and "Traceback" not in proc.stderr
