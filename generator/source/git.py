"""Which files a pull request changes: what git says changed since a revision."""

from __future__ import annotations

import subprocess
from pathlib import Path


class ChangesError(Exception):
    """git could not say (not a repository, unknown revision, no git)."""


def _git(root: Path, *args: str) -> list[str]:
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ChangesError(f"无法运行 git：{exc}") from None
    if proc.returncode != 0:
        raise ChangesError(proc.stderr.strip() or f"git {' '.join(args)} 失败")
    return [line for line in proc.stdout.split("\0") if line]


def changed_since(root: Path, rev: str) -> set[str]:
    """Paths (relative to ``root``) changed since ``rev``: committed, staged, unstaged, untracked."""
    if rev.startswith("-"):
        raise ChangesError(f"「{rev}」不是一个版本")
    changed = _git(root, "diff", "--name-only", "--relative", "-z", rev, "--")
    changed += _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    return set(changed)
