"""Rules about content/ as a whole: files where generated pages go, links out of it,
personal numbers in attachments (every file in content/ is published as it is, named
by an item or not): text files as they are, PDF, DOCX, XLSX and OFD by their text."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from pathlib import Path

from ..body.links import relative_links, resolve
from ..model.item import Item
from ..model.layout import RESERVED
from ..model.problem import Problem
from ..model.text import line_at
from ..source.content import content_dir
from ..source.extract import EXTRACTABLE
from ..source.extract_cache import AttachmentTexts
from ..source.text import decode
from . import privacy
from .attachments import declared

TEXT_ATTACHMENTS = {".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm"}


def content_rules(
    root: Path, items: list[Item], paths: list[Path], texts: AttachmentTexts | None = None
) -> list[Problem]:
    """Every content rule over ``paths`` (those of one walk, or a pull request's).

    With ``texts`` (the extracted texts' cache), PDF, DOCX, XLSX and OFD files are
    scanned by their text.
    """
    content = content_dir(root)
    real = content.resolve()
    # Every path is one the walk found under content/: its relative path is the rest of it
    # (relative_to for each of 100,000 files was a tenth of a warm check).
    prefix = f"{content}/"
    rels = [(path, _rel(path, content, prefix)) for path in paths]
    return (
        reserved_paths(rels)
        + links_out_of_content(real, rels)
        + personal_data_in_attachments(real, items, rels, texts)
    )


def _rel(path: Path, content: Path, prefix: str) -> str:
    """``path`` relative to ``content`` (whose path, with a slash, is ``prefix``)."""
    text = str(path)
    if text.startswith(prefix):
        return text[len(prefix) :]
    return path.relative_to(content).as_posix()


def reserved_paths(rels: list[tuple[Path, str]]) -> list[Problem]:
    """Files in content/ where generated pages go (the home page, items/, columns/ …)."""
    problems = []
    for path, rel in rels:
        name = next(
            (n for n in RESERVED if rel == n or (rel.startswith(n) and n.endswith("/"))), None
        )
        if name is not None and path.is_file():
            message = f"content/{name} 是自动生成页面的位置，请把此文件改名或移到别处"
            problems.append(Problem(f"content/{rel}", 0, message))
    return problems


def _inside(rel: str, reserved: str) -> bool:
    return reserved.endswith("/") and rel.startswith(reserved)


def links_out_of_content(real: Path, rels: list[tuple[Path, str]]) -> list[Problem]:
    """Symbolic links in content/ that lead outside it: the renderer would publish their target."""
    problems = []
    for path, rel in rels:
        if path.is_symlink() and not path.resolve().is_relative_to(real):
            problems.append(Problem(f"content/{rel}", 0, "这是指向 content/ 以外的链接（symlink），"
                                    "其内容不会被发布；请把文件本身放进来"))  # fmt: skip
    return problems


def personal_data_in_attachments(
    real: Path,
    items: list[Item],
    rels: list[tuple[Path, str]],
    texts: AttachmentTexts | None = None,
) -> list[Problem]:
    """ID, mobile and bank card numbers in attachments: text files, and (with ``texts``)
    the text of PDF, DOCX, XLSX and OFD files.

    An attachment may use the exemptions of the items that name or link it.
    """
    exempt: dict[str, list[str]] = defaultdict(list)
    for item in items:
        folder = posixpath.dirname(item.content_path)
        for link in relative_links(item.body):
            exempt[resolve(folder, link)] += item.exempt
        for named, _ in declared(item):
            exempt[named] += item.exempt
    problems = []
    for path, rel in rels:
        suffix = path.suffix.lower()
        extracted = texts is not None and suffix in EXTRACTABLE
        if not (extracted or suffix in TEXT_ATTACHMENTS) or not path.is_file():
            continue
        if not path.resolve().is_relative_to(real):
            continue
        text = texts.get(path).text if texts is not None and extracted else _attachment_text(path)
        for finding in privacy.scan(text, exempt.get(rel, [])):
            line = 0 if extracted else line_at(text, finding.start)  # a document has no lines
            message = f"（附件中）{finding.message()}" if extracted else finding.message()
            problems.append(Problem(f"content/{rel}", line, message))
    return problems


def _attachment_text(path: Path) -> str:
    try:
        return decode(path.read_bytes()[: 20 * 1024 * 1024], lenient=True)
    except OSError:
        return ""
