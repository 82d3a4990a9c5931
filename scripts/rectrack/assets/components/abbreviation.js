/* Abbreviations explained by keyboard and on touch, not on hover only. The renderer marks the first
   use of each abbreviation on a page as <abbr title="expansion"> (outside links and buttons); this
   makes it a button that shows or hides the expansion, in brackets, as text right after it, so it
   can be read, zoomed, copied and printed like the rest of the sentence. Without JavaScript the
   title (a hover tooltip) and the glossary remain. Mounted on Material-free HTML: abbr[title]. */

let count = 0;

/** Make the abbreviation `abbr` a disclosure button for its expansion. */
export function mount(abbr) {
  const expansion = abbr.title.trim();
  if (!expansion || abbr.closest("a, button, summary, label, select, textarea, [role='button']")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "rt-abbr";
  button.setAttribute("aria-expanded", "false");
  const text = document.createElement("span");
  text.className = "rt-abbr__expansion";
  text.id = `rt-abbr-${++count}`;
  text.hidden = true;
  text.textContent = ` (${expansion})`;
  button.setAttribute("aria-controls", text.id);
  abbr.replaceWith(button);
  button.append(abbr);
  button.after(text);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    text.hidden = !open;
  });
}
