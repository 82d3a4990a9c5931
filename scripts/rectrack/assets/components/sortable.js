/* Sortable tables: each header cell with data-rt-sort ("text" or "number") gets a sort button. A cell's
   data-sort, where present, is compared instead of its text (numbers, names without markup). The order
   is kept in the query string as <table id>-sort and <table id>-order. Ties keep the rendered order.
   A table with several bodies (groups of rows a count links to, such as the duties in one state) is
   sorted within each body: a row never leaves its group, so the link still lands on the rows it counts. */

import { readState, writeState } from "./url-state.js";

const ICON = { none: "\u2195", ascending: "\u2191", descending: "\u2193" };

function cellValue(row, index, type) {
  const cell = row.cells[index];
  if (!cell) return type === "number" ? 0 : "";
  const raw = cell.dataset.sort ?? cell.textContent;
  if (type === "number") {
    const n = Number.parseFloat(raw);
    return Number.isNaN(n) ? 0 : n;
  }
  return raw.trim().toLowerCase();
}

function sortBy(table, headers, key, order) {
  for (const th of headers) {
    th.removeAttribute("aria-sort");
    th.querySelector(".rt-sort__icon").textContent = ICON.none;
  }
  const header = headers.find((th) => th.dataset.rtKey === key);
  if (!header) return;
  const { cellIndex } = header;
  const type = header.dataset.rtSort;
  const sign = order === "desc" ? -1 : 1;
  for (const body of table.tBodies) {
    const rows = [...body.rows].map((row, position) => ({ row, position, value: cellValue(row, cellIndex, type) }));
    rows.sort((a, b) => sign * (a.value < b.value ? -1 : a.value > b.value ? 1 : a.position - b.position));
    body.append(...rows.map(({ row }) => row));
  }
  const state = order === "desc" ? "descending" : "ascending";
  header.setAttribute("aria-sort", state);
  header.querySelector(".rt-sort__icon").textContent = ICON[state];
}

function sortButton(th) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "rt-sort";
  button.append(...th.childNodes);
  const icon = document.createElement("span");
  icon.className = "rt-sort__icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = ICON.none;
  button.append(icon);
  th.append(button);
  return button;
}

/** Make `table` sortable by its data-rt-sort header cells. */
export function mount(table) {
  const headers = [...table.querySelectorAll("thead th[data-rt-sort]")];
  if (!headers.length || !table.tBodies.length) return;
  const prefix = table.id ? `${table.id}-` : "";
  for (const th of headers) {
    sortButton(th).addEventListener("click", () => {
      const key = th.dataset.rtKey;
      const order = th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc";
      sortBy(table, headers, key, order);
      writeState((params) => {
        params.set(`${prefix}sort`, key);
        params.set(`${prefix}order`, order);
      });
    });
  }
  const initial = readState();
  const key = initial.get(`${prefix}sort`);
  if (key) sortBy(table, headers, key, initial.get(`${prefix}order`) === "desc" ? "desc" : "asc");
}
