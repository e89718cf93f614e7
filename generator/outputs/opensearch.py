"""opensearch.xml: lets a browser add the portal's search (OpenSearch 1.1).

Every page's head points at it (``<link rel="search">``); it names the portal as
catalogue.yml does and sends a query to the search page, ``search/?q=…``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "http://a9.com/-/spec/opensearch/1.1/"
SHORT = 16  # the specification's limit for ShortName


def opensearch(name: str, description: str, base: str) -> str:
    """The description document of the portal called ``name`` at ``base``."""
    template = base + "search/?q={searchTerms}"
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<OpenSearchDescription xmlns="{NAMESPACE}">',
            f"  <ShortName>{escape(name[:SHORT])}</ShortName>",
            f"  <LongName>{escape(name)}</LongName>",
            f"  <Description>{escape(description)}</Description>",
            "  <InputEncoding>UTF-8</InputEncoding>",
            "  <Language>zh-CN</Language>",
            f'  <Url type="text/html" method="get" template={quoteattr(template)}/>',
            "</OpenSearchDescription>",
            "",
        ]
    )
