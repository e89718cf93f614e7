"""The 开放数据 page: every file it lists is there, with the size it says; every field is
documented from catalogue/; the home page and every footer link to it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from lxml import html

from conftest import REPO
from generator.check.run import run
from generator.pages.items import size
from generator.schema.export import EXTRAS, PRIVATE_TYPES

PAGE = "open-data/"


def target(site: Path, page: str, href: str) -> Path:
    return site / unquote(urljoin("https://x/" + page, href).removeprefix("https://x/"))


@pytest.fixture(scope="module")
def doc(demo_site: Path) -> html.HtmlElement:
    return html.parse(demo_site / PAGE / "index.html").getroot()


def test_every_file_listed_is_there_with_its_size(demo_site: Path, doc: html.HtmlElement) -> None:
    listed = 0
    for row in doc.xpath("//article//table//tr[td]"):
        for link in row.xpath(".//a[code]"):
            path = target(demo_site, PAGE, link.get("href"))
            assert path.is_file(), link.get("href")
            if path.name.startswith("sitemap"):
                continue  # written after the pages: no size given
            assert size(path.stat().st_size) in row.text_content()
            listed += 1
    assert listed >= 3 + 2 * 14 + 1 + 14  # site files, each department's two, the feeds
    text = doc.text_content()
    for name in ("catalogue.json", "catalogue.csv", "catalogue.schema.json", "opensearch.xml"):
        assert name in text


def test_every_exported_field_is_documented(doc: html.HtmlElement) -> None:
    catalogue = run(REPO).catalogue
    assert catalogue is not None
    (table,) = [t for t in doc.xpath("//article//table") if "字段名" in t.text_content()]
    documented = {
        row.xpath("td")[0].text_content(): [td.text_content() for td in row.xpath("td")]
        for row in table.xpath(".//tr[td]")
    }
    for spec in catalogue.fields:
        if spec.type in PRIVATE_TYPES:
            assert spec.key not in documented
            continue
        _, label, _, values, help_text = documented[spec.key]
        assert label == spec.label and help_text == spec.help
        if spec.type in ("choice", "dated_choice"):
            assert values.split(" / ") == list(catalogue.vocabulary_of(spec.key).values)
    assert {e.key for e in EXTRAS} <= set(documented)


@pytest.mark.parametrize("page", ["", "items/330103--2017--0510/", "columns/czzj/"])
def test_the_home_page_and_the_footer_link_it(demo_site: Path, page: str) -> None:
    doc = html.parse(demo_site / page / "index.html").getroot()
    places = ["//footer//a[normalize-space(.)='开放数据']"]
    if not page:
        places.append("//article//a[normalize-space(.)='开放数据']")
    for where in places:
        (link,) = doc.xpath(where)
        assert target(demo_site, page, link.get("href")) in {
            demo_site / PAGE,
            demo_site / PAGE / "index.html",
        }
