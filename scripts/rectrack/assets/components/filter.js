/* Filter forms: a form with data-rt-filter="<id>" narrows the [data-rt-item] elements inside the element
   with that id. Each control carries data-rt-key="<key>"; each item carries data-rt-<key> with
   space-separated values. A <select> matches one of those values exactly; a text box matches a
   substring of data-rt-<key> (or of the item's text when it has none). The form is hidden in the page
   (it cannot work without JavaScript) and shown here; the state is kept in the query string.

   After every change the form dispatches "rt:filtered" (detail: {visible, active, notes}) before it
   writes its status line; a listener may push short notes that the status line then adds in brackets.
   This module knows nothing of any particular table: the matrix's extras live in matrix.js. */

import { readState, writeState } from "./url-state.js";

const tokens = (value) => (value || "").split(/\s+/).filter(Boolean);
// data-rt-<key> as a dataset property: data-rt-region -> dataset.rtRegion
const datasetKey = (key) => `rt${key.charAt(0).toUpperCase()}${key.slice(1)}`;

function matches(item, controls) {
  return controls.every((control) => {
    const value = control.value.trim().toLowerCase();
    if (!value) return true;
    const values = item.dataset[datasetKey(control.dataset.rtKey)];
    if (control.tagName === "INPUT") return (values ?? item.textContent).toLowerCase().includes(value);
    return tokens(values).includes(control.value);
  });
}

function restore(controls) {
  const initial = readState();
  for (const control of controls) {
    const value = initial.get(control.dataset.rtKey);
    if (value === null) continue;
    if (control.tagName !== "SELECT" || [...control.options].some((option) => option.value === value)) {
      control.value = value;
    }
  }
}

/** Make the filter `form` work on its target's items, and show it. */
export function mount(form) {
  const target = document.getElementById(form.dataset.rtFilter);
  if (!target) return;
  const items = [...target.querySelectorAll("[data-rt-item]")];
  const controls = [...form.querySelectorAll("[data-rt-key]")];
  const status = form.querySelector(".rt-filters__status");
  const clear = form.querySelector("[data-rt-clear]");
  const noun = form.dataset.rtNoun || "items";

  function apply(updateUrl) {
    const visible = items.filter((item) => {
      item.hidden = !matches(item, controls);
      return !item.hidden;
    });
    const active = controls.some((control) => control.value.trim() !== "");
    const detail = { visible, active, notes: [] };
    form.dispatchEvent(new CustomEvent("rt:filtered", { detail }));
    if (status) {
      const notes = detail.notes.map((note) => ` (${note})`).join("");
      status.textContent = `Showing ${visible.length} of ${items.length} ${noun}${notes}.`;
    }
    if (clear) clear.disabled = !active;
    if (updateUrl) {
      writeState((params) => {
        for (const control of controls) {
          const value = control.value.trim();
          if (value) params.set(control.dataset.rtKey, value);
          else params.delete(control.dataset.rtKey);
        }
      });
    }
  }

  restore(controls);
  for (const control of controls) {
    control.addEventListener(control.tagName === "INPUT" ? "input" : "change", () => apply(true));
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  clear?.addEventListener("click", () => {
    for (const control of controls) control.value = "";
    apply(true);
    controls[0]?.focus();
  });
  form.hidden = false;
  apply(false);
}
