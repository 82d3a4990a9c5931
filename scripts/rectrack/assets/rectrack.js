/* Rectrack: progressive enhancement only. Every page is complete without this script; it adds
   filtering and sorting (state kept in the URL query string so a view can be shared and survives a
   reload), starts Pagefind's search interface, and opens collapsed sections before printing.
   It makes no network requests of its own. */
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

  function labelSearchBox(element) {
    // Pagefind's input has only a title; give it an accessible name as soon as it exists.
    function label() {
      var input = element.querySelector("input");
      if (!input) { return false; }
      input.setAttribute("aria-label", "Search this site");
      return true;
    }
    if (label() || typeof MutationObserver !== "function") { return; }
    var observer = new MutationObserver(function () { if (label()) { observer.disconnect(); } });
    observer.observe(element, { childList: true, subtree: true });
  }

  function setupSearch() {
    var element = document.getElementById("search");
    if (!element || typeof window.PagefindUI !== "function") { return; }
    var ui = new window.PagefindUI({
      element: "#search", showSubResults: true, showImages: false, resetStyles: false,
      // Count a word once per place it appears, so a heading naming "Recommendation 1" outranks a
      // page that merely repeats "1 of 43" many times.
      ranking: { termFrequency: 0.0 }
    });
    labelSearchBox(element);
    var fallback = document.getElementById("search-fallback");
    if (fallback) { fallback.hidden = true; }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query && ui && typeof ui.triggerSearch === "function") { ui.triggerSearch(query); }
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
