/* Rectrack: progressive enhancement only. Every page is complete without this script; it adds
   filtering and sorting (state kept in the URL query string so a view can be shared and survives a
   reload), runs the search page's own interface on Pagefind's JS API, and opens collapsed sections
   before printing. Its only network requests are Pagefind's files, on the search page. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function tokens(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function dataKey(key) {
    // data-rt-<key> -> dataset.rt<Key>
    return "rt" + key.charAt(0).toUpperCase() + key.slice(1);
  }

  function writeQuery(params) {
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  /* ---- sorting ---------------------------------------------------------------------------- */

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) { return type === "number" ? 0 : ""; }
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    if (type === "number") {
      var n = parseFloat(raw);
      return isNaN(n) ? 0 : n;
    }
    return raw.trim().toLowerCase();
  }

  function sortTable(table, key, order, headers) {
    var header = null;
    headers.forEach(function (th) {
      if (th.getAttribute("data-rt-key") === key) { header = th; }
      th.removeAttribute("aria-sort");
      var icon = th.querySelector(".rt-sort__icon");
      if (icon) { icon.textContent = "\u2195"; }
    });
    if (!header) { return false; }
    var index = header.cellIndex;
    var type = header.getAttribute("data-rt-sort");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.__rtIndex = i; });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var result = x < y ? -1 : x > y ? 1 : a.__rtIndex - b.__rtIndex;
      return order === "desc" ? -result : result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    header.setAttribute("aria-sort", order === "desc" ? "descending" : "ascending");
    header.querySelector(".rt-sort__icon").textContent = order === "desc" ? "\u2193" : "\u2191";
    return true;
  }

  function setupSort(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th[data-rt-sort]"));
    if (!headers.length || !table.tBodies.length) { return; }
    var prefix = table.id ? table.id + "-" : "";
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rt-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      var icon = document.createElement("span");
      icon.className = "rt-sort__icon";
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = "\u2195";
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-rt-key");
        var order = th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc";
        sortTable(table, key, order, headers);
        var params = new URLSearchParams(window.location.search);
        params.set(prefix + "sort", key);
        params.set(prefix + "order", order);
        writeQuery(params);
      });
    });
    var initial = new URLSearchParams(window.location.search);
    var key = initial.get(prefix + "sort");
    if (key) { sortTable(table, key, initial.get(prefix + "order") === "desc" ? "desc" : "asc", headers); }
  }

  /* ---- filtering -------------------------------------------------------------------------- */

  function setupFilter(form) {
    var target = document.getElementById(form.getAttribute("data-rt-filter"));
    if (!target) { return; }
    var items = Array.prototype.slice.call(target.querySelectorAll("[data-rt-item]"));
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-rt-key]"));
    var status = form.querySelector(".rt-filters__status");
    var clear = form.querySelector("[data-rt-clear]");
    var noun = form.getAttribute("data-rt-noun") || "items";
    var mark = form.getAttribute("data-rt-mark");
    var hasTotals = target.querySelector("[data-rt-total]") !== null;

    function matches(item) {
      return controls.every(function (control) {
        var value = control.value.trim().toLowerCase();
        if (!value) { return true; }
        var key = control.getAttribute("data-rt-key");
        if (control.tagName === "INPUT") {
          var haystack = (item.dataset[dataKey(key)] || item.textContent).toLowerCase();
          return haystack.indexOf(value) !== -1;
        }
        return tokens(item.dataset[dataKey(key)]).indexOf(control.value) !== -1;
      });
    }

    function markCells() {
      if (!mark) { return; }
      var control = form.querySelector('[data-rt-key="' + mark + '"]');
      var wanted = control ? control.value : "";
      target.querySelectorAll("[data-rt-cell-state]").forEach(function (cell) {
        cell.classList.toggle("rt-mark", !!wanted && cell.getAttribute("data-rt-cell-state") === wanted);
      });
    }

    function recount(visible) {
      var totals = target.querySelectorAll("[data-rt-total]");
      if (!totals.length) { return; }
      totals.forEach(function (cell) {
        var state = cell.getAttribute("data-rt-total");
        var col = cell.getAttribute("data-rt-col");
        var count = 0;
        visible.forEach(function (row) {
          var c = row.querySelector('[data-rt-col="' + col + '"]');
          if (!c) { return; }
          if (state === "responded" ? c.getAttribute("data-rt-responded") === "yes"
                                    : c.getAttribute("data-rt-cell-state") === state) { count += 1; }
        });
        cell.textContent = String(count);
      });
    }

    function apply(updateUrl) {
      var visible = items.filter(function (item) {
        var show = matches(item);
        item.hidden = !show;
        return show;
      });
      markCells();
      recount(visible);
      var active = controls.some(function (c) { return c.value.trim() !== ""; });
      if (status) {
        status.textContent = "Showing " + visible.length + " of " + items.length + " " + noun +
          (active && hasTotals ? " (the totals count only the forces shown)" : "") + ".";
      }
      if (clear) { clear.disabled = !active; }
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        controls.forEach(function (c) {
          var key = c.getAttribute("data-rt-key");
          if (c.value.trim()) { params.set(key, c.value.trim()); } else { params.delete(key); }
        });
        writeQuery(params);
      }
    }

    var initial = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var value = initial.get(control.getAttribute("data-rt-key"));
      if (value === null) { return; }
      if (control.tagName === "SELECT") {
        var known = Array.prototype.some.call(control.options, function (o) { return o.value === value; });
        if (known) { control.value = value; }
      } else {
        control.value = value;
      }
    });
    controls.forEach(function (control) {
      control.addEventListener(control.tagName === "INPUT" ? "input" : "change", function () { apply(true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (clear) {
      clear.addEventListener("click", function () {
        controls.forEach(function (c) { c.value = ""; });
        apply(true);
        if (controls.length) { controls[0].focus(); }
      });
    }
    form.hidden = false;
    apply(false);
  }

  /* ---- search ----------------------------------------------------------------------------- */
  // Our own search form on the search page, driving Pagefind's JS API directly: no Pagefind UI
  // script or stylesheet and no web worker, so a first search fetches only pagefind.js, the wasm,
  // the index chunks it needs and the first results' fragments. Page text in the index is data:
  // titles and excerpts become text nodes and <mark> elements, never HTML.

  var SEARCH_PAGE = 5;        // results shown at first, and added by "Show more results"
  var SEARCH_SUBS = 3;        // sections listed under a result
  var SEARCH_DELAY = 300;     // ms after the last keystroke before searching as you type

  var decoder = null;
  function decodeEntities(text) {
    // A <textarea>'s content is RCDATA: setting innerHTML decodes character references but can never
    // create elements, and the textarea is never attached to the page.
    if (!decoder) { decoder = document.createElement("textarea"); }
    decoder.innerHTML = text;
    var value = decoder.value;
    decoder.textContent = "";
    return value;
  }

  function appendExcerpt(parent, excerpt) {
    // Pagefind escapes page text and wraps matched words in <mark>...</mark>: split on exactly those.
    var marked = false;
    String(excerpt || "").split(/(<mark>|<\/mark>)/).forEach(function (piece) {
      if (piece === "<mark>") { marked = true; return; }
      if (piece === "</mark>") { marked = false; return; }
      if (!piece) { return; }
      var text = document.createTextNode(decodeEntities(piece));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        parent.appendChild(mark);
      } else {
        parent.appendChild(text);
      }
    });
  }

  function safeUrl(raw) {
    // Only links to this site: relative, or http(s) on this page's origin.
    if (typeof raw !== "string" || !raw.trim()) { return null; }
    var url;
    try { url = new URL(raw, window.location.href); } catch (e) { return null; }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== window.location.origin) {
      return null;
    }
    return url.pathname + url.search + url.hash;
  }

  function subResults(data) {
    // Sections of the page, without the page itself (its own URL, or its title heading at the top).
    var title = data.meta && data.meta.title;
    var subs = (data.sub_results || []).filter(function (sub) {
      return sub && sub.url !== data.url && !(title && sub.title === title) && safeUrl(sub.url);
    });
    if (subs.length <= SEARCH_SUBS) { return subs; }
    // The sections with the most matches, in page order.
    var top = subs.slice().sort(function (a, b) {
      return (b.locations || []).length - (a.locations || []).length;
    }).slice(0, SEARCH_SUBS);
    return subs.filter(function (sub) { return top.indexOf(sub) !== -1; });
  }

  function resultItem(data) {
    var href = safeUrl(data.url);
    if (!href) { return null; }
    var item = document.createElement("li");
    item.className = "rt-search__result";
    var heading = document.createElement("h2");
    heading.className = "rt-search__title";
    var link = document.createElement("a");
    link.href = href;
    link.textContent = (data.meta && data.meta.title) || href;
    heading.appendChild(link);
    item.appendChild(heading);
    var excerpt = document.createElement("p");
    excerpt.className = "rt-search__excerpt";
    appendExcerpt(excerpt, data.excerpt);
    item.appendChild(excerpt);
    var subs = subResults(data);
    if (subs.length) {
      var list = document.createElement("ul");
      list.className = "rt-search__subs";
      subs.forEach(function (sub) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = safeUrl(sub.url);
        a.textContent = sub.title || link.textContent;
        li.appendChild(a);
        if (sub.excerpt) {
          var p = document.createElement("p");
          p.className = "rt-search__excerpt";
          appendExcerpt(p, sub.excerpt);
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  function setupSearch() {
    var form = document.getElementById("search");
    var root = form && form.closest(".rt-search");
    if (!root || form.tagName !== "FORM") { return; }
    var input = form.querySelector('input[name="q"]');
    var status = root.querySelector(".rt-search__status");
    var list = root.querySelector(".rt-search__results");
    var more = root.querySelector(".rt-search__more");
    var moduleUrl = safeUrl(root.getAttribute("data-rt-pagefind") || "");
    var fallback = document.getElementById("search-fallback");
    if (!input || !status || !list || !more || !moduleUrl) { return; }

    var loading = null;   // the promise of Pagefind, initialised once
    var ticket = 0;       // the latest search; older answers are dropped
    var timer = null;
    var current = null;   // {query, results, shown}

    function pagefind() {
      if (!loading) {
        loading = import(moduleUrl).then(function (pf) {
          // options() must come before the first init()/search(): Pagefind 1.5 reads noWorker only
          // when it creates its instance.
          return pf.options({
            noWorker: true,
            // Count a word once per place it appears, so a heading naming "Recommendation 1" outranks
            // a page that merely repeats "1 of 43" many times.
            ranking: { termFrequency: 0.0 }
          }).then(function () { return pf.init(); }).then(function () { return pf; });
        });
        loading.catch(function () { loading = null; });
      }
      return loading;
    }

    function say(text) {
      if (status.textContent !== text) { status.textContent = text; }
    }

    function clearResults() {
      current = null;
      list.textContent = "";
      list.hidden = true;
      more.hidden = true;
    }

    function quoted(query) {
      return "\u201c" + query + "\u201d";
    }

    function showNext(mine, focusFirst) {
      var batch = current.results.slice(current.shown, current.shown + SEARCH_PAGE);
      current.shown += batch.length;
      current.busy = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== ticket) { return; }
        var first = null;
        pages.forEach(function (data) {
          var item = data && resultItem(data);
          if (!item) { return; }
          list.appendChild(item);
          first = first || item.querySelector("a");
        });
        current.busy = false;
        list.hidden = list.children.length === 0;
        more.hidden = current.shown >= current.results.length;
        // After "Show more results", keyboard users continue at the first new result.
        if (focusFirst) { (first || (more.hidden ? input : more)).focus(); }
      });
    }

    function run(raw) {
      var query = raw.trim();
      var mine = ++ticket;
      var params = new URLSearchParams(window.location.search);
      if (query) { params.set("q", query); } else { params.delete("q"); }
      writeQuery(params);
      if (!query) { clearResults(); say(""); return; }
      var finished = false;
      var slow = window.setTimeout(function () {
        if (mine === ticket && !finished) { say("Searching for " + quoted(query) + "\u2026"); }
      }, 400);
      pagefind().then(function (pf) {
        return pf.search(query);
      }).then(function (search) {
        if (mine !== ticket) { return; }
        clearResults();
        current = { query: query, results: (search && search.results) || [], shown: 0, busy: false };
        if (!current.results.length) { say("No results for " + quoted(query)); return; }
        return showNext(mine, false).then(function () {
          if (mine !== ticket) { return; }
          var n = current.results.length;
          say(n + (n === 1 ? " result" : " results") + " for " + quoted(query));
        });
      }).catch(function () {
        if (mine !== ticket) { return; }
        clearResults();
        say("Search is not available right now.");
        if (fallback) { fallback.hidden = false; }
      }).then(function () {
        finished = true;
        window.clearTimeout(slow);
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(input.value); }, SEARCH_DELAY);
    });
    input.addEventListener("focus", function () { pagefind().catch(function () {}); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run(input.value);
    });
    more.addEventListener("click", function () {
      if (current && !current.busy && current.shown < current.results.length) {
        showNext(ticket, true).catch(function () { if (current) { current.busy = false; } });
      }
    });

    form.hidden = false;
    if (fallback) { fallback.hidden = true; }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      run(query);
    }
  }

  /* ---- print ------------------------------------------------------------------------------ */

  function setupPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  // Material's menu button is a <label for="__drawer">, which the keyboard cannot reach: make it a
  // real button for keyboard and screen-reader users (WCAG 2.1.1), toggling the same checkbox.
  function setupMenuButton() {
    var toggle = document.getElementById("__drawer");
    document.querySelectorAll('label.md-header__button[for="__drawer"]').forEach(function (label) {
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", "Open the site menu");
      label.addEventListener("keydown", function (event) {
        if (!toggle || (event.key !== "Enter" && event.key !== " ")) { return; }
        event.preventDefault();
        event.stopPropagation();  // Material's document-level key handler must not toggle it back
        toggle.checked = !toggle.checked;
        toggle.dispatchEvent(new Event("change"));
        if (toggle.checked) {
          var first = document.querySelector(".md-sidebar--primary a, .md-sidebar--primary label");
          if (first) { window.setTimeout(function () { first.focus(); }, 300); }
        }
      });
    });
  }

  ready(function () {
    setupMenuButton();
    document.querySelectorAll("table[data-rt-sortable]").forEach(setupSort);
    document.querySelectorAll("form[data-rt-filter]").forEach(setupFilter);
    setupSearch();
    setupPrint();
  });
})();
