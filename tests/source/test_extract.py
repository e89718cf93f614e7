"""Attachments' text: every format's text is found, a bad file is named and never raises, and
the cache reads an unchanged file once. Files are written by tests/fixtures/attachments.py."""

from __future__ import annotations

import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from fixtures.attachments import (
    PAGE_BREAK,
    rewrite,
    truncate,
    write_damaged,
    write_demo,
    write_docx,
    write_encrypted_office,
    write_ofd,
    write_pdf,
    write_xlsx,
)
from generator.check import privacy
from generator.source import extract as extraction
from generator.source.extract import EXTRACTABLE, Extracted, extract, normalise
from generator.source.extract_cache import AttachmentTexts

# Formats: the text a citizen would search for is there.


def test_pdf_chinese_text_on_every_page(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "a.pdf",
        ["杭州示例科技有限公司 补贴 200000 元", PAGE_BREAK, "第二页：公示期七个工作日"],
    )
    result = extract(path)
    assert result == Extracted("杭州示例科技有限公司 补贴 200000 元\n第二页：公示期七个工作日")


def test_pdf_text_outside_the_page_box_is_read(tmp_path: Path) -> None:
    """Text placed off the visible page is still in the published file: the scan must see it."""
    from fpdf import FPDF

    from fixtures.attachments import FONT

    pdf = FPDF()
    pdf.add_font("wqy", fname=str(FONT), collection_font_number=0)
    pdf.set_font("wqy", size=12)
    pdf.add_page()
    pdf.text(20, 20, "看得见的字")
    pdf.text(20, -30, "页面外的字")
    pdf.output(str(tmp_path / "off.pdf"))
    assert extract(tmp_path / "off.pdf").text.split("\n") == ["看得见的字", "页面外的字"]


def test_docx_paragraphs_and_table_cells(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "a.docx",
        ["研发投入补助办事指南", "申请人可在线办理。"],
        [["材料名称", "份数"], ["补助申请表", "1"], ["营业执照复印件", "1"]],
    )
    assert extract(path).text.split("\n") == [
        "研发投入补助办事指南",
        "申请人可在线办理。",
        "材料名称\t份数",
        "补助申请表\t1",
        "营业执照复印件\t1",
    ]


CONTROL = "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件里的字</w:t></w:r></w:p></w:sdtContent></w:sdt>"
INSERTED = '<w:p><w:ins w:id="9" w:author="a"><w:r><w:t>修订插入的字</w:t></w:r></w:ins></w:p>'
TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "<w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
)
DELETED = (
    '<w:p><w:del w:id="8" w:author="a"><w:r><w:delText>删掉的字</w:delText></w:r></w:del></w:p>'
)


def test_docx_content_controls_text_boxes_and_tracked_insertions(tmp_path: Path) -> None:
    """Where python-docx's paragraphs and tables do not look; a text box is read once."""
    path = write_docx(tmp_path / "a.docx", ["正文"])
    rewrite(path, "word/document.xml",
            lambda xml: xml.replace("<w:sectPr", CONTROL + TEXT_BOX + INSERTED + DELETED + "<w:sectPr", 1))  # fmt: skip
    lines = extract(path).text.split("\n")
    assert lines == ["正文", "控件里的字", "文本框里的字", "修订插入的字"]


def test_docx_headers_and_footers(tmp_path: Path) -> None:
    import docx

    path = write_docx(tmp_path / "a.docx", ["正文"])
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "页眉里的字"
    document.sections[0].footer.paragraphs[0].text = "页脚里的字"
    document.save(str(path))
    assert extract(path).text.split("\n") == ["正文", "页眉里的字", "页脚里的字"]


def test_docx_nested_table_stays_in_its_cell(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "a.docx", [], [["外甲", "外乙"]])
    inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    rewrite(path, "word/document.xml", lambda xml: xml.replace("外乙</w:t></w:r></w:p>", "外乙</w:t></w:r></w:p>" + inner, 1))  # fmt: skip
    assert extract(path).text == "外甲\t外乙 内一 内二"


def test_xlsx_every_sheet_a_row_per_line(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [["企业名称", "金额（元）"], ["杭州示例科技有限公司", 200000]],
        汇总=[["补贴项目", "合计"], ["研发投入补助", 1234.5]],
    )
    assert extract(path).text.split("\n") == [
        "企业名称\t金额（元）",
        "杭州示例科技有限公司\t200000",
        "补贴项目\t合计",
        "研发投入补助\t1234.5",
    ]


def test_xlsx_hidden_sheet_is_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["公开"]], 底稿=[["隐藏表里的字"]])
    rewrite(
        path,
        "xl/workbook.xml",
        lambda xml: xml.replace('name="底稿"', 'name="底稿" state="hidden"'),
    )
    assert "隐藏表里的字" in extract(path).text


def test_ofd_pages_in_order(tmp_path: Path) -> None:
    path = write_ofd(
        tmp_path / "a.ofd", ["关于补助申报的通知", "各有关企业：", PAGE_BREAK, "示例市科技局"]
    )
    assert extract(path).text.split("\n") == ["关于补助申报的通知", "各有关企业：", "示例市科技局"]


def test_ofd_characters_placed_one_by_one_make_one_line(tmp_path: Path) -> None:
    """Converters often write a text object per character; a baseline is one line, a gap a space."""
    path = write_ofd(tmp_path / "a.ofd", ["x"])
    glyphs = "".join(
        f'<ofd:TextObject ID="{10 + i}" Boundary="{20 + 5 * i + (30 if i >= 4 else 0)} {40 + (20 if i >= 6 else 0)} 5 5" '
        f'Font="1" Size="4"><ofd:TextCode X="0" Y="4">{c}</ofd:TextCode></ofd:TextObject>'
        for i, c in enumerate("杭州示例二十万元")
    )
    page = "Doc_0/Pages/Page_0/Content.xml"
    rewrite(
        path,
        page,
        lambda xml: xml.replace(
            xml[xml.index("<ofd:TextObject") : xml.index("</ofd:Layer>")], glyphs
        ),
    )
    assert extract(path).text.split("\n") == ["杭州示例 二十", "万元"]


def test_ofd_locations_absolute_and_relative(tmp_path: Path) -> None:
    path = write_ofd(tmp_path / "a.ofd", ["第一页", PAGE_BREAK, "第二页"])
    rewrite(path, "Doc_0/Document.xml",
            lambda xml: xml.replace('BaseLoc="Pages/Page_1/', 'BaseLoc="/Doc_0/Pages/Page_1/'))  # fmt: skip
    assert extract(path).text == "第一页\n第二页"


def test_other_suffixes_are_not_extracted(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    (tmp_path / "a.txt").write_text("文本", encoding="utf-8")
    assert extract(tmp_path / "old.doc") == Extracted("")
    assert extract(tmp_path / "a.txt") == Extracted("")
    assert {".pdf", ".docx", ".xlsx", ".ofd"} == EXTRACTABLE


def test_suffix_in_capitals(tmp_path: Path) -> None:
    assert extract(write_xlsx(tmp_path / "A.XLSX", [["大写扩展名"]])).text == "大写扩展名"


# Bad files: a plain problem for the clerk, never an exception.


def _valid(folder: Path, suffix: str) -> Path:
    path = folder / f"good{suffix}"
    if suffix == ".pdf":
        return write_pdf(path, ["补贴名单"] * 30)
    if suffix == ".docx":
        return write_docx(path, ["补贴名单"] * 30, [["企业", "金额"]])
    if suffix == ".xlsx":
        return write_xlsx(path, [["补贴名单", 1]] * 30)
    return write_ofd(path, ["补贴名单"] * 30)


FORMATS = sorted(EXTRACTABLE)


@pytest.mark.parametrize("suffix", FORMATS)
def test_damaged(tmp_path: Path, suffix: str) -> None:
    result = extract(write_damaged(tmp_path / f"a{suffix}"))
    assert result.problem is not None and "损坏" in result.problem and result.text == ""


@pytest.mark.parametrize("suffix", FORMATS)
def test_truncated(tmp_path: Path, suffix: str) -> None:
    result = extract(truncate(_valid(tmp_path, suffix), 0.6))
    assert result.problem in (extraction.DAMAGED, extraction.INCOMPLETE)
    if suffix == ".pdf":
        assert result.problem == extraction.INCOMPLETE  # PDFium reads what it can


@pytest.mark.parametrize("suffix", FORMATS)
def test_empty(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"a{suffix}").write_bytes(b"")
    assert extract(tmp_path / f"a{suffix}") == Extracted("", extraction.EMPTY)


def test_encrypted_pdf(tmp_path: Path) -> None:
    result = extract(write_pdf(tmp_path / "a.pdf", ["机密"], password="secret"))
    assert result == Extracted("", extraction.ENCRYPTED)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_encrypted_office(tmp_path: Path, suffix: str) -> None:
    plain = _valid(tmp_path, suffix)
    result = extract(write_encrypted_office(tmp_path / f"locked{suffix}", plain))
    assert result == Extracted("", extraction.ENCRYPTED)


def test_old_office_file_under_a_new_name(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    problem = extract(tmp_path / "a.docx").problem
    assert (
        problem is not None and "旧版 Office 文件（.doc）" in problem and "另存为 .docx" in problem
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xe8\xa1\xa5\xe8\xb4\xb4\xe5\x90\x8d\xe5\x8d\x95 just text\n" * 10, "纯文本"),
        (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "网页"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "图片"),
        (bytes(range(256)) * 4, "文件开头不符合 PDF 格式"),
    ],
)
def test_not_a_pdf(tmp_path: Path, content: bytes, said: str) -> None:
    (tmp_path / "a.pdf").write_bytes(content)
    problem = extract(tmp_path / "a.pdf").problem
    assert problem is not None and "不是有效的 PDF 文件" in problem and said in problem


def test_a_workbook_named_docx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["x"]]).rename(tmp_path / "a.docx")
    problem = extract(path).problem
    assert problem is not None and "请把扩展名改为 .xlsx" in problem


def test_a_zip_named_ofd(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.ofd", "w") as archive:
        archive.writestr("readme.txt", "x")
    problem = extract(tmp_path / "a.ofd").problem
    assert problem is not None and "压缩包" in problem


def test_bytes_damaged_at_random_never_raise(tmp_path: Path) -> None:
    """Valid files with bytes overwritten here and there: a problem or some text, no exception."""
    rng = random.Random(20240601)
    for suffix in FORMATS:
        good = _valid(tmp_path, suffix).read_bytes()
        for n in range(12):
            data = bytearray(good)
            for _ in range(rng.randint(1, 40)):
                at = rng.randrange(len(data))
                data[at : at + 8] = rng.randbytes(8)
            path = tmp_path / f"bad{n}{suffix}"
            path.write_bytes(bytes(data))
            result = extract(path)
            assert isinstance(result.text, str)


def test_huge_unzipped_size_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["x" * 1000]] * 50)
    monkeypatch.setattr(extraction, "MAX_UNZIPPED", 10_000)
    assert extract(path) == Extracted("", extraction.TOO_BIG)


def test_rows_and_text_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [[f"第{i}行", i] for i in range(100)])
    monkeypatch.setattr(extraction, "MAX_ROWS", 10)
    result = extract(path)
    assert result.truncated and result.problem is None
    assert result.text.split("\n") == [f"第{i}行\t{i}" for i in range(10)]
    monkeypatch.setattr(extraction, "MAX_ROWS", 1000)
    monkeypatch.setattr(extraction, "MAX_TEXT", 50)
    result = extract(path)
    assert result.truncated and 0 < len(result.text) <= 50 and result.text.startswith("第0行\t0\n")


def test_pages_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction, "MAX_PAGES", 2)
    pdf = extract(write_pdf(tmp_path / "a.pdf", ["一", PAGE_BREAK, "二", PAGE_BREAK, "三"]))
    ofd = extract(write_ofd(tmp_path / "a.ofd", ["一", PAGE_BREAK, "二", PAGE_BREAK, "三"]))
    assert pdf == ofd == Extracted("一\n二", None, truncated=True)


def test_normalise() -> None:
    text = "  e\u0301 \u3000 全角  空格 \r\n\n\t\t\n甲\t  乙 \t\t\n\x00控制\x07符\u2028下一行"
    assert normalise(text) == "é 全角 空格\n甲\t乙\n控制符\n下一行"


# The cache: an unchanged attachment is read once, problems included.


def _fail(path: Path) -> Extracted:
    raise AssertionError(f"{path} was extracted again")


def test_cache_reads_an_unchanged_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "名单.xlsx", [["杭州示例科技有限公司"]])
    first = AttachmentTexts(tmp_path / "cache").get(path)
    assert first.text == "杭州示例科技有限公司"
    monkeypatch.setattr(extraction, "extract", _fail)
    texts = AttachmentTexts(tmp_path / "cache")  # a new build
    assert texts.get(path) == first
    assert texts.keys == {texts.key(path)}


def test_cache_keeps_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_damaged(tmp_path / "a.pdf")
    first = AttachmentTexts(tmp_path / "cache").get(path)
    assert first.problem is not None
    monkeypatch.setattr(extraction, "extract", _fail)
    assert AttachmentTexts(tmp_path / "cache").get(path) == first


def test_cache_changed_bytes_or_suffix_extract_again(tmp_path: Path) -> None:
    texts = AttachmentTexts(tmp_path / "cache")
    path = write_xlsx(tmp_path / "a.xlsx", [["第一版"]])
    assert texts.get(path).text == "第一版"
    write_xlsx(path, [["第二版"]])
    assert texts.get(path).text == "第二版"
    renamed = path.rename(tmp_path / "a.docx")
    assert texts.get(renamed).problem is not None  # the same bytes under another name


def test_cache_damaged_entry_is_extracted_again(tmp_path: Path) -> None:
    path = write_ofd(tmp_path / "a.ofd", ["通知"])
    texts = AttachmentTexts(tmp_path / "cache")
    texts.get(path)
    texts.store.path(texts.key(path)).write_text('{"text": "cut sh', encoding="utf-8")
    assert AttachmentTexts(tmp_path / "cache").get(path).text == "通知"


def test_cache_keep_prunes(tmp_path: Path) -> None:
    texts = AttachmentTexts(tmp_path / "cache")
    old, new = write_ofd(tmp_path / "old.ofd", ["旧"]), write_ofd(tmp_path / "new.ofd", ["新"])
    texts.get(old)
    texts.get(new)
    kept = texts.key(new)
    texts.keep([kept])
    assert [p.name for p in (tmp_path / "cache").rglob("*.json")] == [f"{kept}.json"]


def test_cache_key_covers_libraries_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_ofd(tmp_path / "a.ofd", ["通知"])
    before = AttachmentTexts(tmp_path / "cache").key(path)
    monkeypatch.setattr(extraction, "LIBRARIES", ("pypdfium2", "python-calamine", "pip"))
    assert AttachmentTexts(tmp_path / "cache").key(path) != before


# The demo's attachments: regenerated byte for byte, fictional, and their text found.


def test_demo_attachments_are_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    for out in ("one", "two"):
        subprocess.run([sys.executable, "-m", "tests.fixtures.attachments", str(tmp_path / out)],
                       cwd=REPO, check=True, capture_output=True, timeout=120)  # fmt: skip
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert sorted(one) == ["办事指南.docx", "实施细则.pdf", "补贴名单.xlsx", "通知.ofd"]
    assert one == two


def test_demo_attachments_text_and_no_personal_data(tmp_path: Path) -> None:
    texts = {p.name: extract(p) for p in write_demo(tmp_path)}
    assert all(t.problem is None and not t.truncated for t in texts.values())
    assert "杭州示例科技有限公司\t研发投入补助\t200000" in texts["补贴名单.xlsx"].text
    assert "首台套奖励\t1\t300000" in texts["补贴名单.xlsx"].text  # the second sheet
    assert "公示期为七个工作日" in texts["实施细则.pdf"].text
    assert "补助申请表\t1\t加盖企业公章" in texts["办事指南.docx"].text
    assert texts["通知.ofd"].text.endswith("示例市科技局\n二〇二四年五月二十日")
    for t in texts.values():
        assert privacy.scan(t.text, []) == []
