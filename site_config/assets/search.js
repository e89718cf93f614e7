// gongkai search page: Pagefind's JS API over the sharded index, with our own
// facets, sorting, excerpts and URL state. No framework; the page works as a
// plain GET form, and this script fills in the results.
//
// Why not Pagefind's default UI: it has no sort, no URL state and no place for
// an item's index number, department and validity; and shards must be merged
// with a filter per shard so that "newest first" can walk them in date order.
//
// This file wires the page to the modules in search/: engine.js asks the index,
// state.js keeps a search in the address, render.js draws the results, text.js
// has the text helpers they share. Timing is left to the Performance API: the
// marks gk-search:start, gk-search:first-results and gk-search:complete.

import { createInstance } from "./query.js";
import { FIRST_ITEMS, createEngine, yearsOf } from "./search/engine.js";
import { renderFacets, renderResults } from "./search/render.js";
import { asksSomething, readState, urlFor } from "./search/state.js";
import { needsTable } from "./search/text.js";

function start(el) {
  const form = el.querySelector("form");
  // Everything the page keeps between searches.
  const ui = {
    el,
    input: form.querySelector("input[name=q]"),
    sortSelect: el.querySelector("select[name=sort]"),
    body: el.querySelector(".gk-search__body"),
    view: {
      count: el.querySelector(".gk-count"),
      list: el.querySelector(".gk-results__list"),
      pager: el.querySelector(".gk-search__pager"),
      facets: el.querySelector(".gk-facets"),
    },
    // the manifest, the shards' Pagefind instances and the character table
    engine: createEngine({
      root: new URL(el.dataset.root, location.href), // the site's root URL
      fetch,
      importModule: (url) => import(url),
      createInstance,
      firstItems: parseInt(el.dataset.firstItems || FIRST_ITEMS, 10),
    }),
    generation: 0, // a newer search makes an older one stop rendering
  };
  const { engine, input, sortSelect } = ui;

  const facetsFold = el.querySelector(".gk-facets-box");
  if (facetsFold && !matchMedia("(min-width: 60em)").matches) facetsFold.open = false;

  form.addEventListener("submit", (event) => {
    if (!engine.manifest) return; // not loaded yet: the plain GET form reloads the page with ?q=
    event.preventDefault();
    navigate(ui, { ...addressed(ui), q: input.value.trim(), page: 1 });
  });
  sortSelect.addEventListener(
    "change",
    () => engine.manifest && navigate(ui, { ...addressed(ui), sort: sortSelect.value, page: 1 }),
  );
  window.addEventListener("popstate", () => engine.manifest && run(ui, addressed(ui)));

  (async () => {
    // A shared link with a Chinese query: fetch the character table alongside the engine.
    if (needsTable(new URLSearchParams(location.search).get("q") || "")) engine.loadTable();
    try {
      await engine.load();
    } catch (err) {
      ui.view.count.textContent =
        engine.manifest && !engine.manifest.shards.length
          ? "目录中还没有可检索的信息。"
          : "检索暂不可用，请按栏目或部门浏览。";
      ui.body.hidden = false;
      el.dataset.error = String(err);
      return;
    }
    el.dataset.ready = "1";
    run(ui, addressed(ui));
  })();
}

// The search the page's address asks for.
function addressed(ui) {
  const params = new URLSearchParams(location.search);
  return readState(params, Object.keys(ui.engine.manifest.facets));
}

function navigate(ui, state) {
  const url = urlFor(location.pathname, state);
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  run(ui, state);
}

async function run(ui, state) {
  const generation = ++ui.generation;
  const current = () => generation === ui.generation;
  const { el, engine } = ui;
  delete el.dataset.complete;
  ui.input.value = state.q;
  ui.sortSelect.value = state.sort;
  if (!asksSomething(state)) {
    ui.body.hidden = true;
    document.title = el.dataset.title;
    el.dataset.complete = "1";
    return;
  }
  ui.body.hidden = false;
  ui.view.count.textContent = "正在检索……";
  el.setAttribute("aria-busy", "true");
  performance.mark("gk-search:start", { detail: { generation } });
  const [, table] = await Promise.all([engine.load(), needsTable(state.q) ? engine.loadTable() : {}]);
  const groups = engine.groupsFor(state.facets);
  // the newest group first, on screen at once; then all of them
  const steps = groups.length > 1 ? [groups.slice(0, 1), groups] : [groups];
  for (const searched of steps) {
    const found = await engine.search({ state, groups: searched, table, current });
    if (!found) return;
    const partial = searched === groups ? "" : yearsOf(searched);
    show(ui, { state, found, partial, table });
    // first results on screen: what the benchmark times
    if (searched === steps[0]) performance.mark("gk-search:first-results", { detail: { generation } });
  }
  el.removeAttribute("aria-busy");
  el.dataset.complete = "1";
  performance.mark("gk-search:complete", { detail: { generation } });
}

function show(ui, { state, found, partial, table }) {
  const { manifest } = ui.engine;
  const navigateTo = (next) => navigate(ui, next);
  renderFacets(ui.view.facets, { state, counts: found.filters, labels: manifest.facets, navigate: navigateTo });
  renderResults(ui.view, {
    state,
    found,
    partial,
    table,
    marks: manifest.marks || {}, // a manifest from before marks: every value plain
    hrefFor: (next) => urlFor(location.pathname, next),
    navigate: navigateTo,
  });
  document.title = `${state.q || "筛选"} - ${ui.el.dataset.title}`;
}

start(document.querySelector("[data-gk-search]"));
