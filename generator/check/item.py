"""One item file checked whole: its fields, then every family of rules, then the ``Item``.

Every message names the field by its key and Chinese label and says what to
write instead, in words a department clerk understands.
"""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.item import FIELD_KEYS, Item
from ..model.problem import Problem, errors
from ..schema.indexno import slug
from ..schema.types import Context
from ..source.content import ItemFile
from ..source.frontmatter import Source
from . import privacy
from .body import body_rules
from .cross import cross_rules
from .fields import read_fields
from .links import link_rules


class Checker:
    """Checks items of one catalogue; holds the lookups so each file is cheap."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.context = Context.of(catalogue)

    def check_item(
        self, file: ItemFile, source: Source, links: bool = True
    ) -> tuple[Item | None, list[Problem]]:
        """The item a file describes, and every problem with it.

        Without ``links`` the links to other files are not checked: the check cache
        keeps the rest, which depends on this file alone, and checks links each run.
        """
        read = read_fields(self.context, file.rel, source)
        problems = read.problems + cross_rules(self.context, file, read)
        if links:
            problems += link_rules(self.catalogue.root, file, source)
        exempt = read.values.get("exempt", [])
        problems += privacy.item_rules(self.context.names, file.rel, source, exempt)
        problems += body_rules(self.catalogue.markdown, file.rel, source)
        if errors(problems):
            return None, problems
        values = read.values
        core = {k: v for k, v in values.items() if k in FIELD_KEYS}
        extra = {k: v for k, v in values.items() if k not in FIELD_KEYS}
        item = Item(
            source=file.rel, slug=slug(values["index_no"]), body=source.body, lines=read.lines,
            extra=extra, **core,
        )  # fmt: skip
        return item, problems
