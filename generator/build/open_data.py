"""The open-data files of a build (开放数据): feeds, the machine-readable catalogue and its
schema, the OpenSearch description; written into the site before its pages are
compiled, so that the 开放数据 page can list each with its size.

Every part of a build in parts (``parts.py``) writes them all from the same model,
so they are the same bytes in each and the assembled site has one copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..model.catalogue import Catalogue
from ..model.item import Item, Portal
from ..model.layout import (
    OPENSEARCH,
    column_path,
    department_path,
    export_path,
    feed_path,
    schema_path,
)
from ..model.output import Output
from ..outputs.catalogue_csv import CatalogueCsv
from ..outputs.catalogue_json import CatalogueJson
from ..outputs.catalogue_schema import schema_id, schema_text
from ..outputs.export_cache import ExportCache
from ..outputs.feeds import Feed, feed_xml, newest_changes, write_feed
from ..outputs.opensearch import opensearch
from ..outputs.records import Records, Site, csv_headers
from ..pages.compiled import Prints
from ..pages.markup import newest_first
from ..schema.export import SCHEMA_VERSION

Changed = Callable[[Item], dt.date]


def write_open_data(
    site_dir: Path,
    portal: Portal,
    site: Site,
    changed: Changed,
    *,
    exports: bool = True,
    cache: Path | None = None,
    prints: Prints | None = None,
    salt: str = "",
) -> list[Output]:
    """Write every open-data file of ``portal`` into ``site_dir``; what was written.

    Without ``exports`` (a preview, which holds drafts) only the OpenSearch
    description is written: feeds and exports are for the published catalogue.
    ``cache`` keeps each record's lines for the next build (``export_cache``), by
    the items' fingerprints (``prints``) and the compile ``salt`` if given.
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    # Each item's last change once: the exports date every record and file, and each
    # feed picks and dates its newest entries (an item is in three feeds).
    dates = {i.source: changed(i) for i in portal.items}
    changed = partial(_date_of, dates)
    out = []
    if exports:
        out += write_exports(site_dir, portal, site, changed, cache, prints, salt)
        out += write_feeds(site_dir, portal, site, changed)
    name = portal.catalogue.settings.name
    text = opensearch(name, f"检索{name}的政府信息", site.base)
    (site_dir / OPENSEARCH).write_text(text, encoding="utf-8")
    out.append(_output(site_dir, OPENSEARCH, "浏览器可将本平台的检索添加为搜索引擎", "OpenSearch"))
    return out


def _output(site_dir: Path, path: str, title: str, kind: str, group: str = "") -> Output:
    return Output(path, title, kind, (site_dir / path).stat().st_size, group)


def write_exports(
    site_dir: Path,
    portal: Portal,
    site: Site,
    changed: Changed,
    cache: Path | None = None,
    prints: Prints | None = None,
    salt: str = "",
) -> list[Output]:
    """catalogue.json and .csv, the whole site's and each department's, and the schema;
    each record's lines kept in ``cache`` (a file) for the next build, if given: by the
    record itself, or with ``prints`` by the item's fingerprint, the record's context
    and ``salt`` (which must cover the catalogue and the code, as the compile salt does)."""
    catalogue = portal.catalogue
    items = newest_first(portal.items)
    records = Records(catalogue, portal.items, site, changed)
    kept = ExportCache(cache, salt if prints is not None else "")

    def lines(item: Item) -> tuple[str, str]:
        if prints is None:
            return kept.lines(records.record(item))
        made_of = prints[id(item)] + records.context(item)
        return kept.kept(made_of, partial(records.record, item))

    schema = schema_id(site.base)
    text = schema_text(catalogue, site.base)
    for path in (schema_path(), schema_path(SCHEMA_VERSION)):
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(text, encoding="utf-8")
    name, headers = catalogue.settings.name, csv_headers(catalogue)

    def newest(group: list[Item]) -> dt.date | None:
        return max((changed(i) for i in group), default=None)

    by_department = _by_department(portal.catalogue, items)
    whole = (
        CatalogueJson(site_dir / export_path("json"), schema=schema, name=name,
                      count=len(items), generated=newest(items)),
        CatalogueCsv(site_dir / export_path("csv"), headers),
    )  # fmt: skip
    own = {
        dep: (
            CatalogueJson(site_dir / export_path("json", dep), schema=schema, name=name,
                          count=len(group), generated=newest(group), department=dep),
            CatalogueCsv(site_dir / export_path("csv", dep), headers),
        )
        for dep, group in by_department.items()
    }  # fmt: skip
    try:
        for item in items:  # one record per item, written to the whole site's and its department's
            text, line = lines(item)
            for json_file, csv_file in (whole, own[item.department.id]):
                json_file.add(text)
                csv_file.add(line)
    finally:
        for json_file, csv_file in (whole, *own.values()):
            json_file.close()
            csv_file.close()
    kept.save()
    out = [
        _output(site_dir, export_path("json"), "全部信息的元数据", "JSON"),
        _output(site_dir, export_path("csv"), "全部信息的元数据（可用 Excel 打开）", "CSV"),
        _output(site_dir, schema_path(), f"catalogue.json 的结构说明（第 {SCHEMA_VERSION} 版）",
                "JSON Schema"),
    ]  # fmt: skip
    for dep in catalogue.departments:
        out += [
            _output(site_dir, export_path("json", dep.id), "本部门信息的元数据", "JSON", dep.name),
            _output(site_dir, export_path("csv", dep.id), "本部门信息的元数据", "CSV", dep.name),
        ]
    return out


def _date_of(dates: dict[str, dt.date], item: Item) -> dt.date:
    return dates[item.source]


def _by_department(catalogue: Catalogue, items: list[Item]) -> dict[str, list[Item]]:
    """``items`` by department id, in their order; every department, even one with none."""
    out: dict[str, list[Item]] = {d.id: [] for d in catalogue.departments}
    for item in items:
        out[item.department.id].append(item)
    return out


def write_feeds(site_dir: Path, portal: Portal, site: Site, changed: Changed) -> list[Output]:
    """The Atom feeds: the whole site's, each first-level column's, each department's."""
    catalogue = portal.catalogue
    name = catalogue.settings.name
    by_column: dict[str, list[Item]] = {c.id: [] for c in catalogue.columns}
    for item in portal.items:
        for root in dict.fromkeys(c.trail[0].id for c in item.columns):
            by_column[root].append(item)
    by_department = _by_department(catalogue, portal.items)
    fallback = max((changed(i) for i in portal.items), default=dt.date(1970, 1, 1))
    feeds: list[tuple[Feed, list[Item], str]] = [
        (Feed(feed_path(), f"{name}：最新信息", "index.md"), portal.items, "")
    ]
    for col in catalogue.columns:
        feed = Feed(feed_path("columns", col.id), f"{name}：{col.name}", column_path(col.id))
        feeds.append((feed, by_column[col.id], col.name))
    for dep in catalogue.departments:
        feed = Feed(feed_path("departments", dep.id), f"{name}：{dep.name}", department_path(dep))
        feeds.append((feed, by_department[dep.id], dep.name))
    publisher = catalogue.settings.identity.host or name
    out = []
    for feed, items, group in feeds:
        xml = feed_xml(feed, newest_changes(items, changed), base=site.base,
                       page_url=site.page_url, changed=changed, publisher=publisher,
                       fallback=fallback)  # fmt: skip
        write_feed(site_dir, feed, xml)
        title = "新增和更新的信息" if group else "全站新增和更新的信息"
        out.append(_output(site_dir, feed.path, title, "Atom", group))
    return out
