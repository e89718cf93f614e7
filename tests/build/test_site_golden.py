"""Golden HTML: what a citizen receives, page by page, compared whole with the copies in
tests/golden/site/ (named ``<page>.golden``: they are output to compare, not source).

One page of each kind of the demo portal, chosen from the model by what it is. Only
the fingerprints Material puts into its asset names are normalised; any other change
to a page shows. After an intended change, refresh with ``make golden`` and read the
diff in review like any other change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
from pathlib import Path

from conftest import REPO
from generator.check.run import run

GOLDEN = REPO / "tests" / "golden" / "site"
UPDATE = bool(os.environ.get("GONGKAI_UPDATE_GOLDEN"))
# assets/stylesheets/main.57a0d79d.min.css -> assets/stylesheets/main.HASH.min.css
FINGERPRINT = re.compile(r"(assets/[\w/.-]*?)\.[0-9a-f]{8}(\.min\.(?:css|js))")
# An item's publication register is this repository's git history, which every commit
# adds to: its rows are left out here (tests/build/test_history_pages.py covers them).
HISTORY = re.compile(r'(<details class="gk-history">).*?(</details>)', re.S)


def pages_of_each_kind() -> dict[str, str]:
    """Site path -> what kind of page it is, one page (at least) of each kind."""
    portal = run(REPO).portal()
    catalogue = portal.catalogue
    doc_types = catalogue.vocabulary_of("doc_type")

    def role(doc_type: str) -> str:
        term = doc_types.term(doc_type)
        return term.role if term else ""

    items = sorted(portal.items, key=lambda i: i.index_no)
    repealed = next(i for i in items if not i.in_force and i.superseded_by)
    amended = next(i for i in items if i.in_force and i.status.term and i.status.term.mark)
    interpretation = next(i for i in items if role(i.doc_type) == "interpretation")
    interpreted = {no for i in items for no in i.interprets}
    original = next(i for i in items if i.index_no in interpreted and i.expires)
    expired = next(i for i in items if i.expires and i.expires < dt.date(2026, 12, 1))
    current = expired.columns[0]  # its listing has documents in force and one not
    ordinary = next(i for i in items if not (i.status.term and i.status.term.mark) and
                    not role(i.doc_type) and i.related)  # fmt: skip
    top = next(c for c in catalogue.columns if not c.fixed and c.children)
    sub = top.children[0]
    year = max(i.year for i in items)
    reports = sorted(portal.reports, key=lambda r: (r.year, r.department))
    written = next(r for r in reversed(reports) if r.texts and not r.department)
    before = next(r for r in reports if r.format.first is None)  # the pre-2019 layout
    return {
        "index.html": "home",
        "columns/index.html": "the column tree",
        f"columns/{top.id}/index.html": "a key-domain column with sub-columns",
        f"columns/{sub.id}/index.html": "a sub-column",
        "departments/index.html": "the departments",
        f"departments/{catalogue.departments[0].id}/index.html": "a department",
        "years/index.html": "the years",
        f"years/{year}/index.html": "a year",
        f"items/{ordinary.slug}/index.html": "an item in force, with related items",
        f"items/{repealed.slug}/index.html": "a repealed item (banner, successor)",
        f"items/{amended.slug}/index.html": "an amended item (banner, what amended it)",
        f"items/{interpretation.slug}/index.html": "an interpretation (政策解读, 原文)",
        f"items/{original.slug}/index.html": "an original with its interpretations, 有效期至",
        f"items/{expired.slug}/index.html": "a document past its 有效期至 (已失效)",
        f"columns/{current.id}/in-force/index.html": "a column's documents in force (现行有效)",
        "reports/index.html": "the annual reports (公开年报), newest first",
        f"reports/{written.year}/index.html": "a year's annual report with its text and charts",
        f"reports/{before.year}/{before.department}/index.html": "a department's, pre-2019",
        "search/index.html": "the search page",
        "guide/index.html": "the disclosure guide (公开指南), from catalogue/guide.yml",
        "apply/index.html": "how to apply (依申请公开), with the form to download",
        "about/index.html": "a hand-written page",
        "404.html": "not found",
    }


def copy(rel: str) -> Path:
    """Where the golden copy of site page ``rel`` is kept."""
    return GOLDEN / f"{rel}.golden"


def normalised(path: Path) -> str:
    text = FINGERPRINT.sub(r"\1.HASH\2", path.read_text(encoding="utf-8"))
    return HISTORY.sub(r"\1(git history)\2", text)


def diff(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "golden", name, lineterm=""
    )
    return "\n".join(list(lines)[:40])


def test_the_html_of_each_kind_of_page(demo_site: Path) -> None:
    chosen = pages_of_each_kind()
    actual = {rel: normalised(demo_site / rel) for rel in chosen}
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in actual.items():
            copy(rel).parent.mkdir(parents=True, exist_ok=True)
            copy(rel).write_text(text, encoding="utf-8")
    stored = sorted(
        p.relative_to(GOLDEN).as_posix()[: -len(".golden")] for p in GOLDEN.rglob("*.golden")
    )
    assert stored == sorted(chosen), "pages added or removed; run `make golden`"
    for rel, text in actual.items():
        expected = copy(rel).read_text(encoding="utf-8")
        assert text == expected, f"{rel} ({chosen[rel]}) differs; run `make golden`\n" + diff(
            expected, text, rel
        )


def test_only_asset_fingerprints_are_normalised() -> None:
    html = '<link href="../assets/stylesheets/main.57a0d79d.min.css"><a href="items/2023-0001/">'
    assert FINGERPRINT.sub(r"\1.HASH\2", html) == (
        '<link href="../assets/stylesheets/main.HASH.min.css"><a href="items/2023-0001/">'
    )
