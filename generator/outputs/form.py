"""The 政府信息公开申请表 as a Word document, written at build time from catalogue/.

Its blanks are catalogue/guide.yml's and its list of receiving offices is
departments.yml's, so the form a resident prints never names a moved office. The
same catalogue and build date give the same bytes: the parts of a split build
(``gongkai build --part``) each write it, and ``gongkai assemble`` compares them.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from ..model.catalogue import Catalogue
from ..model.guide import FormSection, Guide

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time
FONT = "宋体"  # what Chinese government forms are printed in; Word falls back where absent


def form_document(catalogue: Catalogue, guide: Guide, day: dt.date) -> bytes:
    """The form's DOCX bytes: title, the body, the sections' blanks and boxes, the offices."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(11)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    title = document.add_heading(guide.form_title, level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if catalogue.settings.identity.host:
        document.add_paragraph(f"{catalogue.settings.name}　{catalogue.settings.identity.host}")
    document.add_paragraph("受理机关：________________________（见本表最后的受理机构）")
    for section in guide.form:
        _section(document, section)
    if guide.form_note:
        document.add_paragraph(guide.fill(guide.form_note))
    document.add_heading("受理机构", level=2)
    offices = document.add_table(rows=1, cols=4)
    offices.style = "Table Grid"
    for cell, text in zip(offices.rows[0].cells, ("部门", "地址", "电话", "电子邮箱"), strict=True):
        cell.text = text
    for dep in catalogue.departments:
        contact = dep.contact
        row = offices.add_row().cells
        for cell, text in zip(row, (f"{dep.name}（{contact.office}）" if contact.office else dep.name,
                                    contact.address, contact.phone, contact.email), strict=True):  # fmt: skip
            cell.text = text
    props = document.core_properties
    props.title, props.author = (
        guide.form_title,
        catalogue.settings.identity.host or catalogue.settings.name,
    )
    props.last_modified_by = props.author
    when = dt.datetime.combine(day, dt.time())
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _repacked(out.getvalue())


def _section(document: docx.document.Document, section: FormSection) -> None:
    """A section as the national form lays it out: the group on the left, blanks to the right."""
    document.add_heading(section.title, level=2)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for group in section.groups:
        if group.choices:
            cells = table.add_row().cells
            cells[0].text = group.title
            cells[1].merge(cells[2]).text = "　".join(f"□ {c}" for c in group.choices)
            continue
        first = len(table.rows)
        for name in group.fields:
            cells = table.add_row().cells
            cells[1].text = name
        if group.fields:
            top, bottom = table.rows[first].cells[0], table.rows[-1].cells[0]
            top.merge(bottom).text = group.title


def _repacked(data: bytes) -> bytes:
    """The zip with fixed entry dates, so that the same content gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


def write_form(path: Path, catalogue: Catalogue, guide: Guide, day: dt.date) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(form_document(catalogue, guide, day))
