"""Each body is converted once: the page render leaves its text for the search index."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from generator import search
from generator.check.run import run
from generator.search.document import body_text


def test_the_text_a_page_render_leaves_is_the_text_search_would_make(demo_site: Path) -> None:
    portal = run(REPO).portal()
    texts = search.Texts(REPO / search.TEXTS_DIR, search.CODE)
    markdown = portal.catalogue.markdown
    assert portal.items
    for item in portal.items:
        left = texts.get(texts.key(item.body, markdown))
        assert left is not None, f"{item.slug}: the page render left no text"
        assert left == body_text(item.body, markdown), item.slug


def test_the_body_mark_is_not_in_any_page(demo_site: Path) -> None:
    from generator.pages.items import BODY_MARK

    pages = list(demo_site.rglob("*.html"))
    assert len(pages) > 50
    assert not [p for p in pages if BODY_MARK in p.read_text(encoding="utf-8")]
