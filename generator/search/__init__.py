"""The search index: one small HTML document per item, indexed by Pagefind in shards.

MkDocs is not involved: the documents are written from the model, so the same
index comes out of ``gongkai build``, ``mkdocs build`` and the benchmark.

Why it looks the way it does:

* **Chinese words.** The index holds every two-character piece of the text
  (and the last character of each run of Chinese characters), cut here, not by a
  segmenter; the browser cuts the query the same way (``assets/query.js``). Any
  piece of the text is then found, whatever a dictionary thinks its words are: a
  query's pieces must all be in the item, a single character is the start of
  some piece. A dictionary segmenter (jieba in Pagefind Extended) cut the text
  one way and the browser's ICU cut the query another, and missed one query in ten
  (环评 is one word to jieba and 环|评 to ICU); it also took twice the time.
  Pagefind only splits at spaces here (``--force-language und``), so the
  standard binary is enough.
* **Shards.** One Pagefind run holds every page in memory (about 425 KB a page
  here), so the catalogue is indexed in shards of at most 3,000 items: years,
  packed together when small, cut into halves, quarters or months when big.
  The browser merges the shards, the newest first. A new item re-indexes one
  shard; unchanged shards are copied from a cache.
* **Script.** Text is indexed in simplified characters (OpenCC t2s); the browser
  converts the query with a character table made from the same OpenCC, so
  財政預算 and 财政预算 find the same items whatever script an item is in.
"""

from __future__ import annotations

from .cores import cpu_jobs
from .document import html_text
from .errors import SearchError
from .index import (
    CACHE_DIR,
    CODE,
    IndexPlan,
    IndexStats,
    build_index,
    plan_index,
    run_beside,
    run_index,
)
from .memo import Known
from .texts import TEXTS_DIR, Texts

__all__ = [
    "CACHE_DIR",
    "CODE",
    "TEXTS_DIR",
    "IndexPlan",
    "IndexStats",
    "Known",
    "SearchError",
    "Texts",
    "build_index",
    "cpu_jobs",
    "html_text",
    "plan_index",
    "run_beside",
    "run_index",
]
