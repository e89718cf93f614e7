"""A corpus of XSS vectors in item bodies and metadata runs no script in the built portal.

Each vector becomes an item; the portal is built with `gongkai build` and every
item page (and the listings that print their titles) is opened in headless
Chromium. A vector fails if a dialog opens, or if anything able to run script or
to cover the page survives in the article: event handlers, script/style/frame/
form elements, style attributes, javascript:/data:/vbscript: URLs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import REPO, serving
from generator.body.render import render
from generator.source.mkdocs_yml import markdown_config

pytestmark = pytest.mark.browser
HERE = Path(__file__).resolve().parent / "xss"


def vectors(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [v.replace("\\n", "\n") for v in lines if v and not v.startswith("# ")]


BODY = vectors("body-vectors.txt")
META = vectors("meta-vectors.txt")

DOM_CHECK = """() => {
  const bad = [];
  const article = document.querySelector('.md-content');
  // the theme's own edit button, and gongkai's own reading aids and QR code: children of
  // the article itself, where a body (inside .gk-body) cannot put anything
  const theme = (el) => el.closest(
    '.md-content__button, .md-content__inner > .gk-reading, .md-content__inner > .gk-qr');
  for (const el of article.querySelectorAll('*')) {
    if (theme(el)) continue;
    for (const a of el.attributes) {
      // as a URL parser reads it: tab and newline removed, C0 and space trimmed (WHATWG URL)
      const v = a.value.replace(/[\\t\\n\\r]/g, '').replace(/^[\\u0000-\\u0020]+/, '').toLowerCase();
      if (a.name.startsWith('on')) bad.push(`${el.tagName} ${a.name}`);
      if (a.name === 'style') bad.push(`${el.tagName} style`);
      if (/^(javascript|data|vbscript):/.test(v)) bad.push(`${el.tagName} ${a.name}=${v.slice(0, 30)}`);
    }
  }
  const forbidden = 'script,style,iframe,frame,frameset,object,embed,form,input,button,link,meta,base,svg,math,noscript';
  for (const el of article.querySelectorAll(forbidden)) if (!theme(el)) bad.push(el.tagName);
  for (const el of document.querySelectorAll('base, meta[http-equiv]')) bad.push('head ' + el.tagName);
  return bad;
}"""


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


@pytest.fixture(scope="module")
def xss_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import FIXTURES, REPO

    root = tmp_path_factory.mktemp("xss") / "portal"
    import shutil

    shutil.copytree(FIXTURES / "small", root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "  name: material\n", f"  name: material\n  custom_dir: {REPO / 'site_config'}\n"
        ),
        encoding="utf-8",
    )
    review = "review:\n  reviewer: 李华\n  date: 2022-01-01\n"
    for n, vector in enumerate(BODY, start=1):
        (root / f"content/cz/xss-{n:03}.md").write_text(
            f"---\nindex_no: 000014349/2022-{n:05}\ntitle: XSS 向量 {n}\ndepartment: czj\n"
            f"published: 2022-01-02\ndoc_type: 其他文件\ncolumns: [czyjs]\n{review}---\n\n"
            f"正文开始。\n\n{vector}\n\n正文结束。\n",
            encoding="utf-8",
        )
    for n, vector in enumerate(META, start=1):
        (root / f"content/jy/meta-{n:03}.md").write_text(
            f"---\nindex_no: 000014350/2022-{n:05}\ntitle: {yaml_str('标题' + vector)}\n"
            f"department: jyj\noffice: {yaml_str(vector)}\ndoc_no: {yaml_str(vector)}\n"
            f"summary: {yaml_str(vector)}\nkeywords: [{yaml_str(vector)}]\n"
            f"published: 2022-01-03\ndoc_type: 其他文件\ncolumns: [jyzs]\n{review}---\n\n正文。\n",
            encoding="utf-8",
        )
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--root", str(root)],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


@pytest.fixture(scope="module")
def xss_url(xss_portal: Path) -> Iterator[str]:
    with serving(xss_portal / "site") as url:
        yield url


def visit(browser: Browser, url: str) -> tuple[list[str], list[str], str]:
    """Dialogs opened, dangerous DOM left (event handlers included: no hover needed), and
    which of the page's own parts are missing or hidden."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_timeout(50)  # let onload/onerror handlers fire, were there any
    bad = page.evaluate(DOM_CHECK)
    own = ["h1", "dl.gk-meta", ".md-header", ".md-footer", ".gk-crumbs"]
    missing = [sel for sel in own if not page.locator(sel).first.is_visible()]
    context.close()
    return dialogs, bad, " ".join(missing)


def test_corpus_is_large_enough() -> None:
    assert len(BODY) >= 50 and len(META) >= 5


def test_body_vectors_run_no_script(browser: Browser, xss_url: str) -> None:
    failures = []
    for n, vector in enumerate(BODY, start=1):
        dialogs, bad, missing = visit(browser, f"{xss_url}items/000014349-2022-{n:05}/")
        if dialogs or bad or missing:
            failures.append((n, vector[:60], dialogs, bad, missing))
    assert failures == []


def test_metadata_vectors_run_no_script(browser: Browser, xss_url: str) -> None:
    failures = []
    pages = [f"items/000014350-2022-{n:05}/" for n in range(1, len(META) + 1)]
    pages += ["", "columns/jyzs/", "departments/jyj/", "years/2022/", "years/2022/2/"]
    for path in pages:
        dialogs, bad, missing = visit(browser, xss_url + path)
        if path.startswith("items/"):
            bad += [missing] if missing else []
        if dialogs or bad:
            failures.append((path, dialogs, bad))
    assert failures == []


def test_checker_warns_about_what_is_dropped(xss_portal: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check", "--format", "json",
                           "--root", str(xss_portal)], capture_output=True, text=True, timeout=300)  # fmt: skip
    warned = {
        p["path"] for p in json.loads(proc.stdout)["problems"] if "发布时会被删除" in p["message"]
    }
    # the oracle: what Markdown itself renders, before any cleaning
    live = re.compile(r"<script|<[^>]*\s(?:href|src)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)
    scripted = [
        n
        for n, v in enumerate(BODY, start=1)
        if live.search(render(v, markdown_config(REPO / "mkdocs.yml")))
    ]
    assert len(scripted) >= 20
    missing = [n for n in scripted if f"content/cz/xss-{n:03}.md" not in warned]
    assert missing == []


RESULTS_CHECK = """() => {
  const bad = [];
  const allowed = new Set(['LI', 'A', 'P', 'SPAN', 'TIME', 'MARK']);
  for (const el of document.querySelectorAll('.gk-results__list *')) {
    if (!allowed.has(el.tagName)) bad.push(el.tagName);
    for (const a of el.attributes) {
      if (!['class', 'href'].includes(a.name)) bad.push(`${el.tagName} ${a.name}`);
      if (a.name === 'href' && !/^\\/items\\/[^"<>]+\\/$/.test(a.value)) bad.push(`href=${a.value.slice(0, 40)}`);
    }
  }
  return [bad, document.querySelectorAll('.gk-hit').length];
}"""


@pytest.mark.parametrize(("query", "pages"), [("正文开始", 8), ("标题", 1)])
def test_search_results_run_no_script(
    browser: Browser, xss_url: str, query: str, pages: int
) -> None:
    """Titles, summaries, document numbers and bodies reach the search page as text only."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown = 0
    for n in range(1, pages + 1):
        page.goto(f"{xss_url}search/?q={query}&page={n}")
        page.wait_for_function("document.querySelector('[data-gk-search]').dataset.complete")
        page.wait_for_timeout(50)
        bad, hits = page.evaluate(RESULTS_CHECK)
        assert bad == [], (n, bad)
        shown += hits
    context.close()
    assert dialogs == []
    assert shown >= (len(BODY) if query == "正文开始" else len(META))
