"""Reading aids as residents, elderly readers and keyboard users meet them, in Chromium.

字体 大/中/小 and 关怀模式 change what the page computes and last from page to page;
the layout holds at 360 px at the largest text; an item prints without the site around
it; its QR code reads back as its own address; the keyboard reaches the content first
and never lands in the closed drawer; 朗读 hands the title and body to speechSynthesis.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from test_accessibility import PAGES, set_care

from conftest import edit, gongkai

in_browser = pytest.mark.browser
ITEM = PAGES["item"]


def text_px(page: Page, selector: str = ".md-content__inner") -> float:
    """The body text's size in px (the article's own; crumbs and tables are smaller)."""
    return float(
        page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    )


def phone(browser: Browser, **options: object) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 800}, **options)
    yield context.new_page()
    context.close()


@pytest.fixture
def small_phone(browser: Browser) -> Iterator[Page]:
    yield from phone(browser)


@in_browser
def test_text_size_changes_the_text_and_lasts_to_the_next_page(page: Page, demo_url: str) -> None:
    page.goto(demo_url + ITEM)
    middle = text_px(page)
    toolbar = page.get_by_role("group", name="阅读辅助")
    expect(toolbar.get_by_role("button", name="中")).to_have_attribute("aria-pressed", "true")
    toolbar.get_by_role("button", name="大").click()
    large = text_px(page)
    assert large >= middle * 1.2
    expect(toolbar.get_by_role("button", name="大")).to_have_attribute("aria-pressed", "true")
    expect(toolbar.get_by_role("button", name="中")).to_have_attribute("aria-pressed", "false")

    page.goto(demo_url + PAGES["column"])  # another page, another kind
    assert text_px(page) == large
    expect(page.get_by_role("button", name="大")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="小").click()
    assert text_px(page) < middle
    page.get_by_role("button", name="中").click()
    assert text_px(page) == middle
    page.reload()
    assert text_px(page) == middle
    assert page.evaluate("document.documentElement.hasAttribute('data-gk-size')") is False


@in_browser
def test_settings_are_on_the_page_before_its_body_is_parsed(page: Page, demo_url: str) -> None:
    """No flash of the default size: the head script sets them before <body> exists."""
    page.goto(demo_url + ITEM)
    page.get_by_role("button", name="大").click()
    set_care(page, True)
    page.add_init_script(
        """new MutationObserver((changes, self) => {
             if (document.body) {
               window.gkAtBody = [document.documentElement.getAttribute("data-gk-size"),
                                  document.documentElement.getAttribute("data-gk-care")];
               self.disconnect();
             }
           }).observe(document, {childList: true, subtree: true});"""
    )
    page.goto(demo_url + PAGES["year"])
    assert page.evaluate("window.gkAtBody") == ["l", "on"]


@in_browser
def test_care_mode_is_large_spaced_contrasting_and_still(page: Page, demo_url: str) -> None:
    page.goto(demo_url + ITEM)
    normal = text_px(page)
    care = page.get_by_role("button", name="关怀模式")
    expect(care).to_have_attribute("aria-pressed", "false")
    care.click()
    expect(care).to_have_attribute("aria-pressed", "true")
    assert text_px(page) >= max(18, normal * 1.15)
    style = page.locator(".md-content__inner .gk-body p").first.evaluate(
        """e => { const s = getComputedStyle(e);
                  return [parseFloat(s.fontSize), parseFloat(s.lineHeight),
                          parseFloat(s.marginTop), parseFloat(s.marginBottom), s.color]; }"""
    )
    size, line, above, below, color = style
    assert line / size >= 1.3  # 行距 ≥ 1.3
    assert min(above, below) >= 1.3 * line  # 段距 ≥ 1.3 倍行距
    assert color == "rgb(0, 0, 0)"  # high contrast: black on white
    for button in page.locator(".gk-reading__button:visible").all():
        box = button.bounding_box()
        assert box is not None and box["width"] >= 60 and box["height"] >= 60
    assert page.locator(".md-sidebar--primary").evaluate(
        "e => getComputedStyle(e).transitionDuration.split(',').every(d => parseFloat(d) === 0)"
    )
    page.goto(demo_url + PAGES["guide"])  # it lasts
    expect(page.get_by_role("button", name="关怀模式")).to_have_attribute("aria-pressed", "true")
    assert text_px(page) >= 18
    page.get_by_role("button", name="关怀模式").click()
    assert text_px(page) == normal


@in_browser
def test_toolbar_buttons_are_44_px_and_focus_is_seen(page: Page, demo_url: str) -> None:
    page.goto(demo_url + ITEM)
    for button in page.locator(".gk-reading__button:visible").all():
        box = button.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44
    page.locator(".gk-reading__button").first.focus()
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@in_browser
@pytest.mark.parametrize("size", ["normal", "largest"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_sideways_scroll_on_a_phone(
    small_phone: Page, demo_url: str, kind: str, size: str
) -> None:
    page = small_phone
    page.goto(demo_url + PAGES[kind])
    if size == "largest":
        page.get_by_role("button", name="大").click()
        set_care(page, True)
    if kind == "search":
        page.locator(".gk-hit").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")


@in_browser
def test_a_wide_table_scrolls_in_its_own_box_by_keyboard(small_phone: Page, demo_url: str) -> None:
    page = small_phone
    page.goto(demo_url + "reports/2024/")
    boxes = page.locator(".gk-scrolls")
    assert boxes.count() >= 1
    for box in boxes.all():
        assert box.get_attribute("tabindex") == "0"
        assert box.get_attribute("role") == "region"
        assert box.get_attribute("aria-label")
        assert box.evaluate("e => e.scrollWidth > e.clientWidth")
        hint = box.evaluate("e => getComputedStyle(e, '::before').content")
        assert "左右滑动" in hint
    box = boxes.first
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle(), timeout=2000)


@in_browser
def test_printed_item_is_header_body_and_address(page: Page, demo_url: str) -> None:
    page.goto(demo_url + ITEM)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer",
                   ".gk-reading", ".gk-header-search", ".md-skip"):  # fmt: skip
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    for content in ("h1", ".gk-meta", ".gk-body", ".gk-qr"):
        expect(page.locator(f".md-content__inner {content}").first).to_be_visible()
    address = page.locator("link[rel=canonical]").get_attribute("href")
    assert address and address.endswith(ITEM)
    expect(page.locator(".gk-qr__url")).to_have_text(f"本页地址：{address}")
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()


@in_browser
def test_qr_code_reads_back_as_the_page_own_address(page: Page, demo_url: str) -> None:
    page.goto(demo_url + ITEM)
    qr = page.locator(".gk-qr")
    expect(qr).to_contain_text("扫一扫在手机打开当前页")
    code = qr.get_by_role("img")
    shot = Image.open(io.BytesIO(code.screenshot()))
    found = [result.text for result in zxingcpp.read_barcodes(shot)]
    address = page.locator("link[rel=canonical]").get_attribute("href")
    assert found == [address]
    assert address == "https://xxgk.example.gov.cn/" + ITEM  # site_url + the item's URL
    assert address in (code.get_attribute("aria-label") or "")  # its text alternative


@in_browser
def test_keyboard_reaches_the_content_first(browser: Browser, demo_url: str) -> None:
    for width in (360, 1280):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(demo_url + ITEM)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className").startswith("md-skip")
        page.keyboard.press("Enter")  # the second press: the content has the focus
        focused = page.evaluate("document.activeElement.outerHTML")
        assert focused.startswith("<h1"), focused[:80]
        assert page.evaluate("document.activeElement.closest('.md-content__inner') !== null")
        context.close()


def focus_path(page: Page, presses: int) -> list[str]:
    """Where each of ``presses`` Tab presses lands: inside the drawer or not, and what."""
    out = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        out.append(page.evaluate(
            """(e => (e.closest('.md-sidebar--primary') ? 'drawer: ' : '') +
                     e.tagName + ' ' + e.textContent.trim().slice(0, 10))(document.activeElement)"""
        ))  # fmt: skip
    return out


@in_browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_closed_drawer_takes_no_tab_stop(browser: Browser, demo_url: str, javascript: bool) -> None:
    for page in phone(browser, java_script_enabled=javascript):
        page.goto(demo_url + ITEM)
        stops = focus_path(page, 25)
        assert not [s for s in stops if s.startswith("drawer")], stops
        if not javascript:
            expect(page.locator(".gk-reading")).to_be_hidden()  # its buttons need the script
            expect(page.locator("h1")).to_be_visible()


@in_browser
def test_drawer_opens_from_the_keyboard_and_closes_with_escape(
    small_phone: Page, demo_url: str
) -> None:
    page = small_phone
    page.goto(demo_url + ITEM)
    menu = page.get_by_role("button", name="导航菜单")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    stops = focus_path(page, 3)
    assert all(s.startswith("drawer") for s in stops), stops
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "导航菜单"


@in_browser
def test_header_search_shows_its_focus(page: Page, demo_url: str) -> None:
    page.goto(demo_url + ITEM)
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "gk-header-q":
            break
    assert page.evaluate("document.activeElement.id") == "gk-header-q"
    style = page.evaluate(
        "(s => [s.outlineStyle, parseFloat(s.outlineWidth)])(getComputedStyle(document.activeElement))"
    )
    assert style[0] != "none" and style[1] >= 2


STUB = """
window.gkSpoken = []; window.gkCancelled = 0;
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speak(u) { window.gkSpoken.push({ text: u.text, lang: u.lang }); },
  cancel() { window.gkCancelled += 1; },
  getVoices() { return []; },
}});
"""


@in_browser
def test_read_aloud_speaks_the_title_and_body_in_chinese(page: Page, demo_url: str) -> None:
    page.add_init_script(STUB)
    page.goto(demo_url + ITEM)
    title = page.locator("h1").inner_text()
    body = page.locator(".gk-body p").first.inner_text()
    speak = page.get_by_role("button", name="朗读", exact=True)
    expect(speak).to_be_visible()
    speak.click()
    spoken = page.evaluate("window.gkSpoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "zh-CN"
    assert title in spoken[0]["text"] and body in spoken[0]["text"]
    assert "信息索引号" not in spoken[0]["text"]  # the body, not the metadata header
    expect(speak).to_have_attribute("aria-pressed", "true")
    stop = page.get_by_role("button", name="停止朗读")
    stop.click()
    assert page.evaluate("window.gkCancelled") >= 2
    expect(speak).to_have_attribute("aria-pressed", "false")
    expect(stop).to_be_hidden()


@in_browser
def test_read_aloud_is_only_where_it_can_work(page: Page, demo_url: str) -> None:
    page.add_init_script('Object.defineProperty(window, "speechSynthesis", {value: undefined});')
    page.goto(demo_url + ITEM)
    expect(page.get_by_role("button", name="打印")).to_be_visible()
    expect(page.locator("button[data-gk-speak]")).to_be_hidden()
    page.goto(demo_url + PAGES["column"])  # not an item: nothing to read or print
    assert page.locator("button[data-gk-speak], button[data-gk-print]").count() == 0


def built_item(site: Path) -> str:
    pages = sorted((site / "items").glob("*/index.html"))
    assert pages
    return pages[0].read_text(encoding="utf-8")


def test_qr_follows_site_url_under_a_base_path_and_can_be_switched_off(small: Path) -> None:
    proc = gongkai("build", "--root", str(small), "--site-dir", str(small / "none"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = built_item(small / "none")
    assert 'class="gk-body"' in html
    assert "gk-qr" not in html  # no site_url: no address to encode
    assert 'class="gk-reading"' in html

    config = small / "mkdocs.yml"
    edit(config, "site_name:", "site_url: https://www.example.gov.cn/xxgk/\nsite_name:", 1)
    proc = gongkai("build", "--root", str(small), "--site-dir", str(small / "based"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = built_item(small / "based")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert canonical and canonical[1].startswith("https://www.example.gov.cn/xxgk/items/")
    assert f"本页地址：{canonical[1]}</span>" in html
    assert html.count('<svg role="img"') == 1

    config.write_text(
        config.read_text("utf-8") + "extra:\n  qr_code: false\n  reading_aids: false\n", "utf-8"
    )
    proc = gongkai("build", "--root", str(small), "--site-dir", str(small / "off"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = built_item(small / "off")
    assert "gk-qr" not in html and 'class="gk-reading"' not in html and "reading.js" not in html
