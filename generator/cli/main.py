"""The ``gongkai`` command: check, build, serve, new, list.

Exit codes: 0 success, 1 the content has errors, 2 the command was misused.
Whatever the input, the clerk sees a message, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..check.report import FORMATS, render
from ..check.run import Result, run, run_changed
from ..model.catalogue import Catalogue
from ..model.part import Part
from ..model.problem import Problem
from ..model.progress import Progress
from ..schema.dates import DateError, parse_date
from ..schema.names import Names
from ..source.catalogue import CatalogueError, load_catalogue
from .ask import Cancelled
from .errors import CONTENT_ERROR, MISUSE, OK, ContentError, Misuse

if TYPE_CHECKING:
    from ..search import IndexPlan


def _root(args: argparse.Namespace) -> Path:
    root = Path(args.root).resolve()
    if not (root / "catalogue").is_dir():
        raise Misuse(f"{root} 不是公开目录的根目录（找不到 catalogue/ 文件夹）；请用 --root 指定")
    return root


def _load(args: argparse.Namespace) -> tuple[Path, Catalogue]:
    """The portal's root and its catalogue; a broken catalogue is printed and exits 1."""
    root = _root(args)
    try:
        return root, load_catalogue(root)
    except CatalogueError as exc:
        _print_problems(exc.problems)
        raise ContentError from None


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        print(p.format())


def _summary(result: Result) -> str:
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    if errors:
        return f"发现 {errors} 个错误、{warnings} 个警告；请按提示修改后再提交。"
    return f"检查通过：{len(result.items)} 条信息" + (
        f"，{warnings} 个警告。" if warnings else "。"
    )


# -- commands -------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    if args.changed_since:
        from ..source.git import ChangesError, changed_since

        try:
            changed = changed_since(root, args.changed_since)
        except ChangesError as exc:
            raise Misuse(f"无法确定自 {args.changed_since} 以来的改动：{exc}") from None
        result = run_changed(root, changed)
    else:
        result = run(root, cache=True)
    out = render(result.problems, args.format, len(result.items))
    if out:
        print(out)
    print(_summary(result), file=sys.stderr)
    return OK if result.ok else CONTENT_ERROR


def cmd_build(args: argparse.Namespace) -> int:
    from .. import search
    from ..build import progress
    from ..build.background import Background, Died
    from ..build.site import BuildError, Untouched, build_site
    from ..plugin import mkdocs_site

    root = _root(args)
    part = _part(args)
    reporter = progress.for_stream(sys.stderr)
    default = "site-preview" if args.preview else "site"
    if part is not None:
        default = f"site.{part.name}"
    site_dir = Path(args.site_dir) if args.site_dir else root / default
    mkdocs_site.log_to_stderr(args.verbose)
    if args.preview:
        os.environ["GONGKAI_PREVIEW"] = "1"
    rendered: list[_Rendered] = []

    def render(folder: Path) -> None:
        # The catalogue is checked and its pages rendered in a process of its own, which
        # has ended when the search index is built here: Pagefind's runs (1 GB each at
        # 100,000 items) then have the memory the model held (2 GB) to themselves.
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # nothing printed so far is printed twice
        pages = partial(_render_pages, root, part, reporter, args.preview, folder)
        try:
            done = Background(pages, daemon=False).result()
        except Died as exc:  # killed, out of memory: the system's log says more
            raise BuildError(str(exc)) from None
        rendered.append(done)
        if done.search is not None:
            try:
                search.run_index(done.search, reporter)
            except search.SearchError as exc:
                raise BuildError(str(exc)) from None

    try:
        build_site(site_dir, render, reuse=True)  # over the site before last (engine)
    except Untouched as exc:  # the catalogue has errors: nothing was built
        print(f"{exc} 网站未生成，原有网站保持不变。", file=sys.stderr)
        return CONTENT_ERROR
    except BuildError as exc:
        print(f"生成网站失败：{exc}；原有网站保持不变。", file=sys.stderr)
        return CONTENT_ERROR
    shown, held = rendered[0].shown, rendered[0].held
    note = f"，{held} 条未完成保密审查或为草稿，未发布" if held else ""
    kind = "预览" if args.preview else "网站"
    if part is not None:
        kind = f"第 {part.number}/{part.count} 部分（用 gongkai assemble 合并）"
    print(f"已生成{kind}：{site_dir}（{shown} 条信息{note}）", file=sys.stderr)
    return OK


@dataclass
class _Rendered:
    """What the process that rendered the pages hands back to ``gongkai build``."""

    shown: int  # items published
    held: int  # items held back (drafts, not yet reviewed)
    search: IndexPlan | None  # the search index left to build (None: built beside the pages)


def _render_pages(
    root: Path, part: Part | None, reporter: Progress, preview: bool, folder: Path
) -> _Rendered:
    """Check the catalogue and render its pages into ``folder``; ``Untouched`` (with the
    check's summary) if it has errors."""
    from ..build.site import Untouched
    from ..plugin import mkdocs_site

    cleared = mkdocs_site.clear(root, part, folder)  # beside the check, on the other core
    try:
        result = run(root, reporter, cache=True)
        _print_problems(result.problems)
        if not result.ok:
            raise Untouched(_summary(result))
        plan = mkdocs_site.render(root, result, reporter, part, folder, True, cleared)
    finally:  # nothing may write into the folder once this process has ended
        cleared.cancel()
    shown = len(result.portal(preview=preview).items)
    return _Rendered(shown, len(result.items) - shown, plan)


def _part(args: argparse.Namespace) -> Part | None:
    if not args.part:
        return None
    try:
        return Part.parse(args.part)
    except ValueError as exc:
        raise Misuse(f"--part {exc}") from None


def cmd_assemble(args: argparse.Namespace) -> int:
    from ..build.parts import assemble
    from ..build.site import BuildError

    root = _root(args)
    folders = [Path(p) for p in args.parts] or sorted(root.glob("site.part-*"))
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    try:
        placed = assemble(folders, site_dir)
    except BuildError as exc:
        print(f"合并失败：{exc}；原有网站保持不变。", file=sys.stderr)
        return CONTENT_ERROR
    print(f"已合并 {len(folders)} 个部分：{site_dir}（{placed} 个文件）", file=sys.stderr)
    return OK


def cmd_serve(args: argparse.Namespace) -> int:
    from ..build.site import BuildError
    from ..plugin import mkdocs_site

    root = _root(args)
    mkdocs_site.log_to_stderr(verbose=True)
    os.environ["GONGKAI_PREVIEW"] = "1"  # a live preview shows drafts, with their banners
    # Stopped by a service manager or `kill` (SIGTERM), the preview stops as on Ctrl-C:
    # MkDocs removes the site it built in the temporary folder only then.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        mkdocs_site.serve(root, args.dev_addr)
    except BuildError as exc:
        print(f"预览失败：{exc}", file=sys.stderr)
        return CONTENT_ERROR
    return OK


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_new(args: argparse.Namespace) -> int:
    from . import new

    root, catalogue = _load(args)
    try:
        date = parse_date(args.date) if args.date else dt.date.today()
    except DateError as exc:
        raise Misuse(str(exc)) from None
    try:
        if args.department and args.column and args.title:
            item = new.from_flags(args, catalogue, date)
        else:
            item = new.by_asking(args, catalogue, date)
    except Cancelled:
        print("\n已取消，没有新建文件。", file=sys.stderr)
        return MISUSE
    path = new.write_new(catalogue, item)
    print(path.relative_to(root).as_posix() if path.is_relative_to(root) else path)
    return OK


def cmd_import(args: argparse.Namespace) -> int:
    from . import migrate, new

    root, catalogue = _load(args)
    names = Names.of(catalogue)
    missing = [Path(p) for p in args.paths if not Path(p).exists()]
    if missing:
        raise Misuse("找不到：" + "、".join(str(p) for p in missing))
    options = migrate.Options(
        new._columns(names, args.column), args.doc_type, args.reviewer, args.body_column
    )
    if args.doc_type:
        new._doc_type(catalogue, args.doc_type)
    found = migrate.records([Path(p) for p in args.paths], names, args.body_column)
    outcome = migrate.run_import(catalogue, found, options, dry_run=args.dry_run)
    verb = "将写入" if args.dry_run else "已写入"
    for p in outcome.written:
        print(f"{verb} {p.path.relative_to(root).as_posix()}  ← {p.where}")
    for where, reason in outcome.refused:
        print(f"未导入 {where}：{reason}")
    note = "（试运行，未写入任何文件）" if args.dry_run else ""
    print(f"{verb} {len(outcome.written)} 条，已导入过 {len(outcome.skipped)} 条，"
          f"未导入 {len(outcome.refused)} 条{note}", file=sys.stderr)  # fmt: skip
    if not args.reviewer and outcome.written and not args.dry_run:
        print(
            "导入的信息尚未保密审查，不会发布：审查后在 review 中写明审查人和日期。",
            file=sys.stderr,
        )
    return CONTENT_ERROR if outcome.refused else OK


def cmd_list(args: argparse.Namespace) -> int:
    root = _root(args)
    rows: list[dict[str, object]]
    code = OK
    if args.what == "items":
        result = run(root)
        if not result.ok:
            _print_problems(result.errors)
            code = CONTENT_ERROR
        rows = [
            {
                "index_no": i.index_no,
                "title": i.title,
                "department": i.department.id,
                "published": i.published.isoformat(),
                "columns": [c.id for c in i.columns],
                "status": i.status.value,
                "source": i.source,
            }
            for i in sorted(result.items, key=lambda i: (i.published, i.index_no))
        ]
    else:
        _, catalogue = _load(args)
        if args.what == "departments":
            rows = [
                {"id": d.id, "short": d.short, "name": d.name, "code": d.code, "folder": d.folder}
                for d in catalogue.departments
            ]
        else:
            rows = [
                {
                    "id": c.id,
                    "name": c.name,
                    "parent": c.parent.id if c.parent else None,
                    "depth": len(c.trail) - 1,
                }
                for c in catalogue.all_columns()
            ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(_text_row(args.what, row))
    return code


def cmd_fields(args: argparse.Namespace) -> int:
    from ..outputs.docs import fields_table, refresh_docs

    root, catalogue = _load(args)
    if args.update_docs:
        changed = refresh_docs(root, catalogue)
        print("已更新：" + "、".join(changed) if changed else "文档已是最新。", file=sys.stderr)
    else:
        print(fields_table(catalogue))
    return OK


def cmd_codeowners(args: argparse.Namespace) -> int:
    from ..outputs.codeowners import codeowners

    root, catalogue = _load(args)
    path = root / args.output
    text = codeowners(catalogue)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(
                f"{args.output} 与 catalogue/ 不一致：请运行 gongkai codeowners 并提交结果",
                file=sys.stderr,
            )
            return CONTENT_ERROR
        return OK
    path.write_text(text, encoding="utf-8")
    print(args.output)
    return OK


def cmd_report(args: argparse.Namespace) -> int:
    from ..model.annual import Report
    from . import annual

    root = _root(args)
    result = run(root)
    if not result.ok:
        _print_problems(result.errors)
        print(_summary(result), file=sys.stderr)
        return CONTENT_ERROR
    assert result.catalogue is not None
    if result.annual is None:
        raise Misuse("本目录没有年报设置（catalogue/annual_report.yml）")
    dep = ""
    if args.department:
        found = Names.of(result.catalogue).departments.get(args.department)
        if found is None:
            raise Misuse(f"部门「{args.department}」不在目录中；可选：" + "、".join(
                f"{d.id}（{d.short}）" for d in result.catalogue.departments))  # fmt: skip
        dep = found.id
    chosen: Report | None = next(
        (r for r in result.reports if r.year == args.year and r.department == dep), None
    )
    if chosen is None:
        have = sorted({r.year for r in result.reports if r.department == dep}, reverse=True)
        where = (
            f"catalogue/reports/{args.year}/{dep}.yml"
            if dep
            else f"catalogue/reports/{args.year}.yml"
        )
        raise Misuse(f"没有 {args.year} 年的年报数据（{where}）；已有："
                     + ("、".join(str(y) for y in have) or "无"))  # fmt: skip
    from ..source.history import build_date

    try:  # the day the build counts validity on, so that the page and this agree
        built = build_date(root)
    except ValueError as exc:
        raise Misuse(str(exc)) from None
    day = built.date() if built else dt.date.today()
    print(annual.render(result.portal(day=day), chosen, args.format))
    return OK


def _text_row(what: str, row: dict[str, object]) -> str:
    if what == "departments":
        return f"{row['id']:<8} {row['short']}  {row['name']}  (代码 {row['code']}, content/{row['folder']}/)"
    if what == "columns":
        indent = "  " * int(str(row["depth"]))
        return f"{indent}{row['id']:<10} {row['name']}"
    return f"{row['index_no']}  {row['published']}  {row['department']:<6} {row['title']}"


# -- wiring -------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"gongkai: 用法错误：{message}", file=sys.stderr)
        raise SystemExit(MISUSE)


def parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--root", default=".", help="公开目录的根目录（含 catalogue/ 和 content/），默认当前目录"
    )
    p = _Parser(prog="gongkai", description="公开目录：政府信息公开目录的静态网站生成工具")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("check", parents=[common], help="检查全部信息，列出所有问题")
    s.add_argument("--changed-since", metavar="REV",
                   help="只全面检查自版本 REV 以来改动的文件（全目录规则仍然检查），如 origin/main")  # fmt: skip
    s.add_argument("--format", choices=FORMATS, default="text",
                   help="text：给人看；github：在合并请求的改动上标注；json：给其他工具")  # fmt: skip
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("build", parents=[common], help="检查后生成网站；有错误时不生成")
    s.add_argument("--site-dir", help="网站输出目录，默认 ROOT/site（预览为 ROOT/site-preview）")
    s.add_argument("--preview", action="store_true",
                   help="预览：包括草稿和未完成保密审查的信息（带醒目提示），供审核使用")  # fmt: skip
    s.add_argument("--part", metavar="K/N",
                   help="只生成 N 部分中的第 K 部分（多台机器并行），输出到 ROOT/site.part-K-of-N；"
                   "再用 gongkai assemble 合并")  # fmt: skip
    s.add_argument("-v", "--verbose", action="store_true", help="显示 MkDocs 的详细日志")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("assemble", parents=[common], help="把 build --part 生成的各部分合并为网站")
    s.add_argument("parts", nargs="*", help="各部分的目录，默认 ROOT/site.part-*")
    s.add_argument("--site-dir", help="网站输出目录，默认 ROOT/site")
    s.set_defaults(func=cmd_assemble)

    s = sub.add_parser("serve", parents=[common], help="本地实时预览")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("new", parents=[common], help="新建一条信息，自动分配索引号")
    s.add_argument("--department", help="公开部门：编号或中文名称（不带参数时逐项询问）")
    s.add_argument("--column", action="append", help="所属栏目：编号或中文名称，可重复")
    s.add_argument("--title", help="标题")
    s.add_argument(
        "--doc-type", help="文种，默认为 catalogue/vocabularies.yml 中 role: new_default 的文种"
    )
    s.add_argument("--reviewer", help="保密审查人；填写后审查日期记为发布日期")
    s.add_argument("--date", help="发布日期，默认今天")
    s.set_defaults(func=cmd_new)

    s = sub.add_parser(
        "import", parents=[common], help="从旧网站导出的文件导入信息（先用 --dry-run 查看）"
    )
    s.add_argument(
        "paths",
        nargs="+",
        help="文本（.txt）、网页（.html）或元数据表（.csv/.xlsx），或其所在文件夹",
    )
    s.add_argument("--column", action="append", required=True,
                   help="导入的信息所属栏目：编号或中文名称，可重复（旧系统没有本目录的栏目）")  # fmt: skip
    s.add_argument("--doc-type", help="来源中没有「文种」时使用的文种")
    s.add_argument("--reviewer", help="保密审查人：已审查过的才填；不填则导入后不发布，待审查")
    s.add_argument("--body-column", default="正文文件",
                   help="元数据表中写正文文件名的一栏，默认「正文文件」（文件放在表格旁边）")  # fmt: skip
    s.add_argument("--dry-run", action="store_true", help="只显示将写入哪些文件，不写入")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("list", parents=[common], help="列出部门、栏目或信息")
    s.add_argument("what", choices=["departments", "columns", "items"])
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_list)

    s = sub.add_parser(
        "codeowners", parents=[common], help="根据 catalogue/ 写出 CODEOWNERS（部门审核人）"
    )
    s.add_argument("--output", default="CODEOWNERS", help="输出文件（相对根目录），默认 CODEOWNERS")
    s.add_argument(
        "--check", action="store_true", help="只检查文件是否与 catalogue/ 一致（用于 CI）"
    )
    s.set_defaults(func=cmd_codeowners)

    s = sub.add_parser("report", parents=[common], help="打印某年度的政府信息公开工作年度报告表格")
    s.add_argument("year", type=int, help="年度，如 2024")
    s.add_argument("--department", help="部门：编号或中文名称；不填为本机关的报告")
    s.add_argument("--format", choices=["text", "csv", "json"], default="text",
                   help="text：给人看；csv：表格软件；json：给其他工具")  # fmt: skip
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("fields", parents=[common], help="打印字段表（Markdown），供文档使用")
    s.add_argument("--update-docs", action="store_true",
                   help="更新 README.md 的字段表和 catalogue/item-template.md")  # fmt: skip
    s.set_defaults(func=cmd_fields)
    return p


# Objects allocated between the garbage collector's youngest-generation passes (Python's
# default is 700). A catalogue is hundreds of thousands of objects that live for the whole
# run and hold few cycles; at the default, the collector walked them again and again:
# 6.8 s of a warm `gongkai check`'s 23.0 s at 100,000 items, 3.4 s with this.
GC_YOUNG = 50_000


def command() -> None:
    """The ``gongkai`` command: ``main``, then the process ends at once.

    A build of 100,000 items holds millions of objects; the interpreter freeing
    them one by one on the way out took 6 seconds after the work was done and
    said. Nothing is left to do by then: files are closed, worker processes
    joined; the log and the standard streams are flushed here.
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except Misuse as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return MISUSE
    except ContentError:
        return CONTENT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `gongkai list items | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except Exception as exc:  # a bug of ours: say so plainly, keep the trace for maintainers
        if os.environ.get("GONGKAI_DEBUG"):
            raise
        print(
            f"gongkai: 内部错误 {type(exc).__name__}: {exc}\n"
            "这是 gongkai 的缺陷，不是您的错误；请设置 GONGKAI_DEBUG=1 重新运行并报告。",
            file=sys.stderr,
        )
        return CONTENT_ERROR
