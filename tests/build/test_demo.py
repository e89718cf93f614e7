"""The demo portal: its content is what the foundation issue promises, and it all builds."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO
from generator.check.item import Checker
from generator.check.run import Result, run
from generator.model.layout import item_path
from generator.source.content import ItemFile
from generator.source.frontmatter import parse


@pytest.fixture(scope="module")
def demo() -> Result:
    return run(REPO)


def test_demo_content_is_clean(demo: Result) -> None:
    assert demo.ok
    assert [p.format() for p in demo.problems] == []  # not even a warning


def test_demo_covers_what_a_real_catalogue_has(demo: Result) -> None:
    items = demo.items
    assert len(items) >= 45
    assert len({i.department.id for i in items}) >= 6
    assert len({i.year for i in items}) >= 3
    catalogue = demo.portal().catalogue
    for column in (c for c in catalogue.columns if not c.fixed):
        used = {c.id for i in items for col in i.columns for c in col.trail}
        assert column.id in used, f"no item in {column.name}"
    assert any(i.status.value == "已废止" for i in items)
    interpretations = [i for i in items if i.doc_type == "政策解读"]
    assert interpretations and all(i.interprets for i in interpretations)
    kinds = {i.interpretation_kind for i in interpretations}
    assert {"文字解读", "图解"} <= kinds  # a policy with a text and a graphic interpretation
    assert any(i.status.value == "已修改" for i in items) and any(i.amends for i in items)
    assert any(i.superseded_by for i in items)  # a repealed document and its successor
    built = demo.portal(day=dt.date(2026, 12, 1)).items
    assert any(i.expires and i.status.value == "已失效" for i in built)  # expired by its date
    attached = {f.path.rsplit(".", 1)[1] for i in items for f in i.files}
    assert {"pdf", "docx", "xlsx", "ofd"} <= attached
    assert sum(1 for i in items if i.doc_no) >= 10
    assert any(re.search("[開區關於]", i.title) for i in items)  # Qingdao's, in traditional script
    assert any(i.index_no == "330103--2017--0510" for i in items)  # seed 004's own number
    assert not any("lorem" in i.body.lower() for i in items)
    assert Counter(i.doc_type for i in items)["年度报告"] >= 2


def test_every_item_column_department_and_year_has_a_page(demo: Result, demo_site: Path) -> None:
    catalogue = demo.portal().catalogue
    expected = [item_path(i).removesuffix(".md") for i in demo.items]
    expected += [f"columns/{c.id}" for c in catalogue.all_columns()]
    expected += [f"departments/{d.id}" for d in catalogue.departments]
    expected += [f"years/{y}" for y in {i.year for i in demo.items}]
    missing = [p for p in expected if not (demo_site / p / "index.html").is_file()]
    assert missing == []


def test_nav_never_lists_items(demo_site: Path) -> None:
    for page in ("index.html", "items/330103--2017--0510/index.html"):
        html = (demo_site / page).read_text(encoding="utf-8")
        start, end = html.index('<nav class="md-tabs"'), html.index('class="md-content"')
        chrome = html[start:end]  # the tabs and the nav sidebar
        assert "md-nav--primary" in chrome and "公开指南" in chrome
        assert "items/" not in chrome, page


def test_readme_item_template_is_a_valid_item(demo: Result) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    template = readme.split("```markdown\n", 1)[1].split("```", 1)[0]
    catalogue = demo.portal().catalogue
    czj = next(d for d in catalogue.departments if d.id == "czj")
    file = ItemFile(REPO / "content/czj/template.md", "content/czj/template.md", czj)
    item, problems = Checker(catalogue).check_item(file, parse(template))
    assert item is not None and problems == []
    assert [c.id for c in item.columns] == ["czyjs", "sgjf"]


def test_demo_publishes_its_annual_reports(demo: Result, demo_site: Path) -> None:
    """A report for every year with data, one with its text and one without, departments' too;
    and `gongkai report` prints the numbers the page shows."""
    import json
    import subprocess
    import sys

    from conftest import BUILT_EPOCH

    reports = {(r.year, r.department): r for r in demo.reports}
    assert any(r.texts for r in reports.values()) and any(not r.texts for r in reports.values())
    assert any(d for _, d in reports) and any(not d for _, d in reports)
    index = (demo_site / "reports/index.html").read_text("utf-8")
    for year, dep in reports:
        page = demo_site / "reports" / str(year) / (dep or "") / "index.html"
        html = page.read_text("utf-8")
        assert "<svg" in html and 'class="gk-chart"' in html, page
        assert ("文字部分待撰写" in html) == (not reports[year, dep].texts)
        assert f"{year}年度" in index
    years = [int(y) for y in re.findall(r'<h2 id="[^"]*">(\d{4})年度', index)]
    assert years == sorted(years, reverse=True) and len(years) >= 4
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "report", "2024", "--format", "json",
         "--root", str(REPO)],
        capture_output=True, text=True, check=True,
        env={**__import__("os").environ, "SOURCE_DATE_EPOCH": str(BUILT_EPOCH)},
    )  # fmt: skip
    data = json.loads(proc.stdout)
    html = (demo_site / "reports/2024/index.html").read_text("utf-8")
    for section in data["sections"]:
        for table in section["tables"]:
            for row in table["rows"]:
                if row["values"] and len(row["values"]) > 1:
                    cells = "".join(f"<td>{v:g}</td>" for v in row["values"].values())
                    assert f">{row['label']}</th>{cells}</tr>" in html, row["name"]
