"""Bad input never hurts: every malformed file gets a clear message, never a traceback."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, VALID
from generator.check.item import Checker
from generator.check.run import Result
from generator.source.catalogue import load_catalogue
from generator.source.content import ItemFile
from generator.source.frontmatter import parse
from generator.source.text import SourceError, decode

Write = Callable[..., Path]

BILLION_LAUGHS = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
keywords: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
"""


def errors_of(result: Result, path: str) -> list[str]:
    return [p.message for p in result.errors if p.path == path]


def test_yaml_aliases_are_refused(small: Path, check: Callable[[], Result]) -> None:
    (small / "content/cz/bomb.md").write_text(BILLION_LAUGHS, encoding="utf-8")
    result = check()
    [problem] = [p for p in result.errors if p.path == "content/cz/bomb.md"]
    assert problem.message == "不支持 YAML 引用（& 和 *），请直接写出每个值"
    assert problem.line == 3  # the first *a


def test_a_50_mb_file_is_refused_without_reading_it(
    small: Path, check: Callable[[], Result]
) -> None:
    with (small / "content/cz/huge.md").open("wb") as f:
        f.write(b"---\n")
        f.truncate(50 * 1024 * 1024)
    assert any("文件过大（50 MB）" in m for m in errors_of(check(), "content/cz/huge.md"))


def test_symlinks_out_of_content_are_refused(
    small: Path, tmp_path: Path, check: Callable[[], Result]
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\n" + VALID + "---\n机密\n", encoding="utf-8")
    (small / "content/cz/linked.md").symlink_to(secret)
    (small / "content/cz/files/passwd.txt").symlink_to("/etc/passwd")
    (small / "content/jy/outside").symlink_to(tmp_path, target_is_directory=True)
    result = check()
    paths = {p.path for p in result.errors if "symlink" in p.message}
    assert paths == {"content/cz/linked.md", "content/cz/files/passwd.txt", "content/jy/outside"}
    assert not any(i.source == "content/cz/linked.md" for i in result.items)


def test_symlink_inside_content_is_fine(small: Path, check: Callable[[], Result]) -> None:
    (small / "content/cz/files/same.csv").symlink_to(
        small / "content/cz/files/2023年部门预算表.csv"
    )
    assert check().ok


def test_gbk_file_says_how_to_fix_it(small: Path, check: Callable[[], Result]) -> None:
    (small / "content/cz/gbk.md").write_bytes(("---\n" + VALID + "---\n正文\n").encode("gbk"))
    [message] = errors_of(check(), "content/cz/gbk.md")
    assert "不是 UTF-8 编码" in message and "另存为 UTF-8" in message


def test_build_never_shows_a_traceback_for_any_of_it(small: Path, tmp_path: Path) -> None:
    (small / "content/cz/bomb.md").write_text(BILLION_LAUGHS, encoding="utf-8")
    (small / "content/cz/empty.md").write_bytes(b"")
    (small / "content/cz/binary.md").write_bytes(bytes(range(256)) * 8)
    (small / "content/cz/gbk.md").write_bytes("---\ntitle: 预算\n---\n".encode("gbk"))
    (small / "content/cz/date.md").write_text(
        "---\n" + VALID.replace("2023-03-01", "2023-13-01") + "---\n", encoding="utf-8"
    )
    os.symlink("/etc/passwd", small / "content/cz/passwd.md")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--root", str(small)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    for name in ("bomb", "empty", "binary", "gbk", "date", "passwd"):
        assert f"content/cz/{name}.md" in proc.stdout
    assert not (small / "site").exists()


# -- fuzzing ----------------------------------------------------------------------------

_CATALOGUE = load_catalogue(FIXTURES / "small")
_CHECKER = Checker(_CATALOGUE)
_FILE = ItemFile(
    FIXTURES / "small/content/cz/fuzz.md", "content/cz/fuzz.md", _CATALOGUE.departments[0]
)
_KEYS = [f.key for f in _CATALOGUE.fields] + [f.label for f in _CATALOGUE.fields] + ["x", "? [a]"]
_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from([
        "2017-13-01", "有效 2020-01-01", "已废止", "[a, b]", "{a: 1}", "!!python/object:os.system x",
        "&a [*a]", "- a\n  - b", "null", "~", "2017-07-01T00:00:00", "限时公开 x", "czj",
        "000014349/2023-00001", "\n  reviewer: x\n  date: 2017-02-30", "\n  - 1\n  - [2]", "'", '"',
        "|\n  多行\n  文本", ">-", "*a", "&a", "!!binary aGVsbG8=", "0x1F", "1e400", ".nan", "[[[[[[[[",
    ]),
)  # fmt: skip
_LINES = st.tuples(st.sampled_from(_KEYS), _VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}")
_DOCS = st.lists(_LINES, max_size=14).map(
    lambda ls: "---\n" + "\n".join(ls) + "\n---\n[x](y.md) <b>正文</b>\n"
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(_DOCS.map(lambda d: d.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_fuzz_no_input_crashes_the_loader_or_checker(data: bytes) -> None:
    try:
        source = parse(decode(data))
    except SourceError as exc:
        assert exc.message
        return
    item, problems = _CHECKER.check_item(_FILE, source)
    assert item is not None or any(p.severity == "error" for p in problems)


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=200))
def test_fuzz_any_text_after_front_matter_fence(prefix: bytes, text: str) -> None:
    data = prefix + ("---\n" + text).encode("utf-8", "surrogatepass")
    with contextlib.suppress(SourceError):
        parse(decode(data))
