"""Benchmark: the search index at 1,000 / 10,000 / 100,000 items.

For each size it builds a synthetic catalogue in memory (the demo's departments
and columns, eleven years, bodies stitched from the demo's own sentences), then

* indexes it as ``gongkai build`` does (shards, Pagefind, one run per core),
  timing it, adding up the CPU time of this process and every Pagefind run
  (``CPU s``: on 2 cores the build cannot take less than half of it, and it
  shows how much of a slow build was a slow machine), and sampling the memory
  of all of them together with the documents waiting in ``/dev/shm``;
* re-indexes after adding one item (the cache keeps every other shard);
* puts the index under the demo portal's search page, serves it on loopback
  (gzip for text, as any web server does) and, in headless Chromium, measures a
  typical query: bytes transferred and time since the page arrived, cold (a new
  browser profile opening ``search/?q=…``) until the first results are on
  screen (the newest shards) and until all shards are searched (the median of
  five new profiles; the engine's own time from the query to the first results
  is also given as its range), and warm (the next query on the same page).

    python benchmarks/search_index.py --items 1000 10000 100000

Targets at 100,000 items (issue #4): first query <= 300 KB and <= 300 ms; index
build <= 3 minutes with peak memory <= 3 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.model.item import DatedChoice, Item  # noqa: E402
from generator.schema.indexno import slug  # noqa: E402
from generator.search import build_index, cpu_jobs  # noqa: E402
from generator.source.catalogue import load_catalogue  # noqa: E402

sys.path.insert(0, str(REPO / "tests"))
from loopback import serving  # noqa: E402  (the tests' loopback server, shared)

CATALOGUE = load_catalogue(REPO)  # how bodies are rendered and validity marked

TOPICS = ["三公经费", "财政预算", "部门决算", "保障性住房", "征地补偿", "环评审批", "最低生活保障",
          "食品安全抽检", "义务教育招生", "就业补贴", "行政处罚", "安全生产", "医疗保障",
          "老旧小区改造", "政府采购", "重大建设项目", "公共资源交易", "养老服务"]  # fmt: skip
KINDS = ["通知", "公告", "情况说明", "实施细则", "工作要点", "结果公示", "办法"]
QUERY, SECOND = "三公经费", "保障性住房"
COLD_RUNS = 5  # cold profiles per size; the cold numbers are their medians


def sentences() -> list[str]:
    out: list[str] = []
    for path in sorted((REPO / "content").glob("*/*.md")):
        text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        text = re.sub(r"[#>*|`\[\]()-]", "", text)
        out += [s.strip() + "。" for s in re.split(r"[。\n]", text) if len(s.strip()) > 12]
    return out


def items(n: int, seed: int = 4) -> list[Item]:
    rng = random.Random(seed)
    catalogue = load_catalogue(REPO)
    leaves = [c for c in catalogue.all_columns() if c.parent is not None]
    pool = sentences()
    out = []
    for i in range(n):
        dept = catalogue.departments[i % len(catalogue.departments)]
        year = 2015 + i % 11
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        topic = rng.choice(TOPICS)
        body = "".join(rng.choice(pool) for _ in range(rng.randint(8, 24)))
        body = body.replace("。", f"，涉及{topic}。", 1)
        index_no = f"{dept.code}--{year}--{i:06}"
        out.append(
            Item(
                source=f"content/{dept.folder}/{year}-{i:06}.md",
                index_no=index_no,
                slug=slug(index_no),
                title=f"{dept.name}关于{year}年{topic}的{rng.choice(KINDS)}",
                department=dept,
                columns=[rng.choice(leaves)],
                published=date,
                form="主动公开",
                scope="面向社会",
                period=DatedChoice("长期公开"),
                doc_type=rng.choice(KINDS),
                status=DatedChoice("有效" if rng.random() > 0.1 else "已废止"),
                body=body,
                summary=f"{topic}相关信息。",
            )
        )
    return out


# Seconds between samples. Reading a process's PSS makes the kernel walk its page tables:
# 50 ms for a 2.5 GB process, and a build at 100,000 items runs up to four of them (its
# forks map the parent's memory too). Every 0.5 s that took up to a third of a core from
# the build being timed; the peaks it looks for last many seconds (rendering, Pagefind runs).
SAMPLE_EVERY = 2.0


class Memory:
    """Samples the memory of this process and all its descendants; keeps the peak.

    Each process counts its proportional set size (PSS: its own pages, plus its
    share of pages it shares), so forked workers, which share most of their
    parent's memory, are not counted once per worker as a sum of RSS would.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Memory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        shm0 = shmem()
        while not self._stop.wait(SAMPLE_EVERY):
            parents: dict[int, int] = {}
            rss: dict[int, int] = {}
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    stat = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
                    parents[int(entry.name)] = int(stat[1])
                    rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError, ValueError):
                    continue
            total = 0
            for pid in rss:
                p = pid
                while p > 1 and p != me:
                    p = parents.get(p, 0)
                if p == me:
                    total += pss(pid, rss[pid])
            # Documents waiting in /dev/shm are memory too, though no process holds them.
            self.peak = max(self.peak, total + max(0, shmem() - shm0))


# Whether this kernel tells a process's PSS (Linux 4.14 on); without it, RSS stands in.
_ROLLUP = Path("/proc/self/smaps_rollup").exists()


def pss(pid: int, fallback: int) -> int:
    """A process's proportional set size in bytes (``fallback``, its RSS, where the kernel
    does not say). A process that ended since it was listed counts nothing: the page
    workers are replaced every few seconds, and a worker's RSS counts all it shares with
    its parent (2.6 GB at 100,000 items), which had made peaks out of workers exiting."""
    if not _ROLLUP:
        return fallback
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def shmem() -> int:
    """Bytes in shared memory (tmpfs) now, from /proc/meminfo."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("Shmem:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds() -> float:
    """CPU time of this process and its finished children, user and kernel."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# The search page's performance marks (assets/search.js), the newest of each: when a
# search started, when its first results were on screen and when every shard had
# answered; and when the page arrived (the navigation's response end), which the
# cold numbers count from.
MARKS = """() => {
  const at = (name) => performance.getEntriesByName(`gk-search:${name}`).at(-1)?.startTime;
  const arrived = performance.getEntriesByType("navigation")[0].responseEnd;
  return { start: at("start"), first: at("first-results"), complete: at("complete"), arrived };
}"""


def marked(name: str) -> str:
    """How many times the page has set the mark gk-search:``name`` (a JS expression)."""
    return f"performance.getEntriesByName('gk-search:{name}').length"


def browser(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    sent: dict[str, int] = {}
    with serving(site, compress=True, sent=sent) as url, sync_playwright() as p:
        base = url.rstrip("/")
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])

        def search_bytes() -> int:
            return sum(n for path, n in sent.items() if path.startswith("/search/") and not path.startswith("/search/?") and path != "/search/")  # fmt: skip

        # Cold: a new profile opens a shared search link. First results come from the
        # newest shards; the bytes are read as they show (an upper bound: the older
        # shards start loading right after). On a shared 2-core machine one sample
        # varies by a third, so each cold number is the median of COLD_RUNS profiles.
        colds: list[dict[str, float]] = []
        for _ in range(COLD_RUNS):
            page = chromium.new_context().new_page()
            sent.clear()
            cold: dict[str, float] = {}
            page.goto(f"{base}/search/?q={QUERY}")
            page.wait_for_function(f"{marked('first-results')} > 0", timeout=120000)
            cold["first_kb"] = search_bytes() / 1024
            at = page.evaluate(MARKS)
            cold["first_ms"] = at["first"] - at["arrived"]
            cold["first_query_ms"] = at["first"] - at["start"]
            page.wait_for_function(f"{marked('complete')} > 0", timeout=300000)
            cold["all_kb"] = search_bytes() / 1024
            cold["all_ms"] = page.evaluate(MARKS)["complete"] - at["arrived"]
            cold["results"] = float(page.locator(".gk-count").get_attribute("data-count") or 0)
            colds.append(cold)
        out = {key: statistics.median(c[key] for c in colds) for key in colds[0]}
        engine = [c["first_query_ms"] for c in colds]
        out["first_query_min"], out["first_query_max"] = min(engine), max(engine)
        # Warm: the next query on the same page, every shard merged.
        before = search_bytes()
        done = page.evaluate(marked("complete"))
        page.fill("#gk-q", SECOND)
        page.click(".gk-search__form button")
        page.wait_for_function(f"{marked('complete')} > {done}", timeout=120000)
        at = page.evaluate(MARKS)
        out["warm_ms"] = at["first"] - at["start"]
        out["warm_kb"] = (search_bytes() - before) / 1024
        chromium.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-search-"))
    try:
        demo = work / "demo"
        if not args.no_browser:
            import subprocess

            subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(demo)],
                           cwd=REPO, check=True, capture_output=True)  # fmt: skip
        print(f"{'items':>7} {'shards':>6} {'build s':>7} {'CPU s':>6} {'peak GB':>7} {'+1 item s':>9} "
              f"{'index MB':>8} | {'first KB':>8} {'first ms':>8} | {'all KB':>7} {'all ms':>7} "
              f"| {'warm KB':>7} {'warm ms':>7}")  # fmt: skip
        for n in args.items:
            catalogue = items(n)
            site = work / f"site-{n}"
            if not args.no_browser:
                shutil.copytree(demo, site)
                shutil.rmtree(site / "search" / "2025", ignore_errors=True)
            for old in (site / "search").glob("[0-9]*"):
                shutil.rmtree(old)
            cache = work / f"cache-{n}"
            t, cpu = time.perf_counter(), cpu_seconds()
            with Memory() as mem:
                stats = build_index(
                    catalogue, site / "search", cache, catalogue=CATALOGUE, jobs=cpu_jobs()
                )
            build_s, build_cpu = time.perf_counter() - t, cpu_seconds() - cpu
            extra = items(1, seed=n)[0]
            extra.index_no, extra.slug = "X--2025--000000", "x-2025-000000"
            t = time.perf_counter()
            again = build_index(
                [*catalogue, extra], site / "search", cache, catalogue=CATALOGUE, jobs=cpu_jobs()
            )
            plus_one = time.perf_counter() - t
            # The catalogue is done with: its million objects would otherwise slow the
            # in-process web server below with garbage collection passes.
            del catalogue, extra
            gc.collect()
            size = sum(dir_size(p) for p in (site / "search").glob("[0-9]*"))
            b = {} if args.no_browser else browser(site)
            print(f"{n:>7} {stats.shards:>6} {build_s:>7.1f} {build_cpu:>6.0f} {mem.peak / 2**30:>7.2f} "
                  f"{plus_one:>9.1f} {size / 2**20:>8.1f} | {b.get('first_kb', 0):>8.0f} "
                  f"{b.get('first_ms', 0):>8.0f} | {b.get('all_kb', 0):>7.0f} "
                  f"{b.get('all_ms', 0):>7.0f} | {b.get('warm_kb', 0):>7.0f} "
                  f"{b.get('warm_ms', 0):>7.0f}", flush=True)  # fmt: skip
            print(f"{'':>7} one new item re-indexed {again.rebuilt} of {again.shards} shards; "
                  f"'{QUERY}' found {b.get('results', 0):.0f} items; the engine's own time to "
                  f"first results {b.get('first_query_ms', 0):.0f} ms (after page load; "
                  f"{b.get('first_query_min', 0):.0f}-{b.get('first_query_max', 0):.0f} ms over "
                  f"{COLD_RUNS} cold profiles)",
                  flush=True)  # fmt: skip
        # Each size's output stays until the end: on ext4 without a journal (as on the
        # benchmark machine) files made in the minutes after a mass deletion cost ten
        # times the kernel time, which would charge one size's clean-up to the next.
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
