"""Every relative link in a body (attachments, other items) leads to a file inside content/."""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..body.links import relative_links, resolve
from ..model.problem import Problem
from ..source.content import ItemFile, content_dir
from ..source.frontmatter import Source


def link_rules(root: Path, file: ItemFile, source: Source) -> list[Problem]:
    out: list[Problem] = []
    links = relative_links(source.body)
    if not links:  # most bodies: nothing to look up (a Path each was a fifth of a warm check)
        return out
    content = content_dir(root)
    source_dir = posixpath.dirname(file.content_path)
    for link in links:
        line = source.line_at(link.start)
        target = resolve(source_dir, link)
        if target == ".." or target.startswith("../"):
            message = (
                f"链接「{link.target}」指向 content/ 以外，不会被发布；请把附件放在部门文件夹中"
            )
            out.append(Problem(file.rel, line, message))
        elif not _is_file(content / target):
            message = f"链接的文件「{link.target}」不存在；请上传附件或改正文件名（注意大小写）"
            out.append(Problem(file.rel, line, message))
    return out


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a NUL byte or a name too long for the file system
        return False
