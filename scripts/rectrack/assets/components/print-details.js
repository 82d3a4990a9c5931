/* Collapsed sections (<details>) print open: each one opens before printing and closes again after,
   if it was closed. The print stylesheet does the same where the browser supports ::details-content. */

/** Open `details` for printing. */
export function mount(details) {
  let openedForPrint = false;
  window.addEventListener("beforeprint", () => {
    if (details.open) return;
    details.open = true;
    openedForPrint = true;
  });
  window.addEventListener("afterprint", () => {
    if (!openedForPrint) return;
    details.open = false;
    openedForPrint = false;
  });
}
