"""更新记录: the newest changes across the catalogue, from the publication register (git)."""

from __future__ import annotations

from ..model.history import Change
from ..model.item import Item
from ..model.layout import item_path, updates_path
from .markup import CHANGE_WORDS, a, front_matter, inline, pager, paginate
from .registry import Context, Inputs, Page, family

TITLE = "更新记录"


@family("updates")
def update_pages(ctx: Context) -> list[Page]:
    """The newest ``updates_latest`` changes, newest first, paginated like a listing.

    Every change of a published item counts; one commit that changes many items
    shows once per item. Without a git history the page says so.
    """
    by_source = {i.source: i for i in ctx.portal.items}
    changes = [(c, by_source[src]) for src, cs in ctx.portal.history.items() if src in by_source
               for c in cs]  # fmt: skip
    changes.sort(key=lambda ci: (ci[0].date, ci[1].published, ci[1].index_no), reverse=True)
    changes = changes[: ctx.catalogue.settings.updates_latest]
    chunks = paginate(changes, ctx.catalogue.settings.page_size)
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        path = updates_path(n)
        heading = TITLE if n == 1 else f"{TITLE}（第 {n} 页）"
        parts = [front_matter(heading), f"# {heading}", ""]
        if changes:
            parts += [f"本目录最近的 {len(changes)} 次发布和修改，按日期从新到旧排列；"
                      "每条信息的完整发布记录见其页面。", "", _table(path, chunk), ""]  # fmt: skip
        else:
            parts += [
                "暂无记录：发布记录来自本网站的 git 仓库，本次生成时没有可用的 git 历史。",
                "",
            ]
        if nav := pager(path, updates_path, len(chunks), n):
            parts += [nav, ""]
        pages.append(Page(path, "\n".join(parts), inputs=Inputs.of(every_item=True)))
    return pages


def _table(src: str, rows: list[tuple[Change, Item]]) -> str:
    out = [
        '<div class="gk-updates" markdown="1">',
        "",
        "| 日期 | 信息 | 事项 | 说明 |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| {c.date.isoformat()} | {a(src, item_path(i), i.title)} | {CHANGE_WORDS[c.kind]} "
            f"| {inline(_short(c.message))} |" for c, i in rows]  # fmt: skip
    return "\n".join([*out, "", "</div>"])


def _short(message: str, limit: int = 60) -> str:
    """A commit subject as the register lists it: cut at ``limit`` characters (the item's
    page shows it whole)."""
    return message if len(message) <= limit else message[: limit - 1] + "…"
