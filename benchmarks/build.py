"""Benchmark: the whole build of a large catalogue, and the same items built with Hugo.

For each size: a synthetic catalogue (benchmarks/check_changed.py's, the demo's
catalogue/ with N items whose bodies are the demo's), `gongkai build` timed
phase by phase (from its progress lines: checking, converting pages, writing
pages, search), its CPU time and the peak memory of its process tree, the site's
size and the median size of an item page; then one item's title changed and the
build run again, twice (the second over the site before last, as every merge after
the first is); then the same items built by Hugo (Debian's `hugo`, a minimal
layout in benchmarks/hugo/ with listings paginated the same way) plus Pagefind
over Hugo's output, and our time as a multiple of theirs. Numbers, not pass/fail.

    python benchmarks/build.py --items 1000 10000
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from check_changed import generate  # noqa: E402
from search_index import Memory  # noqa: E402

from generator.search.pagefind import pagefind_binary  # noqa: E402

PHASE = re.compile(r"^(\S+?)：完成 \d+ \S+，用时 ([\d.]+) 秒$", re.MULTILINE)


def children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (the whole process tree), peak RSS bytes, stderr."""
    cpu, start = children_cpu(), time.perf_counter()
    with Memory() as memory:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return wall, children_cpu() - cpu, memory.peak, proc.stderr


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def median_item_page(site: Path) -> int:
    return int(statistics.median(p.stat().st_size for p in site.glob("items/*/index.html")))


def gongkai(root: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "generator.cli", "build", "--root", str(root)]
    wall, cpu, peak, log = timed(cmd, REPO)
    out = {"build": wall, "cpu": cpu, "rss": peak / 2**30}
    out |= {name: float(seconds) for name, seconds in PHASE.findall(log)}
    out["site_mb"] = size(root / "site") / 2**20
    out["item_kb"] = median_item_page(root / "site") / 1024
    # A merge in a stream of merges: the first change after the cold build is made from
    # scratch beside it; from the next one on, a build is made over the site before last
    # (build/site.py), as on a portal that publishes every merge.
    first, second = sorted((root / "content").glob("czj/2020/*.md"))[:2]
    for key, item in (("first_one", first), ("plus_one", second)):
        text = item.read_text(encoding="utf-8")
        item.write_text(text.replace("年第", "年度第", 1), encoding="utf-8")
        wall, _, peak, log = timed(cmd, REPO)
        out[key], out[f"{key}_rss"] = wall, peak / 2**30
    out |= {f"+{name}": float(seconds) for name, seconds in PHASE.findall(log)}
    return out


def hugo_content(root: Path, out: Path) -> None:
    """The catalogue's items as Hugo content: front matter Hugo reads, the same bodies."""
    import yaml

    for path in sorted((root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        slug = re.sub(r"[^0-9A-Za-z-]+", "-", str(meta["index_no"]))
        front = {
            "title": meta["title"], "date": str(meta["published"]), "slug": slug,
            "columns": meta["columns"], "departments": [meta["department"]],
            "years": [str(meta["published"])[:4]],
            "params": {k: str(meta.get(k, "")) for k in ("index_no", "doc_no", "office", "summary")},
        }  # fmt: skip
        target = out / "content" / "items" / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        front_matter = yaml.safe_dump(front, allow_unicode=True)
        target.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")


def hugo(root: Path, work: Path) -> dict[str, float]:
    if shutil.which("hugo") is None:
        return {}
    site = work / "hugo"
    shutil.copytree(HERE / "hugo", site)
    hugo_content(root, site)
    wall, cpu, peak, _ = timed(["hugo", "--quiet"], site)
    index = timed([str(pagefind_binary()), "--site", "public", "--quiet"], site)
    return {"hugo": wall, "pagefind": index[0], "hugo_cpu": cpu + index[1],
            "hugo_rss": max(peak, index[2]) / 2**30, "hugo_mb": size(site / "public") / 2**20}  # fmt: skip


def machine_speed() -> float:
    """Seconds a fixed pure-Python loop takes: this shared machine's speed varies from day
    to day (the same commit's build has taken twice as long), so runs are compared by it."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    print(f"this machine: {os.cpu_count()} cores, a fixed Python loop {machine_speed():.2f} s")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-build-") as tmp:
        for n in args.items:
            work = Path(tmp) / str(n)
            root = work / "portal"
            generate(root, n)
            shutil.copytree(REPO / "site_config", root / "site_config")
            ours = gongkai(root)
            theirs = hugo(root, work)
            print_row(n, ours, theirs)
            shutil.rmtree(work, ignore_errors=True)


def print_row(n: int, ours: dict[str, float], theirs: dict[str, float]) -> None:
    phases = " ".join(
        f"{k} {ours[k]:.1f}s" for k in ("检查信息", "复用页面", "生成页面", "检索索引") if k in ours
    )
    again = " ".join(
        f"{k} {ours['+' + k]:.1f}s" for k in ("检查信息", "复用页面", "生成页面", "检索索引")
        if "+" + k in ours
    )  # fmt: skip
    print(f"{n} items: gongkai {ours['build']:.1f} s ({phases}), CPU {ours['cpu']:.0f} s, "
          f"peak {ours['rss']:.2f} GB, site {ours['site_mb']:.0f} MB, item page {ours['item_kb']:.1f} KB, "
          f"one item changed {ours['plus_one']:.1f} s ({again}, peak {ours['plus_one_rss']:.2f} GB; "
          f"the first change after the cold build {ours['first_one']:.1f} s)")  # fmt: skip
    if theirs:
        total = theirs["hugo"] + theirs["pagefind"]
        print(f"{n} items: Hugo {theirs['hugo']:.1f} s + Pagefind {theirs['pagefind']:.1f} s "
              f"(CPU {theirs['hugo_cpu']:.0f} s, peak {theirs['hugo_rss']:.2f} GB, site {theirs['hugo_mb']:.0f} MB); "
              f"gongkai takes {ours['build'] / total:.1f}x their time")  # fmt: skip
    else:
        print(f"{n} items: Hugo not installed (apt-get install hugo) - no comparison")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
