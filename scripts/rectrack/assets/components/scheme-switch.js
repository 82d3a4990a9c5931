/* Material's light/dark switch is a pair of radio buttons named "Switch to the dark scheme" and
   "Switch to the light scheme"; Material acts on Enter, and a radio button ignores Space once it is
   checked. Space works here too, as it does on any button, by pressing the switch's visible label.
   Mounted on Material's own markup (form[data-md-component="palette"]). */

/** Let Space operate the scheme switch in `form`. */
export function mount(form) {
  form.addEventListener("keydown", (event) => {
    if (event.key !== " " || !event.target.matches("input.md-option")) return;
    const label = form.querySelector("label.md-header__button:not([hidden])");
    if (!label) return;
    event.preventDefault();
    label.click();
  });
}
