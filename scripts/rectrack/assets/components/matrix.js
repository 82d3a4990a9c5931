/* The matrix's extras on top of the generic filter (filter.js), for a filter form that declares
   data-rt-mark="<key>":
   - cells whose data-rt-cell-state equals the value of the control with data-rt-key="<key>" are
     outlined (class rt-mark), so a status filter shows where that status is, not only which rows;
   - the totals cells (data-rt-total="<state>" or "responded", data-rt-col="<n>") are recounted over
     the rows shown, from the cells with the same data-rt-col, and the status line says so.
   Mount before filter.js: this listens to the form's "rt:filtered" events, including the first. */

function count(rows, column, state) {
  let n = 0;
  for (const row of rows) {
    const cell = row.querySelector(`[data-rt-col="${column}"]`);
    if (!cell) continue;
    if (state === "responded" ? cell.dataset.rtResponded === "yes" : cell.dataset.rtCellState === state) n += 1;
  }
  return n;
}

/** Mark cells and recount totals whenever the matrix's filter `form` changes what is shown. */
export function mount(form) {
  const target = document.getElementById(form.dataset.rtFilter);
  if (!target) return;
  const control = form.querySelector(`[data-rt-key="${CSS.escape(form.dataset.rtMark)}"]`);
  const cells = [...target.querySelectorAll("[data-rt-cell-state]")];
  const totals = [...target.querySelectorAll("[data-rt-total]")];
  form.addEventListener("rt:filtered", ({ detail }) => {
    const wanted = control ? control.value : "";
    for (const cell of cells) cell.classList.toggle("rt-mark", !!wanted && cell.dataset.rtCellState === wanted);
    for (const cell of totals) cell.textContent = String(count(detail.visible, cell.dataset.rtCol, cell.dataset.rtTotal));
    if (detail.active && totals.length) detail.notes.push("the totals count only the forces shown");
  });
}
