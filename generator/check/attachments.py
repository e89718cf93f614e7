"""Attachments (附件): the files an item declares or its body links, found and checked.

A declared file must exist beside the item; every attachment must stay inside
content/, have a file name that works in a URL, be of a type catalogue.yml
allows and be under its size limit (larger files belong in Git LFS, whose
pointers the build accepts: it lists the file with the size the pointer gives).
Each item gets ``item.files``, which the pages list and search indexes; the
text of PDF, DOCX, XLSX and OFD files is read (``source/extract.py``, cached by
the file's bytes) for search (content_rules scans it for personal numbers).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from ..body.links import relative_links, resolve
from ..model.catalogue import Catalogue, Settings
from ..model.item import Attachment, Item
from ..model.problem import Problem, Severity
from ..source.content import content_dir
from ..source.extract_cache import AttachmentTexts

LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"
_LFS_SIZE = re.compile(rb"^size (\d+)$", re.MULTILINE)
# What breaks a URL or a file system: separators, wildcards, quotes, #, %, spaces, controls
_UNSAFE = re.compile(r'[\\/:*?"<>|#%\s\x00-\x1f\x7f]')


def attachment_rules(
    root: Path, items: list[Item], catalogue: Catalogue, texts: AttachmentTexts | None = None
) -> list[Problem]:
    """Find and check every item's attachments; set ``item.files``.

    With ``texts`` (the cache of extracted texts), their text is read, for search.
    """
    content = content_dir(root)
    real = content.resolve()
    spec, settings = catalogue.field("attachments"), catalogue.settings
    problems: list[Problem] = []
    for item in items:
        item.files = []

        def report(message: str, at: int, warning: bool = False, source: str = item.source) -> None:
            severity: Severity = "warning" if warning else "error"
            problems.append(Problem.of(source, at, message, spec, severity))

        for rel, title, at in _named(item, item.lines.get("attachments", 0)):
            found = _attachment(content, real, rel, title, settings, report, at)
            if found is None or any(f.path == found.path for f in item.files):
                continue
            if texts is not None and not found.lfs:
                found = _read(content, found, item, texts, report)
            item.files.append(found)
    return problems


def _read(
    content: Path,
    found: Attachment,
    item: Item,
    texts: AttachmentTexts,
    report: Callable[..., None],
) -> Attachment:
    """``found`` with its text; what stops it being read is reported.

    A file that cannot be read is a warning, never a failed build: it is still
    published, only not searched.
    """
    extracted = texts.get(content / found.path)
    where = f"content/{found.path}"
    if extracted.problem:
        report(f"附件「{posixpath.basename(found.path)}」的文字无法读取（不影响发布，但检索不到）："
               f"{extracted.problem}", 0, warning=True, source=where)  # fmt: skip
    return dataclasses.replace(found, text=extracted.text)  # its numbers: content_rules


def declared(item: Item) -> list[tuple[str, str]]:
    """The files an item's front matter names, as paths inside content/, with their titles."""
    folder = posixpath.dirname(item.content_path)
    return [(posixpath.normpath(posixpath.join(folder, r.file)), r.title) for r in item.attachments]


def _named(item: Item, line: int) -> list[tuple[str, str, int]]:
    """The files an item names: declared (with titles), then the body's links to non-pages."""
    folder = posixpath.dirname(item.content_path)
    named = [(path, title, line) for path, title in declared(item)]
    for link in relative_links(item.body):
        target = resolve(folder, link)
        if not target.endswith(".md") and posixpath.basename(target):
            named.append((target, "", -1))  # -1: linked from the body (link_rules checks it)
    return named


def _attachment(
    content: Path,
    real: Path,
    rel: str,
    title: str,
    settings: Settings,
    report: Callable[..., None],
    at: int,
) -> Attachment | None:
    declared = at >= 0
    at = max(at, 0)
    name = posixpath.basename(rel)
    path = content / rel
    if rel == ".." or rel.startswith("../"):
        if declared:
            report(f"附件「{rel}」在 content/ 以外，不会被发布；请把文件放在本条信息旁", at)
        return None
    try:
        if not path.is_file():
            if declared:
                report(f"附件「{name}」不存在：请把文件放在 content/{posixpath.dirname(rel)}/ 中，"
                       "或改正文件名（注意大小写）", at)  # fmt: skip
            return None
        if not path.resolve().is_relative_to(real):
            return None  # a symbolic link out of content/: content_rules reports it
        size = path.stat().st_size
        head = path.read_bytes()[:200] if size < 1024 else b""
    except (OSError, ValueError):
        return None
    if _UNSAFE.search(name) or name.startswith((".", "-")):
        report(f"附件文件名「{name}」含有不能用于网址的字符（空格、#、% 等）或以 . - 开头；"
               "请改名，可用中文、字母、数字、-、_ 和括号", at)  # fmt: skip
    suffix = posixpath.splitext(name)[1].lower().lstrip(".")
    types = settings.attachment_types
    if types and suffix not in types:
        report(f"附件「{name}」的类型 .{suffix} 不在 catalogue/catalogue.yml 的 attachments 中；"
               f"可用 {'、'.join(types)}", at)  # fmt: skip
        return None
    lfs = head.startswith(LFS_POINTER)
    if lfs:
        pointed = _LFS_SIZE.search(head)
        size = int(pointed.group(1)) if pointed else size
        report(f"附件「{name}」是 Git LFS 指针，文件内容尚未取回：发布前请运行 git lfs pull", at,
               warning=True)  # fmt: skip
    elif size > settings.attachment_max_mb * 2**20:
        report(f"附件「{name}」有 {size / 2**20:.1f} MB，超过 {settings.attachment_max_mb} MB："
               "大文件请用 Git LFS 保存（见 README「附件」）", at)  # fmt: skip
    kind = types.get(suffix, suffix.upper())
    return Attachment(rel, title or name, kind, size, lfs)
