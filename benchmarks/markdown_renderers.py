"""Benchmark: Markdown renderers for item bodies, against Python-Markdown as the portal configures it.

Issue 12 asks which renderer could convert bodies faster and still publish the same
HTML. The corpus is every demo page's body (``content/**/*.md``, front matter cut
off), the synthetic catalogue's bodies (``check_changed.bodies()``: the demo items
without attachments, so they count once), the XSS corpus of ``tests/body/xss`` and a
small explicit set of what clerks write (tables with alignment, nested lists,
headings in Chinese, links and images, emphasis next to Chinese punctuation, line
breaks, quotes, code, raw and inline HTML, ``{ .class }``, ``!!! note``).

For each renderer: milliseconds per body (the median of several passes over the demo
bodies, one process, after a warm-up), and fidelity against Python-Markdown with the
extensions of mkdocs.yml (``generator/body/render.py``), both after ``clean()``
(``generator/body/sanitize.py``, as pages publish the body):

- *same bytes*: the cleaned HTML is identical;
- *same tree*: identical after a canonical form made with an HTML parser (the
  whitespace between tags and inside text runs, attribute order and character
  references do not count);
- the constructs that differ, each difference given a cause (heading ids, tables,
  admonition, attr_list, emphasis, raw HTML, ...), and a short unified diff of the
  first few per construct.

Python-Markdown's ``toc`` gives every heading an id, which CommonMark renderers do
not: each candidate gets the same post-pass (``heading_ids``: toc's slugify and
unique over the heading's text), timed with it, so that the remaining differences
are the renderer's own. Candidates not installed are skipped with a note
(``pip install -e '.[bench]'``). Numbers, not pass/fail.

    python benchmarks/markdown_renderers.py [--passes 7] [--diffs 2] [--quiet]
"""

from __future__ import annotations

import argparse
import difflib
import html
import importlib.util
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from markdown.extensions.toc import slugify, unique  # noqa: E402

from generator.body.render import render  # noqa: E402
from generator.body.sanitize import clean  # noqa: E402
from generator.source.mkdocs_yml import markdown_config  # noqa: E402

Renderer = Callable[[str], str]

# What clerks write, one construct a body: (construct, Markdown).
CONSTRUCTS: list[tuple[str, str]] = [
    (
        "table",
        "| 项目 | 件数 | 备注 |\n|:---|---:|:---:|\n| 予以公开 | 52 | 含部分 |\n| 不予公开 | 9 | |\n",
    ),
    ("table", "项目 | 件数\n--- | ---\n规章 | 0\n规范性文件 | 14\n"),
    (
        "table",
        "| 名称 | 链接 |\n|---|---|\n| **预算** | [表](https://example.gov.cn/a.xlsx) |\n| `代码` \\| 竖线 | 无 |\n",
    ),
    ("table", "说明文字紧接表格：\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ("list", "1. 第一项\n2. 第二项\n    - 子项甲\n    - 子项乙\n3. 第三项\n"),
    ("list", "- 一级\n    1. 二级一\n    2. 二级二\n        - 三级\n- 一级二\n"),
    ("list", "- 子项两格缩进\n  - 子项\n- 下一项\n"),
    ("list", "正文段落\n- 紧接段落的列表\n- 第二项\n"),
    ("list", "1. 松散列表\n\n2. 第二项\n\n   续段落\n"),
    ("list", "3. 从三开始\n4. 第四\n"),
    ("heading", "# 一级标题\n\n## 二、主动公开情况\n\n### （一）规章\n\n#### 1. 细目\n"),
    ("heading", "## 2023 Annual Report\n\n## 2023 Annual Report\n\n## 预算 *说明*\n"),
    ("heading", "标题一\n===\n\n标题二\n---\n"),
    ("heading", "## 标题结尾有井号 ##\n"),
    ("link", '见[通知](../czj/2024-0001.md)和[网站](https://www.gov.cn/ "中国政府网")。\n'),
    ("link", '![示意图](files/图.png)\n\n![外图](https://example.gov.cn/a.png "标题")\n'),
    (
        "link",
        "<https://www.gov.cn/> 和 <mailto:xxgk@example.gov.cn>，电话[0571](tel:057185800001)\n",
    ),
    ("link", '参见[条例][1]。\n\n[1]: https://www.gov.cn/zhengce/ "条例"\n'),
    ("link", "裸网址 https://www.gov.cn/ 不是链接\n"),
    ("emphasis", "这是*强调*和**加粗**，还有***两者***。\n"),
    ("emphasis", "这是**“重点”**内容，和**《条例》**规定。\n"),
    ("emphasis", "下划线_不是_强调，__加粗__与snake_case_name。\n"),
    ("emphasis", "~~删除线~~不是 Markdown。\n"),
    ("break", "第一行  \n第二行（两个空格换行）\n第三行\n"),
    ("break", "第一行\\\n反斜杠换行\n"),
    ("quote", "> 引用一段\n> 第二行\n>\n> > 嵌套引用\n"),
    ("quote", "> 引用中的列表\n> - 甲\n> - 乙\n"),
    ("code", "行内 `code` 和 ``a`b``。\n\n    缩进代码块\n    第二行\n"),
    ("code", "```python\nprint('<b>')\n```\n\n~~~\n波浪线围栏\n~~~\n"),
    ("code", "- 列表\n\n    ```\n    列表中的围栏\n    ```\n"),
    ("hr", "段落\n\n---\n\n***\n"),
    ("escape", "1\\. 不是列表，\\*不是强调\\*，&amp; &copy; & < 5\n"),
    ("raw-html", '<div class="gk-list">\n<p>块级 HTML</p>\n</div>\n\n段落\n'),
    ("raw-html", "<table>\n<tr><td>手写表格</td><td>**不解析**</td></tr>\n</table>\n"),
    ("raw-html", "行内<b>粗体</b>、<span>文字</span>和<sup>上标</sup>。\n"),
    ("raw-html", "<details>\n<summary>展开</summary>\n\n正文 *强调*\n\n</details>\n"),
    ("raw-html", "<!-- 注释 -->\n\n段落<br>换行\n"),
    ("raw-html", "<center>居中</center>\n"),
    ("raw-html", "<p>未闭合段落\n\n下一段\n"),
    ("sanitised", "<script>alert(1)</script>\n\n正文\n"),
    ("sanitised", '<a href="javascript:alert(1)">点我</a>和[链接](javascript:alert(1))\n'),
    ("sanitised", '<div onclick="alert(1)">点击</div>\n\n<img src="x" onerror="alert(1)">\n'),
    ("sanitised", '<p style="color:red">红字</p>\n\n<iframe src="https://a.example"></iframe>\n'),
    ("sanitised", "行内 <script>alert(1)</script> 脚本\n"),
    ("attr_list", "## 标题 { #custom-id }\n\n段落文字\n{ .gk-list }\n"),
    ("attr_list", "[链接](https://www.gov.cn/){ target=_blank }\n"),
    ("admonition", '!!! note "注意"\n    请于五日内提交。\n\n!!! warning\n    过期不予受理。\n'),
    ("md_in_html", '<div markdown="1">\n**加粗** 与 [链接](https://www.gov.cn/)\n</div>\n'),
]

# Where a difference comes from, guessed from the Markdown that differs (first match wins).
CAUSES: list[tuple[str, re.Pattern[str]]] = [
    ("admonition", re.compile(r"^!!! ", re.M)),
    ("md_in_html", re.compile(r"markdown=")),
    ("attr_list", re.compile(r"\{:?\s*[.#][\w-]|\{\s*\w+=")),
    ("table", re.compile(r"^\s*\|?.*\|.*\n\s*\|?\s*:?-{3,}", re.M)),
    ("emphasis", re.compile(r"\*\*?[“《（「]|[”》）」]\*\*?|_\w+_")),
]


@dataclass
class Candidate:
    name: str
    version: str
    render: Renderer
    notes: str


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def heading_ids(out: str) -> str:
    """Ids on headings as Python-Markdown's ``toc`` gives them (its slugify and unique over
    the heading's text): what gongkai would have to add to a CommonMark renderer's HTML."""
    used: set[str] = set()

    def one(m: re.Match[str]) -> str:
        text = html.unescape(_TAG.sub("", m.group(2))).strip()
        ident = unique(slugify(text, "-"), used)
        return f'<h{m.group(1)} id="{ident}">{m.group(2)}</h{m.group(1)}>'

    return _HEADING.sub(one, out)


def candidates() -> tuple[list[Candidate], list[str]]:
    """The renderers installed, each configured as close to mkdocs.yml's as it goes."""
    config = markdown_config(REPO / "mkdocs.yml")
    out = [
        Candidate(
            "Python-Markdown",
            _version("Markdown"),
            lambda body: render(body, config),
            "mkdocs.yml: " + ", ".join(config.extensions),
        )
    ]
    missing = []
    if importlib.util.find_spec("markdown_it") and importlib.util.find_spec("mdit_py_plugins"):
        from markdown_it import MarkdownIt
        from mdit_py_plugins.admon import admon_plugin
        from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin

        mdit = (
            MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
            .enable("table")
            .use(admon_plugin)
            .use(attrs_plugin)
            .use(attrs_block_plugin)
        )
        out.append(
            Candidate(
                "markdown-it-py",
                f"{_version('markdown-it-py')} + plugins {_version('mdit-py-plugins')}",
                lambda body: heading_ids(mdit.render(body)),
                "commonmark, html, table, admon, attrs (+ heading ids)",
            )
        )
    else:
        missing.append("markdown-it-py with mdit-py-plugins")
    if importlib.util.find_spec("mistune"):
        import mistune

        mis = mistune.create_markdown(escape=False, plugins=["table"])
        out.append(
            Candidate(
                "mistune",
                _version("mistune"),
                lambda body: heading_ids(str(mis(body))),
                "escape=False, table (+ heading ids); no !!! admonitions",
            )
        )
    else:
        missing.append("mistune")
    if importlib.util.find_spec("cmarkgfm"):
        import cmarkgfm
        from cmarkgfm.cmark import Options

        opts = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        out.append(
            Candidate(
                "cmarkgfm (C)",
                _version("cmarkgfm"),
                lambda body: heading_ids(
                    cmarkgfm.markdown_to_html_with_extensions(body, opts, ["table"])
                ),
                "cmark-gfm, unsafe, table only, style alignment (+ heading ids)",
            )
        )
    else:
        missing.append("cmarkgfm")
    if importlib.util.find_spec("pycmarkgfm"):
        import pycmarkgfm
        import pycmarkgfm.options as popt

        pflags = popt.unsafe | popt.table_prefer_style_attributes
        out.append(
            Candidate(
                "pycmarkgfm (C)",
                _version("pycmarkgfm"),
                lambda body: heading_ids(pycmarkgfm.gfm_to_html(body, pflags)),
                "cmark-gfm, unsafe, all GFM extensions (tagfilter, autolink) (+ heading ids)",
            )
        )
    else:
        missing.append("pycmarkgfm")
    if importlib.util.find_spec("markdown_it_pyrs"):
        import markdown_it_pyrs

        rs = markdown_it_pyrs.MarkdownIt("commonmark").enable("table")
        out.append(
            Candidate(
                "markdown-it-pyrs (Rust)",
                _version("markdown-it-pyrs"),
                lambda body: heading_ids(rs.render(body)),
                "markdown-it.rs commonmark, table (+ heading ids); no admonitions, no attrs",
            )
        )
    else:
        missing.append("markdown-it-pyrs")
    if importlib.util.find_spec("pyromark"):
        import pyromark

        popts = pyromark.Options.ENABLE_TABLES
        out.append(
            Candidate(
                "pyromark (Rust)",
                _version("pyromark"),
                lambda body: heading_ids(pyromark.html(body, options=popts)),
                "pulldown-cmark, tables (+ heading ids); no admonitions, no attrs",
            )
        )
    else:
        missing.append("pyromark")
    return out, missing


def corpus() -> tuple[list[tuple[str, str, str]], list[str]]:
    """(construct, label, body) for every body compared, and the demo bodies timed."""
    from check_changed import bodies

    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    demo: list[str] = []
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\n---\n" in text[3:]:
            text = text[4:].split("\n---\n", 1)[1]
        demo.append(text)
        if text not in seen:
            seen.add(text)
            rows.append(("demo", str(path.relative_to(REPO)), text))
    for i, text in enumerate(bodies()):
        if text not in seen:  # the synthetic bodies are demo bodies: counted once
            seen.add(text)
            rows.append(("synthetic", f"bodies()[{i}]", text))
    lines = (REPO / "tests/body/xss/body-vectors.txt").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(v for v in lines if v and not v.startswith("# ")):
        rows.append(("xss", f"xss vector {i + 1}", line.replace("\\n", "\n")))
    for i, (construct, text) in enumerate(CONSTRUCTS):
        rows.append((construct, f"{construct} #{i + 1}", text))
    return rows, demo


_BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
          "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "li", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
          "tfoot", "th", "thead", "tr", "ul", "img"}  # fmt: skip
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source"}


class _Canonical(HTMLParser):
    """An HTML fragment as one token a line: tags with sorted attributes, text with runs of
    whitespace as one space, whitespace-only text and text's ends beside block tags dropped
    (but in ``pre``), character references resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str]] = []  # (kind, text): kind "block", "inline", "text"
        self.pre = 0

    def _tag(self, tag: str, text: str) -> None:
        kind = "block" if tag in _BLOCK else "inline"
        if kind == "block" and self.tokens and self.tokens[-1][0] == "text" and not self.pre:
            last = self.tokens[-1][1].rstrip()
            self.tokens[-1:] = [("text", last)] if last else []
        self.tokens.append((kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = "".join(f' {k}="{v or ""}"' for k, v in sorted(attrs))
        self._tag(tag, f"<{tag}{shown}>")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        self._tag(tag, f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            if not self.tokens or self.tokens[-1][0] == "block":
                data = data.lstrip()
            if not data.strip():
                data = " " if data and self.tokens and self.tokens[-1][0] != "block" else ""
        if data:
            if self.tokens and self.tokens[-1][0] == "text":
                self.tokens[-1] = ("text", self.tokens[-1][1] + data)
            else:
                self.tokens.append(("text", data))


def canonical(fragment: str) -> str:
    parser = _Canonical()
    parser.feed(fragment)
    parser.close()
    tokens = [t for _, t in parser.tokens]
    while tokens and not tokens[-1].strip():
        tokens.pop()
    return "\n".join(tokens)


def cause(body: str, base: str, other: str) -> str:
    """The likeliest reason ``other`` differs from ``base`` (both canonical)."""
    for name, pattern in CAUSES:
        if pattern.search(body):
            return name
    strip_ids = re.compile(r' id="[^"]*"')
    if strip_ids.sub("", base) == strip_ids.sub("", other):
        return "heading ids"
    if re.search(r"<[a-zA-Z!/]", body):
        return "raw HTML"
    return "Markdown syntax"


@dataclass
class Result:
    candidate: Candidate
    ms: float = 0.0
    same_bytes: int = 0
    same_tree: int = 0
    total: int = 0
    errors: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    diffs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    differing: Counter[str] = field(default_factory=Counter)  # by construct


def timed(fn: Renderer, texts: list[str], passes: int) -> float:
    """Median milliseconds a body over ``passes`` passes, after one warm-up pass."""
    for text in texts:
        fn(text)
    runs = []
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        runs.append((time.perf_counter() - start) * 1000 / len(texts))
    return statistics.median(runs)


def compare(
    result: Result, rows: list[tuple[str, str, str]], base: list[tuple[str, str]], diffs: int
) -> None:
    for (construct, label, body), (base_bytes, base_tree) in zip(rows, base, strict=True):
        result.total += 1
        try:
            mine = clean(result.candidate.render(body))
        except Exception as exc:  # a renderer that fails on a body counts as a difference
            result.errors += 1
            mine = f"<!-- {type(exc).__name__}: {exc} -->"
        if mine == base_bytes:
            result.same_bytes += 1
            result.same_tree += 1
            continue
        tree = canonical(mine)
        if tree == base_tree:
            result.same_tree += 1
            continue
        why = cause(body, base_tree, tree)
        result.causes[why] += 1
        result.differing[construct] += 1
        shown = result.diffs[construct]
        if len(shown) < diffs:
            diff = difflib.unified_diff(
                base_tree.splitlines(), tree.splitlines(), "Python-Markdown", "candidate", n=1,
                lineterm="",
            )  # fmt: skip
            lines = list(diff)[2:]
            more = f"\n      … {len(lines) - 14} more lines" if len(lines) > 14 else ""
            shown.append(
                f"    {label} [{why}]\n      "
                + "\n      ".join(lines[:14])
                + more
                + "\n      Markdown: "
                + body[:160].replace("\n", "⏎")
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=7, help="timed passes (median)")
    parser.add_argument("--diffs", type=int, default=2, help="diffs shown per construct")
    parser.add_argument("--quiet", action="store_true", help="the table only")
    args = parser.parse_args()

    found, missing = candidates()
    rows, demo = corpus()
    kb = sum(len(t.encode()) for t in demo) / len(demo) / 1024
    print(
        f"corpus: {len(rows)} bodies ({Counter(c for c, _, _ in rows)['demo']} demo, "
        f"{sum(1 for c, _, _ in rows if c == 'xss')} XSS vectors, {len(CONSTRUCTS)} constructs); "
        f"timed over the {len(demo)} demo bodies (mean {kb:.1f} KB), median of {args.passes} passes"
    )
    for name in missing:
        print(f"  skipped: {name} is not installed (pip install -e '.[bench]')")
    baseline = found[0].render
    base = []
    for _, _, body in rows:
        cleaned = clean(baseline(body))
        base.append((cleaned, canonical(cleaned)))

    results = []
    for cand in found:
        result = Result(cand)
        result.ms = timed(cand.render, demo, args.passes)
        if cand is not found[0]:
            compare(result, rows, base, args.diffs)
        else:
            result.same_bytes = result.same_tree = result.total = len(rows)
        results.append(result)
    clean_ms = timed(
        clean, [baseline(body) for body in demo], args.passes
    )  # alone, not a difference
    heading_ms = timed(heading_ids, [baseline(t) for t in demo], args.passes)

    if not args.quiet:
        for r in results[1:]:
            print(f"\n== {r.candidate.name} {r.candidate.version}: {r.candidate.notes}")
            for construct, shown in r.diffs.items():
                print(f"  {construct}: {r.differing[construct]} differ")
                for text in shown:
                    print(text)

    demo_rows = [i for i, (c, _, _) in enumerate(rows) if c == "demo"]
    print(
        f"\nclean() adds {clean_ms:.3f} ms a body whichever renderer; the heading-id post-pass "
        f"{heading_ms:.3f} ms (included below)\n"
    )
    head = (
        f"{'renderer':<24} {'version':<22} {'ms/body':>8} {'× faster':>8} "
        f"{'same bytes':>11} {'same tree':>10} {'demo same':>10}  differences by cause"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        demo_same = len(demo_rows) if r is results[0] else _demo_same(r, rows, base, demo_rows)
        causes = ", ".join(f"{k} {v}" for k, v in r.causes.most_common()) or "—"
        print(
            f"{r.candidate.name:<24} {r.candidate.version:<22} {r.ms:>8.3f} "
            f"{results[0].ms / r.ms:>7.1f}× {r.same_bytes:>5}/{r.total:<5} "
            f"{r.same_tree:>4}/{r.total:<5} {demo_same:>4}/{len(demo_rows):<5}  {causes}"
        )


def _demo_same(
    r: Result, rows: list[tuple[str, str, str]], base: list[tuple[str, str]], idx: list[int]
) -> int:
    """How many demo bodies come out the same tree (as the pages' golden HTML sees them)."""
    same = 0
    for i in idx:
        try:
            if canonical(clean(r.candidate.render(rows[i][2]))) == base[i][1]:
                same += 1
        except Exception:
            pass
    return same


if __name__ == "__main__":
    main()
