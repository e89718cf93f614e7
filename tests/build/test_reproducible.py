"""The same commit builds the same site, byte for byte, wherever and whenever it is built.

Two cold builds of the demo portal, copied to different folders, run from
different working directories, with different hash seeds (Python's set and dict
order) and worker counts, seconds apart and with MkDocs told another build date,
must write the same files. Only Pagefind's hash-map order is taken out, and only
of the three files it changes (``sites.py``). The sitemap's dates come from the
items, not from the day of the build.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from conftest import BUILT, REPO, copy_demo
from generator.check.run import run
from generator.model.layout import item_path
from generator.pages import compile_pages
from generator.pages.dates import front_matter_date, page_dates, with_history
from generator.source.history import read_history
from sites import assert_same_site

SITE_URL = "https://xxgk.example.gov.cn/"  # the demo's mkdocs.yml
LASTMOD = re.compile(r"<url><loc>([^<]+)</loc>(?:<lastmod>([^<]+)</lastmod>)?</url>")


def build(root: Path, site: Path, env: dict[str, str]) -> Path:
    """A cold ``gongkai build`` of ``root`` into ``site``, run from ``root``'s parent."""
    assert not (root / ".gongkai-cache").exists()
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--site-dir", str(site)],
        cwd=root.parent, env=environ, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def test_two_builds_in_different_folders_and_times_are_the_same_site(tmp_path: Path) -> None:
    one = copy_demo(tmp_path / "one" / "portal")
    two = copy_demo(tmp_path / "two" / "somewhere" / "else")
    # Both are builds of one commit: one build date (SOURCE_DATE_EPOCH stands for the
    # commit's, as these copies are no repositories), 2100-01-01, which MkDocs reads too.
    day = {"SOURCE_DATE_EPOCH": "4102444800"}
    first = build(
        one, tmp_path / "one" / "site", {"PYTHONHASHSEED": "1", "GONGKAI_JOBS": "1"} | day
    )
    time.sleep(2)  # a build that wrote the time of day would write another one
    second = build(
        two,
        tmp_path / "two" / "out" / "site",
        {"PYTHONHASHSEED": "2", "GONGKAI_JOBS": "2"} | day,
    )
    assert_same_site(first, second)
    for site, root in ((first, one), (second, two)):
        for path in site.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
                for folder in (root, tmp_path):
                    assert str(folder).encode() not in data, f"{path} names {folder}"


def test_the_sitemap_dates_each_page_by_its_items(demo_site: Path) -> None:
    text = (demo_site / "sitemap.xml").read_text("utf-8")
    dates = dict(LASTMOD.findall(text))
    assert len(dates) == text.count("<url>") > 100
    portal = run(REPO).portal(day=BUILT)
    changed = with_history(read_history(REPO))
    for item in portal.items:  # an item page: its item's newest date, or newest commit
        url = SITE_URL + item_path(item).removesuffix(".md") + "/"
        assert dates[url] == changed(item).isoformat()
    repealed = [i for i in portal.items if i.status.date and i.status.date > i.published]
    assert repealed, "the demo has an item repealed after it was published"
    # a repealed item: no earlier than its repeal, whatever git says
    assert dates[SITE_URL + item_path(repealed[0]).removesuffix(".md") + "/"] >= str(
        max(repealed[0].status.date, front_matter_date(repealed[0]))
    )
    newest = max(changed(i) for i in portal.items).isoformat()
    assert dates[SITE_URL] == newest  # the home page shows the newest items
    expected = page_dates(compile_pages(portal), portal.items, changed)
    year = SITE_URL + "years/2023/"  # a listing: the newest of its items
    assert dates[year] == expected["years/2023/index.md"].isoformat()
    # Pages that show no item have no date yet: the hand-written page, the search page.
    assert dates[SITE_URL + "about/"] == dates[SITE_URL + "search/"] == ""
    assert max(d for d in dates.values() if d) <= dt.date.today().isoformat()
    packed = (demo_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == text
    assert packed[4:8] == b"\0\0\0\0"  # no time in the gzip header
