"""The theme's nav and tabs, rendered once for each set of links they hold.

Material renders the whole site nav into every page, twice (the sidebar and the
tabs): nearly half of a page's template time. On a page that is not in the nav
(every item, listing and report page) nothing in them depends on the page
except the relative URLs of their links, so their HTML is kept per those URLs
and written again on every page where they come out the same: all item pages
share one. A page in the nav (its entry is marked active) is rendered as the
theme renders it. ``tests/plugin/test_engine.py`` compares the site with what
``mkdocs build`` writes, file by file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_relative_url

# The theme's partials that show the nav and nothing of the page but its links.
NAV_PARTIALS = ("partials/nav.html", "partials/tabs.html")


def keep_nav_fragments(env: Any, nav: Navigation) -> None:
    """Make ``env``'s nav partials render once per set of relative links they hold."""
    targets = [page.url for page in nav.pages]
    if nav.homepage is not None:
        targets.append(nav.homepage.url)
    in_nav = {page.file.src_uri for page in nav.pages}

    def key(context: Any) -> tuple[str, ...] | None:
        page = context.get("page")
        if page is None or page.file.src_uri in in_nav:
            return None  # its own entry is marked: as the theme renders it
        return (str(context.get("base_url")), *(get_relative_url(t, page.url) for t in targets))

    for name in NAV_PARTIALS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:  # a theme without the partial: nothing to keep
            continue
        template.root_render_func = _kept(template.root_render_func, key)


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
