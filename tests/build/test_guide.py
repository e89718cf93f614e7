"""政府信息公开指南, 依申请公开 and the 申请表 as residents meet them: built from catalogue/,
following it when it changes, the form downloadable and readable by Word's own format,
and the home page's column grid on a phone's first screen."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import lxml.html
import pytest
from playwright.sync_api import Browser, Page

from generator.check.run import run
from generator.model.catalogue import Catalogue
from generator.outputs.form import form_document
from generator.pages.registry import Context
from generator.source.catalogue import load_catalogue
from tests.conftest import BUILT, REPO, edit, gongkai
from tests.loopback import serving

CATALOGUE = load_catalogue(REPO)
PAGES = ("guide/", "apply/")
FORM = "apply/application-form.docx"


def text_of(site: Path, page: str) -> str:
    """A page's visible text, blanks folded (as a reader sees it, not its markup)."""
    tree = lxml.html.fromstring((site / page / "index.html").read_text(encoding="utf-8"))
    return " ".join(tree.xpath("string(//article)").split())


def contacts(catalogue: Catalogue) -> list[str]:
    return [
        value
        for dep in catalogue.departments
        for value in (
            dep.name,
            dep.contact.office,
            dep.contact.address,
            dep.contact.hours,
            dep.contact.phone,
            dep.contact.fax,
            dep.contact.email,
        )
        if value
    ]


@pytest.mark.parametrize("page", PAGES)
def test_pages_give_every_departments_contacts(demo_site: Path, page: str) -> None:
    text = text_of(demo_site, page)
    missing = [value for value in contacts(CATALOGUE) if value not in text]
    assert missing == []
    guide = CATALOGUE.guide
    assert guide is not None
    assert f"{guide.limits.answer_days} 个工作日内予以答复" in text  # the limits filled in
    assert "{" not in text  # no placeholder left unfilled
    for wanted in guide.contents:
        assert guide.fill(wanted) in text


def test_guide_says_what_is_published_where(demo_site: Path) -> None:
    html = (demo_site / "guide/index.html").read_text(encoding="utf-8")
    text = text_of(demo_site, "guide/")
    for col in CATALOGUE.all_columns():
        assert col.description in text
        assert f'href="../columns/{col.id}/"' in html
    assert 'href="../search/"' in html and 'href="../apply/"' in html
    for words in ("行政复议", "行政诉讼", "第二十九条", "第三十三条", "第四十二条"):
        assert words in text
    # the column listing of guide items links to the guide and back
    assert 'href="../columns/zhinan/"' in html


def test_a_changed_phone_number_changes_the_pages_and_the_form(demo_copy: Path) -> None:
    edit(demo_copy / "catalogue/departments.yml", "0571-85800220", "0571-86669999")
    edit(demo_copy / "catalogue/guide.yml", "answer_days: 20", "answer_days: 15")
    site = demo_copy / "built"
    proc = gongkai("build", "--root", str(demo_copy), "--site-dir", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in PAGES:
        text = text_of(site, page)
        assert "0571-86669999" in text and "0571-85800220" not in text
        assert "15 个工作日内予以答复" in text
    assert "0571-86669999" in form_text((site / FORM).read_bytes())


def form_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_form_has_the_national_layout_and_the_bodys_name(demo_site: Path) -> None:
    document = docx.Document(str(demo_site / FORM))
    guide = CATALOGUE.guide
    assert guide is not None
    assert document.paragraphs[0].text == "政府信息公开申请表"
    assert document.core_properties.title == "政府信息公开申请表"
    text = form_text((demo_site / FORM).read_bytes())
    assert CATALOGUE.settings.identity.host in text
    labels = {c.text for t in document.tables for row in t.rows for c in row.cells}
    for wanted in ("姓名", "证件类型", "证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱",
                   "名称", "统一社会信用代码", "法定代表人", "联系人", "所需信息的名称",
                   "文号或其他特征描述", "所需信息的用途（选填）"):  # fmt: skip
        assert wanted in labels
    assert any("□ 纸质" in label and "□ 电子邮件" in label for label in labels)
    assert any("□ 自行领取" in label for label in labels)
    for dep in CATALOGUE.departments:
        assert dep.name in text and dep.contact.address in text


def test_form_is_the_same_bytes_on_every_build() -> None:
    # a split build's parts each write it and `gongkai assemble` compares them byte for byte
    guide = CATALOGUE.guide
    assert guide is not None
    first = form_document(CATALOGUE, guide, BUILT)
    time.sleep(2.1)  # zip entries are dated to two seconds
    assert form_document(CATALOGUE, guide, BUILT) == first
    assert form_document(CATALOGUE, guide, BUILT.replace(day=2)) != first


def test_mistakes_in_guide_yml_name_file_line_and_field(demo_copy: Path) -> None:
    path = demo_copy / "catalogue/guide.yml"
    edit(path, "{answer_days} 个工作日内", "{answer_day} 个工作日内")
    edit(path, "  extension_days: 20", "  extension_days: 二十")
    edit(path, "column: zhinan", "column: nosuch")
    edit(path, "    contact: fax", "    contact: telex")
    lines = path.read_text(encoding="utf-8").splitlines()
    result = run(demo_copy)
    assert not result.ok
    found = {(p.path, p.line, p.field): p.message for p in result.errors}

    def line(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if text in line)

    rel = "catalogue/guide.yml"
    assert "未知的占位符 {answer_day}" in found[(rel, line("time: |-"), "time")]
    assert "正整数" in found[(rel, line("  extension_days:"), "limits.extension_days")]
    assert "nosuch" in found[(rel, line("column: nosuch"), "column")]
    assert "telex" not in found[(rel, line("contact: telex"), "channels.3.contact")]
    assert "fax" in found[(rel, line("contact: telex"), "channels.3.contact")]
    proc = gongkai("check", "--root", str(demo_copy))
    assert proc.returncode != 0
    assert f"{rel}:{line('column: nosuch')}" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_portal_without_guide_yml_still_builds(demo_copy: Path) -> None:
    (demo_copy / "catalogue/guide.yml").unlink()
    edit(
        demo_copy / "mkdocs.yml",
        "  - 公开指南: guide/index.md\n  - 依申请公开: apply/index.md\n",
        "",
    )
    site = demo_copy / "built"
    proc = gongkai("build", "--root", str(demo_copy), "--site-dir", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (site / "guide").exists() and not (site / FORM).exists()
    assert 'href="guide/"' not in (site / "index.html").read_text(encoding="utf-8")


# -- in the browser ---------------------------------------------------------------------

pytestmark_browser = pytest.mark.browser


@pytest.fixture
def phone(browser: Browser) -> Page:
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 800},
                                  accept_downloads=True)  # fmt: skip
    return context.new_page()


@pytestmark_browser
def test_the_form_downloads_from_the_apply_page_and_opens(
    phone: Page, demo_url: str, tmp_path: Path
) -> None:
    phone.goto(demo_url + "apply/")
    with phone.expect_download() as info:
        phone.get_by_role("link", name="下载政府信息公开申请表（Word 文档）").first.click()
    download = info.value
    assert download.suggested_filename == "政府信息公开申请表.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert CATALOGUE.departments[0].contact.address in form_text(saved.read_bytes())


@pytestmark_browser
@pytest.mark.parametrize("path", ["", *PAGES, "columns/zhinan/"])
def test_no_horizontal_scroll_on_a_phone(phone: Page, demo_url: str, path: str) -> None:
    phone.goto(demo_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@pytestmark_browser
def test_home_first_screen_on_a_phone_shows_the_column_grid(phone: Page, demo_url: str) -> None:
    phone.goto(demo_url)
    tiles = phone.locator("ul.gk-columns > li")
    domains = [c for c in CATALOGUE.columns if not c.fixed]
    counts = {k: len(v) for k, v in Context.of(run(REPO).portal()).index.by_column.items()}
    assert tiles.count() == len(domains)
    boxes = [tiles.nth(i).bounding_box() for i in range(tiles.count())]
    assert all(b is not None and b["y"] + b["height"] <= 800 for b in boxes), boxes
    assert all(b is not None and b["x"] >= 0 and b["x"] + b["width"] <= 360 for b in boxes)
    assert len({b["y"] for b in boxes if b}) < len(boxes)  # tiles side by side, not a list
    for i, col in enumerate(domains):
        assert tiles.nth(i).inner_text().split()[:3] == [col.name, str(counts[col.id]), "条"]
    # the ways in after the grid: newest items, guide, apply, departments, years, reports
    headings = phone.locator("article h2").all_inner_texts()
    assert headings[:2] == ["重点领域信息公开", "最新公开"]
    for link in ("政府信息公开指南", "依申请公开"):
        assert phone.get_by_role("link", name=link).count() >= 1


@pytestmark_browser
def test_the_header_keeps_the_whole_site_name_on_a_phone(phone: Page, demo_url: str) -> None:
    phone.goto(demo_url + "apply/")
    name = phone.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().strip() == CATALOGUE.settings.name
    fits = "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"
    assert name.evaluate(fits)


@pytestmark_browser
def test_footer_and_nav_lead_to_guide_and_apply(phone: Page, demo_url: str) -> None:
    phone.goto(demo_url + "items/330103--2017--0510/")
    footer = phone.locator(".gk-footer")
    footer.get_by_role("link", name="政府信息公开指南").click()
    assert phone.locator("h1").inner_text() == "政府信息公开指南"
    phone.locator(".gk-footer").get_by_role("link", name="依申请公开").click()
    assert phone.locator("h1").inner_text() == "依申请公开"


@pytestmark_browser
def test_links_and_form_work_under_a_base_path(demo_copy: Path, browser: Browser) -> None:
    # a portal served below the host's root (site_url with a path), as many gov.cn hosts do
    edit(demo_copy / "mkdocs.yml", "site_url: https://xxgk.example.gov.cn/",
         "site_url: https://www.example.gov.cn/xxgk/")  # fmt: skip
    served = demo_copy / "host"
    proc = gongkai("build", "--root", str(demo_copy), "--site-dir", str(served / "xxgk"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    with serving(served) as url:
        tab.goto(url + "xxgk/items/330103--2017--0510/")
        tab.locator(".gk-footer").get_by_role("link", name="政府信息公开指南").click()
        assert tab.url == url + "xxgk/guide/"
        tab.get_by_role("link", name="依申请公开").first.click()
        assert tab.url == url + "xxgk/apply/"
        with tab.expect_download() as info:
            tab.get_by_role("link", name="下载政府信息公开申请表（Word 文档）").first.click()
        saved = demo_copy / "form.docx"
        info.value.save_as(saved)
        assert CATALOGUE.departments[-1].contact.address in form_text(saved.read_bytes())
        tab.goto(url + "xxgk/")
        tab.locator("ul.gk-columns a").first.click()
        assert tab.url.startswith(url + "xxgk/columns/")
    context.close()
