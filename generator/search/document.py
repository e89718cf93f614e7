"""One item's search document: the HTML Pagefind indexes, made from the item's fields.

``DocumentFields`` is everything a document is made from, and nothing else is
read: equal fields make equal documents, so the fields are the cache key.
"""

from __future__ import annotations

import html
import json
import operator
import re
from html.parser import HTMLParser
from typing import NamedTuple

from ..body.render import render
from ..model.catalogue import MarkdownConfig
from ..model.item import Item
from .scripts import t2s

_BLOCK = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br",
          "dt", "dd", "table", "ul", "ol", "blockquote", "pre", "section"}  # fmt: skip
_HIDDEN = {"script", "style"}  # what the sanitiser drops with its content


class _Text(HTMLParser):
    """Visible text of rendered HTML: blocks end a line, inline tags add nothing, and
    script and style add nothing (the sanitiser removes them, content and all)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def body_text(body: str, markdown: MarkdownConfig) -> str:
    """The item body as a citizen reads it: Markdown rendered as on the item page, as text.

    The text comes straight from the rendered HTML, without the sanitiser: tags
    are dropped either way, and script and style are skipped here as the
    sanitiser drops them. Headings need no anchors here. Together that is a
    third of the time per item.
    """
    return html_text(render(body, markdown, anchors=False))


def html_text(rendered: str) -> str:
    """The visible text of a rendered body: a line per block, spaces collapsed."""
    parser = _Text()
    parser.feed(rendered)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _run_grams(run: re.Match[str]) -> str:
    text = run.group(0)
    return f" {' '.join([*map(operator.add, text, text[1:]), text[-1]])} "


def grams(text: str) -> str:
    """``text`` as the index holds it: each run of Chinese characters becomes its
    overlapping two-character pieces and its last character, spaced apart.

    A query of two or more characters is found through its own pieces, and a
    single character as the start of a piece (or as the last character); the
    rest of the text (numbers, Latin) is left to Pagefind.
    """
    return _HAN.sub(_run_grams, text)


def columns_of(item: Item) -> tuple[list[str], list[str]]:
    """The item's first- and second-level column names."""
    first: dict[str, None] = {}
    second: dict[str, None] = {}
    for col in item.columns:
        trail = col.trail
        first.setdefault(trail[0].name, None)
        if len(trail) > 1:
            second.setdefault(trail[1].name, None)
    return list(first), list(second)


class DocumentFields(NamedTuple):
    """Everything a document is made from (and so its cache key): the item's fields as
    the document uses them, and how its body is rendered.

    A named tuple, not a frozen dataclass: every build makes one per item to
    fingerprint, and a frozen dataclass's ``__init__`` was a third of that time.
    """

    slug: str
    index_no: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    doc_no: str
    department: str
    first_columns: tuple[str, ...]
    second_columns: tuple[str, ...]
    doc_type: str
    office: str
    form: str
    status: str
    published: str  # ISO date
    body: str
    markdown: MarkdownConfig
    attachments: tuple[tuple[str, str], ...] = ()  # (title, extracted text) of each


def fields_of(item: Item, markdown: MarkdownConfig) -> DocumentFields:
    first, second = columns_of(item)
    return DocumentFields(
        item.slug, item.index_no, item.title, item.summary, tuple(item.keywords), item.doc_no,
        item.department.name, tuple(first), tuple(second), item.doc_type, item.office,
        item.form, item.status.value, item.published.isoformat(), item.body, markdown,
        tuple((f.title, f.text) for f in item.files if f.text),
    )  # fmt: skip


def _config_key(value: object) -> str:
    if isinstance(value, MarkdownConfig):
        return value.key
    raise TypeError(f"not a document field: {type(value).__name__}")


# JSON, not repr: the same one value per field, in C, at a third of the time (repr
# checks each Chinese character is printable). Texts, tuples of texts and the
# Markdown configuration's key have one JSON each, so the fingerprint stays exact.
_ENCODE = json.JSONEncoder(
    ensure_ascii=False, check_circular=False, separators=(",", ":"), default=_config_key
).encode


def fingerprint(fields: DocumentFields) -> bytes:
    """Equal fingerprints, equal documents: the fields are all ``document`` reads."""
    return _ENCODE(fields).encode("utf-8", "surrogatepass")


_SEP = "\x1f"
# How an attachment's text is opened in a document: 【附件：补贴名单.xlsx】 (the search
# page finds the name before a match in the same brackets).
ATTACHMENT = ("【附件：", "】")


def document(doc: DocumentFields, text: str | None = None) -> str:
    """The HTML Pagefind indexes for an item: searchable text, result metadata, facets.

    ``text`` is the body's text if the page renderer left it (``texts.py``); it is
    what ``body_text`` would return.
    """
    convert = t2s()
    e = html.escape
    first, second = list(doc.first_columns), list(doc.second_columns)
    filters = {
        "dept": [doc.department],
        "column": first,
        "subcolumn": second,
        "year": [doc.published[:4]],
        "form": [doc.form],
        "doc_type": [doc.doc_type],
        "status": [doc.status],
    }
    meta = {
        "title": doc.title,
        "index_no": doc.index_no,
        "dept": doc.department,
        "date": doc.published,
        "status": doc.status,
        "doc_no": doc.doc_no,
    }
    hidden = [f'<span data-pagefind-meta="{k}">{e(v)}</span>' for k, v in meta.items() if v]
    hidden += [
        f'<span data-pagefind-filter="{k}">{e(v)}</span>' for k, vs in filters.items() for v in vs
    ]
    hidden.append(f'<span data-pagefind-sort="date">{doc.published}</span>')
    summary = " ".join([doc.summary, *doc.keywords]).strip()
    about = " ".join([doc.department, *first, *second, doc.doc_type, doc.office])
    # One pass of conversion, cutting and escaping over all the text (a call each cost
    # a tenth of the time); the separator is a control character no text holds.
    body = body_text(doc.body, doc.markdown) if text is None else text
    # Attachments' text after the body, each opened by its name, so that a result whose
    # match is in an attachment can say which (search/render.js: ATTACHMENT).
    body += "".join(
        f"\n{ATTACHMENT[0]}{name}{ATTACHMENT[1]}\n{words}" for name, words in doc.attachments
    )
    texts = [doc.title, summary, body, about, doc.doc_no]
    texts = [t.replace(_SEP, " ") for t in texts]
    title, summary, body, about, doc_no = convert(_SEP.join(texts)).split(_SEP)
    title, summary, body, about = e(grams(_SEP.join([title, summary, body, about]))).split(_SEP)
    ids = " ".join(dict.fromkeys(x for x in (doc.index_no, doc.doc_no, doc_no) if x))
    parts = [
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">',
        f"<title>{e(doc.title)}</title></head><body>",
        f'<div data-pagefind-ignore="index">{"".join(hidden)}</div>',
        f'<h1 data-pagefind-weight="10">{title}</h1>',
        f'<p data-pagefind-weight="6">{summary}</p>' if summary.strip() else "",
        f"<div>{body}</div>",  # before the numbers and names: excerpts
        f'<p data-pagefind-weight="4">{e(grams(ids))}</p>',  # come from the first match
        f'<p data-pagefind-weight="2">{about}</p>',
        "</body></html>",
    ]
    return "".join(parts)
