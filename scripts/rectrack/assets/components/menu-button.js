/* Material's menu button is a <label for="__drawer">, which the keyboard cannot reach: make it a real
   button for keyboard and screen-reader users (WCAG 2.1.1), toggling the same checkbox. Mounted on
   Material's own markup (label.md-header__button[for="__drawer"]), which has no data-rt-* attribute. */

const OPENED_FOCUS_DELAY = 300;  // ms: the drawer slides in before its first link can take focus

/** Make Material's drawer `label` work from the keyboard. */
export function mount(label) {
  const toggle = document.getElementById(label.htmlFor);
  if (!toggle) return;
  label.setAttribute("tabindex", "0");
  label.setAttribute("role", "button");
  label.setAttribute("aria-label", "Open the site menu");
  label.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();  // Material's document-level key handler must not toggle it back
    toggle.checked = !toggle.checked;
    toggle.dispatchEvent(new Event("change"));
    if (toggle.checked) {
      // The drawer's first link (its title is a <label>, which cannot take focus).
      const first = document.querySelector(".md-sidebar--primary a[href]");
      if (first) window.setTimeout(() => first.focus(), OPENED_FOCUS_DELAY);
    }
  });
}
