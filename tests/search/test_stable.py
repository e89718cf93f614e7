"""Pagefind run twice over the same documents writes the same bytes (search/stable.py)."""

from __future__ import annotations

from pathlib import Path

from generator.search.pagefind import pagefind_binary, run_pagefind
from generator.search.stable import SIGNATURE, _decode, _encode, decode_file
from sites import differences, tree


def documents(folder: Path) -> Path:
    """Forty pages with forty values of one filter and two of another: a hash map's order
    differs from run to run with near certainty."""
    folder.mkdir(parents=True)
    for n in range(40):
        (folder / f"{n:02}.html").write_text(
            f'<html lang="zh"><body><h1>第{n}条</h1><p>政府 信息 公开 {n}</p>'
            f'<span data-pagefind-filter="dept">部门{n}</span>'
            f'<span data-pagefind-filter="year">{2020 + n % 2}</span>'
            f'<span data-pagefind-meta="title">第{n}条</span>'
            f'<span data-pagefind-sort="date">2024-01-{1 + n % 28:02}</span></body></html>',
            encoding="utf-8",
        )
    return folder


def test_two_runs_over_the_same_documents_are_the_same_bytes(tmp_path: Path) -> None:
    source = documents(tmp_path / "docs")
    runs = []
    for n in (1, 2):
        run_pagefind(pagefind_binary(), source, tmp_path / f"out{n}")
        runs.append(tree(tmp_path / f"out{n}"))
    assert differences(runs[0], runs[1]) == []
    filters = [name for name in runs[0] if name.startswith("filter/")]
    assert len(filters) == 2  # dept, year
    dept = next(decode_file(runs[0][f]) for f in filters if decode_file(runs[0][f])[0] == "dept")
    values = [pair[0] for pair in dept[1]]  # type: ignore[union-attr, index]
    assert values == sorted(values, key=repr) and len(values) == 40


def test_pagefinds_files_are_written_back_as_they_were_read(tmp_path: Path) -> None:
    import gzip

    out = tmp_path / "out"
    run_pagefind(pagefind_binary(), documents(tmp_path / "docs"), out)
    for path in [*out.glob("filter/*.pf_filter"), *out.glob("*.pf_meta"), *out.glob("index/*")]:
        raw = gzip.decompress(path.read_bytes())
        value, end = _decode(raw, len(SIGNATURE))
        assert end == len(raw) and SIGNATURE + _encode(value) == raw, path.name
