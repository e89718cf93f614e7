"""Read items exported by old portals: their labels and values as printed, a title, a body.

Nothing here knows the catalogue: the caller says which words are field labels
(``is_label``), and ``gongkai import`` maps labels and values through catalogue/.
Every reader returns records or ``Unreadable`` for a file; none raises on bad input.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html
from lxml.etree import ParserError
from lxml.html import HtmlElement

IsLabel = Callable[[str], bool]

# Spaces portals pad with: ideographic space, no-break space, zero-width characters.
_PAD = re.compile(r"[\u3000\u00a0\u200b\ufeff]")
# A cell of a header line: "label: value" with an ASCII or full-width colon.
_LABELLED = re.compile(r"^\s*([^:：]{1,12}?)\s*[:：]\s*(.*?)\s*$")
# Where a header line is cut into cells: tabs, table bars, runs of spaces.
_CELLS = re.compile(r"\t+|\s*\|\s*|\s{2,}")


@dataclass
class Record:
    """One item as an old portal wrote it; ``where`` names its place for the clerk."""

    where: str  # e.g. "old/a.txt" or "list.csv 第 12 行"
    values: dict[str, str] = field(default_factory=dict)  # label as printed -> value
    title: str = ""
    body: str = ""
    problem: str = ""  # why the record cannot be read, in words a clerk understands


def clean(text: str) -> str:
    return _PAD.sub(" ", text).strip()


def _cells(line: str) -> list[str]:
    return [c for c in (clean(x) for x in _CELLS.split(clean(line).strip("|"))) if c]


def header_pairs(line: str, is_label: IsLabel) -> list[tuple[str, str]] | None:
    """The (label, value) pairs on one header line, or None when it is not one."""
    cells = _cells(line)
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        m = _LABELLED.match(cells[i])
        if m and is_label(m.group(1)):
            label, value = m.group(1), m.group(2)
        elif is_label(cells[i]):
            label, value = cells[i], ""
        else:
            return None
        nxt = cells[i + 1] if i + 1 < len(cells) else ""
        if not value and nxt and not is_label(nxt.rstrip(":：")) and not _labelled(nxt, is_label):
            value = nxt  # a label in one cell, its value in the next
            i += 1
        pairs.append((label, value))
        i += 1
    return pairs or None


def _labelled(cell: str, is_label: IsLabel) -> bool:
    m = _LABELLED.match(cell)
    return bool(m and is_label(m.group(1)))


def read_text(path: Path, where: str, is_label: IsLabel) -> Record:
    """The plain-text layout (seed 004): header lines, then the title, then the body."""
    record = Record(where)
    text = _decode(path, record)
    if record.problem:
        return record
    lines = text.splitlines()
    i = 0
    for i, line in enumerate(lines):  # noqa: B007 -- i is where the header ends
        if not clean(line):
            continue
        pairs = header_pairs(line, is_label)
        if pairs is None:
            break
        for label, value in pairs:
            record.values.setdefault(label, value)
    else:
        i = len(lines)
    if not record.values:
        record.problem = "开头没有「信息索引号：…」这样的标签行，不像从公开目录导出的信息"
        return record
    paragraphs = [clean(x) for x in lines[i:]]
    paragraphs = [p for p in paragraphs if p]
    m = _LABELLED.match(paragraphs[0]) if paragraphs else None
    if m and len(m.group(1)) <= 8 and m.group(2):  # a header line with a label not declared
        record.problem = (f"第 {i + 1} 行的标签「{m.group(1)}」不是本目录的字段："
                          "请在 catalogue/fields.yml 中把它声明为某个字段的 aliases，或从文件中删去")  # fmt: skip
        return record
    if paragraphs:
        record.title = paragraphs[0]
        record.body = "\n\n".join(paragraphs[1:])
    return record


def _decode(path: Path, record: Record) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        record.problem = f"无法读取文件（{exc.strerror}）"
        return ""
    for encoding in ("utf-8-sig", "gb18030"):  # old portals save in GBK too
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    record.problem = "文件既不是 UTF-8 也不是 GBK 编码的文本"
    return ""


# -- saved HTML pages -----------------------------------------------------------------

_BLOCKS = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "nav", "header", "footer", "form", "noscript"}


def read_html(path: Path, where: str, is_label: IsLabel) -> Record:
    """A saved page: metadata in a table or a list above the body, the body's blocks as Markdown."""
    record = Record(where)
    text = _decode(path, record)
    if record.problem:
        return record
    try:
        root = lxml_html.document_fromstring(text)
    except (ParserError, ValueError):
        record.problem = "不是可以读取的网页（HTML）"
        return record
    for bad in root.iter(*_SKIP):
        bad.drop_tree()
    meta = _metadata_block(root, is_label)
    if meta is None:
        record.problem = "网页中没有「信息索引号」等标签组成的表格或列表"
        return record
    for label, value in _pairs_of(meta, is_label):
        record.values.setdefault(label, value)
    heading = next(iter(root.iter("h1", "h2")), None)
    if heading is not None:
        record.title = clean(heading.text_content())
    blocks = [b for b in _following(meta) if b is not heading]
    record.body = "\n\n".join(md for b in blocks if (md := block_markdown(b)))
    if not record.title and record.body:
        record.title, _, record.body = record.body.partition("\n\n")
    return record


def _metadata_block(root: HtmlElement, is_label: IsLabel) -> HtmlElement | None:
    """The first table, list or dl whose rows are mostly ``label: value``."""
    for block in root.iter("table", "ul", "ol", "dl"):
        if len(_pairs_of(block, is_label)) >= 3:
            return block
    return None


def _pairs_of(block: HtmlElement, is_label: IsLabel) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if block.tag == "table":
        for row in block.iter("tr"):
            line = "\t".join(clean(c.text_content()) or "　" for c in row if c.tag in ("td", "th"))
            pairs += header_pairs(line.replace("\t　", "\t"), is_label) or []
    elif block.tag == "dl":
        terms = [clean(x.text_content()) for x in block if x.tag == "dt"]
        values = [clean(x.text_content()) for x in block if x.tag == "dd"]
        pairs += [
            (t.rstrip(":："), v)
            for t, v in zip(terms, values, strict=False)
            if is_label(t.rstrip(":："))
        ]
    else:
        for li in block.iter("li"):
            pairs += header_pairs(clean(li.text_content()), is_label) or []
    return pairs


def _following(meta: HtmlElement) -> Iterator[HtmlElement]:
    """The blocks after the metadata, in order: the body, wherever the page nests it."""
    node: HtmlElement | None = meta
    while node is not None:
        sibling = node.getnext()
        while sibling is not None:
            yield sibling
            sibling = sibling.getnext()
        node = node.getparent()
        if node is not None and node.tag == "body":
            break


def inline(el: HtmlElement) -> str:
    return clean(" ".join(el.text_content().split()))


def block_markdown(el: HtmlElement) -> str:
    """A block of the body as Markdown: paragraphs, headings, lists and tables kept."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("ul", "ol"):
        items = [inline(li) for li in el if li.tag == "li"]
        marks = [f"{n}." if tag == "ol" else "-" for n in range(1, len(items) + 1)]
        return "\n".join(f"{m} {t}" for m, t in zip(marks, items, strict=True) if t)
    if tag == "table":
        return _table(el)
    if tag and tag[0] == "h" and tag[1:].isdigit():
        return f"{'#' * max(int(tag[1:]), 2)} {inline(el)}"
    if tag in _BLOCKS and any(c.tag in _BLOCKS | {"ul", "ol", "table"} for c in el):
        parts = [clean(el.text or "")] + [block_markdown(c) for c in el]
        return "\n\n".join(p for p in parts if p)
    return inline(el) if tag else ""


def _table(el: HtmlElement) -> str:
    rows = [
        [inline(c).replace("|", "\\|") for c in tr if c.tag in ("td", "th")] for tr in el.iter("tr")
    ]
    rows = [r for r in rows if any(r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]])


# -- CSV and XLSX of metadata ------------------------------------------------------------


def read_table(path: Path, shown: str) -> tuple[list[Record], str]:
    """Rows of a CSV or XLSX: the first row its labels; ('', why) when it cannot be read."""
    try:
        rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xls") else _csv_rows(path)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        return [], f"无法读取表格（{exc}）"
    except Exception as exc:
        return [], f"无法读取表格（{type(exc).__name__}）"
    if not rows:
        return [], "表格是空的"
    labels = [clean(h).rstrip(":：") for h in rows[0]]
    records: list[Record] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(clean(c) for c in row):
            continue
        values = {lab: clean(row[i]) if i < len(row) else "" for i, lab in enumerate(labels) if lab}
        records.append(Record(f"{shown} 第 {n} 行", values))
    return records, ""


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")  # Excel in China saves CSV as GBK
    return list(csv.reader(text.splitlines()))


def _xlsx_rows(path: Path) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_index(0)
    return [[_cell(v) for v in row] for row in sheet.to_python()]


def _cell(value: object) -> str:
    """A cell as text; a date cell as 2017-07-01, a whole number without ``.0``."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
