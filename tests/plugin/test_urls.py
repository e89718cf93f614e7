"""A page's address written out (plugin/urls.py) is the one MkDocs' own ``File.url`` gives."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from mkdocs.structure.files import File

from conftest import BUILT, REPO
from generator.check.run import run
from generator.model.layout import (
    APPLY_PATH,
    FORM_PATH,
    GUIDE_PATH,
    OPEN_DATA,
    OPENSEARCH,
    REPORTS,
    column_path,
    export_path,
    feed_path,
    report_path,
    updates_path,
    year_path,
)
from generator.pages import compile_pages
from generator.plugin.urls import page_url, place

BASES = ("", "https://xxgk.example.gov.cn/", "https://www.example.gov.cn/xxgk/", "/xxgk/")

# Paths beyond the demo's pages: hand-written pages (Chinese names, README, spaces),
# files that are not pages, and paths MkDocs normalises (handed to MkDocs itself).
OTHERS = [
    "index.md", "README.md", "about.md", "政策/README.md", "政策/解读 2025.md", "a/b/index.md",
    "notes.markdown", "x.mkd", "items/3301--2025--0001.md", column_path("czyjs", 3, 2024),
    column_path("czyjs", in_force=True), updates_path(2), year_path(2025, 4), REPORTS,
    report_path(2025), report_path(2025, "czj"), GUIDE_PATH, APPLY_PATH, OPEN_DATA,
    FORM_PATH, OPENSEARCH, feed_path(), export_path("csv", "czj"), "files/预算表.xlsx",
    "./about.md", "a//b.md", "a/./b.md", "a/../b.md", "/abs.md", "dir/", "a?b#c.md",
]  # fmt: skip


def mkdocs_url(base: str, path: str, directory_urls: bool) -> str:
    """What the plugin asked MkDocs for before: a File's URL joined to the site's address."""
    url = File(path, "", "", directory_urls).url
    return urljoin(base, url) if base else url


@pytest.fixture(scope="module")
def demo_paths() -> list[str]:
    """Every page the demo compiles: each kind of path the layout makes."""
    return [page.path for page in compile_pages(run(REPO).portal(day=BUILT))]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("base", BASES)
def test_every_page_has_the_address_mkdocs_gives_it(
    demo_paths: list[str], base: str, directory_urls: bool
) -> None:
    assert len({p.split("/")[0] for p in demo_paths}) >= 10  # items, columns, years …
    for path in demo_paths + OTHERS:
        assert page_url(base, path, directory_urls) == mkdocs_url(base, path, directory_urls), path


def test_the_rule_itself() -> None:
    """Not only equal to MkDocs: the addresses a reader sees."""
    base = "https://www.example.gov.cn/xxgk/"
    assert page_url(base, "index.md", True) == base
    assert page_url(base, "items/3301--2025--0001.md", True) == base + "items/3301--2025--0001/"
    assert page_url(base, "columns/czyjs/2.md", False) == base + "columns/czyjs/2.html"
    assert page_url("", "政策/README.md", True) == "%E6%94%BF%E7%AD%96/"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_placed_page_has_the_destination_and_url_mkdocs_gives_it(
    demo_paths: list[str], directory_urls: bool
) -> None:
    for path in [*demo_paths, *OTHERS]:
        ours, theirs = (
            File(path, None, "/site", directory_urls),
            File(path, None, "/site", directory_urls),
        )
        place(ours)
        assert (ours.dest_uri, ours.url, ours.abs_dest_path) == (
            theirs.dest_uri,
            theirs.url,
            theirs.abs_dest_path,
        ), path
