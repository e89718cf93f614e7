"""sitemap.xml, one file or (past the limit) an index of several, read as XML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

from generator.outputs.sitemap import NAMESPACE, write_sitemap

NS = {"s": NAMESPACE}
BASE = "https://example.gov.cn/xxgk/"
URLS = [(f"{BASE}items/{n}/", dt.date(2024, 1, n)) for n in range(1, 8)] + [
    (f"{BASE}search/", None)
]


def parse(path: Path) -> ElementTree.Element:
    return ElementTree.parse(path).getroot()


def test_up_to_the_limit_one_urlset(tmp_path: Path) -> None:
    written = write_sitemap(tmp_path, URLS, BASE, limit=len(URLS))
    root = parse(tmp_path / "sitemap.xml")
    assert root.tag == f"{{{NAMESPACE}}}urlset"
    assert [u.findtext("s:loc", namespaces=NS) for u in root] == [u for u, _ in URLS]
    assert root[0].findtext("s:lastmod", namespaces=NS) == "2024-01-01"
    assert root[-1].find("s:lastmod", NS) is None  # a page without a date
    assert written == ["sitemap.xml", "sitemap.xml.gz"]
    assert not list(tmp_path.glob("sitemap-*.xml"))


def test_past_the_limit_an_index_of_sitemaps(tmp_path: Path) -> None:
    (tmp_path / "sitemap-9.xml").write_text("old", encoding="utf-8")  # from a bigger build
    written = write_sitemap(tmp_path, URLS, BASE, limit=3)
    index = parse(tmp_path / "sitemap.xml")
    assert index.tag == f"{{{NAMESPACE}}}sitemapindex"
    locs = [s.findtext("s:loc", namespaces=NS) for s in index]
    assert locs == [f"{BASE}sitemap-{n}.xml" for n in (1, 2, 3)]
    assert [s.findtext("s:lastmod", namespaces=NS) for s in index] == [
        "2024-01-03",
        "2024-01-06",
        "2024-01-07",  # the newest of its pages; the search page has none
    ]
    found = []
    for n in (1, 2, 3):
        part = parse(tmp_path / f"sitemap-{n}.xml")
        assert part.tag == f"{{{NAMESPACE}}}urlset" and len(part) <= 3
        found += [u.findtext("s:loc", namespaces=NS) for u in part]
    assert found == [u for u, _ in URLS]  # every address once, in order
    assert sorted(written) == sorted(
        ["sitemap.xml", "sitemap.xml.gz"] + [f"sitemap-{n}.xml" for n in (1, 2, 3)]
    )
    assert not (tmp_path / "sitemap-9.xml").exists()


def test_the_demo_sitemap_lists_the_open_data_page(demo_site: Path) -> None:
    root = parse(demo_site / "sitemap.xml")
    locs = {u.findtext("s:loc", namespaces=NS) for u in root}
    assert "https://xxgk.example.gov.cn/open-data/" in locs
