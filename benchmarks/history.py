"""Benchmark: every item's history from one git log, in a catalogue of N files.

Builds a repository with git fast-import (no work tree): N items in 20
department folders, added in one commit (or, with --commits K, in K commits, as
pull requests add them); two commits that each change a fifth of them; one that
moves a tenth of them to another department's folder; one that changes half of
the moved ones. Then times read_history in a fresh process and reports its peak
memory and git's. A number, not a pass/fail test.

    python benchmarks/history.py --items 10000 [--commits 2000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ISOLATED = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"}

MEASURE = """
import re, resource, sys, time
from pathlib import Path
from generator.source.history import read_history

def peak():  # this process's own peak (ru_maxrss would include the parent's, from before exec)
    return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) // 1024

before = peak()
start = time.perf_counter()
history = read_history(Path(sys.argv[1]))
seconds = time.perf_counter() - start
changes = sum(len(c) for c in history.values())
git = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(f"{len(history)} files, {changes} changes: {seconds:.2f} s, "
      f"peak memory {peak()} MB (Python; {before} MB before reading), {git} MB (git)")
"""


def body(i: int, version: int) -> bytes:
    text = f"---\ntitle: 第 {i} 条信息\nversion: {version}\n---\n\n" + "正文。" * 200 + "\n"
    return text.encode("utf-8")


def stream(n: int, k: int) -> bytes:
    """A fast-import stream: the commits described above."""
    out: list[bytes] = []

    def commit(day: int, message: str, files: list[bytes]) -> None:
        msg = message.encode("utf-8")
        stamp = 1_704_067_200 + day * 86_400
        out.append(b"commit refs/heads/main\n")
        out.append(f"committer 办事员 <clerk@example.gov.cn> {stamp} +0800\n".encode())
        out.append(b"data %d\n%s\n" % (len(msg), msg))
        out.extend(files)

    def put(path: str, data: bytes) -> bytes:
        return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode("utf-8"), len(data), data)

    def item(i: int) -> str:
        return f"content/d{i % 20:02d}/{2015 + i % 11}-{i:06d}.md"  # 20 departments

    moved = {i: f"content/fgw/{2015 + i % 11}-{i:06d}.md" for i in range(0, n, 10)}
    for c in range(k):
        commit(0, "发布信息", [put(item(i), body(i, 0)) for i in range(c, n, k)])
    commit(1, "修订一批", [put(item(i), body(i, 1)) for i in range(0, n, 5)])
    commit(2, "再修订一批", [put(item(i), body(i, 2)) for i in range(1, n, 5)])
    renames = [f"R {item(i)} {path}\n".encode() for i, path in moved.items()]
    commit(3, "移交发改委", renames)
    commit(4, "发改委修订", [put(path, body(i, 3)) for i, path in list(moved.items())[::2]])
    return b"".join(out)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--items", type=int, nargs="+", default=[10_000])
    args.add_argument("--commits", type=int, default=1, help="commits that add the items")
    options = args.parse_args()
    for n in options.items:
        with tempfile.TemporaryDirectory(prefix="gongkai-history-") as tmp:
            root = Path(tmp)
            env = {**ISOLATED, "HOME": tmp}
            subprocess.run(["git", "init", "-q", "-b", "main", tmp], check=True, env=env)
            start = time.perf_counter()
            subprocess.run(
                ["git", "-C", tmp, "fast-import", "--quiet"],
                input=stream(n, options.commits),
                check=True,
                env=env,
            )
            made = time.perf_counter() - start
            print(
                f"{n} items in {options.commits} commits: repository made in {made:.1f} s",
                flush=True,
            )
            subprocess.run(
                [sys.executable, "-c", MEASURE, str(root)], check=True, cwd=REPO, env=env
            )


if __name__ == "__main__":
    main()
