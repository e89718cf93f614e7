"""Traditional and simplified characters: the index holds simplified text (OpenCC t2s),
and the browser converts queries with a table made from the same OpenCC."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def t2s() -> Callable[[str], str]:
    """OpenCC's traditional -> simplified conversion (loaded once)."""
    import opencc

    return opencc.OpenCC("t2s").convert


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Traditional -> simplified, character by character, for converting queries in the browser.

    Made from OpenCC at build time, so the query and the index convert alike; a
    table of single characters is 30 KB where OpenCC's phrase tables are 100 KB+.
    """
    convert = t2s()
    ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
    chars = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    table = {}
    for c in chars:
        s = convert(c)
        if s != c and len(s) == 1:
            table[c] = s
    return table
