// gongkai search page: Pagefind's JS API over the sharded index, with our own
// facets, sorting, excerpts and URL state. No framework; the page works as a
// plain GET form, and this script fills in the results.
//
// Why not Pagefind's default UI: it has no sort, no URL state and no place for
// an item's index number, department and validity; and shards must be merged
// with a filter per shard so that "newest first" can walk them in date order.

import { createInstance, grams, itemUrl, plain, rerank, split } from "./query.js";

const PAGE_SIZE = 10;
const CANDIDATES = 200; // how many results a quoted phrase is checked against

const el = document.querySelector("[data-gk-search]");
const root = new URL(el.dataset.root, location.href); // the site's root URL
const form = el.querySelector("form");
const input = form.querySelector("input[name=q]");
const sortSelect = el.querySelector("select[name=sort]");
const body = el.querySelector(".gk-search__body");
const facetsBox = el.querySelector(".gk-facets");
const countBox = el.querySelector(".gk-count");
const list = el.querySelector(".gk-results__list");
const pager = el.querySelector(".gk-search__pager");

const facetsFold = el.querySelector(".gk-facets-box");
if (facetsFold && !matchMedia("(min-width: 60em)").matches) facetsFold.open = false;

let manifest = null;
let engine = null; // Promise of the newest group's Pagefind instance
let table = null; // traditional -> simplified, one character each (OpenCC, build time)
let generation = 0; // a newer search makes an older one stop rendering

// --- URL state -------------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  const facets = {};
  for (const key of Object.keys(manifest.facets)) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) facets[key] = values;
  }
  return {
    q: params.get("q") || "",
    sort: params.get("sort") === "date" ? "date" : "",
    page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1),
    facets,
  };
}

function urlFor(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key, values] of Object.entries(state.facets)) {
    for (const v of values) params.append(key, v);
  }
  if (state.sort) params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  return `${location.pathname}${params.toString() ? "?" + params : ""}`;
}

function writeState(state, replace = false) {
  const url = urlFor(state);
  if (url === location.pathname + location.search) return;
  history[replace ? "replaceState" : "pushState"](null, "", url);
}

// --- the engine ------------------------------------------------------------------

// Shards are searched in two groups, each one Pagefind instance: the newest
// shards up to FIRST_ITEMS items, whose results are shown at once, then the older
// ones, merged in behind them. Every shard costs its page table (about 10 bytes an
// item) and an index chunk per query word, so waiting for 100,000 items would
// fetch megabytes before the first result. A year facet skips a group whose years
// it excludes.
const FIRST_ITEMS = parseInt(el.dataset.firstItems || "4000", 10);
let groups = []; // [{shards, from, to, instance: Promise|null}], newest first
let pagefind = null; // the module, shared by both instances (and their web worker)

// Once: the page's start and an early submit may both ask for it.
function loadEngine() {
  engine = engine || startEngine();
  return engine;
}

async function startEngine() {
  const base = new URL("search/", root);
  manifest = manifest || (await (await fetch(new URL("shards.json", base))).json());
  if (!manifest.shards.length) throw new Error("empty");
  let items = 0;
  let cut = 0;
  while (cut < manifest.shards.length && (cut === 0 || items + manifest.shards[cut].count <= FIRST_ITEMS)) {
    items += manifest.shards[cut++].count;
  }
  groups = [manifest.shards.slice(0, cut), manifest.shards.slice(cut)]
    .filter((shards) => shards.length)
    .map((shards) => ({
      shards,
      from: shards[shards.length - 1].from,
      to: shards[0].to,
      instance: null,
    }));
  pagefind = await import(new URL(`${manifest.shards[0].key}/pagefind.js`, base).href);
  return open(groups[0]);
}

function open(group) {
  if (!group.instance) group.instance = openShards(group.shards);
  return group.instance;
}

async function openShards(shards) {
  const base = new URL("search/", root);
  const path = (s) => new URL(`${s.key}/`, base).pathname;
  const [first, ...rest] = shards;
  const opts = (s) => ({ baseUrl: root.pathname, mergeFilter: { shard: s.key } });
  const language = manifest.language; // the index's, not the page's (see query.js)
  const instance = createInstance(pagefind, language, { basePath: path(first), ...opts(first) });
  await instance.options(opts(first));
  await Promise.all(rest.map((s) => instance.mergeIndex(path(s), { language, ...opts(s) })));
  await instance.filters(); // loads the facet tables, so searches return counts
  return instance;
}

// The groups a search needs: a year facet rules out groups outside its years.
function groupsFor(state) {
  const years = (state.facets.year || []).map(Number);
  if (!years.length) return groups;
  return groups.filter((g) => years.some((y) => y >= g.from && y <= g.to));
}

function yearsOf(gs) {
  const from = gs[gs.length - 1].from;
  const to = gs[0].to;
  return from === to ? `${from}` : `${from}–${to}`;
}

// One search over several groups, merged as Pagefind merges its own indexes.
async function searchGroups(gs, query, options) {
  const found = await Promise.all(gs.map(async (g) => (await open(g)).search(query, options)));
  const results = found.flatMap((f) => f.results).sort((a, b) => b.score - a.score);
  const filters = {};
  for (const f of found) {
    for (const [facet, values] of Object.entries(f.filters || {})) {
      filters[facet] = filters[facet] || {};
      for (const [v, n] of Object.entries(values)) filters[facet][v] = (filters[facet][v] || 0) + n;
    }
  }
  return { results, filters };
}

async function loadTable() {
  if (!table) {
    table = fetch(new URL("search/t2s.json", root))
      .then((r) => r.json())
      .catch(() => ({}));
  }
  return table;
}

function simplify(text, t) {
  let out = "";
  for (const ch of text) out += t[ch] || ch;
  return out;
}

// A query in quotes (ASCII or Chinese) must appear as written.
function parseQuery(q) {
  const m = q.match(/^\s*["“”「『](.+?)["“”」』]\s*$/);
  return m ? { terms: m[1], phrase: m[1].replace(/\s+/g, "") } : { terms: q, phrase: "" };
}

function toFilters(facets) {
  const filters = {};
  for (const [key, values] of Object.entries(facets)) filters[key] = { any: values };
  return filters;
}

// --- searching -------------------------------------------------------------------

async function run(state) {
  const mine = ++generation;
  delete el.dataset.ms;
  delete el.dataset.complete;
  const wanted = state.q.trim() || Object.keys(state.facets).length;
  input.value = state.q;
  sortSelect.value = state.sort;
  if (!wanted) {
    body.hidden = true;
    document.title = el.dataset.title;
    el.dataset.complete = "1";
    return;
  }
  body.hidden = false;
  countBox.textContent = "正在检索……";
  el.setAttribute("aria-busy", "true");
  const t0 = performance.now();
  const [, t] = await Promise.all([loadEngine(), /[^\x00-\x7f]/.test(state.q) ? loadTable() : {}]);
  const gs = groupsFor(state);
  if (gs.length > 1) {
    // the newest group first, on screen at once; then all of them
    if (!(await searchOnce(gs.slice(0, 1), t, state, mine, t0, yearsOf(gs.slice(0, 1))))) return;
  }
  if (!(await searchOnce(gs, t, state, mine, t0, ""))) return;
  el.removeAttribute("aria-busy");
  el.dataset.complete = "1";
}

async function searchOnce(gs, t, state, mine, t0, partial) {
  const { terms, phrase } = parseQuery(simplify(state.q, t));
  const query = terms.trim() ? grams(terms) : null;
  const filters = toFilters(state.facets);
  const found = gs.length ? await searchGroups(gs, query, { filters }) : { results: [], filters: {} };
  if (mine !== generation) return false;

  let total = found.results.length;
  let pageResults;
  let exact = null;
  if (phrase) {
    exact = await phraseMatches(found.results, phrase, t, mine);
    if (exact === null) return false;
    total = exact.matches.length;
    const ordered = state.sort === "date" ? byDate(exact.matches) : exact.matches;
    pageResults = ordered.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
  } else if (state.sort === "date") {
    pageResults = await newestFirst(gs, query, filters, found.filters.shard || {}, state.page);
  } else {
    const ordered = rerank(found.results, terms);
    pageResults = ordered.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
  }
  const datas = await Promise.all(pageResults.map((r) => (r.data ? r.data() : r)));
  if (mine !== generation) return false;
  renderFacets(state, found.filters);
  renderResults(state, datas, total, terms, phrase, exact, partial, t);
  if (!el.dataset.ms) {
    // first results on screen: what the benchmark times
    el.dataset.doneAt = String(performance.now());
    el.dataset.ms = String(Math.round(performance.now() - t0));
  }
  el.dataset.completeAt = String(performance.now());
  document.title = `${state.q || "筛选"} - ${el.dataset.title}`;
  return true;
}

// Date order across shards: shards are disjoint date ranges, newest first in the
// manifest, and within one shard Pagefind sorts by date; so walk the shards.
async function newestFirst(gs, query, filters, perShard, page) {
  let skip = (page - 1) * PAGE_SIZE;
  const out = [];
  const shards = gs.flatMap((g) => g.shards.map((s) => ({ g, key: s.key })));
  for (const { g, key } of shards) {
    const n = perShard[key] || 0;
    if (n === 0) continue;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const one = await (await open(g)).search(query, {
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
async function phraseMatches(results, phrase, t, mine) {
  const matches = [];
  const { whole } = split(results, phrase);
  const checked = whole.slice(0, CANDIDATES);
  const datas = await Promise.all(checked.map((r) => r.data()));
  if (mine !== generation) return null;
  for (const d of datas) {
    if (searchable(d, t).replace(/\s+/g, "").includes(phrase)) matches.push(d);
  }
  return { matches, capped: whole.length > CANDIDATES };
}

function byDate(datas) {
  return [...datas].sort((a, b) => (b.meta.date || "").localeCompare(a.meta.date || ""));
}

// --- rendering -------------------------------------------------------------------

// What a result's exact words are checked in, in simplified characters: the
// indexed content (title, summary, numbers, names, body) joined back from its pieces.
function searchable(d, t) {
  return simplify(plain(d.content || ""), t);
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The words to highlight: the query's words as the browser segments them, longest first.
// Single characters of a longer word are left plain: 环 of 环评 would light up 环境.
function highlightTerms(terms, phrase) {
  if (phrase) return [phrase];
  const words = new Set();
  const seg = new Intl.Segmenter("zh", { granularity: "word" });
  for (const part of terms.split(/\s+/).filter(Boolean)) {
    words.add(part.toLowerCase());
    for (const { segment, isWordLike } of seg.segment(part)) {
      if (isWordLike && segment.length > 1) words.add(segment.toLowerCase());
    }
  }
  return [...words].sort((a, b) => b.length - a.length);
}

// ``text`` escaped, with every occurrence of a term wrapped in <mark>. ``probe`` is the
// same text in simplified characters (one for one), so traditional titles light up too.
function mark(text, probe, words) {
  const lower = probe.toLowerCase();
  const hit = new Array(text.length).fill(false);
  for (const w of words) {
    if (!w) continue;
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      for (let j = i; j < i + w.length; j++) hit[j] = true;
    }
  }
  let out = "";
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (hit[i] && !open) (out += "<mark>"), (open = true);
    if (!hit[i] && open) (out += "</mark>"), (open = false);
    out += escapeHtml(text[i]);
  }
  return open ? out + "</mark>" : out;
}

// About 110 characters of ``text`` around the first query word found, marked.
// ``t`` simplifies it for finding (one character for one), so positions agree.
// The indexed text starts with the title, which the result already shows.
function excerpt(text, words, t, title) {
  text = text.replace(/\s+/g, " ").trim();
  const head = simplify(title.replace(/\s+/g, ""), t);
  if (head && simplify(text, t).replace(/\s+/g, "").startsWith(head)) {
    let i = 0;
    for (let n = 0; i < text.length && n < head.length; i++) if (!/\s/.test(text[i])) n++;
    text = text.slice(i).replace(/^[.\s]+/, "");
  }
  const probe = simplify(text, t);
  const lower = probe.toLowerCase();
  let at = -1;
  for (const w of words) {
    at = lower.indexOf(w);
    if (at >= 0) break;
  }
  const start = Math.max(0, (at < 0 ? 0 : at) - 30);
  const piece = text.slice(start, start + 110);
  const marked = mark(piece, probe.slice(start, start + 110), words);
  return (start > 0 ? "…" : "") + marked + (start + 110 < text.length ? "…" : "");
}

function renderResults(state, datas, total, terms, phrase, exact, partial, t) {
  const words = highlightTerms(terms, phrase);
  const capped = exact && exact.capped ? `（在前 ${CANDIDATES} 条相关结果中）` : "";
  const more = partial ? `（已检索 ${partial} 年，正在检索更早年份……）` : "";
  countBox.textContent = `找到 ${total} 条${capped}${more}`;
  countBox.dataset.count = String(total);
  list.start = (state.page - 1) * PAGE_SIZE + 1;
  list.innerHTML = "";
  for (const d of datas) {
    const m = d.meta || {};
    const title = m.title || "";
    const li = document.createElement("li");
    li.className = "gk-hit";
    const status =
      m.status && m.status !== "有效"
        ? `<span class="gk-status gk-status--repealed">${escapeHtml(m.status)}</span>`
        : `<span class="gk-status">${escapeHtml(m.status || "")}</span>`;
    li.innerHTML =
      `<a class="gk-hit__title" href="${escapeHtml(itemUrl(d.url))}">${mark(title, simplify(title, t), words)}</a>` +
      `<p class="gk-hit__meta"><span class="gk-hit__no">${escapeHtml(m.index_no || "")}</span>` +
      `<span>${escapeHtml(m.dept || "")}</span><time>${escapeHtml(m.date || "")}</time>${status}` +
      (m.doc_no ? `<span>${escapeHtml(m.doc_no)}</span>` : "") +
      `</p><p class="gk-hit__excerpt">${excerpt(plain(d.content || ""), words, t, title)}</p>`;
    list.appendChild(li);
  }
  renderPager(state, total);
}

function renderPager(state, total) {
  pager.innerHTML = "";
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return;
  const go = (page, text) => {
    const a = document.createElement("a");
    a.textContent = text;
    a.href = urlFor({ ...state, page });
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      navigate({ ...state, page });
    });
    pager.appendChild(a);
  };
  if (state.page > 1) go(state.page - 1, "上一页");
  const span = document.createElement("span");
  span.textContent = `第 ${state.page} / ${pages} 页`;
  pager.appendChild(span);
  if (state.page < pages) go(state.page + 1, "下一页");
}

function renderFacets(state, counts) {
  facetsBox.innerHTML = "";
  for (const [key, label] of Object.entries(manifest.facets)) {
    const chosen = new Set(state.facets[key] || []);
    const values = Object.entries(counts[key] || {}).filter(([v, n]) => n > 0 || chosen.has(v));
    for (const v of chosen) if (!values.some(([x]) => x === v)) values.push([v, 0]);
    if (!values.length) continue;
    values.sort((a, b) => (key === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    const fs = document.createElement("fieldset");
    fs.className = "gk-facet";
    fs.dataset.facet = key;
    const legend = document.createElement("legend");
    legend.textContent = label;
    fs.appendChild(legend);
    for (const [value, n] of values) {
      const lab = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = key;
      box.value = value;
      box.checked = chosen.has(value);
      box.addEventListener("change", () => {
        const next = new Set(state.facets[key] || []);
        box.checked ? next.add(value) : next.delete(value);
        const facets = { ...state.facets, [key]: [...next] };
        if (!next.size) delete facets[key];
        navigate({ ...state, facets, page: 1 });
      });
      const text = document.createElement("span");
      text.textContent = value;
      const count = document.createElement("span");
      count.className = "gk-facet__count";
      count.textContent = String(n);
      lab.append(box, text, count);
      fs.appendChild(lab);
    }
    facetsBox.appendChild(fs);
  }
}

function navigate(state) {
  writeState(state);
  run(state);
}

// --- wiring ----------------------------------------------------------------------

form.addEventListener("submit", (ev) => {
  if (!manifest) return; // not loaded yet: the plain GET form reloads the page with ?q=
  ev.preventDefault();
  const state = readState();
  navigate({ ...state, q: input.value.trim(), page: 1 });
});
sortSelect.addEventListener("change", () => manifest && navigate({ ...readState(), sort: sortSelect.value, page: 1 }));
window.addEventListener("popstate", () => manifest && run(readState()));

(async () => {
  // A shared link with a Chinese query: fetch the character table alongside the engine.
  if (/[^\x00-\x7f]/.test(new URLSearchParams(location.search).get("q") || "")) loadTable();
  try {
    await loadEngine();
  } catch (err) {
    countBox.textContent =
      manifest && !manifest.shards.length
        ? "目录中还没有可检索的信息。"
        : "检索暂不可用，请按栏目或部门浏览。";
    body.hidden = false;
    el.dataset.error = String(err);
    return;
  }
  el.dataset.ready = "1";
  run(readState());
})();
