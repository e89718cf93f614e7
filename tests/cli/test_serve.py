"""`gongkai serve`: a live preview that rebuilds when content/ or catalogue/ change."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(url: str, ok: Callable[[str], bool], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
                if ok(last):
                    return last
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never satisfied the condition; last page:\n{last[:500]}")


def test_serve_rebuilds_on_content_and_catalogue_changes(small: Path, tmp_path: Path) -> None:
    port = free_port()
    temp = tmp_path / "temp"  # the system's temporary folder, as the preview sees it
    temp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--root", str(small),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, lambda html: "示例县政府信息公开目录" in html)

        item = small / "content/jy/admission-2024-jd.md"
        edit(item, "政策解读\n", "政策解读（更新）\n", 1)
        wait_for(base + "items/000014350-2024-00002/", lambda html: "政策解读（更新）" in html)

        settings = small / "catalogue/catalogue.yml"
        edit(settings, "示例县", "样板县", 1)
        home = wait_for(base, lambda html: "样板县政府信息公开目录" in html)
        assert "示例县政府信息公开目录" not in home  # the header and <title> follow it too
        assert list(temp.glob("mkdocs_*"))  # the preview's site, built there
    finally:
        proc.terminate()  # as a service manager stops it
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    assert not list(temp.iterdir())  # stopped, it leaves nothing behind
