"""catalogue/vocabularies.yml: the values choice fields take, with what each means."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit
from generator.source.catalogue import CatalogueError, load_catalogue


def test_meanings_reach_the_model(small: Path) -> None:
    catalogue = load_catalogue(small)
    validity = catalogue.vocabulary_of("status")
    repealed = next(t for t in validity.terms if not t.in_force)
    assert repealed.dated and repealed.mark and repealed.banner is not None
    assert catalogue.field("status").choices == validity.values
    assert set(catalogue.field("status").dated) == {t.value for t in validity.terms if t.dated}
    assert catalogue.vocabulary_of("doc_type").with_role("interpretation") is not None


def test_renaming_a_value_in_one_place_renames_it_everywhere(small: Path) -> None:
    edit(small / "catalogue" / "vocabularies.yml", "  - value: 已废止\n", "  - value: 已作废\n")
    for item in (small / "content").rglob("*.md"):
        text = item.read_text(encoding="utf-8")
        item.write_text(text.replace("已废止", "已作废"), encoding="utf-8")
    catalogue = load_catalogue(small)
    assert "已作废" in catalogue.field("status").choices
    assert "已废止" not in catalogue.field("status").choices


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        (
            "  vocabulary: validity\n",
            "  vocabulary: validty\n",
            "fields.yml:",
            "词表「validty」不在",
        ),
        (
            "    role: interpretation\n",
            "    role: explains\n",
            "vocabularies.yml:",
            "role「explains」",
        ),
        ("      level: danger\n", "", "vocabularies.yml:", "banner 应写明 level"),
        ("  - 工作要点\n", "  - 工作要点\n  - 工作要点\n", "vocabularies.yml:", "「工作要点」重复"),
    ],
)
def test_mistakes_are_named_with_file_and_line(
    small: Path, old: str, new: str, line: str, says: str
) -> None:
    name = line.rstrip(":")
    edit(small / "catalogue" / name, old, new, count=1)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(small)
    found = [p.format() for p in caught.value.problems]
    assert any(f.startswith(f"catalogue/{line}") and says in f for f in found), found
    assert all(p.line > 0 for p in caught.value.problems if says in p.message)
