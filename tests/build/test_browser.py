"""A citizen's visit in a real browser: headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def test_home_to_column_to_item(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    expect(page.locator("h1")).to_have_text("政府信息公开目录（演示）")
    page.locator(".gk-columns").get_by_role("link", name="财政资金信息").click()
    expect(page.locator("h1")).to_have_text("财政资金信息")
    first = page.locator(".gk-list tbody tr").first.get_by_role("link").first
    title = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/items/[0-9A-Za-z-]+/$"))
    expect(page.locator("h1")).to_contain_text(title)
    header = page.locator("dl.gk-meta")
    expect(header).to_be_visible()
    for label in (
        "信息索引号",
        "公开部门",
        "公开形式",
        "公开范围",
        "公开时限",
        "发布日期",
        "内容概述",
    ):
        expect(header.locator("dt", has_text=label)).to_be_visible()
    index_no = header.locator("dt:has-text('信息索引号') + dd").inner_text()
    assert re.fullmatch(r"\d+--20\d\d--\d{4}", index_no)
    expect(page.locator(".gk-crumbs")).to_contain_text("财政资金信息")
    # 内容概述 starts its own row, its value spanning the rest of it
    summary = header.locator("dt", has_text="内容概述").bounding_box()
    first = header.locator("dt").first.bounding_box()
    assert summary is not None and first is not None and summary["x"] == first["x"]
    expect(page.locator(".md-banner")).to_have_count(0)  # no preview notice on the real site


def test_repealed_item_is_unmistakable(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "columns/shbz/")
    mark = page.locator(".gk-status--repealed", has_text="已废止")
    row = page.locator(".gk-list tbody tr", has=mark).first
    expect(row).to_be_visible()
    row.get_by_role("link").first.click()
    banner = page.locator(".admonition.danger")
    expect(banner).to_contain_text("本文件已废止")
    expect(banner.get_by_role("link")).to_be_visible()  # the rule now in force


def test_item_page_reads_on_a_phone(browser: Browser, demo_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(demo_url + "items/330103--2017--0510/")
    expect(page.locator("h1")).to_have_text("杭州市下城区2017年政务公开工作要点")
    tracks = page.locator("dl.gk-meta").evaluate("e => getComputedStyle(e).gridTemplateColumns")
    assert len(tracks.split()) == 2  # one label/value pair a row
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # listings stack on a phone: the title has the row to itself
    page.goto(demo_url + "columns/shbz/")
    title_cell = page.locator(".gk-list tbody tr td").first.bounding_box()
    row = page.locator(".gk-list tbody tr").first.bounding_box()
    assert title_cell is not None and row is not None
    assert title_cell["width"] >= 0.9 * row["width"]
    expect(page.locator(".gk-list thead")).to_be_hidden()
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    context.close()


def test_department_page_lists_contacts_and_items(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "departments/")
    page.get_by_role("link", name="杭州市余杭区人民政府办公室").click()
    expect(page.locator(".gk-contact")).to_contain_text("0571-89180136")
    expect(page.locator(".gk-list tbody tr")).to_have_count(1)
