"""Golden output: the compiled pages of the small fixture portal, compared whole.

After an intended change to the pages, refresh with ``make golden`` and read
the diff in review like any other change.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from conftest import FIXTURES
from generator.check.run import run
from generator.model.item import NewItem
from generator.pages import compile_pages
from generator.schema.template import item_text as render
from generator.source.catalogue import load_catalogue

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = bool(os.environ.get("GONGKAI_UPDATE_GOLDEN"))


def compare(expected_dir: Path, actual: dict[str, str]) -> None:
    if UPDATE:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in actual.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    assert sorted(actual) == sorted(expected), "pages added or removed; run `make golden`"
    for rel in actual:
        assert actual[rel] == expected[rel], (
            f"{rel} differs from the golden copy; run `make golden`"
        )


def test_compiled_pages_of_the_small_portal() -> None:
    result = run(FIXTURES / "small")
    assert result.ok
    pages = compile_pages(result.portal())
    compare(GOLDEN / "small", {p.path: p.content for p in pages})


def test_new_item_template() -> None:
    catalogue = load_catalogue(FIXTURES / "small")
    dep = catalogue.departments[0]
    new = NewItem(
        dep,
        [catalogue.all_columns()[2]],
        "示例县2026年县级部门预算",
        "其他文件",
        dt.date(2026, 11, 23),
        reviewer="李华",
    )
    compare(GOLDEN / "new", {"item.md": render(catalogue, new, "000014349/2026-00001")})
