"""The item page: breadcrumbs, title, validity banner, metadata header, body, links.

The metadata header is driven by ``header: true`` in catalogue/fields.yml, in
the order fields are declared there, the way real portals print it (seed 004).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from functools import partial
from urllib.parse import quote

from ..body.links import Link, rebase, relative_links, resolve
from ..model.catalogue import Catalogue, Column, Department, FieldSpec
from ..model.history import Change
from ..model.item import Item
from ..model.layout import column_path, department_path, item_path
from .markup import (
    CHANGE_WORDS,
    a,
    anchor,
    front_matter,
    html_block,
    inline,
    paragraph,
    status_mark,
    text,
    unpublished_reason,
)
from .registry import Context, Inputs, Page, Unit, units


def _display(src: str, spec: FieldSpec, value: object) -> str:
    """A field's value as HTML for the header."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, Department):
        return anchor(src, department_path(value), value.name)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return text("、".join(str(v) for v in value))
    return text(str(value))


# The relation sections of an item page, in the order shown: (title, field, direction).
# "to" lists the items this item names in the field; "from" the items naming this one.
SECTIONS = (
    ("原文", "interprets", "to"),
    ("", "interprets", "from"),  # titled by the doc type of interpretations (vocabularies.yml)
    ("现行文件（替代本文件）", "superseded_by", "to"),
    ("本文件替代的文件", "superseded_by", "from"),
    ("本文件修改的文件", "amends", "to"),
    ("修改本文件的文件", "amends", "from"),
    ("相关信息", "related", "to"),
    ("相关信息", "related", "from"),
)
# The sections the validity banner repeats, as what a reader should read instead.
BANNER_LINKS = {"现行文件（替代本文件）": "现行文件", "修改本文件的文件": "修改文件"}


Section = tuple[str, str, str]  # title, reference field, "to" or "from"


def sections(catalogue: Catalogue) -> list[Section]:
    """``SECTIONS`` with the interpretations' title named by the catalogue's doc types."""
    interpretations = catalogue.vocabulary_of("doc_type").values_with_role("interpretation")
    named = "、".join(interpretations) or "解读"
    return [(title or named, key, direction) for title, key, direction in SECTIONS]


def relations(
    ctx: Context, item: Item, by_section: list[Section] | None = None
) -> list[tuple[str, list[Item]]]:
    """The items linked to ``item`` either way, by section; each item shown once.

    Only published items are linked (a draft is not yet there to link to).
    ``by_section``: the catalogue's ``sections``, if the caller has them already.
    """
    shown: dict[str, list[Item]] = {}
    seen = {item.index_no}
    for title, key, direction in by_section or sections(ctx.catalogue):
        if direction == "to":
            names = ctx.names.get(key, {}).get(item.index_no, [])
            linked = [ctx.by_no[n] for n in names if n in ctx.by_no]
        else:
            linked = ctx.named_by.get(key, {}).get(item.index_no, [])
        for other in linked:
            if other.index_no not in seen:
                seen.add(other.index_no)
                shown.setdefault(title, []).append(other)
    return list(shown.items())


def history_block(history: list[Change] | None) -> list[str]:
    """发布记录: the commits that published and changed the item, newest first, folded."""
    if not history:
        return []
    out = ['<details class="gk-history">',
           f"<summary>发布记录（{len(history)} 条，最近 {history[0].date.isoformat()}）</summary>",
           "<table>", "<thead>", "<tr>", "<th>日期</th>", "<th>事项</th>", "<th>说明</th>",
           "<th>版本</th>", "</tr>", "</thead>", "<tbody>"]  # fmt: skip
    for c in history:
        out += ["<tr>", f"<td>{c.date.isoformat()}</td>", f"<td>{CHANGE_WORDS[c.kind]}</td>",
                f"<td>{text(c.message)}</td>", f"<td><code>{text(c.short)}</code></td>", "</tr>"]  # fmt: skip
    return [*out, "</tbody>", "</table>", "</details>"]


def size(n: int) -> str:
    """A file's size as people read it: 980 字节, 12 KB, 3.4 MB."""
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / 2**20:.1f} MB"


def _kind(item: Item) -> str:
    """What a linked item is: its interpretation kind (图解 …) or its doc type."""
    return text(item.interpretation_kind or item.doc_type)


def breadcrumbs(src: str, column: Column) -> str:
    parts = [anchor(src, "index.md", "首页")]
    parts += [anchor(src, column_path(c.id), c.name) for c in column.trail]
    return " › ".join(parts)


# Where the body starts in the page's HTML: the renderer takes the body's text for the
# search index from there (one conversion per body) and removes the mark.
BODY_MARK = "<!-- gongkai:body -->"


def rebased_body(item: Item, pages_of_sources: dict[str, str]) -> str:
    """The body with links relative to the item's page instead of its source file.

    Links to another item's source file lead to that item's permanent page.
    """
    source_dir = posixpath.dirname(item.content_path)
    page_dir = posixpath.dirname(item_path(item))

    def replace(link: Link) -> str:
        dest = resolve(source_dir, link)
        rel = posixpath.relpath(pages_of_sources.get(dest, dest), page_dir)
        if "%" in link.path or re.search(r"[\s()<>]", rel):
            rel = quote(rel, safe="/")
        return rel + link.suffix

    return rebase(item.body, replace)


@units("items")
def item_pages(ctx: Context) -> list[Unit]:
    """One unit per item: its page shows it and the items it is linked with, and its
    body's links lead to other items' pages by where their files are."""
    out = []
    by_section = sections(ctx.catalogue)  # once, not once an item
    for item in ctx.portal.items:
        links = relations(ctx, item, by_section)
        shown = [item, *(o for _, group in links for o in group)]
        source_dir = posixpath.dirname(item.content_path)
        leads = [ctx.pages_of_sources.get(resolve(source_dir, link), "")
                 for link in relative_links(item.body)]  # fmt: skip
        compile_page = partial(_item_page, ctx, item, links, shown)
        out.append(Unit(f"items/{item.index_no}", compile_page, shown, "\n".join(leads)))
    return out


def _item_page(
    ctx: Context, item: Item, links: list[tuple[str, list[Item]]], shown: list[Item]
) -> list[Page]:
    history = ctx.portal.history.get(item.source, [])
    content = item_page(ctx.catalogue, item, links, ctx.pages_of_sources, history)
    columns = [c.id for col in item.columns for c in col.trail]
    inputs = Inputs.of(shown, columns=columns)
    return [Page(item_path(item), content, source=item.source, inputs=inputs)]


def item_page(
    catalogue: Catalogue,
    item: Item,
    links: list[tuple[str, list[Item]]],
    pages_of_sources: dict[str, str],
    history: list[Change] | None = None,
) -> str:
    """The Markdown of one item's page; ``links`` are its ``relations``, by section."""
    src = item_path(item)
    out = [front_matter(item.title, description=item.summary or item.title)]
    crumbs = "<br>".join(breadcrumbs(src, c) for c in item.columns)
    out += [
        html_block(paragraph(crumbs, "gk-crumbs", "所在栏目")),  # the next line follows directly
        f"# {inline(item.title)}{status_mark(item)}",
        "",
    ]

    if reason := unpublished_reason(item):
        why = (
            "本条为草稿（draft: true）" if item.draft else "本条尚未填写保密审查（先审查、后公开）"
        )
        out += [
            f'!!! warning "{reason} 未发布"',
            "",
            f"    {why}，只在预览中显示，正式网站不会发布。",
            "",
        ]
    banner = item.status.term.banner if item.status.term else None
    if banner:
        date = item.status.date.isoformat() if item.status.date else ""
        out += [f'!!! {banner.level} "{banner.title}"', "", f"    {banner.text.format(date=date)}"]
        by_section = dict(links)
        for title, label in BANNER_LINKS.items():  # what to read instead
            for other in by_section.get(title, []):
                out += [
                    "",
                    f"    {label}：{a(src, item_path(other), other.title)}{status_mark(other)}",
                ]
        out.append("")

    meta = ['<dl class="gk-meta">']
    header = [f for f in catalogue.fields if f.header]
    for spec in sorted(header, key=lambda f: f.type == "longtext"):  # long text spans the row
        shown = _display(src, spec, item.value(spec.key))
        if not shown and spec.header_when_set:
            continue
        wide = ' class="gk-wide"' if spec.type == "longtext" else ""
        meta += [f"<dt{wide}>{text(spec.label)}</dt>", f"<dd{wide}>{shown or '—'}</dd>"]
    out.append(html_block("\n".join([*meta, "</dl>"])))

    if item.files:
        out += ['<div class="gk-attachments" markdown="1">', "", "**附件**", ""]
        out += [
            f"- {a(src, f.path, f.title)}（{inline(f.kind)}，{size(f.size)}）" for f in item.files
        ]
        out += ["", "</div>", ""]
    tail = []  # HTML blocks, one after the other
    if links:
        tail.append('<div class="gk-related">')
        for title, group in links:
            tail += [f"<p><strong>{text(title)}</strong></p>", "<ul>"]
            tail += [f"<li>{_kind(o)}：{anchor(src, item_path(o), o.title)}{status_mark(o)}"
                     f"（{o.published.isoformat()}）</li>" for o in group]  # fmt: skip
            tail.append("</ul>")
        tail.append("</div>")
    if item.keywords:
        tail.append(paragraph(f"主题词：{text('、'.join(item.keywords))}", "gk-keywords"))
    tail += history_block(history)
    if tail:
        out.append(html_block("\n".join(tail)))
    # The body comes last: an unclosed tag in it (Markdown's raw HTML runs to the end of
    # the page) can then capture nothing of the page's own parts.
    out += [BODY_MARK, "", rebased_body(item, pages_of_sources).strip(), ""]
    return "\n".join(out)
