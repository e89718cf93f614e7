"""The search index: one small HTML document per item, indexed by Pagefind in shards.

MkDocs is not involved: the documents are written from the model, so the same
index comes out of ``gongkai build``, ``mkdocs build`` and the benchmark.

Why it looks the way it does:

* **Chinese words.** The index holds every two-character piece of the text
  (and the last character of each run of Chinese characters), cut here, not by a
  segmenter; the browser cuts the query the same way (``assets/query.js``). Any
  piece of the text is then found, whatever a dictionary thinks its words are: a
  query's pieces must all be in the item, a single character is the start of
  some piece. A dictionary segmenter (jieba in Pagefind Extended) cut the text
  one way and the browser's ICU cut the query another, and missed one query in ten
  (环评 is one word to jieba and 环|评 to ICU); it also took twice the time.
  Pagefind only splits at spaces here (``--force-language und``), so the
  standard binary is enough.
* **Shards.** One Pagefind run holds every page in memory (about 425 KB a page
  here), so the catalogue is indexed in shards of at most 3,000 items: years,
  packed together when small, cut into halves, quarters or months when big.
  The browser merges the shards, the newest first. A new item re-indexes one
  shard; unchanged shards are copied from a cache.
* **Script.** Text is indexed in simplified characters (OpenCC t2s); the browser
  converts the query with a character table made from the same OpenCC, so
  財政預算 and 财政预算 find the same items whatever script an item is in.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import operator
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from . import sanitize
from .model import Item

CACHE_DIR = ".gongkai-cache/search"  # under the portal root; safe to delete
# Items per Pagefind run. A run takes about 0.43 MB an item (1.7 GB for 4,000), so
# two runs of 3,000 and this process stay under 3 GB; larger shards would cost the
# browser less (fewer tables and chunks).
SHARD_MAX = 3000
LANGUAGE = "und"  # Pagefind's index language: no stemming, no segmenting (see above)
ENTRY = "pagefind-entry.json"  # in every finished Pagefind output, a file of its own

# Facets: URL parameter key -> label. The keys are Pagefind filter names.
FACETS: dict[str, str] = {
    "dept": "公开部门",
    "column": "一级栏目",
    "subcolumn": "二级栏目",
    "year": "年份",
    "form": "公开形式",
    "doc_type": "文件类型",
    "status": "有效性",
}


class SearchError(Exception):
    """The search index could not be built; the message says what to do."""


@dataclass(frozen=True)
class Shard:
    key: str  # "2023", "2015-2018" (years packed together) or "2023-07" (part of a year)
    items: tuple[Item, ...]


# --- documents -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


_BLOCK = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br",
          "dt", "dd", "table", "ul", "ol", "blockquote", "pre", "section"}  # fmt: skip
_HIDDEN = {"script", "style"}  # what the sanitiser drops with its content


class _Text(HTMLParser):
    """Visible text of rendered HTML: blocks end a line, inline tags add nothing, and
    script and style add nothing (the sanitiser removes them, content and all)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def body_text(body: str) -> str:
    """The item body as a citizen reads it: Markdown rendered as on the item page, as text.

    The text comes straight from the rendered HTML, without the sanitiser: tags
    are dropped either way, and script and style are skipped here as the
    sanitiser drops them. Headings need no anchors here. Together that is a
    third of the time per item.
    """
    parser = _Text()
    parser.feed(sanitize.render(body, anchors=False))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _run_grams(run: re.Match[str]) -> str:
    text = run.group(0)
    return f" {' '.join([*map(operator.add, text, text[1:]), text[-1]])} "


def grams(text: str) -> str:
    """``text`` as the index holds it: each run of Chinese characters becomes its
    overlapping two-character pieces and its last character, spaced apart.

    A query of two or more characters is found through its own pieces, and a
    single character as the start of a piece (or as the last character); the
    rest of the text (numbers, Latin) is left to Pagefind.
    """
    return _HAN.sub(_run_grams, text)


def columns_of(item: Item) -> tuple[list[str], list[str]]:
    """The item's first- and second-level column names."""
    first: dict[str, None] = {}
    second: dict[str, None] = {}
    for col in item.columns:
        trail = col.trail
        first.setdefault(trail[0].name, None)
        if len(trail) > 1:
            second.setdefault(trail[1].name, None)
    return list(first), list(second)


_SEP = "\x1f"


def document(item: Item) -> str:
    """The HTML Pagefind indexes for ``item``: searchable text, result metadata, facets."""
    t2s = _t2s()
    e = html.escape
    first, second = columns_of(item)
    filters = {
        "dept": [item.department.name],
        "column": first,
        "subcolumn": second,
        "year": [str(item.year)],
        "form": [item.form],
        "doc_type": [item.doc_type],
        "status": [item.status.value],
    }
    meta = {
        "title": item.title,
        "index_no": item.index_no,
        "dept": item.department.name,
        "date": item.published.isoformat(),
        "status": item.status.value,
        "doc_no": item.doc_no,
    }
    hidden = [f'<span data-pagefind-meta="{k}">{e(v)}</span>' for k, v in meta.items() if v]
    hidden += [
        f'<span data-pagefind-filter="{k}">{e(v)}</span>' for k, vs in filters.items() for v in vs
    ]
    hidden.append(f'<span data-pagefind-sort="date">{item.published.isoformat()}</span>')
    summary = " ".join([item.summary, *item.keywords]).strip()
    about = " ".join([item.department.name, *first, *second, item.doc_type, item.office])
    # One pass of conversion, cutting and escaping over all the text (a call each cost
    # a tenth of the time); the separator is a control character no text holds.
    texts = [item.title, summary, body_text(item.body), about, item.doc_no]
    texts = [t.replace(_SEP, " ") for t in texts]
    title, summary, body, about, doc_no = t2s(_SEP.join(texts)).split(_SEP)
    title, summary, body, about = e(grams(_SEP.join([title, summary, body, about]))).split(_SEP)
    ids = " ".join(dict.fromkeys(x for x in (item.index_no, item.doc_no, doc_no) if x))
    parts = [
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">',
        f"<title>{e(item.title)}</title></head><body>",
        f'<div data-pagefind-ignore="index">{"".join(hidden)}</div>',
        f'<h1 data-pagefind-weight="10">{title}</h1>',
        f'<p data-pagefind-weight="6">{summary}</p>' if summary.strip() else "",
        f"<div>{body}</div>",  # before the numbers and names: excerpts
        f'<p data-pagefind-weight="4">{e(grams(ids))}</p>',  # come from the first match
        f'<p data-pagefind-weight="2">{about}</p>',
        "</body></html>",
    ]
    return "".join(parts)


# What a document is made from: an item's fingerprint and the code that makes it
# (so a change to this module or the sanitiser rebuilds every cached shard).
_CODE = hashlib.sha256(
    Path(__file__).read_bytes() + Path(sanitize.__file__).read_bytes()
).hexdigest()


def fingerprint(item: Item) -> str:
    """Everything ``document`` reads from ``item``; equal fingerprints, equal documents."""
    first, second = columns_of(item)
    fields = (item.slug, item.index_no, item.title, item.summary, item.keywords, item.doc_no,
              item.department.name, first, second, item.doc_type, item.office, item.form,
              item.status.value, item.published.isoformat(), item.body)  # fmt: skip
    return repr(fields)


# --- shards ----------------------------------------------------------------------


def shards(items: Iterable[Item], limit: int = SHARD_MAX) -> list[Shard]:
    """Items in shards of at most ``limit``, by date: newest first, disjoint date ranges.

    A year is the unit; a year over ``limit`` is cut into halves, quarters or months
    (the first that fits). Consecutive units are then packed together, oldest
    first, while they fit: a small catalogue is one shard (every shard costs the
    browser a table and an index chunk per word), and new items, which land in the
    newest unit, change only the newest shard. Keys name the range: ``2023``,
    ``2015-2018``, or ``2023-07`` for a period starting in July.
    """
    by_year: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_year[item.year].append(item)
    units: list[tuple[str, list[Item]]] = []  # oldest first
    for year in sorted(by_year):
        batch = by_year[year]
        if len(batch) <= limit:
            units.append((str(year), batch))
            continue
        for months in (6, 3, 1):
            periods: dict[int, list[Item]] = defaultdict(list)
            for item in batch:
                periods[(item.published.month - 1) // months * months + 1].append(item)
            if months == 1 or max(len(p) for p in periods.values()) <= limit:
                break
        units += [(f"{year}-{m:02}", periods[m]) for m in sorted(periods)]
    packed: list[tuple[list[str], list[Item]]] = []
    for key, batch in units:
        if packed and len(packed[-1][1]) + len(batch) <= limit:
            packed[-1][0].append(key)
            packed[-1][1].extend(batch)
        else:
            packed.append(([key], list(batch)))
    out = []
    for keys, batch in reversed(packed):
        key = keys[0] if len(keys) == 1 else f"{keys[0][:4]}-{keys[-1][:4]}"
        if len(keys) > 1 and keys[0][:4] == keys[-1][:4]:
            key = keys[0]  # months of one year packed together: named by the first
        out.append(Shard(key, tuple(batch)))
    return out


# --- Pagefind --------------------------------------------------------------------


def pagefind_binary() -> Path:
    """The Pagefind executable shipped in the ``pagefind_bin`` wheel.

    The standard binary is enough: the text arrives cut into pieces (``grams``).
    Pagefind Extended works too (the same index), and is used if it is what is
    installed.
    """
    for module in ("pagefind_bin", "pagefind_bin_extended"):
        try:
            found = __import__(module)
        except ImportError:
            continue
        path = Path(found.get_executable())
        if path.is_file():
            return path
    raise SearchError(
        "没有安装 Pagefind，无法生成检索索引。请运行 pip install 'pagefind[bin]'（或 make site）。"
    )


def pagefind_version(binary: Path) -> str:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


# Pagefind's own UIs: the portal has its own (assets/search.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")  # fmt: skip


def _run_pagefind(binary: Path, source: Path, output: Path) -> None:
    cmd = [str(binary), "--site", str(source), "--output-path", str(output),
           "--force-language", LANGUAGE, "--quiet"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (output / ENTRY).exists():
        raise SearchError(f"Pagefind 索引失败：{(done.stderr or done.stdout).strip()[-2000:]}")
    for name in _UNUSED:
        (output / name).unlink(missing_ok=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)


def _share(src: Path, dst: Path) -> None:
    """Copy a shard's output between the cache and the site as hard links where possible.

    A shard at 100,000 items is ~15 MB in ~2,300 files; linking is free, copying took
    a tenth of the build. Nothing writes into these files afterwards: a rebuilt shard
    goes to a fresh directory, and MkDocs clears the site by removing files. A site
    that already holds links to this very version (a rebuild into the same site) is
    left as it is: unlinking and linking 2,300 files for nothing, 43 times over, was
    a third of the time to add one item at 100,000.
    """
    with contextlib.suppress(OSError):
        if os.path.samefile(src / ENTRY, dst / ENTRY):  # linked, it is the same file
            return
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, copy_function=_link_or_copy)


@dataclass
class IndexStats:
    shards: int = 0
    rebuilt: int = 0  # shards Pagefind indexed this time (the rest came from the cache)
    items: int = 0


def build_index(
    items: Iterable[Item],
    out_dir: Path,
    cache_dir: Path | None = None,
    *,
    jobs: int = 2,
    limit: int = SHARD_MAX,
) -> IndexStats:
    """Write the sharded index to ``out_dir`` (``search/`` of the site) with its manifest.

    ``cache_dir`` keeps each shard's output under a hash of its documents; a shard
    whose documents did not change is copied from there instead of re-indexed.
    """
    binary = pagefind_binary()
    version = pagefind_version(binary)
    groups = shards(items, limit)
    stats = IndexStats(shards=len(groups), items=sum(len(s.items) for s in groups))
    out_dir.mkdir(parents=True, exist_ok=True)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[Shard, Path | None]] = []  # shards to index, and where to cache them
    kept: set[str] = set()  # this build's versions in the cache
    for shard in groups:
        digest = hashlib.sha256(f"{version}\0{_CODE}\0".encode())
        for item in sorted(shard.items, key=lambda i: i.slug):
            digest.update(fingerprint(item).encode())
        cached = cache_dir / f"{shard.key}-{digest.hexdigest()[:16]}" if cache_dir else None
        if cached is not None:
            kept.add(cached.name)
            if (cached / ENTRY).exists():
                _share(cached, out_dir / shard.key)
                continue
        todo.append((shard, cached))
    stats.rebuilt = len(todo)
    # The biggest first, so that the last run to finish is a short one.
    todo.sort(key=lambda t: len(t[0].items), reverse=True)
    jobs = max(1, jobs)
    waiting = (jobs + 2) * max((_size(s) for s, _ in todo), default=0)  # documents on disk at once
    try:
        with tempfile.TemporaryDirectory(prefix="gongkai-search-", dir=_scratch(waiting)) as tmp:
            _index_shards(binary, todo, Path(tmp), out_dir, jobs)
    except OSError as exc:  # a full disk or /dev/shm, a folder that cannot be written
        raise SearchError(f"写入检索索引失败：{exc.strerror}（{exc.filename}）") from exc
    _prune(out_dir, {s.key for s in groups})
    if cache_dir is not None:
        _prune(cache_dir, kept)
    manifest = {
        "shards": [
            {
                "key": s.key,
                "count": len(s.items),
                "from": min(i.year for i in s.items),
                "to": max(i.year for i in s.items),
            }
            for s in groups
        ],
        "facets": FACETS,
        "language": LANGUAGE,
    }
    (out_dir / "shards.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    (out_dir / "t2s.json").write_text(json.dumps(t2s_table(), ensure_ascii=False), "utf-8")
    return stats


_SHARD_DIR = re.compile(r"\d{4}(-\d{2}|-\d{4})?(-[0-9a-f]{16})?(\.tmp)?")


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove the shards in ``folder`` (the index or its cache) that this build did not use.

    Older versions of a shard, shards whose years were packed or cut another way,
    and leftovers of an interrupted build would otherwise pile up. They go after
    the build, not before: ext4 without a journal (as on the benchmark machine)
    will not reuse a just-freed inode and searches past each one, so files made
    just after a mass deletion cost ten times the time. Anything not named like a
    shard (the search page, the manifest) is not touched.
    """
    for path in folder.iterdir():
        if path.is_dir() and path.name not in keep and _SHARD_DIR.fullmatch(path.name):
            shutil.rmtree(path, ignore_errors=True)


def _size(shard: Shard) -> int:
    """About how many bytes ``shard``'s documents and Pagefind's output take: text cut
    into pieces is ~8 bytes a character, plus tags, names and ~7 KB of index an item."""
    return sum(8 * len(item.body) + 12_000 for item in shard.items)


def _scratch(needed: int) -> str | None:
    """Where documents and Pagefind's output wait: in memory (``/dev/shm``) when it has room.

    Each shard's files are written, indexed and deleted within seconds. On a
    disk file system that costs time: ext4 without a journal (as on the benchmark
    machine) scans past every recently deleted file each time it creates one, and
    the kernel time grew with every shard (14 s of 56 s at 20,000 items). In
    memory it costs nothing. ``None`` is the system's temporary folder.
    """
    try:
        stat = os.statvfs("/dev/shm")
    except (OSError, AttributeError):
        return None
    if stat.f_flag & os.ST_RDONLY or not os.access("/dev/shm", os.W_OK | os.X_OK):
        return None  # some sandboxes mount it read-only or keep it for root
    return "/dev/shm" if stat.f_bavail * stat.f_frsize >= needed else None


def _index_shards(
    binary: Path, todo: list[tuple[Shard, Path | None]], work: Path, out_dir: Path, jobs: int
) -> None:
    """Index ``todo``: this thread writes the documents, ``jobs`` Pagefind runs index them.

    Writing documents is Python (one core at a time), Pagefind is a separate process,
    so the two overlap: while Pagefind indexes one shard, the next one's documents
    are written. At most ``jobs + 1`` shards wait on disk.
    """

    def index(shard: Shard, source: Path, cached: Path | None) -> None:
        # Pagefind writes next to the documents (in memory when there is room) and the
        # shard is then moved into place: Pagefind creating its 2,000+ files one by one
        # on disk took more kernel time than copying them over in one go.
        built = source.parent / "pagefind"
        try:
            _run_pagefind(binary, source, built)
        finally:
            shutil.rmtree(source, ignore_errors=True)
        target = out_dir / shard.key
        if cached is None:
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(built, target, copy_function=shutil.copyfile)
            return
        shutil.rmtree(cached.with_suffix(".tmp"), ignore_errors=True)  # a broken earlier build
        shutil.move(built, cached.with_suffix(".tmp"), copy_function=shutil.copyfile)
        cached.with_suffix(".tmp").rename(cached)
        _share(cached, target)

    waiting = threading.BoundedSemaphore(jobs + 1)
    runs: list[Future[None]] = []
    runs_at_once = min(jobs, len(todo))  # one shard alone keeps the whole machine
    with ThreadPoolExecutor(jobs, initializer=_one_core_each(runs_at_once)) as pool:
        for shard, cached in todo:
            waiting.acquire()
            if any(run.done() and run.exception() for run in runs):
                waiting.release()
                break  # a run failed: stop writing, report it below
            # One flat folder: a folder per item (items/<slug>/index.html) cost more
            # time making folders than Pagefind took to index. The browser turns
            # items/<slug>.html back into the item's address (assets/query.js).
            source = work / shard.key / "site" / "items"
            source.mkdir(parents=True)
            for item in shard.items:
                (source / f"{item.slug}.html").write_text(document(item), encoding="utf-8")
            run = pool.submit(index, shard, source.parent, cached)
            run.add_done_callback(lambda _: waiting.release())
            runs.append(run)
        for run in runs:
            run.result()


def _one_core_each(jobs: int) -> Callable[[], None] | None:
    """A thread initialiser that ties each Pagefind worker (and its runs) to one core.

    A Pagefind run keeps about 1.3 cores busy (it compresses its output on one
    thread), and a run spread over cores spends a quarter of its time in the
    kernel, on page faults and on keeping the cores' views of its memory in step
    (12 s of CPU for a 3,000-item shard free, 9.7 s on one core). When there are
    as many runs as cores, one run per core does the same work for less. With
    fewer runs than cores, each keeps the whole machine.
    """
    if not hasattr(os, "sched_getaffinity"):
        return None
    cores = sorted(os.sched_getaffinity(0))
    if jobs < len(cores):
        return None
    free = iter(cores)
    lock = threading.Lock()

    def pin() -> None:
        with lock:
            core = next(free, None)
        # Not allowed in some containers: the runs are then merely slower.
        if core is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {core})  # this thread; the runs it starts inherit it

    return pin


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Traditional -> simplified, character by character, for converting queries in the browser.

    Made from OpenCC at build time, so the query and the index convert alike; a
    table of single characters is 30 KB where OpenCC's phrase tables are 100 KB+.
    """
    t2s = _t2s()
    ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
    chars = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    table = {}
    for c in chars:
        s = t2s(c)
        if s != c and len(s) == 1:
            table[c] = s
    return table


RUN_GB = 1.3  # memory one Pagefind run over a full shard may take (0.43 MB an item)


def cpu_jobs() -> int:
    """How many shards to index at once: one per core, as far as memory allows.

    Shards are independent, so a bigger build machine indexes proportionally
    faster; ``GONGKAI_SEARCH_JOBS`` overrides the choice.
    """
    if os.environ.get("GONGKAI_SEARCH_JOBS", "").isdigit():
        return max(1, int(os.environ["GONGKAI_SEARCH_JOBS"]))
    try:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory_gb = 2 * RUN_GB
    return max(1, min(os.cpu_count() or 1, int(memory_gb / 2 / RUN_GB)))
