"""A citizen's visit in a real browser: headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_annual_report_renders_tables_and_charts(
    browser: Browser, demo_url: str, tmp_path: Path
) -> None:
    """公开年报 → a year's report: the format's tables and the SVG charts, each with its data
    table, on a desktop and on a 360-px phone without the page scrolling sideways."""
    for viewport in ({"width": 1280, "height": 900}, {"width": 360, "height": 740}):
        context = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 400)
        page = context.new_page()
        page.goto(demo_url + "reports/")
        expect(page.locator("h1")).to_have_text("政府信息公开工作年度报告")
        page.get_by_role(
            "link", name="杭州市下城区人民政府2024年度政府信息公开工作年度报告"
        ).click()
        expect(page.locator("h1")).to_contain_text("2024年度政府信息公开工作年度报告")
        total = page.locator("tr", has=page.locator("th", has_text="（七）总计"))
        expect(total.locator("td")).to_have_count(7)
        expect(total.locator("td").last).to_have_text("104")
        charts = page.locator("figure.gk-chart")
        assert charts.count() >= 5
        for i in range(charts.count()):
            chart = charts.nth(i)
            svg = chart.locator("svg")
            expect(svg).to_be_visible()
            box = svg.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 50
            assert chart.locator("table tbody tr").count() >= 1  # its numbers, as a table
            assert svg.get_attribute("role") == "img"
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        if viewport["width"] < 400:  # the chart's labels stay legible on the phone
            size = page.locator("figure.gk-chart svg text").first.evaluate(
                "t => t.getBoundingClientRect().height"
            )
            assert size >= 11
            page.screenshot(path=str(tmp_path / "report-phone.png"), full_page=True)
        context.close()


def test_a_year_without_text_says_so(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "reports/2025/")
    expect(page.locator(".admonition.note")).to_contain_text("文字部分尚未撰写")
    expect(page.locator("figure.gk-chart").first).to_be_visible()
