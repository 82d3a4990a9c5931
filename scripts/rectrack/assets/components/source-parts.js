/* The contents page of a long source copy shown in parts (render/source_parts.py), mounted on its list
   of parts (data-rt-parts). Before the split the whole copy was this one page, and links to its
   passages (shared, bookmarked, in other sites) read sources/NAME/#ANCHOR: each item of the list names
   the anchors its part holds (data-rt-anchors), so a link to one of them is sent on to the part, to
   the same anchor. Without scripts the reader follows the list. */

/** Forward the address's #anchor, if a part holds it, to that part. */
export function mount(list) {
  const parts = new Map();
  for (const item of list.querySelectorAll("li[data-rt-anchors]")) {
    const link = item.querySelector("a[href]");
    if (!link) continue;
    for (const anchor of item.dataset.rtAnchors.split(" ")) {
      if (anchor) parts.set(anchor, link.href);
    }
  }
  const forward = () => {
    const anchor = decodeURIComponent(window.location.hash.slice(1));
    const part = parts.get(anchor);
    if (part) window.location.replace(`${part}#${encodeURIComponent(anchor)}`);
  };
  forward();
  window.addEventListener("hashchange", forward);
}
