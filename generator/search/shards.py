"""Items in shards: one Pagefind run holds every page in memory, so the catalogue is
indexed in groups of at most ``SHARD_MAX`` items, by date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model.item import Item

# Items per Pagefind run. A run takes about 0.43 MB an item (1.7 GB for 4,000), so
# two runs of 3,000 and this process stay under 3 GB; larger shards would cost the
# browser less (fewer tables and chunks).
SHARD_MAX = 3000
# How shards are named (``shards``): a year, a year and month, or a span of years.
KEY_PATTERN = r"\d{4}(-\d{2}|-\d{4})?"


@dataclass(frozen=True)
class Shard:
    key: str  # "2023", "2015-2018" (years packed together) or "2023-07" (part of a year)
    items: tuple[Item, ...]


def shards(items: Iterable[Item], limit: int = SHARD_MAX) -> list[Shard]:
    """Items in shards of at most ``limit``, by date: newest first, disjoint date ranges.

    A year is the unit; a year over ``limit`` is cut into halves, quarters or months
    (the first that fits). Consecutive units are then packed together, oldest
    first, while they fit: a small catalogue is one shard (every shard costs the
    browser a table and an index chunk per word), and new items, which land in the
    newest unit, change only the newest shard. Keys name the range: ``2023``,
    ``2015-2018``, or ``2023-07`` for a period starting in July.
    """
    by_year: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_year[item.year].append(item)
    units: list[tuple[str, list[Item]]] = []  # oldest first
    for year in sorted(by_year):
        batch = by_year[year]
        if len(batch) <= limit:
            units.append((str(year), batch))
            continue
        for months in (6, 3, 1):
            periods: dict[int, list[Item]] = defaultdict(list)
            for item in batch:
                periods[(item.published.month - 1) // months * months + 1].append(item)
            if months == 1 or max(len(p) for p in periods.values()) <= limit:
                break
        units += [(f"{year}-{m:02}", periods[m]) for m in sorted(periods)]
    packed: list[tuple[list[str], list[Item]]] = []
    for key, batch in units:
        if packed and len(packed[-1][1]) + len(batch) <= limit:
            packed[-1][0].append(key)
            packed[-1][1].extend(batch)
        else:
            packed.append(([key], list(batch)))
    out = []
    for keys, batch in reversed(packed):
        key = keys[0] if len(keys) == 1 else f"{keys[0][:4]}-{keys[-1][:4]}"
        if len(keys) > 1 and keys[0][:4] == keys[-1][:4]:
            key = keys[0]  # months of one year packed together: named by the first
        out.append(Shard(key, tuple(batch)))
    return out
