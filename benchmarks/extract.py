"""Benchmark: attachment text extraction, library against library, in milliseconds per file.

Writes the demo's four attachments (tests/fixtures/attachments.py) and larger
files (a 50-page PDF, a 2,000-row XLSX, a 50-page DOCX and OFD) into a temporary
folder, and times each candidate reader on each: the median of several runs
after a warm-up, with the characters it found (similar counts: the same text).
``gongkai`` is generator/source/extract.py as a build calls it (checks, caps and
normalising included). Candidates not installed are skipped with a note: pypdf
and openpyxl are not gongkai's dependencies (``pip install pypdf openpyxl``);
python-docx comes with ``.[test]``. Numbers, not pass/fail.

    python benchmarks/extract.py
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fixtures.attachments import (  # noqa: E402
    PAGE_BREAK,
    write_demo,
    write_docx,
    write_ofd,
    write_pdf,
    write_xlsx,
)
from generator.source.extract import extract  # noqa: E402

Reader = Callable[[Path], str]
SENTENCE = "第{n}条 申请企业于每年六月底前通过政务服务网提交材料，市科技局会同市财政局审核。"


def gongkai(path: Path) -> str:
    return extract(path).text


def pypdfium2_text(path: Path) -> str:
    import pypdfium2

    with pypdfium2.PdfDocument(path) as pdf:
        return "\n".join(page.get_textpage().get_text_bounded() for page in pdf)


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def calamine_text(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as book:
        return "\n".join(
            "\t".join(map(str, row))
            for name in book.sheet_names
            for row in book.get_sheet_by_name(name).iter_rows()
        )


def openpyxl_text(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    finally:
        book.close()


def python_docx_text(path: Path) -> str:
    import docx
    from docx.text.paragraph import Paragraph

    lines = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines += ["\t".join(cell.text for cell in row.cells) for row in block.rows]
    return "\n".join(lines)


CANDIDATES: dict[str, list[tuple[str, str, Reader]]] = {
    ".pdf": [
        ("gongkai (pypdfium2)", "pypdfium2", gongkai),
        ("pypdfium2", "pypdfium2", pypdfium2_text),
        ("pypdf", "pypdf", pypdf_text),
    ],
    ".xlsx": [
        ("gongkai (calamine)", "python_calamine", gongkai),
        ("python-calamine", "python_calamine", calamine_text),
        ("openpyxl read-only", "openpyxl", openpyxl_text),
    ],
    ".docx": [
        ("gongkai (XML)", "zipfile", gongkai),
        ("python-docx", "docx", python_docx_text),
    ],
    ".ofd": [("gongkai (XML)", "zipfile", gongkai)],
}


def large_files(folder: Path) -> list[Path]:
    lines: list[str] = []
    for page in range(50):
        lines += [SENTENCE.format(n=page * 30 + i) for i in range(30)] + [PAGE_BREAK]
    paragraphs = [line for line in lines if line != PAGE_BREAK]
    rows: list[list[str | int | float]] = [["序号", "企业名称", "补贴项目", "金额（元）", "日期"]]
    rows += [
        [i, f"示例{i}号科技有限公司", "研发投入补助", 1000 * i, "2024-06-30"] for i in range(2000)
    ]
    return [
        write_pdf(folder / "50页.pdf", lines),
        write_xlsx(folder / "2000行.xlsx", rows),
        write_docx(
            folder / "50页.docx", paragraphs, [[str(i), f"材料{i}", "1"] for i in range(300)]
        ),
        write_ofd(folder / "50页.ofd", lines, lines_per_page=30),
    ]


def timed(read: Reader, path: Path) -> tuple[float, int]:
    """Median milliseconds over runs that add up to about half a second, and the text's length."""
    start = time.perf_counter()
    text = read(path)  # warm-up: imports, caches
    once = time.perf_counter() - start
    runs = max(3, min(30, int(0.5 / max(once, 1e-4))))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(text)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_demo(folder / "demo") + large_files(folder)
        print(f"{'file':<16} {'reader':<22} {'ms':>9} {'chars':>8}")
        for path in files:
            kb = path.stat().st_size / 1024
            for label, module, read in CANDIDATES[path.suffix]:
                if importlib.util.find_spec(module) is None:
                    print(f"{path.name:<16} {label:<22} {'not installed':>18}")
                    continue
                ms, chars = timed(read, path)
                print(f"{path.name:<16} {label:<22} {ms:9.2f} {chars:8d}   ({kb:.0f} KB)")
        print("OFD: easyofd not measured: it needs PyMuPDF (AGPL, a 69 MB wheel), Pillow, loguru")


if __name__ == "__main__":
    main()
