"""The workflow files: right triggers, and every gongkai command in them is one the CLI takes."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, copy_small, edit
from generator.cli import parser

FORGES = {".github": "GitHub", ".gitea": "Gitea", ".forgejo": "Forgejo"}


def workflows() -> list[Path]:
    return sorted(p for forge in FORGES for p in (REPO / forge / "workflows").glob("*.yml"))


def gongkai_commands(workflow: dict[Any, Any]) -> list[list[str]]:
    return [c for job in workflow["jobs"].values() for c in job_commands(job)]


def job_commands(job: dict[str, Any]) -> list[list[str]]:
    out = []
    for step in job.get("steps", []):
        for line in str(step.get("run", "")).splitlines():
            for part in line.split("&&"):
                part = re.sub(r"\$\{\{[^}]*\}\}", "origin/main", part).strip()
                if part.startswith("gongkai "):
                    out.append(shlex.split(part)[1:])
    return out


def test_every_forge_has_both_workflows() -> None:
    names = {(p.parent.parent.name, p.name) for p in workflows()}
    assert names == {(f, n) for f in FORGES for n in ("pull-request.yml", "publish.yml")}


@pytest.mark.parametrize("path", workflows(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_workflow(path: Path) -> None:
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    commands = gongkai_commands(flow)
    if path.name == "pull-request.yml":
        assert "pull_request" in triggers
        assert ["check", "--changed-since", "origin/origin/main", "--format", "github"] in commands
        assert any(c[:2] == ["build", "--preview"] for c in commands)
    else:
        assert triggers["push"]["branches"] == ["main"]
        parts = flow["jobs"]["part"]["strategy"]["matrix"]["part"]
        assert parts == list(range(1, len(parts) + 1))
        builds = [c for c in commands if c[:2] == ["build", "--part"]]
        assert [c[2].rsplit("/", 1)[1] for c in builds] == [str(len(parts))]  # K/N, N = the matrix
        assemble = next(c for c in commands if c[0] == "assemble")
        assert assemble[-2:] == ["--site-dir", "site"]
        assert f"-of-{len(parts)}/" in path.read_text(encoding="utf-8")  # the artifact is the part
    for args in commands:
        parser().parse_args(args)  # exits 2 on anything the CLI does not take


@pytest.mark.parametrize("path", workflows(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_jobs_that_build_fetch_the_whole_history(path: Path) -> None:
    """Item histories come from git log: a shallow checkout (the default) would cut them short."""
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    building = [j for j in flow["jobs"].values() if any(c[0] == "build" for c in job_commands(j))]
    assert building
    for job in building:
        checkouts = [
            s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")
        ]
        assert checkouts and all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts)


def test_gitea_and_forgejo_share_one_version() -> None:
    for name in ("pull-request.yml", "publish.yml", "../pull_request_template.md"):
        gitea = (REPO / ".gitea/workflows" / name).resolve().read_text(encoding="utf-8")
        assert (REPO / ".forgejo/workflows" / name).resolve().read_text(encoding="utf-8") == gitea


def test_pull_request_template_has_the_review_checklist() -> None:
    for forge in FORGES:
        text = (REPO / forge / "pull_request_template.md").read_text(encoding="utf-8")
        assert "保密审查" in text and "- [ ]" in text and "exempt" in text


def test_a_publish_run_builds_over_the_site_its_cache_brought_back(tmp_path: Path) -> None:
    """Two runs of the publish workflow's part job on fresh runners, step by step: the cache
    entry (one archive, as actions/cache makes it) brings back the last site with the page
    cache, and the next build is made over it: its folders stay, only what changed is written."""
    flow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["part"]["steps"]

    def ours(text: str) -> str:
        return text.replace("${{ matrix.part }}", "1")

    cached = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    paths = ours(cached["with"]["path"]).split()
    spare_step = next(s for s in steps if "spare" in str(s.get("run", "")))
    build = next(ours(s["run"]) for s in steps if str(s.get("run", "")).startswith("gongkai build"))

    def run(root: Path, script: str) -> None:
        proc = subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True,
                              env=os.environ | {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})  # fmt: skip
        assert proc.returncode == 0, proc.stderr

    first = copy_small(tmp_path / "first")  # a fresh checkout
    run(first, build)
    archive = tmp_path / "cache.tar"
    run(first, f"tar -cf {archive} {' '.join(paths)}")  # the post step saves the entry

    second = copy_small(tmp_path / "second")  # the next run's
    run(second, f"tar -xf {archive}")  # the cache step restores it
    site = second / paths[1]

    def item_folders() -> dict[Path, int]:
        return {p.parent.relative_to(site): p.parent.stat().st_ino
                for p in site.glob("items/*/index.html")}  # fmt: skip

    folders = item_folders()
    page = next(site.rglob("items/*/index.html"))
    assert page.stat().st_nlink > 1  # still a link to the cache's copy
    edit(next((second / "content").rglob("budget-2023.md")), "title: ", "title: 改 ", 1)
    run(second, ours(spare_step["run"]))
    run(second, build)

    kept = {path for path, inode in item_folders().items() if folders.get(path) == inode}
    assert len(kept) >= len(folders) - 1 >= 2  # made over the last site: its folders stay
    assert any("改 " in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))  # the change
