"""Atom feeds, read back with feedparser as a subscriber's reader reads them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from lxml import html

from conftest import BUILT, REPO, gongkai
from generator.check.run import run
from generator.model.item import Portal
from generator.outputs.feeds import LIMIT
from generator.pages.dates import with_history
from generator.source.history import read_history
from gitrepo import Repo

BASE = "https://xxgk.example.gov.cn/"  # the demo's site_url


@pytest.fixture(scope="module")
def demo() -> Portal:
    return run(REPO).portal(day=BUILT, history=read_history(REPO))


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def day(stamp: str) -> dt.date:
    """The day of an Atom date as written (China time; feedparser's *_parsed are UTC)."""
    return dt.date.fromisoformat(stamp[:10])


def test_the_site_feed_holds_the_newest_changes_first(demo_site: Path, demo: Portal) -> None:
    feed = parse(demo_site / "feeds/all.xml")
    changed = with_history(demo.history)
    assert feed.feed.id == BASE + "feeds/all.xml"
    assert {(link.rel, link.href) for link in feed.feed.links} >= {
        ("self", BASE + "feeds/all.xml"),
        ("alternate", BASE),
    }
    entries = feed.entries
    assert len(entries) == min(LIMIT, len(demo.items))
    by_no = {i.index_no: i for i in demo.items}
    newest = sorted((changed(i) for i in demo.items), reverse=True)[: len(entries)]
    assert [day(e.updated) for e in entries] == newest  # newest first, bounded
    for entry in entries:
        item = by_no[entry.dc_identifier]  # 信息索引号
        assert entry.id == entry.link == f"{BASE}items/{item.slug}/"
        assert (demo_site / "items" / item.slug / "index.html").is_file()  # a real page
        assert entry.title == item.title
        assert entry.publisher == entry.author == item.department.name
        assert day(entry.published) == item.published
        assert day(entry.updated) == changed(item)
        assert entry.summary == (item.summary or item.title)


def test_each_department_and_first_level_column_has_its_own_feed(
    demo_site: Path, demo: Portal
) -> None:
    for dep in demo.catalogue.departments:
        feed = parse(demo_site / f"feeds/departments/{dep.id}.xml")
        own = {i.index_no for i in demo.items if i.department.id == dep.id}
        assert {e.dc_identifier for e in feed.entries} == own  # fewer than LIMIT each
        assert feed.feed.links[1].href == f"{BASE}departments/{dep.id}/"
    for col in demo.catalogue.columns:
        feed = parse(demo_site / f"feeds/columns/{col.id}.xml")
        under = {i.index_no for i in demo.items if any(c.trail[0] is col for c in i.columns)}
        assert {e.dc_identifier for e in feed.entries} == under
        for entry in feed.entries:  # each entry names its columns, a descendant of this one
            assert entry.tags


def resolve(site: Path, page: str, href: str) -> Path:
    """The file a link on ``page`` (a site folder, "" for the home page) points at."""
    return site / urljoin("https://x/" + page, href).removeprefix("https://x/")


@pytest.mark.parametrize(
    ("page", "feed", "words"),
    [
        ("", "feeds/all.xml", "订阅全站最新信息"),
        ("departments/czj/", "feeds/departments/czj.xml", "订阅本部门公开的信息"),
        ("columns/czzj/", "feeds/columns/czzj.xml", "订阅本栏目"),
        ("columns/sgjf/", "feeds/columns/czzj.xml", "订阅「财政资金信息」栏目"),
    ],
)
def test_pages_link_their_feeds_in_the_head_and_visibly(
    demo_site: Path, page: str, feed: str, words: str
) -> None:
    doc = html.parse(demo_site / page / "index.html").getroot()
    (head,) = doc.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]')
    assert resolve(demo_site, page, head.get("href")) == demo_site / feed
    (visible,) = doc.xpath('//article//a[starts-with(normalize-space(.), "订阅")]')
    assert visible.text_content().startswith(words)
    assert resolve(demo_site, page, visible.get("href")) == demo_site / feed
    assert (demo_site / feed).is_file()


ITEM = """---
index_no: 000014349/2025-00009
title: 示例县2025年新增公开事项
department: czj
published: 2025-04-01
doc_type: 其他文件
columns: [czyjs]
summary: 新增的一条。
review:
  reviewer: 李华
  date: 2025-03-31
---

正文。
"""


def test_a_changed_and_a_new_item_come_first_under_a_base_path(small: Path, tmp_path: Path) -> None:
    """In a repository: the new item tops the feed, the changed one follows, with its
    change as updated and its publication kept; a draft is absent; every address holds
    the base path."""
    config = small / "mkdocs.yml"
    config.write_text(
        "site_url: https://example.gov.cn/xxgk/\n" + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    repo = Repo(small)
    repo.commit("初始目录", "2024-06-01 09:00:00 +0800")
    budget = small / "content/cz/budget-2023.md"
    budget.write_text(
        budget.read_text(encoding="utf-8").replace("1.2 亿元", "1.3 亿元"), encoding="utf-8"
    )
    repo.commit("更正预算数", "2025-03-02 09:00:00 +0800")
    repo.write("content/cz/new-2025.md", ITEM)
    repo.commit("新增一条", "2025-04-01 10:00:00 +0800")
    draft = ITEM.replace("00009", "00010").replace("2025-04-01", "2025-05-01")
    repo.write("content/cz/draft-2025.md", draft.replace("review:", "draft: true\nreview:"))
    repo.commit("一条草稿", "2025-05-01 10:00:00 +0800")

    proc = gongkai("build", "--root", str(small), "--site-dir", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    feed = parse(tmp_path / "site/feeds/all.xml")

    first, second = feed.entries[:2]
    assert first.dc_identifier == "000014349/2025-00009"
    assert day(first.published) == day(first.updated) == dt.date(2025, 4, 1)
    assert second.dc_identifier == "000014349/2023-00001"
    assert day(second.published) == dt.date(2023, 2, 15)
    assert day(second.updated) == dt.date(2025, 3, 2)
    assert feed.feed.id == "https://example.gov.cn/xxgk/feeds/all.xml"
    assert all(e.link.startswith("https://example.gov.cn/xxgk/items/") for e in feed.entries)
    assert "000014349/2025-00010" not in {e.dc_identifier for e in feed.entries}  # the draft
    dep = parse(tmp_path / "site/feeds/departments/czj.xml")
    assert dep.entries[0].dc_identifier == first.dc_identifier
    # the other open-data files carry the base path too
    base = "https://example.gov.cn/xxgk/"
    search = (tmp_path / "site/opensearch.xml").read_text(encoding="utf-8")
    assert f'template="{base}search/?q={{searchTerms}}"' in search
    data = json.loads((tmp_path / "site/data/catalogue.json").read_text(encoding="utf-8"))
    assert data["schema"] == f"{base}data/schema/1/catalogue.schema.json"
    assert all(r["url"].startswith(f"{base}items/") for r in data["items"])
