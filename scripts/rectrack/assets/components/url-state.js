/* A view's state (a filter, a sort order, a search) lives in the page's query string, so the view can
   be shared as a link and survives a reload. Replacing, not pushing, history: Back leaves the page
   rather than stepping through every keystroke. */

/** The current query string as URLSearchParams. */
export const readState = () => new URLSearchParams(window.location.search);

/** Change the query string in place: `update(params)` edits a copy of the current parameters. */
export function writeState(update) {
  const params = readState();
  update(params);
  const query = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`);
}
