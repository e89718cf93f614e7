// A search's state as the page's address holds it: the query, the facets, the sort
// and the page. The address is its only copy, so a shared link or Back gives the same
// results; these functions read and write URLSearchParams and nothing else.

// ``facetKeys``: the facets the manifest offers; other parameters are ignored.
export function readState(params, facetKeys) {
  const facets = {};
  for (const key of facetKeys) {
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

// The address of ``state`` on the page at ``pathname``; defaults are left out.
export function urlFor(pathname, state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key, values] of Object.entries(state.facets)) {
    for (const value of values) params.append(key, value);
  }
  if (state.sort) params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  return `${pathname}${params.toString() ? "?" + params : ""}`;
}

// A state with neither words nor facets asks nothing: the page shows no results.
export function asksSomething(state) {
  return Boolean(state.q.trim() || Object.keys(state.facets).length);
}
