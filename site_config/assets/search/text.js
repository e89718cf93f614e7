// Text for the results: escaping, simplified characters, highlighting and
// excerpts. Pure functions of their arguments; the page and the engine share them.

import { plain } from "../query.js";

export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// ``table`` maps a traditional character to its simplified one (OpenCC, build time),
// one character for one, so positions in the result agree with the original's.
export function simplify(text, table) {
  let out = "";
  for (const ch of text) out += table[ch] || ch;
  return out;
}

// Only a query with non-ASCII characters can hold traditional ones.
export function needsTable(query) {
  return /[^\x00-\x7f]/.test(query);
}

// What a result's exact words are checked in, in simplified characters: the
// indexed content (title, summary, numbers, names, body) joined back from its pieces.
export function searchable(data, table) {
  return simplify(plain(data.content || ""), table);
}

// The words to highlight: the query's words as the browser segments them, longest first.
// Single characters of a longer word are left plain: 环 of 环评 would light up 环境.
export function highlightTerms(terms, phrase) {
  if (phrase) return [phrase];
  const words = new Set();
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  for (const part of terms.split(/\s+/).filter(Boolean)) {
    words.add(part.toLowerCase());
    for (const { segment, isWordLike } of segmenter.segment(part)) {
      if (isWordLike && segment.length > 1) words.add(segment.toLowerCase());
    }
  }
  return [...words].sort((a, b) => b.length - a.length);
}

// ``text`` escaped, with every occurrence of a word wrapped in <mark>. ``probe`` is the
// same text in simplified characters (one for one), so traditional titles light up too.
export function mark(text, probe, words) {
  const lower = probe.toLowerCase();
  const hit = new Array(text.length).fill(false);
  for (const word of words) {
    if (!word) continue;
    for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
      for (let j = i; j < i + word.length; j++) hit[j] = true;
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

// About 110 characters of ``text`` around the first word found, marked. ``table``
// simplifies it for finding (one character for one), so positions agree.
// The indexed text starts with the title, which the result already shows.
export function excerpt({ text, words, table, title }) {
  text = text.replace(/\s+/g, " ").trim();
  const head = simplify(title.replace(/\s+/g, ""), table);
  if (head && simplify(text, table).replace(/\s+/g, "").startsWith(head)) {
    let i = 0;
    for (let seen = 0; i < text.length && seen < head.length; i++) if (!/\s/.test(text[i])) seen++;
    text = text.slice(i).replace(/^[.\s]+/, "");
  }
  const probe = simplify(text, table);
  const lower = probe.toLowerCase();
  let at = -1;
  for (const word of words) {
    at = lower.indexOf(word);
    if (at >= 0) break;
  }
  const start = Math.max(0, (at < 0 ? 0 : at) - 30);
  const piece = text.slice(start, start + 110);
  const marked = mark(piece, probe.slice(start, start + 110), words);
  return (start > 0 ? "…" : "") + marked + (start + 110 < text.length ? "…" : "");
}

// The attachment a result's first match is in, or "": a document opens each
// attachment's text with 【附件：name】 (generator/search/document.py: ATTACHMENT),
// and the excerpt shows the first match, so the result can say where it is.
export function attachmentOf({ text, words, table }) {
  text = text.replace(/\s+/g, " ");
  const probe = simplify(text, table).toLowerCase();
  let at = -1;
  for (const word of words) {
    at = probe.indexOf(word);
    if (at >= 0) break;
  }
  const open = at < 0 ? -1 : probe.lastIndexOf(OPEN, at);
  const close = open < 0 ? -1 : probe.indexOf("】", open);
  return close > open && close < at ? text.slice(open + OPEN.length, close).trim() : "";
}
const OPEN = "【附件：";
