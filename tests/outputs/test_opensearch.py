"""opensearch.xml, and the link to it in every page's head."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

from lxml import html

from conftest import REPO
from generator.outputs.opensearch import NAMESPACE
from generator.source.catalogue import load_settings

NS = {"o": NAMESPACE}


def test_the_description_names_the_portal_and_its_search_page(demo_site: Path) -> None:
    root = ElementTree.parse(demo_site / "opensearch.xml").getroot()
    assert root.tag == f"{{{NAMESPACE}}}OpenSearchDescription"
    name = load_settings(REPO, []).name
    short = root.findtext("o:ShortName", namespaces=NS)
    assert short and len(short) <= 16 and name.startswith(short)
    assert root.findtext("o:LongName", namespaces=NS) == name
    (url,) = root.findall("o:Url", NS)
    assert url.get("type") == "text/html"
    assert url.get("template") == "https://xxgk.example.gov.cn/search/?q={searchTerms}"


def test_every_page_links_it_in_its_head(demo_site: Path) -> None:
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        rel = page.relative_to(demo_site).as_posix()
        (link,) = (
            html.parse(page)
            .getroot()
            .xpath('//head/link[@rel="search"][@type="application/opensearchdescription+xml"]')
        )
        if rel == "404.html":  # served at any depth: MkDocs writes its links from the root
            continue
        target = urljoin("https://x/" + rel, link.get("href")).removeprefix("https://x/")
        assert target == "opensearch.xml", rel
