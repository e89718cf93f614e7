"""Search as a citizen uses it: the demo portal's index, queried in headless Chromium.

Each query names the items that must be among the first five results: items
that hold the words asked for, checked against the demo's text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import REPO, serving
from generator import search
from generator.check.run import run
from generator.model.catalogue import Department
from generator.model.item import DatedChoice, Item
from generator.pages import compiled
from generator.search import cores as core_pinning
from generator.search import document, index, scratch, scripts, shards
from generator.search.document import fields_of
from generator.source.catalogue import load_catalogue
from sites import assert_same_site, differences, tree

# The demo's catalogue: how bodies are rendered and validity marked, for indexes of test items.
CATALOGUE = load_catalogue(REPO)
MARKS = index.marks(CATALOGUE)  # validity value -> mark, from catalogue/vocabularies.yml


def build_index(
    items: list[Item], out: Path, cache: Path | None, **options: Any
) -> index.IndexStats:
    return search.build_index(items, out, cache, catalogue=CATALOGUE, **options)


READY = "() => { const el = document.querySelector('[data-gk-search]');"
READY += " return el && (el.dataset.complete || el.dataset.error); }"
# The search page's performance marks (assets/search.js): what the benchmark times.
START, FIRST_RESULTS, COMPLETE = "gk-search:start", "gk-search:first-results", "gk-search:complete"

# query -> index numbers that must be in the top five
QUERIES: dict[str, set[str]] = {
    # four-character compounds; 三公经费 only occurs as “三公”经费
    "三公经费": {"33010301--2023--0002", "33010301--2024--0002"},
    "财政预算": {"33010301--2023--0001", "33010301--2024--0001"},
    "保障性住房": {"33010304--2021--0001", "33010304--2024--0001"},
    "年度报告": {"330103--2023--0001", "330103--2024--0001", "330110--2018--0001"},
    "食品安全": {"33010307--2022--0101", "33010307--2025--0101"},
    # two-character words the browser and the index segment differently
    "环评": {"33010306--2025--0101", "33010306--2023--0102"},
    "低保": {"33010305--2023--0101", "330103--2022--0101"},
    "征收": {"33010304--2021--0002"},
    # a character that only occurs inside a word (补偿)
    "偿": {"33010304--2024--0002"},
    # traditional query, simplified items; simplified query, traditional item
    "財政預算": {"33010301--2023--0001", "33010301--2024--0001"},
    "年度報告": {"330103--2023--0001", "330103--2024--0001"},
    "近期全市政府信息公开工作要点": {"370200--2014--0001"},
    # a quoted phrase
    '"征地补偿"': {"33010304--2024--0002"},
    "“政务公开工作要点”": {"330103--2017--0510"},
    # index number and document number, exactly
    "330103--2017--0510": {"330103--2017--0510"},
    "下政征〔2021〕3号": {"33010304--2021--0002"},
    "下卫健发〔2022〕12号": {"33010303--2022--0101"},
}


def reindexed(demo_site: Path, site: Path, items: list[Item], limit: int) -> index.IndexStats:
    """The demo site copied to ``site``, its search index built again from ``items``."""
    shutil.copytree(demo_site, site)
    for old in (site / "search").glob("[0-9]*"):
        shutil.rmtree(old)
    return build_index(items, site / "search", None, limit=limit)


@pytest.fixture(scope="module")
def sharded_url(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo re-indexed in shards of at most 8 items, as a big catalogue is."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    assert reindexed(demo_site, site, run(REPO).portal().items, limit=8).shards > 5
    page = site / "search" / "index.html"  # the first answer: the newest 8 items' shard
    page.write_text(
        page.read_text("utf-8").replace("data-gk-search ", 'data-gk-search data-first-items="8" ')
    )
    with serving(site) as url:
        yield url


def results(page: Page) -> tuple[int, list[str]]:
    page.wait_for_function(READY, timeout=20000)
    assert not page.locator("[data-gk-search]").get_attribute("data-error")
    count = int(page.locator(".gk-count").get_attribute("data-count") or -1)
    return count, page.locator(".gk-hit__no").all_inner_texts()


def open_search(page: Page, url: str, query: str, extra: str = "") -> tuple[int, list[str]]:
    page.goto(f"{url}search/?q={quote(query)}{extra}")
    return results(page)


@pytest.mark.browser
@pytest.mark.parametrize("query", list(QUERIES))
def test_query_finds_its_items_in_the_top_five(page: Page, demo_url: str, query: str) -> None:
    count, hits = open_search(page, demo_url, query)
    missing = QUERIES[query] - set(hits[:5])
    assert not missing, f"{query}: {missing} not in the top five {hits[:5]} ({count} found)"


# Every result of each query, asked as the search page asks (assets/query.js).
ALL_RESULTS = """async ([key, language, queries]) => {
  const base = new URL(`../search/${key}/`, location.href);
  const pagefind = await import(new URL("pagefind.js", base).href);
  const query = await import(new URL("../assets/query.js", location.href).href);
  const pf = query.createInstance(pagefind, language, { basePath: base.pathname });
  const out = {};
  for (const q of queries) {
    const found = await pf.search(query.grams(q));
    const datas = await Promise.all(query.rerank(found.results, q).map((r) => r.data()));
    out[q] = datas.map((d) => d.meta.index_no);
  }
  return out;
}"""


@pytest.mark.browser
def test_every_item_holding_the_words_is_found(page: Page, demo_site: Path, demo_url: str) -> None:
    """Recall: the words of the issue, and 120 random pieces of the demo's own text.

    Every item holding a query must be found, first; then those that hold the
    query's pieces apart (三公 … 经费).
    """
    t2s = scripts.t2s()
    items = run(REPO).portal().items
    texts = {}  # what is indexed: the item's text and the names it is filed under
    for i in items:
        names = [i.department.name, *itertools.chain(*document.columns_of(i)), i.doc_type, i.office]
        text = [
            i.title,
            i.summary,
            *i.keywords,
            document.body_text(i.body, CATALOGUE.markdown),
            i.doc_no,
            *names,
        ]
        texts[i.index_no] = t2s(" ".join(text))
    rng = random.Random(4)
    runs = [r for t in texts.values() for r in re.findall(r"[\u4e00-\u9fff]{4,}", t)]
    sample = set()
    while len(sample) < 120:
        r, n = rng.choice(runs), rng.choice([2, 2, 3, 4])
        start = rng.randrange(len(r) - n + 1)
        sample.add(r[start : start + n])
    words = ["环评", "低保", "财政预算", "保障性住房", "三公", "补偿", "征收", "年度报告"]
    manifest = json.loads((demo_site / "search" / "shards.json").read_text("utf-8"))
    page.goto(f"{demo_url}search/")
    key, language = manifest["shards"][0]["key"], manifest["language"]
    found = page.evaluate(ALL_RESULTS, [key, language, words + sorted(sample)])
    for word in words:
        holding = {no for no, text in texts.items() if word in text}
        assert holding and holding <= set(found[word]), word
    expected = missed = extra = 0
    early: list[str] = []
    for query in sample:
        holding = {no for no, text in texts.items() if query in text}
        expected += len(holding)
        missed += len(holding - set(found[query]))
        extra += len(set(found[query]) - holding)
        # first the items holding it as written, or broken only by punctuation (结果。公开)
        loose = {no for no, text in texts.items() if query in re.sub(r"\W", "", text)}
        first = found[query][: max(found[query].index(no) for no in holding) + 1]
        # ... but positions say where a piece is, not which (query.js: rerank), so an item
        # holding the pieces side by side in another order may come among them
        # (和各部门 in 各部门和各街道): rare, and counted
        early += [f"{query}: {no}" for no in first if no not in loose]
    assert missed == 0, f"missed {missed} of {expected}"
    assert len(early) <= 2, f"found before items holding the query: {early}"
    assert extra / expected < 0.15, f"{extra} found that do not hold the query ({expected} do)"


@pytest.mark.browser
def test_result_shows_metadata_and_highlights(page: Page, demo_url: str) -> None:
    open_search(page, demo_url, "环评")
    hit = page.locator(".gk-hit").first
    expect(hit.locator(".gk-hit__title mark").first).to_have_text("环评")
    expect(hit.locator(".gk-hit__excerpt mark").first).to_have_text("环评")
    title = hit.locator(".gk-hit__title").inner_text()
    excerpt = hit.locator(".gk-hit__excerpt").inner_text()
    assert not excerpt.lstrip("…").startswith(title[:8]), "the excerpt repeats the title"
    meta = hit.locator(".gk-hit__meta")
    index_no = meta.locator(".gk-hit__no").inner_text()
    assert index_no in QUERIES["环评"]
    expect(meta).to_contain_text("杭州市生态环境局下城分局")
    expect(meta.locator("time")).to_have_text(re.compile(r"^20\d\d-\d\d-\d\d$"))
    expect(meta.locator(".gk-status")).to_have_text("有效")
    hit.locator(".gk-hit__title").click()
    expect(page).to_have_url(f"{demo_url}items/{index_no}/")
    expect(page.locator("h1")).to_contain_text("环评")


@pytest.mark.browser
def test_a_quoted_phrase_fetches_only_the_candidates_that_hold_it(
    page: Page, demo_url: str
) -> None:
    """政府 and 管理 are both in 23 items, side by side in none: no item's text is fetched."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/fragment/" in r.url else None)
    count, hits = open_search(page, demo_url, "“政府管理”")
    assert count == 0 and hits == []
    assert len(fetched) < 5, f"{len(fetched)} fragments fetched"
    fetched.clear()
    count, hits = open_search(page, demo_url, "“政务公开工作要点”")  # the control: it is there
    assert count > 0 and fetched


@pytest.mark.browser
def test_repealed_items_are_marked(page: Page, demo_url: str) -> None:
    open_search(page, demo_url, "最低生活保障实施细则")
    repealed = page.locator(".gk-hit", has=page.locator(".gk-status--repealed"))
    expect(repealed.first).to_be_visible()


@pytest.mark.browser
def test_a_match_in_an_attachment_says_which(page: Page, demo_url: str) -> None:
    """A company named only in the XLSX list of subsidies finds the item that lists it."""
    open_search(page, demo_url, "嘉兴虚构生物医药")
    hit = page.locator(".gk-hit").first
    expect(hit.locator(".gk-hit__no")).to_have_text("33010301--2024--0003")
    expect(hit.locator(".gk-hit__excerpt mark").first).to_have_text("嘉兴虚构生物医药")
    expect(hit.locator(".gk-hit__where")).to_have_text("匹配内容在附件「2024年度拟补助企业名单」中")
    open_search(page, demo_url, "研发费用专项审计报告")  # a table cell of the DOCX guide
    expect(page.locator(".gk-hit__where").first).to_have_text(
        "匹配内容在附件「研发投入补助办事指南」中"
    )
    open_search(page, demo_url, "联系地址")  # in the item's own text: no such line
    hit = page.locator(".gk-hit", has=page.locator(".gk-hit__no", has_text="33010301--2024--0003"))
    expect(hit).to_have_count(1)
    expect(hit.locator(".gk-hit__where")).to_have_count(0)


# Amended in the index of amended_url: the demo has repealed and expired items, no amended one.
AMENDED = "33010305--2024--0103"


@pytest.fixture(scope="module")
def amended_url(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo re-indexed with one item amended, beside its repealed and expired ones."""
    site = tmp_path_factory.mktemp("amended") / "site"
    amended = DatedChoice("已修改", dt.date(2025, 1, 1))
    items = [
        dataclasses.replace(i, status=amended) if i.index_no == AMENDED else i
        for i in run(REPO).portal().items
    ]
    assert reindexed(demo_site, site, items, limit=shards.SHARD_MAX).shards == 1
    with serving(site) as url:
        yield url


# Each hit's index number, validity and the validity badge's classes.
BADGES = """() => [...document.querySelectorAll('.gk-hit')].map((hit) => [
  hit.querySelector('.gk-hit__no').textContent,
  hit.querySelector('.gk-status').textContent,
  hit.querySelector('.gk-status').className])"""


@pytest.mark.browser
def test_validity_is_marked_as_the_manifest_says(page: Page, amended_url: str) -> None:
    open_search(page, amended_url, "低保")
    badges = {no: (value, classes) for no, value, classes in page.evaluate(BADGES)}
    assert badges[AMENDED] == ("已修改", "gk-status gk-status--amended")
    assert badges["330103--2022--0101"] == ("已废止", "gk-status gk-status--repealed")
    assert badges["33010305--2023--0101"] == ("已失效", "gk-status gk-status--repealed")
    for value, classes in badges.values():  # and a value without a mark has the plain badge
        kind = f" gk-status--{MARKS[value]}" if value in MARKS else ""  # as the catalogue says
        assert classes == f"gk-status{kind}"
    assert any(classes == "gk-status" for _, classes in badges.values())
    # A manifest without marks (an older build): every value plain, none left out.
    manifest = json.loads(page.request.get(f"{amended_url}search/shards.json").text())
    del manifest["marks"]
    page.route("**/search/shards.json", lambda route: route.fulfill(json=manifest))
    open_search(page, amended_url, "低保")
    plain = {no: (value, classes) for no, value, classes in page.evaluate(BADGES)}
    assert plain == {no: (value, "gk-status") for no, (value, _) in badges.items()}


@pytest.mark.browser
def test_a_facet_narrows_and_the_url_round_trips(page: Page, demo_url: str) -> None:
    everything, _ = open_search(page, demo_url, "预算")
    page.locator(".gk-facet[data-facet=dept] label", has_text="杭州市下城区财政局").click()
    narrowed, hits = results(page)
    assert 0 < narrowed < everything
    assert all(h.startswith("33010301--") for h in hits)
    assert "dept=" in page.url and "q=" in page.url
    shared = page.url
    page.locator(".gk-facet[data-facet=year] label", has_text="2024").click()
    fewer, hits = results(page)
    assert 0 < fewer < narrowed and all("--2024--" in h for h in hits)
    page.go_back()  # Back undoes the last facet
    assert results(page)[0] == narrowed
    assert page.url == shared
    fresh = page.context.new_page()  # the shared link gives the same page to someone else
    fresh.goto(shared)
    assert results(fresh) == (narrowed, results(page)[1])
    expect(fresh.locator(".gk-facet[data-facet=dept] input:checked")).to_have_count(1)
    expect(fresh.locator("#gk-q")).to_have_value("预算")


@pytest.mark.browser
def test_facets_show_counts_for_every_kind(page: Page, demo_url: str) -> None:
    count, _ = open_search(page, demo_url, "公开")
    for key in index.FACETS:
        facet = page.locator(f".gk-facet[data-facet={key}]")
        expect(facet).to_be_visible()
        total = sum(int(n) for n in facet.locator(".gk-facet__count").all_inner_texts())
        assert total >= 1
        if key in ("dept", "year", "form", "status"):  # one value per item: counts add up
            assert total == count, key


@pytest.mark.browser
def test_sort_by_date_is_newest_first_across_shards(page: Page, sharded_url: str) -> None:
    open_search(page, sharded_url, "公开", "&sort=date")
    dates = page.locator(".gk-hit__meta time").all_inner_texts()
    assert dates == sorted(dates, reverse=True) and len(dates) == 10
    assert len({d[:4] for d in dates}) > 1  # the page spans shards
    page.get_by_role("link", name="下一页").click()
    results(page)
    later = page.locator(".gk-hit__meta time").all_inner_texts()
    assert later and max(later) <= min(dates)
    assert "page=2" in page.url and "sort=date" in page.url
    expect(page.locator("select[name=sort]")).to_have_value("date")


@pytest.mark.browser
def test_a_query_with_a_facet_finds_its_items(page: Page, demo_url: str) -> None:
    dept = quote("杭州市下城区财政局")
    count, hits = open_search(page, demo_url, "预算", f"&dept={dept}")
    assert {"33010301--2023--0001", "33010301--2024--0001"} <= set(hits[:5])
    assert count == len(hits) and all(h.startswith("33010301--") for h in hits)


@pytest.mark.browser
def test_on_a_phone_results_come_before_the_facets(browser: Browser, demo_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    count, _ = open_search(page, demo_url, "低保")
    expect(page.locator(".gk-hit").first).to_be_in_viewport()
    expect(page.locator(".gk-facet").first).to_be_hidden()  # folded away
    page.locator(".gk-facets-box > summary").click()
    page.locator(".gk-facet[data-facet=year] label", has_text="2023").click()
    narrowed, _ = results(page)
    assert 0 < narrowed < count
    expect(page.locator("#gk-header-q")).to_be_visible()
    context.close()


@pytest.mark.browser
def test_header_box_searches_from_any_page(page: Page, demo_url: str) -> None:
    page.goto(f"{demo_url}departments/")
    page.fill("#gk-header-q", "低保")
    page.press("#gk-header-q", "Enter")
    count, hits = results(page)
    assert count > 0 and "33010305--2023--0101" in hits[:5]
    assert "/search/?q=" in page.url


@pytest.mark.browser
def test_without_javascript_the_listings_are_offered(browser: Browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo_url}search/?q=低保")
    noscript = page.locator(".gk-search__browse")
    expect(noscript.get_by_role("link", name="公开部门")).to_be_visible()
    noscript.get_by_role("link", name="全部栏目").click()
    expect(page.locator("h1")).to_have_text("信息公开目录")
    context.close()


@pytest.mark.browser
def test_newest_shards_answer_first_then_the_rest(
    page: Page, demo_url: str, sharded_url: str
) -> None:
    """At scale the newest shards are searched first; the final answer is the whole one."""
    whole, _ = open_search(page, demo_url, "公开")
    page.goto(f"{sharded_url}search/?q=公开")
    page.wait_for_function(f"performance.getEntriesByName('{FIRST_RESULTS}').length")
    first = int(page.locator(".gk-count").get_attribute("data-count") or 0)
    count, hits = results(page)
    assert 0 < first < whole  # the first answer came from the newest shards only
    assert count == whole and len(hits) == 10  # then every shard's (ranks differ: idf is per shard)
    expect(page.locator(".gk-count")).not_to_contain_text("正在检索")


# Each timing mark the page set: its time and the generation of the search it timed.
TIMING = """(names) => Object.fromEntries(names.map((name) => [name,
  performance.getEntriesByName(name).map((mark) => [mark.startTime, mark.detail.generation])]))"""


@pytest.mark.browser
def test_a_search_is_timed_with_performance_marks(page: Page, sharded_url: str) -> None:
    """Timing goes to the Performance API; the search element's attributes are its state."""
    open_search(page, sharded_url, "公开")
    marks = page.evaluate(TIMING, [START, FIRST_RESULTS, COMPLETE])
    assert [len(m) for m in marks.values()] == [1, 1, 1]
    (started, generation), (shown, _), (done, _) = (m[0] for m in marks.values())
    assert started <= shown <= done
    assert {m[0][1] for m in marks.values()} == {generation}
    box = page.locator("[data-gk-search]")
    data = box.evaluate("(el) => Object.keys(el.dataset)")
    assert set(data) == {"gkSearch", "root", "title", "firstItems", "ready", "complete"}
    assert box.get_attribute("aria-busy") is None
    page.get_by_role("link", name="下一页").click()  # a second search on the same page
    results(page)
    marks = page.evaluate(TIMING, [START, FIRST_RESULTS, COMPLETE])
    assert [len(m) for m in marks.values()] == [2, 2, 2]
    assert all(m[1][1] > generation for m in marks.values())


# The engine on a page without the search page's form (404.html), sharded in two
# groups, under a watch on the DOM; then the watch's own check, on the renderer.
ENGINE = """async (firstItems) => {
  // Every DOM call made straight from a module under assets/search/ is recorded: the
  // engine's run must make none. Pagefind's own calls and query.js's are not theirs.
  const touched = [];
  const wrap = (original, name) =>
    function (...args) {
      const caller = new Error().stack.split("\\n")[2] || "";
      if (caller.includes("/assets/search/")) touched.push(`${name} ${caller.trim()}`);
      return original.apply(this, args);
    };
  const guard = (owner, name) => {
    const found = Object.getOwnPropertyDescriptor(owner, name);
    if (!found || !found.configurable || name === "constructor") return;
    if (typeof found.value === "function") found.value = wrap(found.value, name);
    else if (found.get || found.set) {
      if (found.get) found.get = wrap(found.get, name);
      if (found.set) found.set = wrap(found.set, name);
    } else return;
    Object.defineProperty(owner, name, found);
  };
  const owners = [Document.prototype, Node.prototype, Element.prototype, HTMLElement.prototype,
    EventTarget.prototype, History.prototype];
  for (const owner of owners) for (const name of Object.getOwnPropertyNames(owner)) guard(owner, name);
  for (const name of ["fetch", "matchMedia", "getComputedStyle"]) guard(window, name);

  const query = await import("/assets/query.js");
  const { createEngine } = await import("/assets/search/engine.js");
  const { readState } = await import("/assets/search/state.js");
  const engine = createEngine({
    root: new URL("/", location.href),
    fetch: (url) => fetch(url),
    importModule: (url) => import(url),
    createInstance: query.createInstance,
    firstItems,
  });
  await engine.load();
  const table = await engine.loadTable();
  const ask = async (address, groups) => {
    const state = readState(new URLSearchParams(address), Object.keys(engine.manifest.facets));
    const found = await engine.search({ state, groups: groups || engine.groupsFor(state.facets), table });
    return { total: found.total, numbers: found.items.map((item) => item.meta.index_no),
             dates: found.items.map((item) => item.meta.date) };
  };
  const out = {
    groups: engine.groups.length,
    yearGroups: engine.groupsFor({ year: ["2014"] }).map((group) => [group.from, group.to]),
    form: document.querySelector("[data-gk-search]") !== null,
    newest: await ask("q=公开", engine.groups.slice(0, 1)),
    all: await ask("q=公开"),
    traditional: await ask("q=財政預算"),
    sanGong: await ask("q=三公经费"),
    phrase: await ask('q="征地补偿"'),
    byDate: await ask("q=公开&sort=date"),
    byDateNext: await ask("q=公开&sort=date&page=2"),
    year: await ask("q=公开&year=2014"),
    touched: [...touched],
  };
  // The check checks: the page's own renderer does touch the DOM, and is seen to.
  const { renderPager } = await import("/assets/search/render.js");
  const state = { q: "", facets: {}, sort: "", page: 2 };
  renderPager(document.createElement("nav"), { state, total: 30, hrefFor: () => "#", navigate: () => {} });
  out.seen = touched.length - out.touched.length;
  return out;
}"""


@pytest.mark.browser
def test_the_engine_searches_without_a_page_to_fill(
    page: Page, demo_url: str, sharded_url: str
) -> None:
    """engine.js merges, ranks and walks the shards in date order touching no DOM."""
    whole, _ = open_search(page, demo_url, "公开")
    page.goto(f"{sharded_url}404.html")
    found = page.evaluate(ENGINE, 8)
    assert found["touched"] == [] and found["seen"] > 0
    assert not found["form"] and found["groups"] == 2
    assert 0 < found["newest"]["total"] < found["all"]["total"] == whole  # merged across groups
    assert QUERIES["三公经费"] <= set(found["sanGong"]["numbers"][:5])
    assert QUERIES["財政預算"] <= set(found["traditional"]["numbers"][:5])
    assert found["phrase"]["total"] == 1
    assert found["phrase"]["numbers"] == ["33010304--2024--0002"]
    dates, later = found["byDate"]["dates"], found["byDateNext"]["dates"]
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)
    assert len({d[:4] for d in dates}) > 1 and max(later) <= min(dates)  # across shards
    assert found["year"]["numbers"] == ["370200--2014--0001"]
    assert found["yearGroups"] == [[2014, found["yearGroups"][0][1]]]  # the older group only


def test_the_engine_modules_name_no_page_global() -> None:
    """What engine.js, text.js and state.js need from the browser is handed to them."""
    names = re.compile(r"\b(document|window|location|history|navigator|performance|el)\b")
    for name in ("engine.js", "text.js", "state.js"):
        code = (REPO / "site_config" / "assets" / "search" / name).read_text("utf-8")
        code = re.sub(r"//.*", "", code)  # comments may say what the page does
        assert not names.findall(code), name


@pytest.mark.browser
def test_a_year_facet_gives_the_same_answer_sharded_or_not(
    page: Page, demo_url: str, sharded_url: str
) -> None:
    for years in ("&year=2014", "&year=2025", "&year=2015&year=2024"):
        whole = open_search(page, demo_url, "公开", years + "&sort=date")
        assert whole[0] > 0
        assert open_search(page, sharded_url, "公开", years + "&sort=date") == whole, years


# --- the index, without a browser ------------------------------------------------


def test_built_site_has_the_sharded_index(demo_site: Path) -> None:
    manifest = json.loads((demo_site / "search" / "shards.json").read_text("utf-8"))
    keys = [s["key"] for s in manifest["shards"]]
    published = len(list((demo_site / "items").glob("*/index.html")))
    assert keys == ["2014-2025"]  # the demo's few dozen items: one shard
    assert manifest["shards"][0]["count"] == published > 40
    for key in keys:
        assert (demo_site / "search" / key / "pagefind-entry.json").exists()
        assert not (demo_site / "search" / key / "pagefind-ui.js").exists()
    assert json.loads((demo_site / "search" / "t2s.json").read_text("utf-8"))["預"] == "预"


def item(n: int, year: int, month: int = 1, title: str = "标题", body: str = "") -> Item:
    dept = Department(id="czj", name="财政局", short="财政", code="1", folder="czj")
    return Item(source=f"content/czj/{n}.md", index_no=f"1--{year}--{n:04}", slug=f"1-{year}-{n:04}",
                title=title, department=dept, columns=[], published=dt.date(year, month, 1),
                form="主动公开", scope="面向社会", period=DatedChoice("长期公开"), doc_type="通知",
                status=DatedChoice("已废止", dt.date(year, 12, 1)), body=body)  # fmt: skip


def test_shards_pack_small_years_and_split_big_ones_by_calendar() -> None:
    items = [item(i, 2023, 1 + i % 12) for i in range(24)]  # 2 a month
    items += [item(100 + i, 2019 + i % 3) for i in range(6)]  # 2019-2021, 2 a year
    groups = shards.shards(items, limit=10)
    keys = ["2023-10", "2023-07", "2023-04", "2023-01", "2019-2021"]
    assert [g.key for g in groups] == keys
    assert [len(g.items) for g in groups] == [6, 6, 6, 6, 6]
    # shards are disjoint date ranges, newest first: what date order relies on
    ranges = [
        (min(i.published for i in g.items), max(i.published for i in g.items)) for g in groups
    ]
    assert all(older[1] <= newer[0] for newer, older in itertools.pairwise(ranges))
    # a new item in the newest period changes the newest shard only
    again = shards.shards([*items, item(200, 2023, 11)], limit=10)
    assert [g.key for g in again] == [g.key for g in groups]
    changed = [g.key for g, h in zip(groups, again, strict=True) if g.items != h.items]
    assert changed == ["2023-10"]
    # a small catalogue is a single shard
    assert [g.key for g in shards.shards(items, limit=100)] == ["2019-2023"]
    assert [g.key for g in shards.shards(items[:8], limit=100)] == ["2023"]


def test_document_is_simplified_pieces_with_facets_and_original_title() -> None:
    doc = document.document(
        fields_of(
            item(1, 2014, title="青島市財政預算", body="關於**財政**公開"), CATALOGUE.markdown
        )
    )
    assert '<span data-pagefind-meta="title">青島市財政預算</span>' in doc
    assert '<h1 data-pagefind-weight="10"> 青岛 岛市 市财 财政 政预 预算 算 </h1>' in doc
    assert "<div> 关于 于财 财政 政公 公开 开 </div>" in doc
    assert '<span data-pagefind-filter="status">已废止</span>' in doc
    assert '<span data-pagefind-sort="date">2014-01-01</span>' in doc


def test_grams_cover_every_pair_and_start_every_character() -> None:
    assert document.grams("补偿方案，低") == " 补偿 偿方 方案 案 ， 低 "
    assert document.grams("下政征〔2021〕3号") == " 下政 政征 征 〔2021〕3 号 "
    assert document.grams("ICP 2023") == "ICP 2023"


def test_the_body_is_plain_text_without_markup() -> None:
    body = "# 标题\n\n正文<script>alert(1)</script>**加粗**<style>p{}</style>\n\n- 一\n- 二"
    assert document.body_text(body, CATALOGUE.markdown).splitlines() == [
        "标题",
        "正文加粗",
        "一",
        "二",
    ]


def test_each_document_keeps_its_fields_apart() -> None:
    """The fields are converted and cut in one pass; a stray separator must not shift them."""
    doc = document.document(
        fields_of(item(1, 2023, title="財政\x1f預算", body="正文\x1f内容"), CATALOGUE.markdown)
    )
    title = re.search(r'<h1 data-pagefind-weight="10">(.*?)</h1>', doc)
    body = re.search(r"<div>(.*?)</div>", doc)
    assert title and title.group(1).split() == ["财政", "政", "预算", "算"]
    assert body and body.group(1).split() == ["正文", "文", "内容", "容"]


def test_a_failing_pagefind_run_stops_the_build_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text(
        "#!/bin/sh\necho 'pagefind 9.9' ; [ \"$1\" = --version ] || { echo 磁盘已满 >&2; exit 1; }\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(index, "pagefind_binary", lambda: fake)
    items = [item(n, 2015 + n) for n in range(6)]
    with pytest.raises(search.SearchError, match="磁盘已满"):
        build_index(items, tmp_path / "search", None, limit=1, jobs=2)
    assert not list((tmp_path / "search").glob("*/pagefind-entry.json"))


def test_a_full_disk_stops_the_build_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(search.SearchError, match="写入检索索引失败：No space left on device"):
        build_index([item(1, 2023)], tmp_path / "search", None)


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux only")
def test_pagefind_workers_get_a_core_each_when_they_fill_the_machine() -> None:
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) > 1:
        assert core_pinning.one_core_each(len(cores) - 1) is None  # fewer runs: each keeps them all
    pin = core_pinning.one_core_each(len(cores))
    assert pin is not None
    seen: list[set[int]] = []

    def worker() -> None:
        pin()
        seen.append(os.sched_getaffinity(0))

    threads = [threading.Thread(target=worker) for _ in cores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(min(s) for s in seen) == cores and all(len(s) == 1 for s in seen)
    assert os.sched_getaffinity(0) == set(cores)  # the building thread itself stays free


def test_documents_wait_in_memory_when_there_is_room(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scratch.scratch_dir(2**62) is None  # more than any machine has: the system's temp dir
    if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        assert scratch.scratch_dir(1) == "/dev/shm"
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # read-only, or root's only
    assert scratch.scratch_dir(1) is None


def test_unchanged_shards_come_from_the_cache(tmp_path: Path) -> None:
    items = [item(1, 2023, body="三公经费"), item(2, 2022, body="低保")]
    cache = tmp_path / "cache"
    first = build_index(items, tmp_path / "a", cache, limit=1)
    assert (first.shards, first.rebuilt) == (2, 2)
    again = build_index([*items, item(3, 2023)], tmp_path / "b", cache, limit=1)
    assert (again.shards, again.rebuilt) == (2, 1)
    assert (tmp_path / "b" / "2022" / "pagefind-entry.json").exists()


def test_the_index_depends_on_the_items_not_their_order(tmp_path: Path) -> None:
    # Pagefind numbers pages in the order it lists the documents: written in one order
    # whatever the items' (the order the shard's cache key takes them in), the words'
    # indexes name the same pages; only Pagefind's own hash-map order differs (sites.py).
    items = [item(n, 2023, body=f"第{n}号文件 三公经费") for n in range(1, 13)]
    build_index(items, tmp_path / "a" / "search", None)
    build_index(items[::-1], tmp_path / "b" / "search", None)
    assert_same_site(tmp_path / "a", tmp_path / "b")


def known(items: list[Item], context: str = "catalogue") -> search.Known:
    """The items' fingerprints as the page compiler makes them."""
    return search.Known(context, {id(i): compiled.fingerprint(i, None) for i in items})


def test_the_memo_finds_unchanged_shards_without_reading_their_items(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items, site, cache = catalogue_of(10), tmp_path / "site", tmp_path / "cache"
    build_index(items, site, cache, limit=6, known=known(items))
    read: list[str] = []
    real = index.fields_of
    monkeypatch.setattr(index, "fields_of", lambda i, m: read.append(i.index_no) or real(i, m))
    changed = retitled(items, 2, "财政预算")  # item 3, in the shard of odd numbers
    again = build_index(changed, site, cache, limit=6, known=known(changed))
    assert (again.shards, again.rebuilt, again.written) == (2, 1, 1)
    assert sorted(read) == [i.index_no for i in items if int(i.index_no[-1]) % 2]
    assert not differences(tree(site), cold(changed, tmp_path / "cold"))
    # Without a memo the same build reads every item, and indexes the same.
    (cache / "memo.json").unlink()
    read.clear()
    build_index(changed, tmp_path / "again", cache, limit=6, known=known(changed))
    assert len(read) == 10
    assert not differences(tree(tmp_path / "again"), cold(changed, tmp_path / "cold2"))


def test_the_memo_is_only_trusted_for_the_same_context_and_an_existing_shard(
    tmp_path: Path,
) -> None:
    items, site, cache = catalogue_of(10), tmp_path / "site", tmp_path / "cache"
    build_index(items, site, cache, limit=6, known=known(items))
    # The department renamed in catalogue/: the items' fingerprints are the same (they
    # name it by id), the catalogue's digest is not, and every document names it.
    renamed = dataclasses.replace(items[0].department, name="财政局（新）")
    moved = [dataclasses.replace(i, department=renamed) for i in items]
    assert set(known(moved).prints.values()) == set(known(items).prints.values())
    again = build_index(moved, site, cache, limit=6, known=known(moved, "renamed"))
    assert again.rebuilt == 2
    assert not differences(tree(site), cold(moved, tmp_path / "cold"))
    # A shard the memo names but the cache no longer holds is indexed again.
    for shard in cache.glob("2023-*"):
        shutil.rmtree(shard)
    third = build_index(moved, site, cache, limit=6, known=known(moved, "renamed"))
    assert third.rebuilt == 1
    assert not differences(tree(site), cold(moved, tmp_path / "cold2"))
    # A memo that cannot be read is no memo: the fields find the cached shards.
    (cache / "memo.json").write_text("{not json")
    fourth = build_index(moved, site, cache, limit=6, known=known(moved, "renamed"))
    assert fourth.rebuilt == 0
    assert json.loads((cache / "memo.json").read_text())  # written again


def test_a_rebuild_into_the_same_site_keeps_one_version_of_each_shard(tmp_path: Path) -> None:
    items = [item(1, 2023, body="三公经费"), item(2, 2022, body="低保")]
    site, cache = tmp_path / "site", tmp_path / "cache"
    build_index(items, site, cache, limit=1)
    (site / "2022" / "left-alone").touch()  # gone if the shard were unlinked and linked again
    changed = (site / "2023" / "pagefind-entry.json").stat().st_ino
    build_index([item(1, 2023, body="环评"), items[1]], site, cache, limit=1)
    # The unchanged shard is left as it was; the changed one is the new version.
    assert (site / "2022" / "left-alone").exists()
    assert (site / "2023" / "pagefind-entry.json").stat().st_ino != changed
    fragments = [gzip.decompress(f.read_bytes()) for f in (site / "2023").glob("fragment/*")]
    assert "环评".encode() in b"".join(fragments)
    assert sorted(p.name.split("-")[0] for p in cache.iterdir() if p.is_dir()) == ["2022", "2023"]
    assert sorted(p.name for p in cache.glob("*.documents")) == ["2022.documents", "2023.documents"]


def test_shards_no_longer_built_leave_the_site_and_the_cache(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "index.html").write_text("the search page")  # MkDocs' page, not a shard
    build_index([item(1, 2023), item(2, 2022)], site, cache, limit=1)
    (cache / "2021-0123456789abcdef.tmp").mkdir()  # left by an interrupted build
    # A second 2023 item: the year no longer fits one shard and is cut by month.
    build_index([item(1, 2023), item(2, 2022), item(3, 2023, 7)], site, cache, limit=1)
    assert sorted(p.name for p in site.iterdir()) == [
        "2022", "2023-01", "2023-07", "index.html", "shards.json", "t2s.json"]  # fmt: skip
    versions = sorted(p.name.rsplit("-", 1)[0] for p in cache.iterdir() if p.is_dir())  # key-<hash>
    assert versions == ["2022", "2023-01", "2023-07"]
    documents = sorted(p.name for p in cache.iterdir() if p.is_file())  # the 2023 shard's are gone
    assert documents == ["2022.documents", "2023-01.documents", "2023-07.documents"]


# -- the document cache: a re-indexed shard makes only its changed items' documents ------


def catalogue_of(n: int) -> list[Item]:
    """Two shards (limit 6) of items with text to cut."""
    return [item(k, 2022 + k % 2, body=f"第{k}号文件 三公经费") for k in range(1, n + 1)]


def retitled(items: list[Item], n: int, title: str) -> list[Item]:
    return [dataclasses.replace(i, title=title) if i.index_no == items[n].index_no else i
            for i in items]  # fmt: skip


def cold(items: list[Item], folder: Path, **options: Any) -> dict[str, bytes]:
    """The index of ``items`` built with nothing cached, file by file."""
    search.build_index(items, folder, None, catalogue=CATALOGUE, limit=6, **options)
    return tree(folder)


def test_a_changed_item_makes_only_its_document_and_the_index_is_a_cold_builds(
    tmp_path: Path,
) -> None:
    items, site, cache = catalogue_of(10), tmp_path / "site", tmp_path / "cache"
    first = build_index(items, site, cache, limit=6)
    assert (first.rebuilt, first.written) == (2, 10)
    changed = retitled(items, 2, "财政预算")
    again = build_index(changed, site, cache, limit=6)
    # One shard re-indexed; of its five documents only the changed item's is made.
    assert (again.shards, again.rebuilt, again.written) == (2, 1, 1)
    assert not differences(tree(site), cold(changed, tmp_path / "cold"))
    fragments = b"".join(gzip.decompress(f.read_bytes()) for f in site.glob("*/fragment/*"))
    assert "财政 政预 预算 算".encode() in fragments


def test_a_merge_leaves_few_old_texts_and_a_full_build_drops_them(tmp_path: Path) -> None:
    texts, markdown = search.Texts(tmp_path / "texts", "code"), CATALOGUE.markdown
    bodies = [f"第{n}号文件" for n in range(200)]
    for body in [*bodies, "旧的正文一", "旧的正文二"]:
        texts.put(texts.key(body, markdown), body)
    old = texts.key("旧的正文一", markdown)
    texts.keep_current(bodies, markdown, merge=True)  # 2 old of 200: 1%, kept for now
    assert texts.get(old) == "旧的正文一"
    texts.put(texts.key("旧的正文三", markdown), "旧的正文三")
    texts.keep_current(bodies, markdown, merge=True)  # 3 old: past 1%, all go
    assert texts.get(old) is None
    assert [texts.get(texts.key(b, markdown)) for b in bodies] == bodies
    texts.put(old, "旧的正文一")
    texts.keep_current(bodies, markdown, merge=False)  # a full build keeps only the bodies'
    assert texts.get(old) is None
    assert texts.store.count() == 200


def test_a_changed_body_text_or_code_makes_documents_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items, site, cache = catalogue_of(10), tmp_path / "site", tmp_path / "cache"
    texts = search.Texts(tmp_path / "texts", "code")
    for i in items:
        texts.put(texts.key(i.body, CATALOGUE.markdown), i.body)
    build_index(items, site, cache, limit=6, texts=texts)
    # The page renderer left another text for item 1's body (its rendering changed):
    # item 1's document is made afresh when its shard is re-indexed for item 3.
    texts.put(texts.key(items[0].body, CATALOGUE.markdown), "环境影响评价")
    changed = retitled(items, 2, "财政预算")
    again = build_index(changed, site, cache, limit=6, texts=texts)
    assert (again.rebuilt, again.written) == (1, 2)
    assert not differences(tree(site), cold(changed, tmp_path / "cold", texts=texts))
    fragments = b"".join(gzip.decompress(f.read_bytes()) for f in site.glob("*/fragment/*"))
    assert "环境 境影 影响 响评 评价 价".encode() in fragments
    # Other code makes other documents: every one is made afresh.
    monkeypatch.setattr(index, "CODE", "other code")
    assert build_index(changed, site, cache, limit=6).written == 10


DAMAGES = {
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "not zlib": lambda data: b"\x00garbage" * 100,
    "not documents": lambda data: zlib.compress(b"something else"),
    "a record cut short": lambda data: zlib.compress(zlib.decompress(data)[:-10]),
    "a length past the end": lambda data: zlib.compress(
        zlib.decompress(data) + b"k" * 32 + b"\xff" * 4
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_document_cache_is_made_afresh(tmp_path: Path, damage: str) -> None:
    items, site, cache = catalogue_of(10), tmp_path / "site", tmp_path / "cache"
    build_index(items, site, cache, limit=6)
    for path in cache.glob("*.documents"):
        path.write_bytes(DAMAGES[damage](path.read_bytes()))
    changed = retitled(items, 2, "财政预算")
    again = build_index(changed, site, cache, limit=6)
    assert (again.rebuilt, again.written) == (1, 5)  # the shard's documents, all afresh
    assert not differences(tree(site), cold(changed, tmp_path / "cold"))
    kept_again = build_index(retitled(changed, 2, "低保"), site, cache, limit=6)
    assert kept_again.written == 1


def test_deleting_the_search_cache_gives_a_cold_build(tmp_path: Path) -> None:
    items, site, cache = catalogue_of(10), tmp_path / "site", tmp_path / "cache"
    build_index(items, site, cache, limit=6)
    shutil.rmtree(cache)
    again = build_index(items, site, cache, limit=6)
    assert (again.rebuilt, again.written) == (2, 10)
    assert not differences(tree(site), cold(items, tmp_path / "cold"))


def test_equal_fields_have_equal_fingerprints_and_any_change_shows() -> None:
    one = fields_of(item(1, 2023, title="标题", body="正文"), CATALOGUE.markdown)
    same = one._replace(body="".join(["正", "文"]))  # equal, not the same string
    assert document.fingerprint(one) == document.fingerprint(same)
    others = [one._replace(title="标题 "), one._replace(keywords=("标", "题")),
              one._replace(keywords=("标题",)), one._replace(body="正文\ud800"),
              one._replace(markdown=dataclasses.replace(CATALOGUE.markdown, extensions=()))]  # fmt: skip
    prints = {document.fingerprint(f) for f in others}
    assert len(prints) == len(others) and document.fingerprint(one) not in prints


def test_an_empty_catalogue_has_an_empty_manifest(tmp_path: Path) -> None:
    stats = build_index([], tmp_path / "search", None)
    assert stats.shards == 0
    assert json.loads((tmp_path / "search" / "shards.json").read_text("utf-8"))["shards"] == []


def test_build_fails_clearly_without_pagefind(tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    shim.mkdir()
    for module in ("pagefind_bin", "pagefind_bin_extended"):
        (shim / f"{module}.py").write_text("raise ImportError('not installed')\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("old site")
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(REPO),
         "--site-dir", str(site)],
        capture_output=True, text=True, cwd=REPO, timeout=600,
        env={"PYTHONPATH": f"{shim}:{REPO}", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert proc.returncode != 0
    assert "没有安装 Pagefind" in proc.stderr and "Traceback" not in proc.stderr
    assert (site / "keep.html").read_text() == "old site"  # the old site stays as it was


def test_a_shard_in_an_earlier_site_that_is_the_cached_one_is_moved_into_place(
    tmp_path: Path,
) -> None:
    """Taken from the spare only when it is the cache's very files: a copy is not."""
    from generator.search.cache import share

    cached = tmp_path / "cache" / "2019-abc"
    (cached / "fragment").mkdir(parents=True)
    (cached / "pagefind-entry.json").write_text("{}", "utf-8")
    (cached / "fragment" / "a.pf").write_text("片段", "utf-8")
    spare = tmp_path / "spare"
    shutil.copytree(cached, spare / "2019", copy_function=os.link)
    folder = (spare / "2019").stat().st_ino
    site = tmp_path / "site"
    site.mkdir()

    share(cached, site / "2019", spare / "2019")
    assert (site / "2019").stat().st_ino == folder and not (spare / "2019").exists()

    shutil.copytree(cached, spare / "2019")  # copies: another version, as far as is known
    share(cached, site / "2020", spare / "2019")
    assert (spare / "2019").is_dir()
    for name in ("pagefind-entry.json", "fragment/a.pf"):
        assert (site / "2020" / name).samefile(cached / name)
