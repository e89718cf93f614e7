"""Asking git: the one way gongkai runs it, and which files a pull request changes."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


class ChangesError(Exception):
    """git could not say (not a repository, unknown revision, no git)."""


def git_fields(root: Path, *args: str, timeout: float = 120) -> Iterator[str]:
    """git's NUL-separated output (``-z``), field by field as git writes it.

    Streaming lets the whole catalogue's history be read without holding git's
    output in memory; a ChangesError comes when git cannot be run, fails, or
    takes longer than ``timeout`` seconds.
    """
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: git never blocks on it
        try:
            proc = subprocess.Popen(
                ["git", "-C", str(root), *args], stdout=subprocess.PIPE, stderr=stderr
            )
        except OSError as exc:
            raise ChangesError(f"无法运行 git：{exc}") from None
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        stdout = proc.stdout
        assert stdout is not None  # stdout=PIPE
        try:
            rest = b""
            while chunk := stdout.read(1 << 16):
                *fields, rest = (rest + chunk).split(b"\0")
                for field in fields:
                    yield field.decode("utf-8", "replace")
            if rest:
                yield rest.decode("utf-8", "replace")
            proc.wait()
        finally:
            timer.cancel()
            if proc.poll() is None:  # the reader stopped early
                proc.kill()
                proc.wait()
            stdout.close()
        if timed_out.is_set():
            raise ChangesError(f"git 超过 {timeout:g} 秒未完成")
        if proc.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip()
            raise ChangesError(message or f"git {' '.join(args)} 失败")


def git_output(root: Path, *args: str) -> list[str]:
    """git's output as a list of its non-empty NUL-separated fields."""
    return [field for field in git_fields(root, *args) if field]


def changed_since(root: Path, rev: str) -> set[str]:
    """Paths (relative to ``root``) changed since ``rev``: committed, staged, unstaged, untracked."""
    if rev.startswith("-"):
        raise ChangesError(f"「{rev}」不是一个版本")
    changed = git_output(root, "diff", "--name-only", "--relative", "-z", rev, "--")
    changed += git_output(root, "ls-files", "--others", "--exclude-standard", "-z")
    return set(changed)
