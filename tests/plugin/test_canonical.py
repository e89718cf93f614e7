"""Pages' canonical URLs joined by plugin/canonical.py are those MkDocs' ``urljoin`` gives."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.plugin.canonical import canonical, quick_canonical_urls

BASES = [
    "https://xxgk.example.gov.cn/",
    "https://www.example.gov.cn/xxgk/",
    "http://10.0.0.1:8000/公开/",
    "https://www.example.gov.cn/a%20b/",
    # Where urljoin does more than append: left to it.
    "HTTPS://www.example.gov.cn/",
    "https://www.example.gov.cn//xxgk/",
    "https://www.example.gov.cn/./xxgk/",
    "https://www.example.gov.cn/xxgk/?from=portal/",
    "https://www.example.gov.cn/xxgk/#top/",
    "ftp://example.gov.cn/",
    "/xxgk/",
]
URLS = [
    "", "items/330110-0001-2024-000123/", "items/a.html", "columns/czzj/2024/page-2/",
    "%E5%85%AC%E5%BC%80/", "sitemap.xml", "./", "../up/", "a/../b/", "a//b/", "/abs/",
    "?q=1", "#x", "mailto:a@b", "a/./b", ".hidden/", "a\\b",
]  # fmt: skip


def mkdocs_join(base: str, url: str) -> tuple[str, str]:
    joined = urljoin(base, url)
    return joined, urlsplit(joined).path


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("url", URLS)
def test_a_joined_url_is_urljoins_or_left_to_it(base: str, url: str) -> None:
    found = canonical(base, url)
    if found is not None:
        assert found == mkdocs_join(base, url)


def test_a_plain_site_and_page_are_joined_here() -> None:
    assert canonical(BASES[1], URLS[1]) is not None
    assert canonical(BASES[0], "") is not None
    assert canonical("HTTPS://www.example.gov.cn/", "a/") is None
    assert canonical(BASES[0], "a/../b/") is None


@given(
    st.sampled_from(BASES[:4]),
    st.text(st.sampled_from("ab./%:?#\\-_~中"), max_size=12),
)
def test_any_address_comes_out_as_urljoin_makes_it(base: str, url: str) -> None:
    found = canonical(base, url)
    if found is not None:
        assert found == mkdocs_join(base, url)


@pytest.mark.parametrize("site_url", ["https://www.example.gov.cn/xxgk", "", None])
@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_pages_get_the_urls_mkdocs_gives_them(
    site_url: str | None, use_directory_urls: bool
) -> None:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_url": site_url,
                      "use_directory_urls": use_directory_urls})  # fmt: skip
    assert not config.validate()[0]
    paths = ["index.md", "items/330110-0001-2024-000123.md", "columns/czzj/page-2.md",
             "公开/指南.md", "a b/c.md", "guide/index.md"]  # fmt: skip
    theirs = []
    for path in paths:
        page = Page(None, File(path, "docs", "site", use_directory_urls), config)
        theirs.append((page.canonical_url, page.abs_url))
    with quick_canonical_urls():
        ours, urls = [], []
        for path in paths:
            page = Page(None, File(path, "docs", "site", use_directory_urls), config)
            ours.append((page.canonical_url, page.abs_url))
            urls.append(page.url)
    assert ours == theirs
    if site_url:  # joined here, not by urljoin
        assert all(canonical(site_url + "/", url) for url in urls)
        assert ours[1][0] == f"{site_url}/items/330110-0001-2024-000123" + (
            "/" if use_directory_urls else ".html"
        )
