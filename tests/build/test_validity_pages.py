"""Validity and relations on the built demo: banners, both-way links, marks, 现行有效 listings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

REPEALED, SUCCESSOR = "330103--2022--0101", "330103--2025--0101"
AMENDED, AMENDING = "33010304--2024--0001", "33010304--2025--0001"
ORIGINAL, TEXT, GRAPHIC = "33010305--2024--0101", "33010305--2024--0102", "33010305--2024--0104"
EXPIRED = "33010302--2023--0001"  # 有效期至 2023-12-31, status 有效 in its file


def page_of(site: Path, no: str) -> str:
    return (site / "items" / no / "index.html").read_text("utf-8")


def banner(html: str) -> str:
    found = re.search(r'<div class="admonition (?:danger|warning)">(.*?)</div>', html, re.S)
    assert found, "no validity banner"
    return found.group(1)


def section(html: str, title: str) -> str:
    """The list under a bold section title of the relations block."""
    found = re.search(rf"<strong>{re.escape(title)}</strong></p>\s*<ul>(.*?)</ul>", html, re.S)
    assert found, f"no section {title}"
    return found.group(1)


def test_a_repealed_document_names_the_date_and_links_the_one_in_force(demo_site: Path) -> None:
    notice = banner(page_of(demo_site, REPEALED))
    assert "本文件已废止" in notice and "2025-01-01" in notice
    assert f'现行文件：<a href="../{SUCCESSOR}/">' in notice
    replaced = section(page_of(demo_site, SUCCESSOR), "本文件替代的文件")
    assert f'href="../{REPEALED}/"' in replaced and "gk-status--repealed" in replaced


def test_an_amended_document_links_what_amended_it_and_back(demo_site: Path) -> None:
    html = page_of(demo_site, AMENDED)
    assert 'class="gk-status gk-status--amended">已修改</span></h1>' in html
    notice = banner(html)
    assert "2025-07-01" in notice and f'修改文件：<a href="../{AMENDING}/">' in notice
    assert f'href="../{AMENDED}/"' in section(page_of(demo_site, AMENDING), "本文件修改的文件")


def test_an_original_lists_every_interpretation_and_each_links_back(demo_site: Path) -> None:
    listed = section(page_of(demo_site, ORIGINAL), "政策解读")
    assert re.search(rf'图解：<a href="\.\./{GRAPHIC}/">', listed)
    assert re.search(rf'文字解读：<a href="\.\./{TEXT}/">', listed)
    for no in (TEXT, GRAPHIC):
        assert f'href="../{ORIGINAL}/"' in section(page_of(demo_site, no), "原文")


def test_past_its_expiry_a_document_shows_expired_without_an_edit(demo_site: Path) -> None:
    html = page_of(demo_site, EXPIRED)
    assert 'gk-status--repealed">已失效</span></h1>' in html
    assert "本文件已于 2024-01-01 失效" in banner(html)
    assert re.search(r"<dt>有效期至</dt>\s*<dd>2023-12-31</dd>", html)


def test_listings_mark_documents_not_in_force_and_offer_those_in_force(demo_site: Path) -> None:
    listing = (demo_site / "columns/jyzs/index.html").read_text("utf-8")
    row = next(r for r in listing.split("<tr>") if f"{EXPIRED}/" in r)
    assert "gk-status--repealed" in row and "已失效" in row
    views = re.search(r"<p [^>]*class=\"gk-views\"[^>]*>(.*?)</p>", listing, re.S)
    assert views and "<strong>全部（2）</strong>" in views.group(1)
    assert 'href="in-force/">现行有效（1）</a>' in views.group(1)
    current = (demo_site / "columns/jyzs/in-force/index.html").read_text("utf-8")
    assert f"{EXPIRED}/" not in current and "33010302--2023--0002/" in current
    assert 'href="../">全部（2）</a>' in current
    # a listing whose documents are all in force has no such page
    assert not (demo_site / "columns/nianbao/in-force").exists()


@pytest.mark.browser
def test_in_force_filter_works_without_javascript(browser: object, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page: Page = context.new_page()
    page.goto(demo_url + "departments/zjj/")
    page.get_by_role("link", name=re.compile("现行有效")).click()
    expect(page).to_have_url(re.compile(r"departments/zjj/in-force/$"))
    expect(page.locator(".gk-list .gk-status--repealed")).to_have_count(0)
    expect(page.locator(".gk-list tbody tr")).not_to_have_count(0)
    context.close()


def test_every_listing_kind_marks_a_document_not_in_force(small: Path) -> None:
    """The home page's newest, the column, department and year listings, and in force."""
    from conftest import VALID
    from generator.check.run import run
    from generator.pages import compile_pages

    item = small / "content/cz/newest.md"
    front = VALID.replace("2023-00009", "2025-00009").replace("2023-03-01", "2025-12-01")
    front = front.replace("2023-02-28", "2025-11-30").replace("其他文件", "规章")
    item.write_text(f"---\n{front}expires: 2025-12-31\n---\n\n正文。\n", "utf-8")
    portal = run(small).portal(day=dt.date(2026, 1, 1))  # past its 有效期至
    pages = {p.path: p.content for p in compile_pages(portal)}
    mark = 'gk-status gk-status--repealed">已失效</span>'
    for path in (
        "index.md",
        "columns/sgjf/index.md",
        "departments/czj/index.md",
        "years/2025/index.md",
    ):
        row = next(line for line in pages[path].splitlines() if "000014349-2025-00009" in line)
        assert mark in row, path
    assert "000014349-2025-00009" not in pages["columns/sgjf/in-force/index.md"]
    assert mark in pages["items/000014349-2025-00009.md"]  # beside the title
