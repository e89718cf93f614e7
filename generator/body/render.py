"""An item body as HTML, rendered once the way the portal renders it.

The checker's warnings, the search index and the pages must agree on what a
body says, so all render it with the portal's configured extensions
(``Catalogue.markdown``, read from mkdocs.yml).
"""

from __future__ import annotations

import threading

import markdown

from ..model.catalogue import MarkdownConfig

_local = threading.local()


def render(body: str, config: MarkdownConfig, *, anchors: bool = True) -> str:
    """``body`` as the portal renders it (before cleaning).

    One converter per thread and configuration, reset between bodies: building one
    costs more than converting a body. ``anchors=False`` leaves out the headings'
    ids (``toc``), for text that is not a page (the search index): the same text, a
    fifth faster.
    """
    key = (config.key, anchors)
    converters: dict[tuple[str, bool], markdown.Markdown] = _local.__dict__.setdefault("md", {})
    md = converters.get(key)
    if md is None:
        names = [x for x in config.extensions if anchors or x != "toc"]
        md = markdown.Markdown(extensions=names, extension_configs=config.configs)
        converters[key] = md
    return md.reset().convert(body)
