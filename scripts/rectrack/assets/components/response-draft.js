/* The response form's drafts, kept in this browser (localStorage) so that a reload, a closed tab or a
   crash loses nothing typed: one draft per report and organisation, and which pair was open last.
   Keys start with the form page's own path, so two trackers on one host keep their drafts apart.
   A browser that refuses storage (private windows in some browsers, storage switched off) is told
   apart from an empty draft, so the form can say that nothing is being kept. */

const PREFIX = "rectrack:response-form:";

function area() {
  try {
    const storage = window.localStorage;
    const probe = `${PREFIX}probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

const storage = area();

/** Can drafts be kept in this browser at all? */
export const available = storage !== null;

function key(...parts) {
  return `${PREFIX}${window.location.pathname}:${parts.join(":")}`;
}

function read(name) {
  if (!storage) return null;
  try {
    const value = JSON.parse(storage.getItem(name) || "null");
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;  // a damaged draft is not a reason to break the form
  }
}

function write(name, value) {
  if (!storage) return false;
  try {
    storage.setItem(name, JSON.stringify(value));
    return true;
  } catch {
    return false;  // full, or refused
  }
}

/** The draft for (report, owner), or null: {fields: {name: text}, answers: {local: {...}}, saved}. */
export function load(report, owner) {
  return read(key("draft", report, owner));
}

/** Keep `draft` for (report, owner); false when the browser refused. */
export function save(report, owner, draft) {
  return write(key("draft", report, owner), { ...draft, saved: new Date().toISOString() });
}

export function remove(report, owner) {
  if (storage) storage.removeItem(key("draft", report, owner));
}

/** The report and organisation open last, or null. */
export function lastChoice() {
  return read(key("last"));
}

export function rememberChoice(report, owner) {
  write(key("last"), { report, owner });
}
