"""Bytes to text, the one way every file of a portal is decoded."""

from __future__ import annotations


class SourceError(Exception):
    """A file cannot be read as it should be; ``line`` says where (0: the whole file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(data: bytes, *, lenient: bool = False) -> str:
    """UTF-8 text with any BOM dropped and CRLF made LF, as Windows editors write it.

    Strict (items, catalogue files): binary content or another encoding is a
    SourceError that says how to save the file. ``lenient`` (attachments, the fast
    scan): never an error; GB18030, as Excel saves CSV on Chinese Windows, when the
    bytes are not UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not lenient and b"\x00" in data[:8192]:
        raise SourceError(
            0, "这不是文本文件（含二进制内容），请确认文件是用文本编辑器保存的 Markdown"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _other_encoding(data, exc, lenient)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _other_encoding(data: bytes, exc: UnicodeDecodeError, lenient: bool) -> str:
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        gbk = None
    if lenient:
        return gbk if gbk is not None else data.decode("utf-8", "replace")
    line = data[: exc.start].count(b"\n") + 1
    hint = "；文件看来是 GBK/GB18030 编码，请在编辑器中「另存为 UTF-8」" if gbk is not None else ""
    raise SourceError(line, f"文件不是 UTF-8 编码{hint}") from None
