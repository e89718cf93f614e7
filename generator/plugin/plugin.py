"""The MkDocs plugin: hands the compiled pages to MkDocs, and nothing more.

Loading, checking and compiling live in the MkDocs-free pipeline; this module
only wires MkDocs events, so ``mkdocs build`` and ``mkdocs serve`` work directly
and the pipeline can move to another renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import multiprocessing
import os
import shutil
from functools import partial
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import search
from ..body.sanitize import clean
from ..build.background import Background
from ..build.open_data import write_open_data
from ..check.run import Result, run
from ..model.catalogue import MarkdownConfig
from ..model.history import Change
from ..model.item import Portal
from ..model.layout import (
    APPLY_PATH,
    FORM_PATH,
    GUIDE_PATH,
    OPEN_DATA,
    content_relative,
    item_path,
)
from ..model.output import Output
from ..model.part import Part
from ..model.progress import QUIET, Progress
from ..outputs.export_cache import CACHE_FILE as EXPORT_CACHE
from ..outputs.form import write_form
from ..outputs.records import Site
from ..outputs.sitemap import write_sitemap
from ..pages import Context, family_units
from ..pages.compiled import Prints, State, compile_changed, fingerprints
from ..pages.compiled import load as load_state
from ..pages.compiled import save as save_state
from ..pages.dates import page_dates, with_history
from ..pages.items import BODY_MARK
from ..pages.qr import qr_figure
from ..source.catalogue import load_settings
from ..source.guide import load_guide
from ..source.history import build_date, is_shallow, read_history
from .blocks import put_back, set_aside
from .links import resolve_links
from .pages import SEARCH_DIR, STATE_FILE, compile_salt, spare_shards
from .public import public_build
from .sources import Sources
from .urls import page_url, place

log = logging.getLogger("mkdocs.plugins.gongkai")


class GongkaiConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """The portal's root (holding catalogue/ and content/); default: mkdocs.yml's folder."""
    preview = c.Type(bool, default=False)
    """Include drafts and unreviewed items, with banners; also set by GONGKAI_PREVIEW=1."""


class GongkaiPlugin(BasePlugin[GongkaiConfig]):
    def __init__(self) -> None:
        self.root = Path()
        # `gongkai build` has already run the pipeline; it leaves the result here so
        # one build loads and checks the catalogue once.
        self.preloaded: Result | None = None
        self.result = Result(None)
        self.preview = False
        self.day: dt.date | None = None  # the build's date (the commit's)
        self.history: dict[str, list[Change]] = {}
        # How far the build is (gongkai build sets it: a bar or log lines).
        self.progress: Progress = QUIET
        self.part: Part | None = None  # gongkai build --part K/N: this part's shards only
        # Item pages' bodies (by page path) and where their texts go for the search index.
        self.bodies: dict[str, str] = {}
        self.markdown = MarkdownConfig()
        self.texts: search.Texts | None = None
        self.dates: dict[str, dt.date] = {}  # generated pages' last changes, by path
        self.files: Files | None = None  # the site's files, for the sitemap
        self.generated: list[str] = []  # the generated pages' paths, in the order compiled
        self.blocks: dict[str, list[str]] = {}  # a page's finished HTML, set aside (blocks.py)
        # Under `gongkai build`: the generated pages' digests (and units, to compile them).
        self.sources: Sources | None = None
        # The search index, built beside the pages after a merge (on_pre_build).
        self.search: Background[search.IndexStats] | None = None
        # Under `gongkai build`: the search index is only planned here and run by the caller
        # once this process has ended (search/index.py), left in ``deferred``.
        self.defer_search = False
        self.deferred: search.IndexPlan | None = None
        self.open_data: Background[list[Output]] | None = None  # written beside the nav
        self.site_dir: Path | None = None
        # on_pre_build's portal, its items' fingerprints, the last build's state, the salt
        self.compiling: tuple[Portal, Prints, State, str] | None = None
        self.portal: Portal | None = None  # on_pre_build's, for the search index
        self.known: search.Known | None = None  # its items' fingerprints, for the index's memo
        self.merge = False  # few items new or changed since the last build (BESIDE)
        self.written: EventType | None = None  # set once the open data are written (a merge)

    def on_config(self, config: Any) -> None:
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = Path(self.config.root).resolve() if self.config.root else base
        # The catalogue names the portal; mkdocs.yml's site_name is only MkDocs' required stub.
        settings = load_settings(self.root, [])
        config.site_name = settings.name
        self.preview = self.config.preview or os.environ.get("GONGKAI_PREVIEW") == "1"
        config.extra["gongkai_preview"] = self.preview  # the theme's preview banner
        # The body's identity (header and footer), from catalogue/catalogue.yml.
        config.extra["gongkai_identity"] = dataclasses.asdict(settings.identity)
        # The footer's links to the guide and the application page, with their titles
        # (catalogue/guide.yml's): the theme writes no paths or words of its own. None
        # without a readable guide.yml (the check says what is wrong with it).
        guide = load_guide(self.root, None, [])
        url = partial(page_url, "", directory_urls=config.use_directory_urls)  # site-relative
        links = {}
        if (Path(config.docs_dir) / ABOUT).is_file():  # a hand-written page: only if there
            links["about"] = {"url": url(ABOUT), "title": _nav_title(config.nav, ABOUT)}
        if guide:
            links["guide"] = {"url": url(GUIDE_PATH), "title": guide.titles.guide}
            links["apply"] = {"url": url(APPLY_PATH), "title": guide.titles.apply}
        links["open_data"] = {"url": url(OPEN_DATA), "title": "开放数据"}
        config.extra["gongkai_links"] = links
        if not self.preview:
            public_build(config)

    def on_pre_build(self, /, *, config: Any) -> None:
        # Check here, not in on_files: MkDocs empties site_dir between the two, and bad
        # content must leave the published site as it was.
        result, self.preloaded = self.preloaded or run(self.root, cache=True), None
        for problem in result.problems:
            if problem.severity == "warning":
                log.warning(problem.format())
        if not result.ok:
            problems = "\n".join(p.format() for p in result.errors)
            raise PluginError(f"目录有错误，未生成网站 (run `gongkai check`):\n{problems}")
        self.result = result
        try:  # the commit's date: expiry (有效期至) comes out the same on every build of it
            built = build_date(self.root)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        self.day = built.date() if built else dt.date.today()
        self.history = read_history(self.root)  # the publication register, from git
        if self.history and is_shallow(self.root):
            log.warning("发布记录不完整：这是浅克隆（shallow clone），git 历史被截短；"
                        "请在工作流的 checkout 步骤中设置 fetch-depth: 0")  # fmt: skip
        self.texts = search.Texts(self.root / search.TEXTS_DIR, search.CODE)
        self.site_dir = Path(config.site_dir)
        if self.sources is not None:  # the engine makes no File of an item's source
            self.sources.skip = {i.content_path for i in result.items}
        portal = self.result.portal(self.preview, self.day, self.history)
        # Under `gongkai build`, the units whose inputs did not change since the last
        # build keep their pages without compiling them (pages/compiled.py).
        previous = load_state(self.root / STATE_FILE) if self.sources is not None else State()
        prints = fingerprints(portal)
        salt = compile_salt(self.root, self.preview)
        self.compiling = (portal, prints, previous, salt)
        new = previous.new_items(prints, salt) if self.sources is not None else None
        self.merge = new is not None and new <= BESIDE
        # Set once the open data are written: the search index's Pagefind run waits for it.
        self.written = multiprocessing.get_context("spawn").Event() if self.merge else None
        # Under `gongkai build` the site folder is ready now (the engine cleared it before
        # this event): the open data, which need only the model, are written beside the
        # nav and the files until on_files needs their sizes (6 s at 100,000 items). First,
        # for the search index's Pagefind run waits for them (below).
        if self.sources is not None:
            write = partial(self._open_data, portal, config, prints, salt, self.written)
            self.open_data = Background(write)
        # Few new or changed items since the last build (a merge): the search index needs
        # only the model, so it is built beside everything else from here, into a folder
        # of its own (MkDocs empties site_dir next). It is planned here, where the memo
        # finds the unchanged shards by the items' fingerprints (planned in the forked
        # process, reading every item there copied 0.8 GB of this one's memory into it at
        # 100,000 items), and run there. The bodies whose text the pages rendered here
        # have not left yet it converts itself.
        self.known = search.Known(salt, prints)
        self.portal = portal
        if self.written is not None:  # a merge
            out = _beside(self.site_dir)
            shutil.rmtree(out, ignore_errors=True)
            try:
                plan = self._plan(portal, out, self.texts)
            except search.SearchError as exc:
                raise PluginError(str(exc)) from None
            index = partial(search.run_beside, plan, self.written, self.progress)
            self.search = Background(index, fresh=True, aside=True)  # it outlives the nav

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        assert self.compiling is not None  # on_pre_build ran
        portal, prints, previous, salt = self.compiling
        changed = with_history(portal.history)
        # The open data first (MkDocs has emptied site_dir by now otherwise): the 开放数据
        # page lists their sizes. Under `gongkai build` they are being written since
        # on_pre_build. No other page shows them, so no other unit's key takes them, and
        # the others could be compiled meanwhile: at 100,000 items that was 3 s faster,
        # but the search index's Pagefind run (1.2 GB), which waits for the open data,
        # then overlapped the build at its largest, and the peak passed 3 GB.
        if self.open_data is not None:
            writing, self.open_data = self.open_data, None
            outputs = writing.result()
        else:
            outputs = self._open_data(portal, config, prints, salt)
        context = Context.of(portal)
        units = family_units(context, outputs=False)
        compiled = compile_changed(portal, units, previous, salt, self.progress, prints)
        context = context.with_outputs(outputs)
        units = family_units(context, outputs=True)
        compiled += compile_changed(context.portal, units, previous, salt, QUIET, prints)
        if self.sources is not None:  # right away: keys are of content, whatever happens next
            save_state(self.root / STATE_FILE, compiled.state, previous)
        self.compiling = None
        self.dates = page_dates([e.record for e in compiled.pages], portal.items, changed)
        self.bodies = {item_path(i): i.body for i in portal.items}
        self.markdown = portal.catalogue.markdown
        # Every item's source, published or held back, is kept out of MkDocs' own pages.
        item_files = {i.content_path for i in self.result.items}
        for file in list(files):
            if file.src_uri in item_files:
                files.remove(file)  # items are published at their index-number URL only
        sources = self.sources or Sources()
        self.generated = [entry.record.path for entry in compiled.pages]
        # Under `gongkai build` every generated page is given empty (sources.py): a kept
        # page is compiled only if it must be rendered, a compiled one's Markdown is
        # packed. Each entry is let go of as it is done, its Markdown with it.
        pack = self.sources is not None
        pages = compiled.pages[::-1]
        del compiled
        while pages:
            entry = pages.pop()
            record = entry.record
            if record.path in files.src_uris:  # a posix path already: no PurePath each
                raise PluginError(f"content/{record.path} 与自动生成的页面重名，请改名或删除")
            content = entry.page.content if entry.page is not None else None
            file = File.generated(config, record.path, content="" if pack else content or "",
                                  inclusion=InclusionLevel.NOT_IN_NAV)  # fmt: skip
            place(file)
            if record.source:
                file.edit_uri = content_relative(record.source)
            sources.add(
                file, record.digest, None if entry.page else entry.unit, content if pack else None
            )
            files.append(file)
        return files

    def _open_data(
        self,
        portal: Portal,
        config: Any,
        prints: Prints,
        salt: str,
        written: EventType | None = None,
    ) -> list[Output]:
        """Write the exports and feeds into the site; what the 开放数据 page lists.
        ``written`` is set once they are (or once this failed)."""
        base = _base(config)
        url_of = partial(page_url, base, directory_urls=config.use_directory_urls)
        site = Site(base, url_of, Path(config.docs_dir))
        try:
            return write_open_data(Path(config.site_dir), portal, site,
                                   with_history(portal.history), exports=not self.preview,
                                   cache=self.root / EXPORT_CACHE, prints=prints, salt=salt)  # fmt: skip
        finally:
            if written is not None:
                written.set()

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        self.files = files  # every page now has its URL
        return env

    def on_pre_template(self, template: Any, /, *, template_name: str, config: Any) -> Any:
        # MkDocs' sitemap dates every page by the day of the build; an empty template
        # makes MkDocs skip it, and on_post_build writes gongkai's (outputs/sitemap.py).
        if template_name == "sitemap.xml":
            return jinja2.Template("")
        return template

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Files) -> str:
        if page.file.generated_by is None:  # hand-written: no finished blocks
            return markdown
        # Only the page's own parts: never what an item's body says.
        head, mark, body = markdown.partition(BODY_MARK)
        head, self.blocks[page.file.src_uri] = set_aside(head)
        return head + mark + body

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        if page.file.generated_by is None:  # hand-written: MkDocs resolved its links
            return html
        blocks = self.blocks.pop(page.file.src_uri, [])
        if not page.file.src_uri.startswith("items/"):
            return resolve_links(put_back(html, blocks), page.file, files)
        head, mark, body = html.partition(BODY_MARK)
        if mark:  # the body's text, for the search index: it converts no body again
            # Markdown sets a raw block apart with blank lines; without the mark, one newline.
            head, body = head.rstrip("\n"), body.lstrip("\n")
            source = self.bodies.get(page.file.src_uri)
            if source is not None and self.texts is not None:
                key = self.texts.key(source, self.markdown)
                # Kept already (a template change renders every page again; items may
                # share a body): a text is its key's. Replacing the file made ext4 write
                # the new one out at once (auto_da_alloc): 0.24 against 0.09 ms.
                if not self.texts.has(key):
                    self.texts.put(key, search.html_text(body))
        # Department content is untrusted. The body is cleaned on its own, so nothing in it
        # can close the box that marks it (朗读 reads the title and that box aloud).
        html = clean(resolve_links(put_back(head, blocks), page.file, files))
        if body:
            html += f'\n<div class="gk-body">\n{clean(body)}\n</div>'
        if page.canonical_url and config.extra.get("qr_code") is not False:
            html += "\n" + qr_figure(page.canonical_url)  # drawn here from the URL alone
        return html

    def on_post_build(self, /, *, config: Any) -> None:
        if self.files is not None:
            write_sitemap(Path(config.site_dir), self._sitemap(self.files, config), _base(config))
        # The index is built from the model, not from the rendered pages; a failure
        # fails the build, which `gongkai build` then leaves unpublished.
        portal = self.portal
        assert portal is not None  # on_pre_build made it
        if portal.catalogue.guide is not None and self.day is not None:
            guide = portal.catalogue.guide
            write_form(Path(config.site_dir) / FORM_PATH, portal.catalogue, guide, self.day)
        try:
            site_dir = Path(config.site_dir)
            if self.search is not None:  # started beside the pages (on_pre_build)
                search_done, self.search = self.search, None
                search_done.result()
                _move_into(_beside(site_dir), site_dir / SEARCH_DIR)
            else:
                plan = self._plan(portal, site_dir / SEARCH_DIR, self.texts)
                if self.defer_search:
                    plan.set_down()
                    self.deferred = plan
                else:
                    search.run_index(plan, self.progress)
        except search.SearchError as exc:
            raise PluginError(str(exc)) from None
        if self.texts is not None:  # the texts of the bodies as they are now, and no others
            bodies = [i.body for i in self.result.items]
            self.texts.keep_current(bodies, portal.catalogue.markdown, self.merge)

    def _sitemap(self, files: Files, config: Any) -> list[tuple[str, dt.date | None]]:
        """Every page's address and last change: the hand-written pages as MkDocs made them,
        then the generated ones from their paths (the engine makes no ``Page`` of those it
        links from its cache). Without site_url there are no addresses to list."""
        base = _base(config)
        if not base:
            return []
        found = [
            (f.page.canonical_url, self.dates.get(f.src_uri))
            for f in files.documentation_pages()
            if f.generated_by is None and f.page is not None and f.page.canonical_url
        ]
        url = partial(page_url, base, directory_urls=config.use_directory_urls)
        return found + [(url(path), self.dates.get(path)) for path in self.generated]

    def on_build_error(self, /, *, error: Exception) -> None:
        for running in (self.search, self.open_data):
            if running is not None:
                running.cancel()
        self.search = self.open_data = None
        if self.deferred is not None:
            self.deferred.discard()
            self.deferred = None
        if self.site_dir is not None:  # what it wrote goes with the failed site
            shutil.rmtree(_beside(self.site_dir), ignore_errors=True)

    def _plan(self, portal: Portal, out: Path, texts: search.Texts | None) -> search.IndexPlan:
        """The search index of ``portal``'s items, planned into ``out`` (the site's
        ``search/``): the manifest written, the cached shards and the others to index
        left to ``search.run_index``."""
        cache = self.root / search.CACHE_DIR
        # Under `gongkai build`, the spare's shards cleared aside (mkdocs_site.clear).
        site_dir = self.site_dir if self.sources is not None else None
        spare = spare_shards(site_dir) if site_dir is not None else None
        return search.plan_index(
            portal.items,
            out,
            cache / self.part.name if self.part else cache,
            catalogue=portal.catalogue,
            jobs=search.cpu_jobs(),
            part=self.part,
            texts=texts,
            known=self.known,
            spare=spare,
        )

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self.root / "catalogue"))
        return server


def _beside(site_dir: Path) -> Path:
    """Where the search index built beside the pages goes until the pages are written."""
    return site_dir.with_name(f"{site_dir.name}.search")


def _move_into(folder: Path, target: Path) -> None:
    """Move what ``folder`` holds into ``target`` (which holds the search page), and
    remove ``folder``."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        entry.rename(target / entry.name)
    folder.rmdir()


def _base(config: Any) -> str:
    """The site's address with a trailing slash (site_url, which may hold a path), or ""."""
    url = str(config.site_url or "")
    return url if not url or url.endswith("/") else url + "/"


# With at most this many items new or changed since the last build, the search index is
# built beside the pages: converting their bodies twice costs less than waiting for it.
BESIDE = 256
ABOUT = "about.md"  # the footer's 关于本平台, when the portal has written one
ABOUT_TITLE = "关于本平台"


def _nav_title(nav: Any, path: str) -> str:
    """The title mkdocs.yml's nav gives the page at ``path`` (the footer uses the same)."""
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if target == path:
                    return str(title)
    return ABOUT_TITLE
