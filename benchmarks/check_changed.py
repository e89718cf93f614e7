"""Benchmark: checking a pull request's one-item change in a large catalogue.

Generates a synthetic catalogue (the demo's catalogue/ definition, N items
spread over its departments and eleven years, bodies taken from the demo
content, each closed by a line of its own: no two are alike, as in a real
catalogue, where a body's text is made and kept once per body), commits it to
a fresh git repository, changes one item, and times `gongkai check
--changed-since HEAD` as a pull request's CI would run it. Also
times `gongkai new` (which scans every item for the next free number) and,
with --full, a full `gongkai check`.

    python benchmarks/check_changed.py --items 100000
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0


def bodies() -> list[str]:
    """Realistic bodies: those of the demo items (but those linking files beside them,
    which the synthetic items do not have)."""
    from generator.body.links import relative_links

    out = []
    for path in sorted((REPO / "content").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if "\n---\n" in text else text
        if not any(not link.path.endswith(".md") for link in relative_links(body)):
            out.append(body)
    return out


def generate(root: Path, n: int) -> None:
    shutil.copytree(REPO / "catalogue", root / "catalogue")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    sys.path.insert(0, str(REPO))
    from generator.source.catalogue import load_catalogue

    catalogue = load_catalogue(root)
    columns = [c.id for c in catalogue.all_columns() if c.parent is not None]
    texts = bodies()
    buckets = itertools.cycle(itertools.product(catalogue.departments, range(2015, 2026)))
    serials: dict[tuple[str, int], int] = {}
    for i in range(n):
        dep, year = next(buckets)
        serial = serials[dep.id, year] = serials.get((dep.id, year), 0) + 1
        folder = root / "content" / dep.folder / str(year)
        if serial == 1:
            folder.mkdir(parents=True, exist_ok=True)
        month, day = 1 + i % 12, 1 + i % 28
        (folder / f"{serial:04}.md").write_text(
            f"---\nindex_no: {dep.code}--{year}--{serial:04}\n"
            f"title: {dep.short}{year}年第{serial}号政府信息公开事项\n"
            f"department: {dep.id}\noffice: 办公室\npublished: {year}-{month:02}-{day:02}\n"
            f"doc_no: 下{dep.short[1]}发〔{year}〕{serial}号\ndoc_type: 其他文件\n"
            f"columns: [{columns[i % len(columns)]}]\nkeywords: [政府信息, 公开]\n"
            f"summary: {dep.short}{year}年公开的第{serial}条政府信息。\nstatus: 有效\n"
            f"review:\n  reviewer: 李华\n  date: {year}-{month:02}-{day:02}\n---\n"
            f"{texts[i % len(texts)]}\n\n（{dep.short}{year}年第{serial}号事项正文完。）\n",
            encoding="utf-8",
        )


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def timed(*args: str, runs: int = 3) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Median wall time of the gongkai command, as CI runs it (a fresh process each time)."""
    times, proc = [], None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "generator.cli", *args],
                              capture_output=True, text=True, cwd=REPO)  # fmt: skip
        times.append(time.perf_counter() - start)
    assert proc is not None
    return statistics.median(times), proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--full", action="store_true", help="also time a full gongkai check")
    ap.add_argument("--keep", action="store_true", help="keep the generated catalogue")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    root = tmp / "portal"
    try:
        start = time.perf_counter()
        generate(root, args.items)
        generated = time.perf_counter() - start
        start = time.perf_counter()
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "catalogue")
        committed = time.perf_counter() - start
        print(
            f"items: {args.items}  (generated in {generated:.1f} s, committed in {committed:.1f} s)"
        )

        item = next((root / "content").glob("czj/2020/*.md"))
        item.write_text(
            item.read_text(encoding="utf-8").replace("办公室", "预算科"), encoding="utf-8"
        )
        seconds, proc = timed("check", "--changed-since", "HEAD", "--root", str(root))
        ok = proc.returncode == 0
        verdict = "meets" if seconds < TARGET_SECONDS and ok else "MISSES"
        print(f"check --changed-since HEAD, one item changed: {seconds:.2f} s (median of 3; "
              f"target < {TARGET_SECONDS:.0f} s: {verdict}; exit {proc.returncode})")  # fmt: skip

        bad = item.read_text(encoding="utf-8").replace("published: 2020", "published: 2021")
        item.write_text(bad, encoding="utf-8")
        seconds, proc = timed("check", "--changed-since", "HEAD", "--root", str(root), runs=1)
        found = "index_no" in proc.stdout and proc.returncode == 1
        print(
            f"check --changed-since HEAD, one broken item: {seconds:.2f} s (error found: {found})"
        )

        seconds, proc = timed("new", "--root", str(root), "--department", "czj", "--column", "czyjs",
                              "--title", "基准测试", "--date", "2020-06-01", runs=1)  # fmt: skip
        print(
            f"new (scans every item for the next number): {seconds:.2f} s -> {proc.stdout.strip()}"
        )

        if args.full:
            seconds, proc = timed("check", "--root", str(root), runs=1)
            print(f"full check: {seconds:.1f} s (exit {proc.returncode})")
        return 0 if verdict == "meets" and found else 1
    finally:
        if args.keep:
            print(f"kept: {root}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
