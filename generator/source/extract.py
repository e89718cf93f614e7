"""The text of PDF, DOCX, XLSX and OFD attachments, for search and the personal-data scan.

A citizen searches for a company's name in a published subsidy list, and the
checker looks for ID numbers in it, so the text must be all the file holds:
every page, table cell, sheet (hidden ones too) and text box. A file that
cannot be read is named plainly for the clerk (``Extracted.problem``) and never
raises: uploads are damaged, cut short, encrypted, empty or misnamed.

Libraries, chosen by measuring (``benchmarks/extract.py``; a 50-page file, 2,000 rows):

* PDF: pypdfium2 (PDFium, Chrome's PDF engine): 25 ms, pypdf 100 ms; it reads
  damaged files as a browser does and gives text beyond the BMP (rare
  characters in names).
* XLSX: python-calamine (Rust): 7 ms, openpyxl in read-only mode 66 ms.
* DOCX: the WordprocessingML XML itself (zipfile and ElementTree), 17 ms, not
  python-docx (96 ms), whose paragraphs and tables miss content controls, text
  boxes and tracked insertions, where an ID number is as likely to be as anywhere.
* OFD (GB/T 33190, zipped XML): read here too, 20 ms. easyofd renders pages,
  needs PyMuPDF (AGPL, a 69 MB wheel), Pillow and loguru, and puts the working
  folder on ``sys.path`` when imported; the text is all in ``TextCode`` elements.

XML is parsed by ElementTree (expat refuses entity expansion bombs and does
not fetch external entities). A zip is read only if its members' sizes add up
to ``MAX_UNZIPPED`` at most (zipfile reads no more than a member declares); text
is kept to ``MAX_TEXT`` characters, ``MAX_PAGES`` pages and ``MAX_ROWS`` rows,
and the rest cut (``Extracted.truncated``). Old binary ``.doc`` and ``.xls`` files are not
extracted (empty text, no problem): their formats need other libraries and
clerks rarely publish them now.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

import pypdfium2
import pypdfium2.raw as pdfium_c
from python_calamine import CalamineWorkbook, SheetTypeEnum

EXTRACTABLE = frozenset({".pdf", ".docx", ".xlsx", ".ofd"})
LIBRARIES = ("pypdfium2", "python-calamine")  # their versions are part of a cached text's key
MAX_TEXT = 2_000_000  # characters of text kept per file
MAX_PAGES = 2_000
MAX_ROWS = 200_000
MAX_UNZIPPED = 256 * 1024 * 1024  # bytes, all members of a DOCX, XLSX or OFD together

NAMES = {".pdf": "PDF", ".docx": "Word（.docx）", ".xlsx": "Excel（.xlsx）", ".ofd": "OFD"}
EMPTY = "附件是空文件（0 字节），没有可读取的文字；请重新上传完整的文件"
DAMAGED = "附件已损坏，无法读取其文字；请重新导出并上传"
INCOMPLETE = (
    "附件不完整（文件末尾缺失，可能上传或下载时中断），文字可能未读全；请重新上传完整的文件"
)
ENCRYPTED = "附件已加密（设有打开密码），无法读取其文字；请上传未加密的文件"
TOO_BIG = "附件解压后超过 256 MB，未读取其文字；请确认文件是否正确，或拆分后上传"
UNREADABLE = "无法打开附件文件，请检查文件权限"


@dataclass(frozen=True)
class Extracted:
    """An attachment's text, normalised for search snippets, and what kept it from being read.

    ``text`` is what could be read, even when ``problem`` says that was not all.
    """

    text: str
    problem: str | None = None
    truncated: bool = False  # longer than MAX_TEXT, MAX_PAGES or MAX_ROWS: the rest was cut


class _Unreadable(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _Full(Exception):
    """The text reached a limit: stop reading."""


class _Text:
    """Text as it is read, in pieces, up to MAX_TEXT."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > MAX_TEXT:
            raise _Full


def extract(path: Path) -> Extracted:
    """The text of a PDF, DOCX, XLSX or OFD file; empty for any other suffix. Never raises."""
    suffix = path.suffix.lower()
    if suffix not in EXTRACTABLE:
        return Extracted("")
    out = _Text()
    problem, truncated = None, False
    try:
        problem = _check(path, suffix)
        _READERS[suffix](path, out)
    except _Full:
        truncated = True
    except _Unreadable as e:
        problem = e.problem
    except OSError:
        problem = UNREADABLE
    except Exception:  # a parser's error on a damaged file may be of any kind
        problem = problem or DAMAGED  # INCOMPLETE says why
    text = normalise("".join(out.parts))
    if len(text) > MAX_TEXT:
        text, truncated = text[:MAX_TEXT].rsplit("\n", 1)[0], True
    return Extracted(text, problem, truncated)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[^\S\t\n]+")


def normalise(text: str) -> str:
    """NFC; one space for each run of spaces; tabs between cells kept; no empty lines."""
    text = unicodedata.normalize("NFC", _BREAKS.sub("\n", _CONTROL.sub("", text)))
    lines = []
    for line in text.split("\n"):
        cells = [_SPACES.sub(" ", cell).strip() for cell in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return "\n".join(lines)


# What a file is, from its first bytes, to name a misnamed upload.


def _check(path: Path, suffix: str) -> str | None:
    """Raise if the file is not what its suffix says; a problem that still lets it be read."""
    size = path.stat().st_size
    if size == 0:
        raise _Unreadable(EMPTY)
    with path.open("rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 1024))
        tail = f.read()
    kind = _kind(path, head)
    if kind == suffix:
        if suffix == ".pdf" and b"%%EOF" not in tail:
            return INCOMPLETE  # PDFium reads what it can find
        return None
    if kind == "broken zip" and suffix != ".pdf":
        raise _Unreadable(DAMAGED)
    if kind == "ole" and suffix in (".docx", ".xlsx"):
        if _office_encrypted(path):
            raise _Unreadable(ENCRYPTED)
        old = ".doc" if suffix == ".docx" else ".xls"
        raise _Unreadable(
            f"附件是旧版 Office 文件（{old}），扩展名却是 {suffix}；请用 Office 另存为 {suffix} 后上传"
        )
    raise _Unreadable(_misnamed(suffix, kind))


def _misnamed(suffix: str, kind: str | None) -> str:
    name = NAMES[suffix]
    if kind in NAMES:
        return f"附件的扩展名是 {suffix}，内容却是 {NAMES[kind]} 文件；请把扩展名改为 {kind}"
    what = {
        "zip": "压缩包（ZIP）",
        "ole": "旧版 Office 文件（.doc、.xls 等）",
        "image": "图片",
        "html": "网页（可能是下载失败时保存的错误页）",
        "text": "纯文本",
    }.get(kind or "")
    if what:
        return f"附件不是有效的 {name} 文件，内容是{what}；请上传真正的 {name} 文件"
    return f"附件不是有效的 {name} 文件（文件开头不符合 {name} 格式）；请重新导出并上传"


_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def _kind(path: Path, head: bytes) -> str | None:
    if b"%PDF-" in head:  # readers accept it anywhere in the first 1024 bytes
        return ".pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            return "broken zip"
        if sum(info.file_size for info in infos) > MAX_UNZIPPED:  # zipfile reads no more
            raise _Unreadable(TOO_BIG)
        names = {info.filename for info in infos}
        if "OFD.xml" in names:
            return ".ofd"
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return ".docx"
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return ".xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(_IMAGES):
        return "image"
    if b"\x00" in head:
        return None
    start = head.lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return "text"
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 4:  # a character cut by the 1024-byte window
                return "text"
    return None


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream Office encrypts into


def _office_encrypted(path: Path) -> bool:
    """An OLE2 file is an encrypted DOCX or XLSX when it holds an EncryptedPackage stream."""
    keep = len(_ENCRYPTED_PACKAGE)
    with path.open("rb") as f:
        previous = b""
        while chunk := f.read(1 << 20):
            if _ENCRYPTED_PACKAGE in previous[-keep:] + chunk:
                return True
            previous = chunk
    return False


# PDF and XLSX: the libraries.


def _pdf(path: Path, out: _Text) -> None:
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as e:
        if e.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise _Unreadable(ENCRYPTED) from e
        raise
    try:
        for i in range(len(pdf)):
            if i == MAX_PAGES:
                raise _Full
            page = pdf[i]
            textpage = page.get_textpage()
            # All text, even outside the page's box, and all of Unicode (not get_text_range's UCS-2)
            out.add(textpage.get_text_bounded(-1e6, -1e6, 1e6, 1e6) + "\n")
            textpage.close()
            page.close()
    finally:
        pdf.close()


def _xlsx(path: Path, out: _Text) -> None:
    workbook = CalamineWorkbook.from_path(str(path))
    rows = 0
    try:
        for sheet in workbook.sheets_metadata:  # hidden sheets too: they are published as well
            if sheet.typ != SheetTypeEnum.WorkSheet:
                continue
            for row in workbook.get_sheet_by_name(sheet.name).iter_rows():
                rows += 1
                if rows > MAX_ROWS:
                    raise _Full
                out.add("\t".join(_cell(value) for value in row) + "\n")
    finally:
        workbook.close()


def _cell(value: object) -> str:
    """A cell as Excel shows it by default: 200000, not 200000.0; dates as 2024-06-30."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else f"{value:.15g}"
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# DOCX and OFD: zipped XML, read here.


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _join(folder: str, location: str) -> str:
    """A path inside the package: absolute from its root, or relative to ``folder``."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location[1:])
    return posixpath.normpath(posixpath.join(folder, location))


def _targets(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, str]]:
    """(relationship type's last word, part) for each relationship of a DOCX part."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.namelist():
        return
    with archive.open(rels) as f:
        for element in ET.parse(f).getroot():
            if element.get("TargetMode") == "External" or not element.get("Target"):
                continue
            kind = element.get("Type", "").rpartition("/")[2]
            yield kind, _join(folder, element.get("Target", ""))


_WORD_PARTS = ("header", "footer", "footnotes", "endnotes", "comments")


def _docx(path: Path, out: _Text) -> None:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        main = next((p for k, p in _targets(archive, "") if k == "officeDocument"), None)
        if main is None or main not in names:
            raise _Unreadable(DAMAGED)
        parts = [main] + [p for k, p in _targets(archive, main) if k in _WORD_PARTS]
        for part in parts:
            if part in names:
                with archive.open(part) as f:
                    _wordml(f, out)


def _wordml(stream: IO[bytes], out: _Text) -> None:
    """Paragraphs a line each; a table row a line, its cells separated by tabs.

    Of a text box's alternatives (new and old drawing formats) only the first is read.
    """
    tables = skip = 0
    alternates: list[bool] = []  # for each open AlternateContent: one branch was read
    branches: list[bool] = []  # for each open Choice or Fallback: it is skipped
    for event, element in ET.iterparse(stream, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag == "AlternateContent":
                alternates.append(False)
            elif tag in ("Choice", "Fallback") and alternates:
                branches.append(alternates[-1])
                skip += alternates[-1]
                alternates[-1] = True
            tables += tag == "tbl"
            skip += tag == "moveFrom"  # moved text: read where it was moved to
            continue
        if tag == "AlternateContent" and alternates:
            alternates.pop()
        elif tag in ("Choice", "Fallback") and branches:
            skip -= branches.pop()
        elif tag == "moveFrom":
            skip -= 1
        elif skip:
            pass
        elif tag == "t":
            out.add(element.text or "")
        elif tag in ("tab", "ptab"):
            out.add(" ")
        elif tag in ("p", "br", "cr"):
            out.add(" " if tables else "\n")
        elif tag == "tc":
            out.add("\t" if tables == 1 else " ")
        elif tag == "tr":
            out.add("\n" if tables == 1 else " ")
        if tag == "tbl":
            tables -= 1
        if tag in ("p", "tbl", "sdt", "txbxContent"):
            element.clear()  # keep memory flat on a long document


def _ofd(path: Path, out: _Text) -> None:
    """Each document's pages in order; on a page, text objects in order, a line per baseline."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        pages = 0
        for doc_root in _ofd_elements(archive, "OFD.xml", "DocRoot"):
            document = _join("", doc_root.text or "")
            folder = posixpath.dirname(document)
            for page in _ofd_elements(archive, document, "Page"):
                content = _join(folder, page.get("BaseLoc", ""))
                if content not in names:
                    continue
                pages += 1
                if pages > MAX_PAGES:
                    raise _Full
                with archive.open(content) as f:
                    _ofd_page(ET.parse(f).getroot(), out)


def _ofd_elements(archive: zipfile.ZipFile, name: str, tag: str) -> list[ET.Element]:
    with archive.open(name) as f:
        return [e for e in ET.parse(f).getroot().iter() if _local(e.tag) == tag]


def _ofd_page(page: ET.Element, out: _Text) -> None:
    line_y: float | None = None
    end_x = 0.0  # where the next character would stand on the current line
    for text_object in page.iter():
        if _local(text_object.tag) != "TextObject":
            continue
        box = _numbers(text_object.get("Boundary", ""))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = _number(text_object.get("Size")) or 3.5
        for code in text_object:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            x, y = _number(code.get("X")), _number(code.get("Y"))
            here_x = end_x if x is None else bx + x  # no X or Y: it goes on where the last ended
            here_y = (line_y or by) if y is None else by + y
            if line_y is None or abs(here_y - line_y) > size / 2:
                out.add("\n")
            elif here_x > end_x + size:
                out.add(" ")  # a gap on the line: the next cell of a table
            out.add(code.text)
            advances = _deltas(code.get("DeltaX", ""))[: len(code.text) - 1]
            line_y, end_x = here_y, here_x + sum(advances) + size
    out.add("\n")


def _numbers(text: str) -> list[float]:
    try:
        return [float(n) for n in text.split()]
    except ValueError:
        return []


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _deltas(text: str) -> list[float]:
    """GB/T 33190's DeltaX: numbers, where ``g N d`` stands for N times d."""
    out: list[float] = []
    tokens = text.split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            n, d = _number(tokens[i + 1]), _number(tokens[i + 2])
            out += [d or 0.0] * min(int(n or 0), 10_000)
            i += 3
        else:
            out.append(_number(tokens[i]) or 0.0)
            i += 1
    return out


_READERS: dict[str, Callable[[Path, _Text], None]] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".ofd": _ofd,
}
