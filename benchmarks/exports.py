"""Benchmark: writing the open-data outputs (feeds, sitemap, exports) for N synthetic items.

The model is built in memory from the demo's catalogue/ definition (no files, no
site build): N items spread over its departments, columns and eleven years, as
benchmarks/check_changed.py's ``generate()`` spreads them, a third of them with a
later commit in their history. Then it times, into a temporary site folder, the
Atom feeds, the sitemap (every item page, plus one listing page per 20 items),
and catalogue.json/.csv (whole site and per department) with the schema, then
the exports again as a rebuild writes them (one item changed, the other records'
lines kept from a first build), and prints the time and the files' total size.
Numbers, not pass/fail.

    python benchmarks/exports.py --items 1000 10000 100000
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.build.open_data import write_exports, write_feeds  # noqa: E402
from generator.model.history import Change, Kind  # noqa: E402
from generator.model.item import DatedChoice, Item, Portal  # noqa: E402
from generator.model.layout import item_path  # noqa: E402
from generator.outputs.records import Site  # noqa: E402
from generator.outputs.sitemap import write_sitemap  # noqa: E402
from generator.pages.dates import with_history  # noqa: E402
from generator.schema.indexno import slug  # noqa: E402
from generator.source.catalogue import load_catalogue  # noqa: E402

BASE = "https://xxgk.example.gov.cn/"


def portal(n: int) -> Portal:
    """N published items in memory, and a history giving a third of them a later change."""
    catalogue = load_catalogue(REPO)
    columns = [c for c in catalogue.all_columns() if c.parent is not None]
    status = catalogue.vocabulary_of("status").values[0]
    buckets = itertools.cycle(itertools.product(catalogue.departments, range(2015, 2026)))
    serials: dict[tuple[str, int], int] = {}
    items, history = [], {}
    for i in range(n):
        dep, year = next(buckets)
        serial = serials[dep.id, year] = serials.get((dep.id, year), 0) + 1
        published = dt.date(year, 1 + i % 12, 1 + i % 28)
        index_no = f"{dep.code}--{year}--{serial:04}"
        source = f"content/{dep.folder}/{year}/{serial:04}.md"
        items.append(
            Item(source, index_no, slug(index_no), f"{dep.short}{year}年第{serial}号政府信息公开事项",
                 dep, [columns[i % len(columns)]], published, "主动公开", "面向社会",
                 DatedChoice("长期公开"), "其他文件", DatedChoice(status), "正文。",
                 office="办公室", doc_no=f"下发〔{year}〕{serial}号", keywords=["政府信息", "公开"],
                 summary=f"{dep.short}{year}年公开的第{serial}条政府信息。")
        )  # fmt: skip
        if i % 3 == 0:
            later = published + dt.timedelta(days=30 + i % 300)
            history[source] = [Change(later, f"{i:040x}", "修改", Kind.CHANGED, source)]
    return Portal(catalogue, items, history=history)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def timed(label: str, out: Path, write: Callable[[], object]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    write()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"  {label:<8} {seconds:7.2f} s ({cpu:6.2f} s CPU)  {size_of(out) / 2**20:8.1f} MB"
          f" in {files:>3} files")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    for n in args.items:
        model = portal(n)
        changed = with_history(model.history)
        site = Site(BASE, lambda path: BASE + path.removesuffix(".md") + "/", REPO / "content")
        print(f"{n:,} items:")
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            feeds, sitemap, exports = root / "feeds", root / "sitemap", root / "exports"
            timed("feeds", feeds, partial(write_feeds, feeds, model, site, changed))
            urls = [(site.page_url(item_path(i)), changed(i)) for i in model.items]
            urls += [(f"{BASE}listing/{k}/", None) for k in range(n // 20)]
            timed("sitemap", sitemap, partial(write_sitemap, sitemap, urls, BASE))
            timed("exports", exports, partial(write_exports, exports, model, site, changed))
            # A rebuild: the records' lines kept by a first build, then one item changed.
            cache = root / "exports.pickle"
            write_exports(root / "first", model, site, changed, cache)
            first = model.items[0]
            model.items[0] = dataclasses.replace(first, title=first.title + "（修订）")
            kept = partial(write_exports, root / "kept", model, site, changed, cache)
            timed("rebuilt", root / "kept", kept)
            model.items[0] = first
            print(f"  (rebuilt: exports again with one item changed, the others' lines kept in"
                  f" {cache.stat().st_size / 2**20:.1f} MB of .gongkai-cache/)")  # fmt: skip


if __name__ == "__main__":
    main()
