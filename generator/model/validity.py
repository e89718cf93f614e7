"""An item's validity on a given day: 有效期至 passes without anyone editing the item."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .catalogue import Term
from .item import DatedChoice, Item


def as_of(item: Item, day: dt.date, expired: Term | None) -> Item:
    """``item`` as citizens should see it on ``day``.

    A document in force whose 有效期至 (``expires``) is before ``day`` takes the
    validity ``expired`` (the term with role ``expired``), dated the day after
    its last valid day. ``day`` is the build's date, which comes from the commit,
    so two builds of one commit agree.
    """
    if item.expires is None or expired is None or not item.in_force or day <= item.expires:
        return item
    lapsed = DatedChoice(expired.value, item.expires + dt.timedelta(days=1), expired)
    return dataclasses.replace(item, status=lapsed)
