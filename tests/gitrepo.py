"""A git repository for tests: commits with given dates, a fixed author, no user config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


class Repo:
    """A repository whose commits have the given dates and a fixed author."""

    def __init__(self, top: Path) -> None:
        self.top = top
        top.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2024-01-01 09:00:00 +0800") -> str:
        env = {**os.environ, **ISOLATED, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        config = ["-c", "user.name=办事员", "-c", "user.email=clerk@example.gov.cn"]
        config += ["-c", "commit.gpgsign=false"]
        proc = subprocess.run(
            ["git", *config, *args], cwd=self.top, env=env, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def write(self, path: str, text: str) -> None:
        file = self.top / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")

    def move(self, old: str, new: str) -> None:
        (self.top / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def commit(self, message: str, date: str) -> str:
        """Commit everything in the work tree; the new commit's hash."""
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()
