/* Wide tables, mounted on each table's scrolling region (data-rt-scroll):
   - says when the table is wider than its region: data-rt-overflow on the region names the sides
     with more to see ("start", "end" or both), for the stylesheet's edge shadows, and a short visible
     hint before the region is shown while it overflows (its label already tells screen readers);
   - keeps a control focused inside the region in full view: Chromium leaves a partly visible one
     where it is, cut off by the region's edge; this scrolls it in, clear of the frozen columns and
     rows the region's scroll padding makes room for. */

const HINT = "Wider than the screen: scroll the table sideways to see every column.";

function sides(region) {
  const hidden = region.scrollWidth - region.clientWidth;
  if (hidden <= 1) return [];
  const left = Math.abs(region.scrollLeft);  // negative in right-to-left pages
  return [...(left > 1 ? ["start"] : []), ...(left < hidden - 1 ? ["end"] : [])];
}

/** Watch the scrolling `region` of a table. */
export function mount(region) {
  const hint = document.createElement("p");
  hint.className = "rt-scroll__hint";
  hint.setAttribute("aria-hidden", "true");
  hint.textContent = HINT;
  hint.hidden = true;
  region.before(hint);

  const update = () => {
    const more = sides(region);
    if (more.length) region.dataset.rtOverflow = more.join(" ");
    else delete region.dataset.rtOverflow;
    hint.hidden = region.scrollWidth - region.clientWidth <= 1;
  };
  const resized = new ResizeObserver(update);
  resized.observe(region);
  for (const child of region.children) resized.observe(child);  // the table narrows as filters hide rows
  region.addEventListener("scroll", update, { passive: true });
  region.addEventListener("focusin", ({ target }) => {
    if (target !== region) target.scrollIntoView({ block: "nearest", inline: "nearest" });
  });
  update();
}
