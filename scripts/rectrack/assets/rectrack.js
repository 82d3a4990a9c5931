/* Rectrack's front end: progressive enhancement only. Every page is complete without JavaScript; the
   components below add sorting, filtering (state kept in the query string, so a view can be shared
   and survives a reload), cues on tables wider than the screen, abbreviations explained on request,
   the search page's interface on Pagefind's JS API, a keyboard-operable menu button and scheme
   switch, open-before-print sections, the page's address on paper, and old links to a long source
   copy sent on to the part that now holds the passage. Its only network requests are its own
   modules and, on the search page, Pagefind's files.

   One module per component, each found by the attribute it declares (COMPONENTS, below). The small
   ones are imported statically, so the module graph is complete before the document's
   DOMContentLoaded and a reader never sees an unfiltered table flash into a filtered one; search is
   imported only on a page that has a search form.

   THE data-rt-* CONTRACT: every attribute the rendered pages carry for these scripts, the element
   that carries it and the module that reads it (modules are in components/), plus the one the
   scripts set themselves ("set by"). The renderer (scripts/rectrack/render/) writes them;
   tests/test_frontend_contract.py fails on any data-rt-* attribute in a built page or a module that
   is not listed here, and on any entry nothing uses.

   data-rt-sortable       on <table>               read by rectrack.js   declares a sortable table (sortable.js): its data-rt-sort header cells become sort buttons
   data-rt-sort           on <th scope=col>        read by sortable.js   how the column compares: "text" or "number"
   data-rt-key            on <th scope=col>        read by sortable.js   the column's name in the query string (<table id>-sort=<key>)
   data-sort              on <td>, <th scope=row>  read by sortable.js   the value compared instead of the cell's text (not data-rt-: older name)
   data-rt-filter         on <form>                read by rectrack.js, filter.js, matrix.js   declares a filter form (filter.js); its value is the id of the element whose [data-rt-item] descendants it filters
   data-rt-noun           on <form>                read by filter.js     what the items are called in the status line ("Showing 3 of 43 forces.")
   data-rt-key            on <select>, <input>     read by filter.js, matrix.js   the control's key: it matches items' data-rt-<key> and is its query parameter
   data-rt-clear          on <button>              read by filter.js     the form's "Clear filters" button
   data-rt-item           on <tr>, <article>, <li>  read by filter.js     one item of a list (a count links to its list: tests/test_count_links.py); under a filter form's element, hidden (the hidden attribute) when it does not match
   data-rt-<key>          on [data-rt-item]        read by filter.js     the item's space-separated values for the control with data-rt-key=<key>; keys: region, state, owner, q, response, kind, answered, theme, organisation, recommendation, section, deadline, report
   data-rt-mark           on <form>                read by rectrack.js, matrix.js   declares the matrix's extras (matrix.js) on a filter form; its value is the key of the control whose value outlines matching cells
   data-rt-cell-state     on <td>                  read by matrix.js     the cell's status, compared with the marking control's value and counted in the totals
   data-rt-responded      on <td>                  read by matrix.js     "yes" if the owner's published response answers this column
   data-rt-col            on <td>                  read by matrix.js     the cell's column number (1-based), pairing totals with cells
   data-rt-total          on <td> in <tfoot>       read by matrix.js     what the total counts in its column: a status, or "responded"
   data-rt-scroll         on <div role=region>     read by rectrack.js, table-scroll.js   declares a table's focusable scrolling region (table-scroll.js)
   data-rt-overflow       on [data-rt-scroll]      set by table-scroll.js   the sides of the region with more of the table to see: "start", "end" or both
   data-rt-ready          on <html>                set by rectrack.js    present once every component on the page has mounted, including those loaded on demand
   data-rt-search-filter  on <select>              read by search.js     a search filter: its value is the Pagefind filter it sets (report, organisation, state), its options the values pages carry
   data-rt-search-carry   on <a>                   read by search.js     the link to the other search page: search.js gives it the words and filters searched for
   data-rt-print-address  on <span>                read by rectrack.js, print-address.js   where the page prints its own address (print-address.js writes the one the reader has open)
   data-rt-parts          on <ol>                  read by rectrack.js, source-parts.js   declares the list of parts of a long source copy on its contents page (source-parts.js): a link to the page's #ANCHOR is sent on to the part holding it
   data-rt-anchors        on <li>                  read by source-parts.js   the anchors of the blocks on the page of the part the item links to, space-separated
   data-rt-pagefind       on <div>                 read by rectrack.js, search.js   declares the search interface (search.js, loaded only then); its value is the path of pagefind.js, relative to the page
   data-rt-response-form  on <div>                 read by rectrack.js, response-form.js   declares the "Publish a response" form (response-form.js, loaded only then); its value is the path of the rules file generated from the schemas
   data-rt-src            on <option>              read by response-form.js   the path of the chosen report's file (its recommendations and who must answer them)
   data-rt-field          on <select>, <input>, <textarea>   read by response-form.js   the field's path in a response file ("source.url", "responses[].evidence"): the rules it is checked with
   data-rt-part           on <fieldset>            read by response-form.js   a part of the form shown once the organisation is chosen
   data-rt-slot           on <p>, <ul>, <div>, <code>, <textarea>, <legend>, <blockquote>   read by response-form.js   where the script writes a text: a problem list, a status, where the file goes, a recommendation's wording
   data-rt-action         on <button>              read by response-form.js   what the button does: "download", "copy" or "clear"
   data-rt-propose        on <a>                   read by response-form.js   the git host's page for adding a file (its href); the value names its parameters for the file's name and text
   data-rt-mailto         on <a>                   read by response-form.js   the maintainers' mailto: link, given the file as its body
   data-rt-limit          on <a>                   read by response-form.js   the longest address the link may carry, in characters
   data-rt-entry          on <fieldset>            read by response-form.js   one recommendation's answer, cloned from <template id="rt-response-entry">; the script sets its value to the recommendation's id
   data-rt-id             on <p>, <textarea>, <select>   read by response-form.js   the element's id within its answer block (the script prefixes the recommendation)
   data-rt-for            on <label>               read by response-form.js   the data-rt-id of the control the label is for
   data-rt-describedby    on <textarea>, <select>  read by response-form.js   the data-rt-ids of the hint and problem texts that describe the control
   data-rt-sentences      on <select>              read by response-form.js   the sentences of the answer, to pick the evidence from

   Plain HTML and Material's own markup are used where they already say what an element is:
   menu-button.js mounts on label.md-header__button[for="__drawer"], scheme-switch.js on
   form[data-md-component="palette"], print-details.js on every <details>, abbreviation.js on every
   abbr[title] (the renderer's first use of an abbreviation). */

import { mount as sortable } from "./components/sortable.js";
import { mount as matrix } from "./components/matrix.js";
import { mount as filter } from "./components/filter.js";
import { mount as menuButton } from "./components/menu-button.js";
import { mount as printDetails } from "./components/print-details.js";
import { mount as tableScroll } from "./components/table-scroll.js";
import { mount as abbreviation } from "./components/abbreviation.js";
import { mount as schemeSwitch } from "./components/scheme-switch.js";
import { mount as printAddress } from "./components/print-address.js";
import { mount as sourceParts } from "./components/source-parts.js";

/** [selector, mount(element)] in mounting order. */
const COMPONENTS = [
  ['label.md-header__button[for="__drawer"]', menuButton],
  ['form[data-md-component="palette"]', schemeSwitch],
  ["[data-rt-scroll]", tableScroll],
  ["table[data-rt-sortable]", sortable],
  ["form[data-rt-filter][data-rt-mark]", matrix],  // before filter: it listens to the filter's first pass
  ["form[data-rt-filter]", filter],
  ["[data-rt-pagefind]", (root) => import("./components/search.js").then(({ mount }) => mount(root))],
  ["[data-rt-response-form]", (root) => import("./components/response-form.js").then(({ mount }) => mount(root))],
  ["details", printDetails],
  ["[data-rt-print-address]", printAddress],
  ["ol[data-rt-parts]", sourceParts],
  ["abbr[title]", abbreviation],
];

const pending = [];
for (const [selector, mount] of COMPONENTS) {
  for (const element of document.querySelectorAll(selector)) {
    try {
      pending.push(Promise.resolve(mount(element)).catch((error) => console.error("rectrack:", selector, error)));
    } catch (error) {
      console.error("rectrack:", selector, error);  // one broken component leaves the others working
    }
  }
}
// Every component has mounted (the lazy ones too): say so, for scripts and tests that must not race them.
Promise.all(pending).then(() => document.documentElement.setAttribute("data-rt-ready", ""));
