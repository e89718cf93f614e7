"""The theme's nav and tabs, its asset blocks and its translations, each rendered once.

Material renders the whole site nav into every page, twice (the sidebar and the
tabs): nearly half of a page's template time. On a page that is not in the nav
(every item, listing and report page) nothing in them depends on the page
except the relative URLs of their links, so their HTML is kept per those URLs
and written again on every page where they come out the same: all item pages
share one. A page in the nav (its entry is marked active) is rendered as the
theme renders it.

The same goes for the blocks that link the theme's styles and scripts and hold its
settings (``ASSET_BLOCKS``): they show nothing of a page but the relative URLs of
files beside the pages, which are the same on every page as deep in the site. And
the theme's ``t`` (``partials/language.html``) built its whole table of words
again at every call, a dozen calls a page; each word is looked up once.
``tests/plugin/test_engine.py`` compares the site with what ``mkdocs build`` writes,
file by file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
import jinja2.nodes
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_relative_url

# The theme's partials that show the nav and nothing of the page but its links.
NAV_PARTIALS = ("partials/nav.html", "partials/tabs.html")


def keep_nav_fragments(env: Any, nav: Navigation, files: Files) -> None:
    """Make ``env``'s nav partials render once per set of relative links they hold."""
    targets = [page.url for page in nav.pages]
    if nav.homepage is not None:
        targets.append(nav.homepage.url)
    in_nav = {page.file.src_uri for page in nav.pages}
    beside_assets = _beside_assets(files)  # the nav shows the logo, one of the site's files

    def key(context: Any) -> tuple[str, ...] | None:
        page = context.get("page")
        if page is None or page.file.src_uri in in_nav or beside_assets(page):
            return None  # its own entry is marked: as the theme renders it
        return (str(context.get("base_url")), *(get_relative_url(t, page.url) for t in targets))

    for name in NAV_PARTIALS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:  # a theme without the partial: nothing to keep
            continue
        template.root_render_func = _kept(template.root_render_func, key)


# The theme's blocks whose HTML depends on the page only through links to the site's
# files (styles, scripts, the theme's settings with the search worker's address).
ASSET_BLOCKS = ("styles", "libs", "fonts", "analytics", "config", "scripts")
LANGUAGE = "partials/language.html"


def keep_asset_blocks(env: Any, files: Files, template: str = "main.html") -> None:
    """Make the asset blocks of the theme's base template (the one ``template`` extends,
    at the end of the chain) render once per depth in the site.

    A link from a page to a file is the same on every page as deep, unless the page
    lies in the file's top folder (``assets/``): those pages, and a page-less
    template, are rendered as the theme renders them. Only the base's blocks are
    kept: a template overriding one (``main.html``'s scripts) reaches it through
    ``super()``, which finds a block by the very function its template defined.
    """
    beside_assets = _beside_assets(files)

    def key(context: Any) -> tuple[str, ...] | None:
        page = context.get("page")
        if page is None or beside_assets(page):
            return None
        return (str(context.get("base_url")),)

    base = env.get_template(template)
    while (parent := _parent(env, base)) is not None:
        base = parent
    for block in ASSET_BLOCKS:
        if block in base.blocks:
            base.blocks[block] = _kept(base.blocks[block], key)


def _beside_assets(files: Files) -> Callable[[Any], bool]:
    """Whether a page lies in a top folder of the site's other files (``assets/``): its
    links to them are not those of every page as deep, so it is rendered as it is."""
    roots = {f.src_uri.split("/")[0] for f in files if not f.is_documentation_page()}
    return lambda page: page.url.split("/")[0] in roots


def _parent(env: Any, template: jinja2.Template) -> jinja2.Template | None:
    """The template ``template`` extends (by a constant name), if any."""
    if template.name is None:
        return None
    source = env.loader.get_source(env, template.name)[0]
    for node in env.parse(source).find_all(jinja2.nodes.Extends):
        if isinstance(node.template, jinja2.nodes.Const):
            parent: jinja2.Template = env.get_template(node.template.value)
            return parent
    return None


def keep_translations(env: Any, config: Any) -> None:
    """Make the theme's ``t`` look each word up once (its answers depend on the word alone)."""
    try:
        template = env.get_template(LANGUAGE)
    except jinja2.TemplateNotFound:
        return
    words = template.make_module({"config": config})  # the theme's own t, made once
    env.globals["_gongkai_word"] = functools.cache(words.t)
    fast = env.from_string("{% macro t(key) %}{{ _gongkai_word(key) }}{% endmacro %}")
    template.root_render_func = fast.root_render_func
    template.blocks = fast.blocks


def _kept(
    render: Callable[[Any], Iterator[str]], key: Callable[[Any], tuple[str, ...] | None]
) -> Callable[[Any], Iterator[str]]:
    kept: dict[tuple[str, ...], str] = {}

    def root_render_func(context: Any) -> Iterator[str]:
        k = key(context)
        if k is None:
            yield from render(context)
            return
        html = kept.get(k)
        if html is None:
            html = kept[k] = "".join(render(context))
        yield html

    return root_render_func
