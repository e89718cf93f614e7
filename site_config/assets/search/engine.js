// The search engine: Pagefind's JS API over the sharded index (search/shards.json,
// one Pagefind index per shard under search/<key>/), merged across shards, ranked,
// and walked in date order. It knows nothing of the page it runs on: what it needs
// from the browser (the site's root, fetch, an importer for pagefind.js, the maker
// of Pagefind instances) is handed in, so tests drive it on any page.

import { grams, rerank, split } from "../query.js";
import { searchable, simplify } from "./text.js";

export const PAGE_SIZE = 10;
export const CANDIDATES = 200; // how many results a quoted phrase is checked against

// Shards are searched in two groups, each one Pagefind instance: the newest
// shards up to FIRST_ITEMS items, whose results are shown at once, then the older
// ones, merged in behind them. Every shard costs its page table (about 10 bytes an
// item) and an index chunk per query word, so waiting for 100,000 items would
// fetch megabytes before the first result. A year facet skips a group whose years
// it excludes.
export const FIRST_ITEMS = 4000;

// ``shards`` as the manifest lists them, newest first; the first group always has one.
export function groupShards(shards, firstItems) {
  let items = 0;
  let cut = 0;
  while (cut < shards.length && (cut === 0 || items + shards[cut].count <= firstItems)) {
    items += shards[cut++].count;
  }
  return [shards.slice(0, cut), shards.slice(cut)]
    .filter((part) => part.length)
    .map((part) => ({
      shards: part,
      from: part[part.length - 1].from,
      to: part[0].to,
      instance: null, // Promise of its Pagefind instance, once asked for
    }));
}

// The years ``groups`` (newest first) cover, as the count line names them.
export function yearsOf(groups) {
  const from = groups[groups.length - 1].from;
  const to = groups[0].to;
  return from === to ? `${from}` : `${from}–${to}`;
}

// A query in quotes (ASCII or Chinese) must appear as written.
export function parseQuery(query) {
  const quoted = query.match(/^\s*["“”「『](.+?)["“”」』]\s*$/);
  return quoted ? { terms: quoted[1], phrase: quoted[1].replace(/\s+/g, "") } : { terms: query, phrase: "" };
}

export function toFilters(facets) {
  const filters = {};
  for (const [key, values] of Object.entries(facets)) filters[key] = { any: values };
  return filters;
}

export function byDate(items) {
  return [...items].sort((a, b) => (b.meta.date || "").localeCompare(a.meta.date || ""));
}

// ``root``: the site's root URL; ``fetch`` and ``importModule`` load the manifest, the
// character table and pagefind.js; ``createInstance(pagefind, language, options)``
// makes a Pagefind instance (query.js's sets <html lang> for that moment, which is
// the page's business, not the engine's).
export function createEngine({ root, fetch, importModule, createInstance, firstItems = FIRST_ITEMS }) {
  const base = new URL("search/", root);
  const rootPath = new URL(root).pathname; // where Pagefind's result URLs start
  const engine = {
    manifest: null, // search/shards.json, once read
    groups: [], // see groupShards, newest first
    pagefind: null, // the module, shared by every instance (and their web worker)
    ready: null, // Promise of the newest group's instance
    table: null, // Promise of traditional -> simplified, one character each
    load,
    loadTable,
    groupsFor,
    search,
  };

  // Once: the page's start and an early submit may both ask for it.
  function load() {
    engine.ready = engine.ready || start();
    return engine.ready;
  }

  async function start() {
    engine.manifest = await (await fetch(new URL("shards.json", base))).json();
    const { shards } = engine.manifest;
    if (!shards.length) throw new Error("empty");
    engine.groups = groupShards(shards, firstItems);
    engine.pagefind = await importModule(new URL(`${shards[0].key}/pagefind.js`, base).href);
    return open(engine.groups[0]);
  }

  function loadTable() {
    if (!engine.table) {
      engine.table = fetch(new URL("t2s.json", base))
        .then((response) => response.json())
        .catch(() => ({}));
    }
    return engine.table;
  }

  function open(group) {
    if (!group.instance) group.instance = openShards(group.shards);
    return group.instance;
  }

  async function openShards(shards) {
    const path = (shard) => new URL(`${shard.key}/`, base).pathname;
    const [first, ...rest] = shards;
    const options = (shard) => ({ baseUrl: rootPath, mergeFilter: { shard: shard.key } });
    const language = engine.manifest.language; // the index's, not the page's (see query.js)
    const instance = createInstance(engine.pagefind, language, { basePath: path(first), ...options(first) });
    await instance.options(options(first));
    await Promise.all(rest.map((shard) => instance.mergeIndex(path(shard), { language, ...options(shard) })));
    await instance.filters(); // loads the facet tables, so searches return counts
    return instance;
  }

  // The groups a search needs: a year facet rules out groups outside its years.
  function groupsFor(facets) {
    const years = (facets.year || []).map(Number);
    if (!years.length) return engine.groups;
    return engine.groups.filter((group) => years.some((year) => year >= group.from && year <= group.to));
  }

  // One search over several groups, merged as Pagefind merges its own indexes.
  async function searchGroups(groups, query, options) {
    const found = await Promise.all(groups.map(async (group) => (await open(group)).search(query, options)));
    const results = found.flatMap((one) => one.results).sort((a, b) => b.score - a.score);
    const filters = {};
    for (const one of found) {
      for (const [facet, values] of Object.entries(one.filters || {})) {
        filters[facet] = filters[facet] || {};
        for (const [value, count] of Object.entries(values)) {
          filters[facet][value] = (filters[facet][value] || 0) + count;
        }
      }
    }
    return { results, filters };
  }

  // The page of results ``state`` asks for from ``groups``, with the facet counts;
  // null when ``current()`` says a newer search has started meanwhile.
  // ``table`` simplifies the query and the texts it is checked against.
  async function search({ state, groups, table, current = () => true }) {
    const { terms, phrase } = parseQuery(simplify(state.q, table));
    const query = terms.trim() ? grams(terms) : null;
    const filters = toFilters(state.facets);
    const found = groups.length ? await searchGroups(groups, query, { filters }) : { results: [], filters: {} };
    if (!current()) return null;

    const from = (state.page - 1) * PAGE_SIZE;
    let total = found.results.length;
    let capped = false;
    let onPage;
    if (phrase) {
      const exact = await phraseMatches({ results: found.results, phrase, table, current });
      if (exact === null) return null;
      total = exact.matches.length;
      capped = exact.capped;
      const ordered = state.sort === "date" ? byDate(exact.matches) : exact.matches;
      onPage = ordered.slice(from, from + PAGE_SIZE);
    } else if (state.sort === "date") {
      const perShard = found.filters.shard || {};
      onPage = await newestFirst({ groups, query, filters, perShard, page: state.page });
    } else {
      onPage = rerank(found.results, terms).slice(from, from + PAGE_SIZE);
    }
    const items = await Promise.all(onPage.map((result) => (result.data ? result.data() : result)));
    if (!current()) return null;
    return { items, total, capped, terms, phrase, filters: found.filters };
  }

  // Date order across shards: shards are disjoint date ranges, newest first in the
  // manifest, and within one shard Pagefind sorts by date; so walk the shards.
  async function newestFirst({ groups, query, filters, perShard, page }) {
    let skip = (page - 1) * PAGE_SIZE;
    const out = [];
    const shards = groups.flatMap((group) => group.shards.map((shard) => ({ group, key: shard.key })));
    for (const { group, key } of shards) {
      const count = perShard[key] || 0;
      if (count === 0) continue;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      const one = await (await open(group)).search(query, {
        filters: { ...filters, shard: key },
        sort: { date: "desc" },
      });
      out.push(...one.results.slice(skip, skip + PAGE_SIZE - out.length));
      skip = 0;
      if (out.length >= PAGE_SIZE) break;
    }
    return out;
  }

  // A quoted phrase must occur as written: the candidates whose pieces stand together
  // (no fetch) are checked against their text, the most relevant first.
  async function phraseMatches({ results, phrase, table, current }) {
    const { whole } = split(results, phrase);
    const checked = whole.slice(0, CANDIDATES);
    const items = await Promise.all(checked.map((result) => result.data()));
    if (!current()) return null;
    const matches = items.filter((item) => searchable(item, table).replace(/\s+/g, "").includes(phrase));
    return { matches, capped: whole.length > CANDIDATES };
  }

  return engine;
}
