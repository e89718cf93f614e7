// The query as the index holds text (generator/search.py, grams): each run of
// Chinese characters becomes its overlapping two-character pieces, which an item
// must all hold; a single character stays one, and is found as the start of a
// piece. Everything else is left to Pagefind. A module of its own so that the
// tests query the index exactly as the page does.

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g; // as generator/search.py

export function grams(terms) {
  return terms
    .replace(HAN, (run) => {
      const out = [];
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
      return ` ${out.length ? out.join(" ") : run} `;
    })
    .replace(/\s+/g, " ")
    .trim();
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
