/* The search page's own interface on Pagefind's JS API, mounted on the element with data-rt-pagefind
   (the path of pagefind.js, relative to the page). No Pagefind UI script or stylesheet and no web
   worker: a first search fetches only pagefind.js, the wasm, the index chunks it needs and the first
   results' fragments. Loaded by rectrack.js only on a page that has a search form.

   Page text in the index is data: titles and excerpts become text nodes and <mark> elements, never
   HTML, and only links to this site are followed.

   Filters: each <select data-rt-search-filter="<name>"> in the form narrows the results to pages whose
   data-pagefind-filter gives <name> that value (report, organisation, state; the renderer lists the
   values the pages carry). With a filter and no words, every page with that value is listed. Their
   values live in the query string beside q. */

import { readState, writeState } from "./url-state.js";

const PAGE = 5;        // results shown at first, and added by "Show more results"
const SUBS = 3;        // sections listed under a result
const DELAY = 300;     // ms after the last keystroke before searching as you type
const SLOW = 400;      // ms before saying "Searching for ..."

let decoder = null;
function decodeEntities(text) {
  // A <textarea>'s content is RCDATA: setting innerHTML decodes character references but can never
  // create elements, and the textarea is never attached to the page.
  decoder ??= document.createElement("textarea");
  decoder.innerHTML = text;
  const { value } = decoder;
  decoder.textContent = "";
  return value;
}

function appendExcerpt(parent, excerpt) {
  // Pagefind escapes page text and wraps matched words in <mark>...</mark>: split on exactly those.
  let marked = false;
  for (const piece of String(excerpt || "").split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>" || piece === "</mark>") {
      marked = piece === "<mark>";
      continue;
    }
    if (!piece) continue;
    const text = document.createTextNode(decodeEntities(piece));
    if (marked) {
      const mark = document.createElement("mark");
      mark.append(text);
      parent.append(mark);
    } else {
      parent.append(text);
    }
  }
}

/** A path on this site for `raw`, or null: only relative links, or http(s) on this page's origin. */
function safeUrl(raw) {
  if (typeof raw !== "string" || !raw.trim()) return null;
  let url;
  try {
    url = new URL(raw, window.location.href);
  } catch {
    return null;
  }
  if (!["http:", "https:"].includes(url.protocol) || url.origin !== window.location.origin) return null;
  return url.pathname + url.search + url.hash;
}

function subResults(data) {
  // Sections of the page, without the page itself (its own URL, or its title heading at the top).
  const title = data.meta?.title;
  const subs = (data.sub_results || []).filter(
    (sub) => sub && sub.url !== data.url && !(title && sub.title === title) && safeUrl(sub.url));
  if (subs.length <= SUBS) return subs;
  // The sections with the most matches, in page order.
  const top = new Set([...subs].sort((a, b) => (b.locations || []).length - (a.locations || []).length)
    .slice(0, SUBS));
  return subs.filter((sub) => top.has(sub));
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

function excerptParagraph(excerpt) {
  const p = element("p", "rt-search__excerpt");
  appendExcerpt(p, excerpt);
  return p;
}

function resultItem(data) {
  const href = safeUrl(data.url);
  if (!href) return null;
  const title = link(href, data.meta?.title || href);
  const item = element("li", "rt-search__result", element("h2", "rt-search__title", title),
    excerptParagraph(data.excerpt));
  const subs = subResults(data);
  if (subs.length) {
    item.append(element("ul", "rt-search__subs", ...subs.map((sub) => {
      const li = element("li", "", link(safeUrl(sub.url), sub.title || title.textContent));
      if (sub.excerpt) li.append(excerptParagraph(sub.excerpt));
      return li;
    })));
  }
  return item;
}

const quoted = (query) => `\u201c${query}\u201d`;

/** Run the search interface inside `root` (the element with data-rt-pagefind). */
export function mount(root) {
  const form = root.querySelector("form");
  const input = form?.querySelector('input[name="q"]');
  const status = root.querySelector(".rt-search__status");
  const list = root.querySelector(".rt-search__results");
  const more = root.querySelector(".rt-search__more");
  const moduleUrl = safeUrl(root.dataset.rtPagefind || "");
  const fallback = document.getElementById("search-fallback");
  const filters = [...(form?.querySelectorAll("select[data-rt-search-filter]") || [])];
  // The link to the other search page (the main one, or the search of responses) takes the words and
  // filters along, so a reader who switches does not type them again.
  const carried = [...root.querySelectorAll("a[data-rt-search-carry]")];
  if (!input || !status || !list || !more || !moduleUrl) return;

  let loading = null;   // the promise of Pagefind, initialised once
  let ticket = 0;       // the latest search; older answers are dropped
  let timer = null;
  let current = null;   // {query, results, shown, busy}

  function pagefind() {
    loading ??= import(moduleUrl).then(async (pf) => {
      // options() must come before the first init()/search(): Pagefind 1.5 reads noWorker only
      // when it creates its instance.
      await pf.options({
        noWorker: true,
        // Count a word once per place it appears, so a heading naming "Recommendation 1" outranks
        // a page that merely repeats "1 of 43" many times.
        ranking: { termFrequency: 0.0 },
      });
      await pf.init();
      return pf;
    });
    loading.catch(() => { loading = null; });
    return loading;
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function clearResults() {
    current = null;
    list.textContent = "";
    list.hidden = true;
    more.hidden = true;
  }

  async function showNext(mine, focusFirst) {
    const batch = current.results.slice(current.shown, current.shown + PAGE);
    current.shown += batch.length;
    current.busy = true;
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (mine !== ticket) return;
    let first = null;
    for (const data of pages) {
      const item = data && resultItem(data);
      if (!item) continue;
      list.append(item);
      first ??= item.querySelector("a");
    }
    current.busy = false;
    list.hidden = list.children.length === 0;
    more.hidden = current.shown >= current.results.length;
    // After "Show more results", keyboard users continue at the first new result.
    if (focusFirst) (first || (more.hidden ? input : more)).focus();
  }

  /** The chosen filters as Pagefind wants them ({state: "Overdue"}), and in words for the status line. */
  function chosen() {
    const active = filters.filter((select) => select.value);
    const words = active.map((select) => {
      const label = form.querySelector(`label[for="${select.id}"]`)?.textContent || select.name;
      return `${label.toLowerCase()}: ${select.selectedOptions[0]?.textContent || select.value}`;
    });
    return {
      filters: Object.fromEntries(active.map((select) => [select.dataset.rtSearchFilter, select.value])),
      words: words.length ? ` (${words.join("; ")})` : "",
      any: active.length > 0,
    };
  }

  async function run(raw) {
    const query = raw.trim();
    const mine = ++ticket;
    const narrow = chosen();
    writeState((params) => {
      if (query) params.set("q", query);
      else params.delete("q");
      for (const select of filters) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      }
    });
    for (const a of carried) a.search = window.location.search;
    if (!query && !narrow.any) {
      clearResults();
      say("");
      return;
    }
    const what = query ? `for ${quoted(query)}` : "for every page";
    let finished = false;
    const slow = window.setTimeout(() => {
      if (mine === ticket && !finished) say(`Searching ${what}${narrow.words}\u2026`);
    }, SLOW);
    try {
      const search = await (await pagefind()).search(query || null, { filters: narrow.filters });
      if (mine !== ticket) return;
      clearResults();
      current = { query, results: search?.results || [], shown: 0, busy: false };
      if (!current.results.length) {
        say(`No results ${what}${narrow.words}`);
        return;
      }
      await showNext(mine, false);
      if (mine !== ticket) return;
      const n = current.results.length;
      say(`${n} ${n === 1 ? "result" : "results"} ${what}${narrow.words}`);
    } catch {
      if (mine !== ticket) return;
      clearResults();
      say("Search is not available right now.");
      if (fallback) fallback.hidden = false;
    } finally {
      finished = true;
      window.clearTimeout(slow);
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(input.value), DELAY);
  });
  input.addEventListener("focus", () => pagefind().catch(() => {}));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener("click", () => {
    if (current && !current.busy && current.shown < current.results.length) {
      showNext(ticket, true).catch(() => { if (current) current.busy = false; });
    }
  });

  for (const select of filters) select.addEventListener("change", () => run(input.value));

  form.hidden = false;
  if (fallback) fallback.hidden = true;
  const state = readState();
  for (const select of filters) {
    const value = state.get(select.name);
    if (value !== null && [...select.options].some((option) => option.value === value)) select.value = value;
  }
  const query = state.get("q") || "";
  input.value = query;
  if (query || chosen().any) run(query);
}
