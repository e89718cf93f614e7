"""The fast scan agrees with the YAML reading on what matters for catalogue-wide rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.check.run import run
from generator.source.catalogue import load_catalogue
from generator.source.content import ItemFile, walk
from generator.source.scan import Claim, claims, reference_keys

CATALOGUE = load_catalogue(FIXTURES / "small")


def scan_text(tmp_path: Path, data: bytes) -> Claim | None:
    path = tmp_path / "x.md"
    path.write_bytes(data)
    found = claims(CATALOGUE, [ItemFile(path, "content/cz/x.md", CATALOGUE.departments[0])])
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "index_no", "related", "lines"),
    [
        ("---\nindex_no: A/2024-00001\n---\n", "A/2024-00001", [], {"index_no": 2}),
        ("---\n信息索引号: 'A/2024-00001'\n相关信息: [B/1, \"C/2\"]\n---\n", "A/2024-00001", ["B/1", "C/2"],
         {"index_no": 2, "related": 3}),
        ("---\ntitle: x\nrelated:\n  - B/1\n  - 'C/2'\nindex_no: A/1  # 注释\n---\n", "A/1", ["B/1", "C/2"],
         {"index_no": 6, "related": 3}),
        ('---\n"index_no": A/1\n...\nindex_no: body/1\n', "A/1", [], {"index_no": 2}),
        ("---\ntitle: [broken\nindex_no: A/9\n---\n", "A/9", [], {"index_no": 3}),
        ("\ufeff---\r\nindex_no: A/1\r\nrelated: [B/1]\r\n---\r\n", "A/1", ["B/1"], {"index_no": 2, "related": 3}),
    ],
)  # fmt: skip
def test_claims(
    tmp_path: Path, text: str, index_no: str, related: list[str], lines: dict[str, int]
) -> None:
    found = scan_text(tmp_path, text.encode("utf-8"))
    assert found is not None
    assert (found.index_no, found.refs.get("related", []), found.lines) == (
        index_no,
        related,
        lines,
    )


@pytest.mark.parametrize(
    "text", ["", "no front matter\nindex_no: A/1\n", "---\ntitle: x\n---\nindex_no: A/1\n"]
)
def test_no_claim(tmp_path: Path, text: str) -> None:
    assert scan_text(tmp_path, text.encode("utf-8")) is None


def test_scan_agrees_with_the_full_check_on_the_demo() -> None:
    from conftest import REPO

    result = run(REPO)
    catalogue = result.portal().catalogue
    keys = reference_keys(catalogue)
    assert {"related", "superseded_by", "amends", "interprets"} <= set(keys)
    scanned = {c.source: (c.index_no, c.refs) for c in claims(catalogue, walk(catalogue).items)}
    full = {i.source: (i.index_no, Claim.of(i, keys).refs) for i in result.items}
    assert scanned == full
    assert sum(bool(refs) for _, refs in full.values()) >= 6  # the demo's relations
