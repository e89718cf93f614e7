// The results on the page: the count line, the hits, the pager and the facets.
// ``view`` holds the search page's elements (search.js finds them); links and boxes
// take their address from ``hrefFor(state)`` and go there with ``navigate(state)``.

import { itemUrl, plain } from "../query.js";
import { CANDIDATES, PAGE_SIZE } from "./engine.js";
import { attachmentOf, escapeHtml, excerpt, highlightTerms, mark, simplify } from "./text.js";

// ``found``: what engine.search answered. ``partial``: the years searched so far
// while older ones are still being searched, or "".
export function renderResults(view, { state, found, partial, table, marks, hrefFor, navigate }) {
  const { items, total, capped, terms, phrase } = found;
  const words = highlightTerms(terms, phrase);
  const among = capped ? `（在前 ${CANDIDATES} 条相关结果中）` : "";
  const more = partial ? `（已检索 ${partial} 年，正在检索更早年份……）` : "";
  view.count.textContent = `找到 ${total} 条${among}${more}`;
  view.count.dataset.count = String(total);
  view.list.start = (state.page - 1) * PAGE_SIZE + 1;
  view.list.innerHTML = "";
  for (const item of items) {
    const li = document.createElement("li");
    li.className = "gk-hit";
    li.innerHTML = hitHtml({ item, words, table, marks });
    view.list.appendChild(li);
  }
  renderPager(view.pager, { state, total, hrefFor, navigate });
}

// One hit: every value from the index is escaped, the title and excerpt marked.
function hitHtml({ item, words, table, marks }) {
  const meta = item.meta || {};
  const title = meta.title || "";
  const href = escapeHtml(itemUrl(item.url));
  const text = plain(item.content || "");
  const inAttachment = attachmentOf({ text, words, table });
  return (
    `<a class="gk-hit__title" href="${href}">${mark(title, simplify(title, table), words)}</a>` +
    `<p class="gk-hit__meta"><span class="gk-hit__no">${escapeHtml(meta.index_no || "")}</span>` +
    `<span>${escapeHtml(meta.dept || "")}</span><time>${escapeHtml(meta.date || "")}</time>` +
    statusHtml(meta.status || "", marks) +
    (meta.doc_no ? `<span>${escapeHtml(meta.doc_no)}</span>` : "") +
    `</p><p class="gk-hit__excerpt">${excerpt({ text, words, table, title })}</p>` +
    (inAttachment ? `<p class="gk-hit__where">匹配内容在附件「${escapeHtml(inAttachment)}」中</p>` : "")
  );
}

// The validity badge. Which values are marked, and how, is the catalogue's to say:
// the build writes it into the manifest ("marks": value -> mark name), as the item
// pages mark them; a value without a mark gets the plain badge.
function statusHtml(value, marks) {
  const name = Object.hasOwn(marks, value) ? marks[value] : "";
  const kind = name ? ` gk-status--${escapeHtml(name)}` : "";
  return `<span class="gk-status${kind}">${escapeHtml(value)}</span>`;
}

export function renderPager(pager, { state, total, hrefFor, navigate }) {
  pager.innerHTML = "";
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return;
  const link = (page, text) => {
    const anchor = document.createElement("a");
    anchor.textContent = text;
    anchor.href = hrefFor({ ...state, page });
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      navigate({ ...state, page });
    });
    pager.appendChild(anchor);
  };
  if (state.page > 1) link(state.page - 1, "上一页");
  const span = document.createElement("span");
  span.textContent = `第 ${state.page} / ${pages} 页`;
  pager.appendChild(span);
  if (state.page < pages) link(state.page + 1, "下一页");
}

// ``labels``: facet key -> its label, from the manifest; ``counts``: the search's
// facet counts. A chosen value stays listed when nothing has it any more.
export function renderFacets(box, { state, counts, labels, navigate }) {
  box.innerHTML = "";
  for (const [key, label] of Object.entries(labels)) {
    const chosen = new Set(state.facets[key] || []);
    const values = Object.entries(counts[key] || {}).filter(([value, count]) => count > 0 || chosen.has(value));
    for (const value of chosen) if (!values.some(([listed]) => listed === value)) values.push([value, 0]);
    if (!values.length) continue;
    values.sort((a, b) => (key === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    const fieldset = document.createElement("fieldset");
    fieldset.className = "gk-facet";
    fieldset.dataset.facet = key;
    const legend = document.createElement("legend");
    legend.textContent = label;
    fieldset.appendChild(legend);
    for (const [value, count] of values) {
      const row = document.createElement("label");
      const checkbox = document.createElement("input");
      checkbox.type = "checkbox";
      checkbox.name = key;
      checkbox.value = value;
      checkbox.checked = chosen.has(value);
      checkbox.addEventListener("change", () => {
        const next = new Set(state.facets[key] || []);
        checkbox.checked ? next.add(value) : next.delete(value);
        const facets = { ...state.facets, [key]: [...next] };
        if (!next.size) delete facets[key];
        navigate({ ...state, facets, page: 1 });
      });
      const text = document.createElement("span");
      text.textContent = value;
      const number = document.createElement("span");
      number.className = "gk-facet__count";
      number.textContent = String(count);
      row.append(checkbox, text, number);
      fieldset.appendChild(row);
    }
    box.appendChild(fieldset);
  }
}
