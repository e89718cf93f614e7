"""The gongkai command as clerks and the disclosure office use it, run as a real process."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from conftest import REPO, edit, gongkai
from generator.outputs.docs import fields_table
from generator.source.catalogue import load_catalogue


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout


def test_check_passes_on_a_clean_catalogue(small: Path) -> None:
    proc = gongkai("check", "--root", str(small))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查通过：5 条信息" in proc.stderr


def test_check_names_file_line_and_field(small: Path) -> None:
    bad = small / "content/cz/budget-2023.md"
    edit(bad, "published: 2023-02-15", "published: 2023-02-30")
    proc = gongkai("check", "--root", str(small))
    assert proc.returncode == 1
    assert (
        "content/cz/budget-2023.md:6: published (发布日期): 「2023-02-30」不是一个存在的日期"
        in proc.stdout
    )
    no_traceback(proc)


def test_check_runs_from_the_current_folder(small: Path) -> None:
    assert gongkai("check", cwd=small).returncode == 0


@pytest.mark.parametrize(
    "args",
    [[], ["publish"], ["check", "--nope"], ["list", "people"], ["new", "--bogus"]],
)
def test_misuse_exits_2(args: list[str], small: Path) -> None:
    proc = gongkai(*args, cwd=small)
    assert proc.returncode == 2
    assert "用法错误" in proc.stderr
    no_traceback(proc)


def test_root_that_is_not_a_portal_exits_2(tmp_path: Path) -> None:
    proc = gongkai("check", "--root", str(tmp_path))
    assert proc.returncode == 2 and "catalogue/" in proc.stderr


def test_new_rejects_unknown_department_with_the_choices(small: Path) -> None:
    proc = gongkai(
        "new", "--root", str(small), "--department", "税务局", "--column", "czyjs", "--title", "x"
    )
    assert proc.returncode == 2
    assert "czj（县财政局）" in proc.stderr


def test_new_then_build_publishes_the_item(small: Path) -> None:
    proc = gongkai(
        "new",
        "--root",
        str(small),
        "--department",
        "县财政局",
        "--column",
        "三公经费",
        "--column",
        "sgjf",
        "--title",
        '示例县2024年"三公"经费预算',
        "--reviewer",
        "李华",
        "--date",
        "2024-05-06",
    )
    assert proc.returncode == 0, proc.stderr
    path = proc.stdout.strip().splitlines()[-1]
    assert path == "content/cz/2024-00003.md"  # czj has 2024-00002 in use
    text = (small / path).read_text(encoding="utf-8")
    assert "index_no: 000014349/2024-00003" in text
    assert 'reviewer: "李华"' in text
    build = gongkai("build", "--root", str(small))
    assert build.returncode == 0, build.stdout + build.stderr
    column = (small / "site/columns/sgjf/index.html").read_text(encoding="utf-8")
    assert "示例县2024年&#34;三公&#34;经费预算" in column or '示例县2024年"三公"经费预算' in column
    assert (small / "site/items/000014349-2024-00003/index.html").is_file()


def test_new_allocates_above_the_highest_serial_even_in_broken_files(small: Path) -> None:
    (small / "content/cz/broken.md").write_text(
        "---\nindex_no: 000014349/2024-00041\ntitle: [\n---\n", encoding="utf-8"
    )
    proc = gongkai(
        "new",
        "--root",
        str(small),
        "--department",
        "czj",
        "--column",
        "czyjs",
        "--title",
        "t",
        "--date",
        "2024-06-01",
    )
    assert proc.stdout.strip().endswith("content/cz/2024-00042.md")


def test_new_without_reviewer_leaves_the_review_to_fill(small: Path) -> None:
    proc = gongkai(
        "new",
        "--root",
        str(small),
        "--department",
        "jyj",
        "--column",
        "jyzs",
        "--title",
        "招生计划",
    )
    text = (small / proc.stdout.strip()).read_text(encoding="utf-8")
    assert "#   reviewer: 审查人" in text
    check = gongkai("check", "--root", str(small))
    assert check.returncode == 0  # a warning, not an error
    assert "保密审查" in check.stdout and "正文还是模板中的提示" in check.stdout


def test_build_with_errors_leaves_the_site_untouched(small: Path) -> None:
    site = small / "site"
    site.mkdir()
    (site / "index.html").write_text("published yesterday", encoding="utf-8")
    (small / "content/cz/bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    proc = gongkai("build", "--root", str(small))
    assert proc.returncode == 1
    assert "原有网站保持不变" in proc.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "published yesterday"
    assert sorted(p.name for p in small.iterdir() if "site" in p.name) == ["site"]
    no_traceback(proc)


def test_build_replaces_the_site_whole(small: Path) -> None:
    site = small / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert gongkai("build", "--root", str(small)).returncode == 0
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
    # the old site is kept as the spare the next build is made over; none of it shows
    assert (small / ".site.spare" / "stale.html").is_file()
    assert gongkai("build", "--root", str(small)).returncode == 0
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()
    assert not (small / ".site.spare" / "stale.html").exists()
    for _ in range(100):  # what the spare held that is not a page is removed in the background
        if sorted(p.name for p in small.iterdir() if "site" in p.name) == [".site.spare", "site"]:
            break
        time.sleep(0.05)
    assert sorted(p.name for p in small.iterdir() if "site" in p.name) == [".site.spare", "site"]


def test_item_urls_survive_moving_the_file(small: Path) -> None:
    url = "site-preview/items/000014349-2024-00002/index.html"
    # --preview: the edit link is a reviewer's affordance, not on the public build
    assert gongkai("build", "--preview", "--root", str(small)).returncode == 0
    before = (small / url).read_text(encoding="utf-8")
    (small / "content/cz/2024").mkdir()
    (small / "content/cz/rules-2024.md").rename(small / "content/cz/2024/rules.md")
    assert gongkai("build", "--preview", "--root", str(small)).returncode == 0
    after = (small / url).read_text(encoding="utf-8")
    assert "示例县财政专项资金管理办法（2024年修订）" in after
    # the edit link follows the file; the page stays where it was
    assert "edit/main/content/cz/rules-2024.md" in before
    assert "edit/main/content/cz/2024/rules.md" in after
    # the source path itself is never published
    assert not (small / "site-preview/cz/2024").exists()
    # links to it from other pages still lead to the same address
    repealed_page = small / "site-preview/items/000014349-2021-00003/index.html"
    repealed = repealed_page.read_text(encoding="utf-8")
    assert 'href="../000014349-2024-00002/"' in repealed


def test_list_json_for_scripts(small: Path) -> None:
    deps = json.loads(
        gongkai("list", "departments", "--format", "json", "--root", str(small)).stdout
    )
    assert [d["id"] for d in deps] == ["czj", "jyj"]
    cols = json.loads(gongkai("list", "columns", "--format", "json", "--root", str(small)).stdout)
    assert {"id": "sgjf", "name": '"三公"经费', "parent": "czzj", "depth": 1} in cols
    items = json.loads(gongkai("list", "items", "--format", "json", "--root", str(small)).stdout)
    assert len(items) == 5 and items[0]["index_no"] == "000014349/2021-00003"


def test_list_text_for_clerks(small: Path) -> None:
    out = gongkai("list", "columns", "--root", str(small)).stdout
    assert "czzj       财政资金信息\n  czyjs      财政预决算" in out


def test_broken_catalogue_exits_1_without_traceback(small: Path) -> None:
    (small / "catalogue/columns.yml").write_text("- id: x\n  name: [\n", encoding="utf-8")
    proc = gongkai("build", "--root", str(small))
    assert proc.returncode == 1
    assert "catalogue/columns.yml:" in proc.stdout
    no_traceback(proc)
    assert not (small / "site").exists()


def test_mkdocs_build_directly_refuses_bad_content(small: Path) -> None:
    (small / "site").mkdir()
    (small / "site/index.html").write_text("published yesterday", encoding="utf-8")
    (small / "content/cz/bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=small,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode != 0
    assert "content/cz/bad.md:1: index_no (信息索引号)" in proc.stderr
    assert (small / "site/index.html").read_text(encoding="utf-8") == "published yesterday"


def test_readme_field_table_is_generated_from_the_catalogue() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert fields_table(load_catalogue(REPO)) in readme, "run `make readme`"


def test_item_template_in_the_catalogue_is_current_and_checks_clean(small: Path) -> None:
    from generator.outputs.docs import item_template

    catalogue = load_catalogue(REPO)
    template = (REPO / "catalogue/item-template.md").read_text(encoding="utf-8")
    assert template == item_template(catalogue), "run `make readme`"
    for spec in catalogue.fields:  # every field, with its label, in the template
        assert f"\n{spec.key}:" in template and f"# {spec.label}（" in template


def test_fields_command_prints_the_table(small: Path) -> None:
    out = gongkai("fields", "--root", str(small)).stdout
    assert "| `published` | 发布日期 | 日期 | 是 | 也可写作 发布时间 |" in out


def test_attachments_download_from_the_item_page(small: Path) -> None:
    assert gongkai("build", "--root", str(small)).returncode == 0
    page = small / "site/items/000014349-2023-00001/index.html"
    html = page.read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', html)
    csv = next(h for h in hrefs if h.endswith(".csv"))
    assert (page.parent / unquote(csv)).resolve().is_file()
    assert "县财政局,1200,1180" in (page.parent / unquote(csv)).read_text(encoding="utf-8")
    other = next(h for h in hrefs if "000014349-2021-00003" in h)
    assert (page.parent / other.split("#")[0] / "index.html").resolve().is_file()


@pytest.mark.parametrize("clash", ["index.md", "items/x.md", "years/2024/notes.pdf"])
def test_files_where_generated_pages_go_are_refused(clash: str, small: Path) -> None:
    (small / "site").mkdir()
    (small / "site/index.html").write_text("published yesterday", encoding="utf-8")
    path = small / "content" / clash
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# 首页\n", encoding="utf-8")
    proc = gongkai("check", "--root", str(small))
    assert proc.returncode == 1
    assert f"content/{clash}: content/" in proc.stdout and "自动生成页面的位置" in proc.stdout
    direct = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=small,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert direct.returncode != 0
    assert (small / "site/index.html").read_text(encoding="utf-8") == "published yesterday"


def test_department_folder_may_not_be_a_generated_folder(small: Path) -> None:
    deps = small / "catalogue/departments.yml"
    edit(deps, "folder: jy", "folder: items")
    proc = gongkai("check", "--root", str(small))
    assert proc.returncode == 1
    assert "catalogue/departments.yml:13: folder「items」不可用" in proc.stdout


def test_installed_package_is_importable_outside_the_source_tree(tmp_path: Path) -> None:
    code = "import generator, generator.pages, generator.plugin; print(generator.__version__)"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0.1.0"


def test_check_formats_for_pull_requests_and_tools(small: Path) -> None:
    bad = small / "content/cz/budget-2023.md"
    edit(bad, "published: 2023-02-15", "published: 2023-02-30")
    gh = gongkai("check", "--format", "github", "--root", str(small))
    assert gh.returncode == 1
    assert gh.stdout.strip() == (
        "::error file=content/cz/budget-2023.md,line=6,title=published (发布日期)::"
        "「2023-02-30」不是一个存在的日期（请核对年、月、日）"
    )
    data = json.loads(gongkai("check", "--format", "json", "--root", str(small)).stdout)
    assert data["ok"] is False and data["items"] == 4
    assert data["problems"] == [{
        "path": "content/cz/budget-2023.md", "line": 6, "field": "published", "label": "发布日期",
        "severity": "error", "message": "「2023-02-30」不是一个存在的日期（请核对年、月、日）",
    }]  # fmt: skip


def test_github_format_escapes_what_would_break_the_command() -> None:
    from generator.check.report import github
    from generator.model.problem import Problem

    p = Problem("content/a,b:c.md", 0, "第一行\n50% 完成", "title", "标题", "warning")
    assert (
        github(p) == "::warning file=content/a%2Cb%3Ac.md,title=title (标题)::第一行%0A50%25 完成"
    )


def test_review_gate_and_drafts(small: Path) -> None:
    new = gongkai("new", "--root", str(small), "--department", "czj", "--column", "czyjs",
                  "--title", "未审查的预算说明", "--date", "2024-06-01")  # fmt: skip
    unreviewed = small / new.stdout.strip()
    draft = small / "content/cz/draft.md"
    text = (small / "content/cz/budget-2023.md").read_text(encoding="utf-8")
    text = text.replace("000014349/2023-00001", "000014349/2023-00002").replace(
        "status: 有效", "status: 有效\ndraft: true"
    )
    draft.write_text(text.replace("示例县2023年县级部门预算", "草稿中的预算"), encoding="utf-8")

    build = gongkai("build", "--root", str(small))
    assert build.returncode == 0, build.stdout + build.stderr
    assert "2 条未完成保密审查或为草稿，未发布" in build.stderr
    site = small / "site"
    assert not (site / "items/000014349-2024-00003").exists()
    assert not (site / "items/000014349-2023-00002").exists()
    published = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "未审查的预算说明" not in published and "草稿中的预算" not in published
    assert "预览版本" not in published

    preview = gongkai("build", "--preview", "--root", str(small))
    assert preview.returncode == 0, preview.stdout + preview.stderr
    pv = small / "site-preview"
    page = (pv / "items/000014349-2024-00003/index.html").read_text(encoding="utf-8")
    assert "未完成保密审查 未发布" in page and "预览版本" in page and 'content="noindex' in page
    page = (pv / "items/000014349-2023-00002/index.html").read_text(encoding="utf-8")
    assert "草稿 未发布" in page
    listing = (pv / "columns/czyjs/index.html").read_text(encoding="utf-8")
    assert "草稿中的预算" in listing and "gk-status--draft" in listing
    assert (site / "index.html").is_file()  # the published site is untouched by the preview
    check = gongkai("check", "--root", str(small))
    assert check.returncode == 0
    assert "本条不会发布" in check.stdout and "草稿：只在预览中显示" in check.stdout
    assert f"{unreviewed.relative_to(small).as_posix()}:" in check.stdout


def test_draft_must_be_true_or_false(small: Path) -> None:
    path = small / "content/cz/budget-2023.md"
    edit(path, "status: 有效", "status: 有效\ndraft: 也许")
    proc = gongkai("check", "--root", str(small))
    assert proc.returncode == 1 and "draft (草稿): 「也许」应为 true 或 false" in proc.stdout


def test_codeowners_from_the_catalogue(small: Path) -> None:
    assert gongkai("codeowners", "--check", "--root", str(small)).returncode == 1  # none yet
    proc = gongkai("codeowners", "--root", str(small))
    assert proc.returncode == 0 and proc.stdout.strip() == "CODEOWNERS"
    lines = [
        x
        for x in (small / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if x and x[0] != "#"
    ]
    assert lines == [
        "* @sample/xxgk-office",
        "/catalogue/ @sample/xxgk-office",
        "/site_config/ @sample/xxgk-office",
        "/content/cz/ @sample/czj-reviewers @li-hua @sample/xxgk-office",
        "/content/jy/ @sample/xxgk-office",
    ]
    assert gongkai("codeowners", "--check", "--root", str(small)).returncode == 0
    deps = small / "catalogue/departments.yml"
    edit(deps, "@li-hua", "@wang-ming")
    stale = gongkai("codeowners", "--check", "--root", str(small))
    assert stale.returncode == 1 and "请运行 gongkai codeowners" in stale.stderr


def test_reviewers_must_be_accounts_teams_or_emails(small: Path) -> None:
    deps = small / "catalogue/departments.yml"
    edit(deps, "@li-hua", "李华")
    proc = gongkai("check", "--root", str(small))
    assert proc.returncode == 1 and "catalogue/departments.yml:1: 「李华」不是账号" in proc.stdout


def test_committed_codeowners_matches_the_demo_catalogue() -> None:
    assert gongkai("codeowners", "--check", "--root", str(REPO)).returncode == 0


def test_new_asks_when_run_without_flags(small: Path) -> None:
    answers = "税务局\n1\n99 sgjf\n2, 三公经费\n\n示例县2024年“三公”经费预算\n8\n\n"
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "new", "--root", str(small), "--date", "2024-06-01"],
        input=answers, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "content/cz/2024-00003.md\n"  # only the path on stdout
    assert "「税务局」不在可选范围内" in proc.stderr and "「99」不在可选范围内" in proc.stderr
    assert "  1. czj    县财政局（示例县财政局）" in proc.stderr
    text = (small / "content/cz/2024-00003.md").read_text(encoding="utf-8")
    assert "columns: [czzj, sgjf]" in text and "doc_type: 公告公示" in text
    assert 'title: "示例县2024年“三公”经费预算"' in text
    assert "#   reviewer:" in text  # no reviewer given: the item waits for its review


def test_new_cancelled_by_end_of_input_writes_nothing(small: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "new", "--root", str(small)],
                          input="1\n", capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 2 and "已取消" in proc.stderr
    assert sorted(p.name for p in (small / "content/cz").glob("20*.md")) == []


@pytest.mark.parametrize(
    ("flag", "says"),
    [("--column=nosuch", "栏目「nosuch」不在目录中"), ("--doc-type=便条", "文种「便条」不可选")],
)
def test_new_refuses_a_wrong_flag_while_asking_for_the_rest(
    small: Path, flag: str, says: str
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "new", "--root", str(small), "--department", "czj", flag],
        input="1\n标题\n\n\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2 and says in proc.stderr, proc.stderr
    assert sorted(p.name for p in (small / "content/cz").glob("20*.md")) == []


def test_the_garbage_collector_does_not_walk_the_catalogue_again_and_again(capsys) -> None:
    """A run sets the youngest generation's threshold high: a loaded catalogue is objects
    that live for the whole run, and at Python's default (700) collecting them was a third
    of a warm `gongkai check` at 100,000 items."""
    import gc

    from generator.cli.main import GC_YOUNG, main

    before = gc.get_threshold()
    try:
        assert main(["fields"]) == 0
        assert gc.get_threshold() == (GC_YOUNG, *before[1:])
        assert GC_YOUNG > 10 * 700
    finally:
        gc.set_threshold(*before)
    assert "index_no" in capsys.readouterr().out


def test_pagefind_runs_after_the_process_that_held_the_catalogue_has_ended(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gongkai build` checks and renders in a process of its own and indexes in its own
    once that one has ended: the Pagefind runs never share the memory with the model."""
    cli = importlib.import_module("generator.cli.main")  # the module, not its main()
    from generator.search import workers

    log = small.parent / "processes"
    check, pagefind = cli.run, workers.run_pagefind

    def checking(*args: Any, **kwargs: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"check {os.getpid()}\n")
        return check(*args, **kwargs)

    def indexing(*args: Any, **kwargs: Any) -> None:
        checked = int(log.read_text(encoding="utf-8").split()[1])
        try:
            os.kill(checked, 0)
            state = "alive"
        except ProcessLookupError:
            state = "ended"
        with log.open("a", encoding="utf-8") as out:
            out.write(f"pagefind {os.getpid()} {state}\n")
        pagefind(*args, **kwargs)

    monkeypatch.setattr(cli, "run", checking)
    monkeypatch.setattr(workers, "run_pagefind", indexing)
    assert cli.main(["build", "--root", str(small)]) == 0

    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines[0][0] == "check" and int(lines[0][1]) != os.getpid()
    assert lines[1:] and all(line == ["pagefind", str(os.getpid()), "ended"] for line in lines[1:])
    assert list((small / "site" / "search").glob("*/pagefind-entry.json"))
    assert not list((small / "site" / "search").glob(".plan-*"))  # the plan, set down, is gone


def test_a_build_refused_for_errors_keeps_the_spare(small: Path) -> None:
    """The spare (the site before last, which the next build is made over) is taken, and
    cleared down to its cached pages beside the check; a catalogue with errors gives it
    back with every one of them, and the next build is made over it."""
    assert gongkai("build", "--root", str(small)).returncode == 0
    assert gongkai("build", "--root", str(small)).returncode == 0
    cached = {p.stat().st_ino for p in (small / ".gongkai-cache" / "pages").rglob("*.html")}
    spare = small / ".site.spare"
    pages = sorted(p.relative_to(spare) for p in spare.rglob("*.html") if p.stat().st_ino in cached)
    assert len(pages) > 20
    folder = (spare / pages[-1]).parent.stat().st_ino
    (small / "content/cz/bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    proc = gongkai("build", "--root", str(small))
    assert proc.returncode == 1 and "网站未生成，原有网站保持不变" in proc.stderr
    no_traceback(proc)
    kept = sorted(p.relative_to(spare) for p in spare.rglob("*.html") if p.stat().st_ino in cached)
    assert kept == pages
    (small / "content/cz/bad.md").unlink()
    proc = gongkai("build", "--root", str(small))
    assert proc.returncode == 0 and "生成页面：共 0 页" in proc.stderr, proc.stderr
    assert (small / "site" / pages[-1]).parent.stat().st_ino == folder  # made over the spare


def published(root: Path) -> list[tuple[Path, int]]:
    """The site's files and when each was written; and no build's folder left beside it."""
    assert [p.name for p in root.iterdir() if ".site.building" in p.name] == []
    return sorted((p.relative_to(root), p.stat().st_mtime_ns) for p in root.rglob("site/**"))


def test_a_search_index_failing_after_the_pages_leaves_the_site_and_nothing_else(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = importlib.import_module("generator.cli.main")  # the module, not its main()
    from generator.search import index

    assert cli.main(["build", "--root", str(small)]) == 0
    before = published(small)
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && { echo 'pagefind 9.9'; exit 0; }\n"
                    "echo 磁盘已满 >&2; exit 1\n")  # fmt: skip
    fake.chmod(0o755)
    monkeypatch.setattr(index, "pagefind_binary", lambda: fake)
    shutil.rmtree(small / ".gongkai-cache")  # built from scratch: the index is built last
    capsys.readouterr()

    assert cli.main(["build", "--root", str(small)]) == 1

    err = capsys.readouterr().err
    assert "生成网站失败：Pagefind 索引失败：磁盘已满；原有网站保持不变。" in err
    assert published(small) == before  # the half-built site went, the plan set down in it


def test_a_build_whose_process_is_killed_says_so_and_leaves_the_site(
    small: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The process that renders the pages can be killed (out of memory on a small runner):
    the clerk reads that, not a traceback, and the site stays as it was."""
    cli = importlib.import_module("generator.cli.main")
    assert cli.main(["build", "--root", str(small)]) == 0
    before = published(small)

    def killed(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(cli, "_render_pages", killed)
    capsys.readouterr()
    assert cli.main(["build", "--root", str(small)]) == 1
    err = capsys.readouterr().err
    assert "生成网站失败：后台进程意外退出（退出码 -9）；原有网站保持不变。" in err
    assert published(small) == before
