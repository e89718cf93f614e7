// How the search page asks the index, kept apart from the page so that the tests
// query the index exactly as the page does.
//
// The index holds text cut into overlapping two-character pieces
// (generator/search/document.py, grams): 财政预算 is indexed as 财政 政预 预算 算.

const CHINESE = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"; // as generator/search/document.py
const HAN = new RegExp(`${CHINESE}+`, "g"); // a run of Chinese characters
const PIECE = new RegExp(`^${CHINESE}{1,2}$`); // one indexed piece

// Where a run of Chinese characters is cut for a query: two-character pieces side by
// side (三公经费 -> 三公 经费), the last one overlapping when the run is odd
// (保障性住房 -> 保障 性住 住房). An item holding the run holds every piece; fewer
// pieces than every pair mean fewer index chunks to fetch.
function offsets(run) {
  const out = [];
  for (let i = 0; i + 2 <= run.length; i += 2) out.push(i);
  if (run.length > 2 && run.length % 2) out.push(run.length - 2);
  return out;
}

// The query as the index holds text: each run of Chinese characters becomes
// pieces an item must all hold; a single character stays one, and is found as
// the start of a piece. Everything else is left to Pagefind.
export function grams(terms) {
  return terms
    .replace(HAN, (run) => {
      const at = offsets(run);
      return ` ${at.length ? at.map((i) => run.slice(i, i + 2)).join(" ") : run} `;
    })
    .replace(/\s+/g, " ")
    .trim();
}

// Results holding the query's longest run of Chinese characters as written come
// first, in Pagefind's order; then those holding its pieces apart (三公 … 经费).
// The index holds every pair of the text in order, so an item holding 三公经费 has
// 三公 and 经费 two words apart; Pagefind reports each result's word positions
// (``result.words``), so nothing more is fetched.
export function rerank(results, terms) {
  const { whole, apart } = split(results, terms);
  return [...whole, ...apart];
}

// ``results`` parted into those whose pieces of the query's longest run stand
// where the run as written puts them, and the rest. Every item holding the run
// is among the first; so is one where only punctuation breaks it (结果。公开), or
// that holds the pieces in another order (positions say where, not which piece).
export function split(results, terms) {
  const runs = terms.match(HAN) || [];
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), "");
  const at = offsets(longest);
  if (at.length < 2) return { whole: results, apart: [] }; // one piece, held as written
  const whole = [];
  const apart = [];
  for (const r of results) (holds(r.words || [], at) ? whole : apart).push(r);
  return { whole, apart };
}

function holds(positions, at) {
  const seen = new Set(positions);
  return positions.some((p) => at.every((o) => seen.has(p + o)));
}

// The indexed content as text again, for excerpts and exact checks: each run of
// pieces (财政 政预 预算 算) joined back (财政预算), with no space beside Chinese.
export function plain(content) {
  let out = "";
  let last = ""; // the last character of the run being joined, which the next piece repeats
  let han = false; // the last thing written was Chinese
  for (const token of content.split(/\s+/)) {
    if (!token) continue;
    if (PIECE.test(token)) {
      if (!last || token[0] !== last) out += token; // a new run
      else if (token.length === 2) out += token[1];
      last = token.length === 2 ? token[1] : ""; // a single character ends the run
      han = true;
    } else {
      out += (out && !han ? " " : "") + token;
      last = "";
      han = false;
    }
  }
  return out;
}

// The item's address from a result's: the index is made from one flat folder of
// documents, items/<slug>.html, and the item's page is items/<slug>/.
export function itemUrl(url) {
  return url.replace(/\.html$/, "/");
}

// A Pagefind instance over the index at ``basePath``, in the index's language.
// Pagefind takes the language from <html lang> when an instance is made, and for
// zh it would cut the query again with the browser's segmenter (环评 -> 环 评),
// undoing ``grams``. So <html lang> says the index's language for that moment.
export function createInstance(pagefind, language, options) {
  const html = document.documentElement;
  const lang = html.getAttribute("lang");
  html.setAttribute("lang", language);
  try {
    return pagefind.createInstance(options);
  } finally {
    if (lang === null) html.removeAttribute("lang");
    else html.setAttribute("lang", lang);
  }
}
