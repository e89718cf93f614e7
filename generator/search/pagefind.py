"""The Pagefind program: where it is, its version, and one run over a folder of documents."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import SearchError
from .stable import stabilise

LANGUAGE = "und"  # Pagefind's index language: no stemming, no segmenting (see the package doc)
ENTRY = "pagefind-entry.json"  # in every finished Pagefind output, a file of its own


def pagefind_binary() -> Path:
    """The Pagefind executable shipped in the ``pagefind_bin`` wheel.

    The standard binary is enough: the text arrives cut into pieces (``grams``).
    Pagefind Extended works too (the same index), and is used if it is what is
    installed.
    """
    for module in ("pagefind_bin", "pagefind_bin_extended"):
        try:
            found = __import__(module)
        except ImportError:
            continue
        path = Path(found.get_executable())
        if path.is_file():
            return path
    raise SearchError(
        "没有安装 Pagefind，无法生成检索索引。请运行 pip install 'pagefind[bin]'（或 make site）。"
    )


def pagefind_version(binary: Path) -> str:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


# Pagefind's own UIs: the portal has its own (assets/search.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")  # fmt: skip


def run_pagefind(binary: Path, source: Path, output: Path) -> None:
    cmd = [str(binary), "--site", str(source), "--output-path", str(output),
           "--force-language", LANGUAGE, "--quiet"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (output / ENTRY).exists():
        raise SearchError(f"Pagefind 索引失败：{(done.stderr or done.stdout).strip()[-2000:]}")
    for name in _UNUSED:
        (output / name).unlink(missing_ok=True)
    stabilise(output, ENTRY)  # the same documents, the same bytes (pagefind#638)
