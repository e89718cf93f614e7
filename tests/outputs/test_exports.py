"""The machine-readable catalogue: catalogue.json against its own schema, catalogue.csv as
Excel and the csv module read it, for the whole site and each department."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jsonschema
import pytest

from conftest import BUILT, REPO, gongkai
from generator.check.run import run
from generator.model.item import Portal
from generator.model.layout import export_path, schema_path
from generator.schema.export import EXTRAS, PRIVATE_TYPES, SCHEMA_VERSION

BASE = "https://xxgk.example.gov.cn/"


@pytest.fixture(scope="module")
def demo() -> Portal:
    return run(REPO).portal(day=BUILT)


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def validate(data: Any, schema: Any) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_catalogue_json_follows_its_schema_and_holds_every_published_item(
    demo_site: Path, demo: Portal
) -> None:
    schema = load(demo_site / schema_path())
    assert schema["$id"] == BASE + schema_path(SCHEMA_VERSION)
    assert load(demo_site / schema_path(SCHEMA_VERSION)) == schema  # the versioned address
    data = load(demo_site / export_path("json"))
    validate(data, schema)
    assert data["schema"] == schema["$id"]
    assert data["count"] == len(data["items"]) == len(demo.items)
    assert {r["index_no"] for r in data["items"]} == {i.index_no for i in demo.items}
    published = [r["published"] for r in data["items"]]
    assert published == sorted(published, reverse=True)
    for record in data["items"]:
        assert record["url"].startswith(BASE + "items/")
        assert (demo_site / urlparse(record["url"]).path.lstrip("/") / "index.html").is_file()
    # the keys are fields.yml's, less the workflow's own, plus the extras
    declared = [f.key for f in demo.catalogue.fields if f.type not in PRIVATE_TYPES]
    assert list(data["items"][0]) == declared + [e.key for e in EXTRAS]
    assert not {"review", "draft", "exempt"} & set(data["items"][0])


def test_the_schema_documents_every_field_from_the_catalogue(demo_site: Path, demo: Portal) -> None:
    schema = load(demo_site / schema_path())
    properties = schema["$defs"]["item"]["properties"]
    for spec in demo.catalogue.fields:
        if spec.type in PRIVATE_TYPES:
            assert spec.key not in properties
            continue
        assert properties[spec.key]["title"] == spec.label
        assert spec.help in properties[spec.key]["description"]
    status = properties["status"]["properties"]["value"]["enum"]
    assert status == list(demo.catalogue.vocabulary_of("status").values)
    # a value outside the vocabulary is refused by the schema
    data = load(demo_site / export_path("json"))
    data["items"][0]["status"]["value"] = "不存在的状态"
    with pytest.raises(AssertionError):
        validate(data, schema)


def test_relations_validity_and_attachments_are_in_the_records(demo_site: Path) -> None:
    records = {r["index_no"]: r for r in load(demo_site / export_path("json"))["items"]}
    amending = next(r for r in records.values() if r["amends"])
    target = amending["amends"][0]
    assert target["url"] == records[target["index_no"]]["url"]
    repealed = next(r for r in records.values() if r["status"]["date"] and not r["in_force"])
    assert repealed["status"]["value"] and repealed["status"]["date"] <= repealed["updated"]
    files = next(r for r in records.values() if len(r["attachments"]) >= 4)["attachments"]
    for found in files:
        path = demo_site / unquote(urlparse(found["url"]).path).lstrip("/")
        data = path.read_bytes()
        assert found["size"] == len(data)
        assert found["sha256"] == hashlib.sha256(data).hexdigest()


def test_catalogue_csv_opens_with_chinese_headers_one_row_an_item(
    demo_site: Path, demo: Portal
) -> None:
    header, *body = rows(demo_site / export_path("csv"))
    labels = [f.label for f in demo.catalogue.fields if f.type not in PRIVATE_TYPES]
    assert header == labels + [e.label for e in EXTRAS]
    assert len(body) == len(demo.items)
    first = dict(zip(header, body[0], strict=True))
    assert first["信息索引号"] == load(demo_site / export_path("json"))["items"][0]["index_no"]
    assert first["永久链接"].startswith(BASE + "items/")


def test_each_department_has_its_own_exports(demo_site: Path, demo: Portal) -> None:
    schema = load(demo_site / schema_path())
    total = 0
    for dep in demo.catalogue.departments:
        data = load(demo_site / export_path("json", dep.id))
        validate(data, schema)
        own = {i.index_no for i in demo.items if i.department.id == dep.id}
        assert data["department"] == dep.id
        assert {r["index_no"] for r in data["items"]} == own
        _, *body = rows(demo_site / export_path("csv", dep.id))
        assert len(body) == len(own)
        total += len(body)
    assert total == len(demo.items)


def test_a_draft_is_in_no_export_and_a_preview_writes_none(small: Path, tmp_path: Path) -> None:
    draft = small / "content/cz/draft.md"
    draft.write_text(
        (small / "content/cz/budget-2023.md")
        .read_text(encoding="utf-8")
        .replace("000014349/2023-00001", "000014349/2023-00009")
        .replace("review:", "draft: true\nreview:"),
        encoding="utf-8",
    )
    proc = gongkai("build", "--root", str(small), "--site-dir", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    published = {i.index_no for i in run(small).portal().items}
    _, *body = rows(site / export_path("csv"))
    assert {row[0] for row in body} == published
    assert "000014349/2023-00009" not in published
    data = load(site / export_path("json"))
    validate(data, load(site / schema_path()))
    assert data["count"] == len(published)

    proc = gongkai("build", "--root", str(small), "--preview", "--site-dir", str(tmp_path / "pre"))
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "pre" / "data").exists() and not (tmp_path / "pre" / "feeds").exists()
    page = (tmp_path / "pre/open-data/index.html").read_text(encoding="utf-8")
    assert "预览版本不生成开放数据文件" in page
