/* The page's own address on paper: print.css shows the "This page is at" line only in print. Without
   a configured site_url the built page can only know its path; the reader's browser knows the whole
   address, query string (a sorted or filtered view) included. The fragment is left out: it names a
   place on the page, not the page. */

/** Write the address of the page the reader has open into `target` (the data-rt-print-address span). */
export function mount(target) {
  const here = new URL(window.location.href);
  here.hash = "";
  target.textContent = here.href;
}
