/* The "Publish a response" form, mounted on the element with data-rt-response-form (the address of
   the rules file the build generates from the JSON Schemas). Loaded by rectrack.js only on that page.

   Choosing a report fetches its file (the report's <option data-rt-src>): its recommendations and the
   organisations that must answer it, each with the recommendations it must answer. Choosing the
   organisation lays out one block per recommendation (the page's <template id="rt-response-entry">).
   Every field is checked with the generated rules (response-rules.js), the evidence as it is typed;
   everything typed is kept as a draft in this browser (response-draft.js); the file is written by
   response-file.js. Problems are shown beside their field (aria-invalid, and the message in the
   field's aria-describedby) and, when the file is asked for, listed at the top with links to them.

   All words come from the page or from the rules file (scripts/rectrack/wording.py); data text
   (titles, names, recommendation wording) only ever becomes text nodes and attribute values. */

import * as drafts from "./response-draft.js";
import { responseFile } from "./response-file.js";
import { breaks, cleaner, fileValue, fill, normaliser, quoted, sentences } from "./response-rules.js";

const SAVE_DELAY = 400;   // ms after the last keystroke before the draft is kept
const SPOT_DELAY = 120;   // ms after the last keystroke before a quote is checked
const ARMED_FOR = 8000;   // ms the "Delete this draft" button waits for its second press
const DOCUMENT_FIELDS = ["kind", "source.title", "published", "source.url", "author", "foreword"];

function londonToday() {
  // The tracker's dates are Europe/London days (as `rectrack build` decides "today").
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit",
                                            day: "2-digit" }).format(new Date());
}

function clockTime(iso) {
  const when = iso ? new Date(iso) : new Date();
  return when.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

function debounce(fn, delay) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
}

async function fetchJson(href) {
  const response = await fetch(new URL(href, window.location.href));
  if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
  return response.json();
}

class ResponseForm {
  constructor(root, rules) {
    this.root = root;
    this.rules = rules;
    this.text = rules.text;
    this.form = root.querySelector("form");
    this.clean = cleaner(rules.quote);
    this.normalise = normaliser(rules.quote);
    this.report = null;
    this.owner = null;
    this.entries = [];
    this.touched = new WeakSet();
    this.submitted = false;
    this.armed = null;
    this.pressed = false;  // a pointer is down: what the checks show waits (see whenReleased)
    this.held = new Map();
    this.field = (name) => this.form.querySelector(`[data-rt-field="${name}"]:not([data-rt-entry] *)`);
    this.slot = (name) => this.form.querySelector(`[data-rt-slot="${name}"]`);
    this.part = (name) => this.form.querySelector(`[data-rt-part="${name}"]`);
    this.saveSoon = debounce(() => this.save(), SAVE_DELAY);
    this.spotSoon = debounce((entry) => this.showEntry(entry), SPOT_DELAY);
    this.sentencesSoon = debounce((entry) => this.refreshSentences(entry), SPOT_DELAY);
  }

  async start() {
    const fallback = document.getElementById("rt-response-fallback");
    if (fallback) fallback.hidden = true;
    const intro = document.getElementById("rt-response-intro");
    if (intro) intro.hidden = false;
    this.form.hidden = false;
    document.addEventListener("pointerdown", () => { this.pressed = true; }, true);
    const released = (event) => {
      if (event.type === "blur" && event.target !== window) return;  // a field left, not the window
      this.pressed = false;
      setTimeout(() => this.release(), 0);  // after the click this release makes
    };
    for (const type of ["pointerup", "pointercancel"]) document.addEventListener(type, released, true);
    window.addEventListener("blur", released);
    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("change", (event) => this.onChange(event));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.download();
    });
    for (const button of this.form.querySelectorAll("[data-rt-action]")) {
      if (button.dataset.rtAction === "copy") button.addEventListener("click", () => this.copy());
      if (button.dataset.rtAction === "clear") {
        button.addEventListener("click", () => this.clear(button));
        button.addEventListener("blur", () => this.disarm(button));
      }
    }
    const propose = this.form.querySelector("a[data-rt-propose]");
    if (propose) {
      propose.dataset.base = propose.getAttribute("href");
      propose.addEventListener("click", (event) => this.propose(event, propose));
    }
    const mailto = this.form.querySelector("a[data-rt-mailto]");
    if (mailto) {
      mailto.dataset.base = mailto.getAttribute("href");
      mailto.addEventListener("click", (event) => this.mail(event, mailto));
    }
    this.slot("problems").addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "center" });
    });
    if (!drafts.available) this.slot("saved").textContent = this.text.not_saved;

    const params = new URLSearchParams(window.location.search);
    const last = drafts.lastChoice() || {};
    const report = params.get("report") || last.report || "";
    const owner = params.get("organisation") || (report === last.report ? last.owner : "") || "";
    const select = this.field("report");
    if (report && [...select.options].some((o) => o.value === report)) {
      select.value = report;
      await this.chooseReport(report, owner);
    }
  }

  // --- choosing the report and the organisation ------------------------------------------------

  async chooseReport(id, ownerId = "") {
    const select = this.field("owner");
    this.report = null;
    this.chooseOwner("");
    select.replaceChildren(new Option(id ? this.text.loading : this.text.choose_report_first, ""));
    select.disabled = true;
    this.showProblem(this.field("report"), null);
    if (!id) return;
    const option = [...this.field("report").options].find((o) => o.value === id);
    let data;
    try {
      data = await fetchJson(option.dataset.rtSrc);
    } catch (error) {
      console.error("rectrack: response form:", error);
      this.showProblem(this.field("report"), { message: this.text.load_failed, fix: "" });
      return;
    }
    if (this.field("report").value !== id) return;  // another report was chosen meanwhile
    this.report = data;
    const groups = new Map();
    for (const org of data.organisations) {
      if (!groups.has(org.kind)) groups.set(org.kind, Object.assign(document.createElement("optgroup"), { label: org.kind }));
      groups.get(org.kind).append(new Option(org.name, org.id));
    }
    select.replaceChildren(new Option(this.text.choose_owner, ""), ...groups.values());
    select.disabled = false;
    const date = this.field("published");
    date.min = data.published_earliest;
    date.max = londonToday();
    this.slot("published-hint").textContent = fill(this.text.published_hint, { date: data.published_text });
    if (ownerId && data.organisations.some((o) => o.id === ownerId)) {
      select.value = ownerId;
      this.chooseOwner(ownerId);
    }
  }

  chooseOwner(id) {
    const org = this.report && this.report.organisations.find((o) => o.id === id);
    this.owner = org || null;
    this.entries = [];
    this.submitted = false;
    this.touched = new WeakSet();
    this.slot("entries").replaceChildren();
    this.hideSummary();
    for (const name of ["document", "answers", "send"]) this.part(name).hidden = !org;
    this.slot("documents").textContent = "";
    if (!org) return;
    drafts.rememberChoice(this.report.id, org.id);
    const url = new URL(window.location.href);
    url.searchParams.set("report", this.report.id);
    url.searchParams.set("organisation", org.id);
    window.history.replaceState(window.history.state, "", url);

    const listed = org.documents.map((d) => (d.published ? `${d.kind} (${d.published})` : d.kind)).join("; ");
    this.slot("documents").textContent = [
      fill(org.documents.length ? this.text.documents : this.text.no_documents,
           { organisation: org.name, documents: listed }),
      fill(this.text.must_answer, { organisation: org.name, count: org.owes.length }),
    ].join(" ");
    this.slot("s55").hidden = !org.s55;
    for (const name of DOCUMENT_FIELDS) {
      const el = this.field(name);
      el.value = "";
      this.showProblem(el, null);
    }
    this.field("kind").value = org.first_comments ? this.rules.fields.kind.enum[1] : this.rules.fields.kind.enum[0];
    this.field("author").value = org.author;
    const template = document.getElementById("rt-response-entry");
    for (const local of org.owes) {
      const rec = this.report.recommendations.find((r) => r.local === local);
      if (rec) this.entries.push(this.entry(template, rec));
    }
    this.slot("entries").append(...this.entries.map((e) => e.element));
    this.restore();
    this.refresh();
  }

  entry(template, rec) {
    const element = template.content.firstElementChild.cloneNode(true);
    const prefix = `rt-r-${rec.local}-`;
    element.dataset.rtEntry = rec.local;
    for (const el of element.querySelectorAll("[data-rt-id]")) el.id = prefix + el.dataset.rtId;
    for (const el of element.querySelectorAll("[data-rt-for]")) el.htmlFor = prefix + el.dataset.rtFor;
    for (const el of element.querySelectorAll("[data-rt-describedby]")) {
      el.setAttribute("aria-describedby", el.dataset.rtDescribedby.split(" ").map((id) => prefix + id).join(" "));
    }
    element.querySelector('[data-rt-slot="title"]').textContent = rec.title;
    const wording = element.querySelector('[data-rt-slot="wording"]');
    const lead = document.createElement("p");
    lead.textContent = rec.text;
    wording.append(lead);
    if (rec.actions.length) {
      const list = document.createElement("ul");
      for (const action of rec.actions) list.append(Object.assign(document.createElement("li"), { textContent: action }));
      wording.append(list);
    }
    const pick = (name) => element.querySelector(`[data-rt-field="responses[].${name}"]`);
    return { rec, element, action: pick("action"), implementation: pick("implementation"),
             evidence: pick("evidence"), sentence: element.querySelector("[data-rt-sentences]") };
  }

  entryOf(el) {
    const element = el.closest("[data-rt-entry]");
    return element ? this.entries.find((e) => e.element === element) : null;
  }

  // --- typing --------------------------------------------------------------------------------------

  onInput(event) {
    const el = event.target;
    if (!this.owner) return;
    const entry = this.entryOf(el);
    if (entry && el === entry.evidence) {
      this.touched.add(el);
      this.spotSoon(entry);  // a quote is refused as soon as it is not in the answer
    } else if (entry && el === entry.action) {
      this.sentencesSoon(entry);
      if (entry.evidence.value.trim()) this.spotSoon(entry);
    } else if (el.getAttribute("aria-invalid") === "true") {
      this.showField(el);  // a field shown wrong is checked again as it is corrected
    }
    this.saveSoon();
  }

  onChange(event) {
    const el = event.target;
    if (el === this.field("report")) {
      this.chooseReport(el.value);
      return;
    }
    if (el === this.field("owner")) {
      this.chooseOwner(el.value);
      return;
    }
    if (!this.owner) return;
    const entry = this.entryOf(el);
    if (entry && el === entry.sentence) {
      if (el.value !== "") {
        entry.evidence.value = el.options[el.selectedIndex].text;
        this.touched.add(entry.evidence);
      }
      this.showEntry(entry);
    } else if (entry) {
      this.touched.add(el);
      this.showEntry(entry);
    } else {
      this.touched.add(el);
      this.showField(el);
    }
    this.refresh();
    this.saveSoon();
  }

  refreshSentences(entry) {
    const options = sentences(this.clean(entry.action.value));
    const chosen = entry.sentence.value !== "" ? entry.sentence.options[entry.sentence.selectedIndex].text : null;
    entry.sentence.replaceChildren(new Option(options.length ? this.text.pick_sentence : this.text.paste_first, ""),
                                   ...options.map((text, index) => new Option(text, String(index))));
    const again = options.indexOf(chosen);
    if (again >= 0) entry.sentence.value = String(again);
    this.refresh();
  }

  // --- checking ----------------------------------------------------------------------------------

  /** The words for a broken schema rule; a choice left empty is "nothing is chosen". */
  message(code, values = {}, rule = {}) {
    const key = code === "needed" && rule.enum ? "enum" : code;
    const [message, fix] = this.rules.messages[key];
    return { message: fill(message, values), fix: key === "pattern" && rule.hint ? sentence(rule.hint) : fill(fix, values) };
  }

  check(code, values = {}) {
    const check = this.rules.checks[code];
    return { message: fill(check.message, values), fix: fill(check.fix, values) };
  }

  /** The problem with one field of the document part, or null. */
  documentProblem(el) {
    const path = el.dataset.rtField;
    const rule = this.rules.fields[path];
    const value = this.clean(el.value);
    const broken = breaks(rule, value);
    if (broken) {
      if (path === "source.title" && broken.code === "needed") return this.check("unfilled");
      return this.message(broken.code, broken, rule);
    }
    if (path === "published" && value) {
      if (value < this.report.published_earliest) return this.check("before-report", { date: this.report.published_text });
      if (value > londonToday()) return this.check("future-date");
    }
    if (path === "kind" && value === this.rules.fields.kind.enum[0] && this.owner.first_comments) {
      return this.check("duplicate-document", { organisation: this.owner.name });
    }
    return null;
  }

  /** The problems of one recommendation's block: {element: problem or null}. */
  entryProblems(entry) {
    const fields = this.rules.fields;
    const action = this.clean(entry.action.value);
    const claim = entry.implementation.value;
    const evidence = this.clean(entry.evidence.value);
    const out = new Map([[entry.action, null], [entry.implementation, null], [entry.evidence, null]]);
    const quote = evidence && !quoted(this.normalise, evidence, action) ? this.check("evidence-not-in-action") : null;
    if (!action) {
      out.set(entry.evidence, quote);  // words typed as evidence for no answer are in no answer
      return out;
    }
    const broken = (path, value) => {
      const found = breaks(fields[path], value);
      return found ? this.message(found.code, found, fields[path]) : null;
    };
    out.set(entry.action, broken("responses[].action", action));
    out.set(entry.implementation, broken("responses[].implementation", claim));
    let problem = broken("responses[].evidence", evidence) || quote;
    if (!problem && !evidence && claim && claim !== "not-stated") {
      problem = this.check("missing-evidence", { claim: fields["responses[].implementation"].labels[claim] });
    } else if (!problem && evidence && claim === "not-stated") {
      problem = this.check("evidence-without-claim");
    }
    out.set(entry.evidence, problem);
    return out;
  }

  showField(el) {
    this.whenReleased(el, () => this.showProblem(el, this.documentProblem(el)));
  }

  showEntry(entry) {
    this.whenReleased(entry.element, () => {
      for (const [el, problem] of this.entryProblems(entry)) {
        this.showProblem(el, this.touched.has(el) || this.submitted ? problem : null);
      }
      this.refresh();
    });
  }

  /** Show what ``paint`` shows now or, while a pointer is pressed, once it is released and its click is
   * handled (the last ``paint`` for each ``key``). A quote is checked as its field is left, which pressing
   * the Download button does, and 120 ms after typing stops: a message appearing between the press and
   * the release moved the button from under the pointer, the click landed beside it, and nothing told
   * the reader why no file came. */
  whenReleased(key, paint) {
    if (this.pressed) this.held.set(key, paint);
    else paint();
  }

  release() {
    const held = [...this.held.values()];
    this.held.clear();
    for (const paint of held) paint();
  }

  /** Every problem in the form, in the order of the page: [{el, label, message, fix}]. */
  problems() {
    const out = [];
    const add = (el, problem, label) => {
      if (problem) out.push({ el, label: label || labelOf(el), ...problem });
    };
    for (const name of ["report", "owner"]) {
      if (!this.field(name).value) add(this.field(name), this.message("enum"));
    }
    if (!this.owner) return out;
    for (const name of DOCUMENT_FIELDS) add(this.field(name), this.documentProblem(this.field(name)));
    for (const entry of this.entries) {
      for (const [el, problem] of this.entryProblems(entry)) add(el, problem, `${entry.rec.name}: ${labelOf(el)}`);
    }
    if (!this.answers().length && this.entries.length) add(this.entries[0].action, this.check("draft"));
    return out;
  }

  showProblem(el, problem) {
    const message = el.id ? document.getElementById(`${el.id}-error`) : null;
    if (problem) {
      el.setAttribute("aria-invalid", "true");
    } else {
      el.removeAttribute("aria-invalid");
    }
    if (message) message.textContent = problem ? [problem.message, problem.fix].filter(Boolean).join(" ") : "";
  }

  /** Every field of the form, in the order of the page. */
  fields() {
    const names = ["report", "owner", ...(this.owner ? DOCUMENT_FIELDS : [])];
    return [...names.map((name) => this.field(name)),
            ...this.entries.flatMap((e) => [e.action, e.implementation, e.evidence])];
  }

  /** Show every problem beside its field and listed at the top; true when there is none. */
  checkAll() {
    this.submitted = true;
    const problems = this.problems();
    const shown = new Set();
    for (const el of this.fields()) this.showProblem(el, null);
    for (const problem of problems) {
      if (!shown.has(problem.el)) this.showProblem(problem.el, problem);
      shown.add(problem.el);
    }
    this.refresh();
    if (!problems.length) {
      this.hideSummary();
      return true;
    }
    const summary = document.getElementById("rt-r-summary");
    this.slot("summary").textContent = problems.length === 1 ? this.rules.messages.summary_one
      : fill(this.rules.messages.summary, { count: problems.length });
    this.slot("problems").replaceChildren(...problems.map((p) => {
      const link = Object.assign(document.createElement("a"), { href: `#${p.el.id}`,
                                                                textContent: `${p.label}: ${p.message}` });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }));
    summary.hidden = false;
    summary.focus();
    return false;
  }

  hideSummary() {
    document.getElementById("rt-r-summary").hidden = true;
  }

  // --- the file ----------------------------------------------------------------------------------

  answers() {
    return this.entries.filter((e) => this.clean(e.action.value)).map((e) => ({
      rec: e.rec,
      action: this.clean(e.action.value),
      implementation: e.implementation.value,
      evidence: this.clean(e.evidence.value) || null,
    }));
  }

  destination() {
    const kind = this.field("kind").value;
    const published = this.clean(this.field("published").value);
    const name = kind === this.rules.fields.kind.enum[0] ? this.owner.id : `${this.owner.id}--${kind}-${published}`;
    return { name: `${name}.yaml`, path: `${this.owner.folder}/${name}.yaml` };
  }

  fileText() {
    const value = (name) => fileValue(this.rules.fields[name], this.clean(this.field(name).value));
    const document_ = {
      owner: this.owner.id, report: this.report.id, kind: this.field("kind").value,
      author: value("author"), published: value("published"), title: value("source.title"),
      url: value("source.url"), foreword: value("foreword"),
    };
    return responseFile(document_, this.answers(), [fill(this.text.file_header, { path: this.destination().path })]);
  }

  /** What the send part shows as things change: where the file goes, what is unanswered, the file itself. */
  refresh() {
    this.whenReleased(this.refresh, () => this.refreshNow());
  }

  refreshNow() {
    if (!this.owner) return;
    this.slot("destination").textContent = this.destination().path;
    const answered = new Set(this.answers().map((a) => a.rec.local));
    const missing = this.entries.filter((e) => !answered.has(e.rec.local)).map((e) => e.rec.number ?? e.rec.name);
    this.slot("unanswered").textContent = missing.length && answered.size
      ? [fill(this.rules.checks.unanswered.message, { numbers: missing.join(", ") }),
         this.owner.s55 ? this.text.unanswered_s55 : ""].filter(Boolean).join(" ")
      : "";
    this.slot("preview").value = this.problems().length ? this.text.preview_empty : this.fileText();
  }

  status(text) {
    this.slot("status").textContent = text;
  }

  download() {
    if (!this.checkAll()) return;
    const { name } = this.destination();
    const blob = new Blob([this.fileText()], { type: "application/yaml" });
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    this.status(fill(this.text.downloaded, { name }));
  }

  propose(event, link) {
    if (!this.checkAll()) {
      event.preventDefault();
      return;
    }
    const [nameParameter, textParameter] = link.dataset.rtPropose.split(" ");
    const limit = Number(link.dataset.rtLimit);
    const { path } = this.destination();
    const base = `${link.dataset.base}?${nameParameter}=${encodeURIComponent(path)}`;
    const full = `${base}&${textParameter}=${encodeURIComponent(this.fileText())}`;
    link.href = full.length <= limit ? full : base;
    this.status(full.length <= limit ? "" : fill(this.text.too_long_url, { count: full.length, limit }));
  }

  mail(event, link) {
    if (!this.checkAll()) {
      event.preventDefault();
      return;
    }
    const limit = Number(link.dataset.rtLimit);
    const { name, path } = this.destination();
    const subject = fill(this.text.mail_subject, { organisation: this.owner.name, report: this.report.title });
    const base = `${link.dataset.base}?subject=${encodeURIComponent(subject)}&body=`;
    const full = base + encodeURIComponent(this.fileText());
    link.href = full.length <= limit ? full : base + encodeURIComponent(fill(this.text.mail_attach, { name, path }));
  }

  async copy() {
    if (!this.checkAll()) return;
    const text = this.fileText();
    try {
      await navigator.clipboard.writeText(text);
      this.status(this.text.copied);
    } catch {
      const preview = this.slot("preview");
      preview.closest("details").open = true;
      preview.focus();
      preview.select();
      this.status(this.text.copy_failed);
    }
  }

  // --- the draft ---------------------------------------------------------------------------------

  save() {
    if (!this.owner) return;
    const fields = Object.fromEntries(DOCUMENT_FIELDS.map((name) => [name, this.field(name).value]));
    const answers = Object.fromEntries(this.entries.map((e) => [e.rec.local, {
      action: e.action.value, implementation: e.implementation.value, evidence: e.evidence.value,
    }]));
    const kept = drafts.save(this.report.id, this.owner.id, { fields, answers });
    this.slot("saved").textContent = kept ? fill(this.text.saved, { time: clockTime() }) : this.text.not_saved;
  }

  restore() {
    const draft = drafts.load(this.report.id, this.owner.id);
    if (!draft) {
      this.slot("saved").textContent = drafts.available ? "" : this.text.not_saved;
      return;
    }
    for (const name of DOCUMENT_FIELDS) {
      const value = draft.fields?.[name];
      if (typeof value === "string") this.field(name).value = value;
    }
    for (const entry of this.entries) {
      const saved = draft.answers?.[entry.rec.local];
      if (!saved) continue;
      for (const name of ["action", "implementation", "evidence"]) {
        if (typeof saved[name] === "string") entry[name].value = saved[name];
      }
      this.refreshSentences(entry);
    }
    // What was typed before is shown as checked: a reload must not hide a problem.
    for (const name of DOCUMENT_FIELDS) {
      const el = this.field(name);
      if (el.value.trim()) {
        this.touched.add(el);
        this.showField(el);
      }
    }
    for (const entry of this.entries) {
      for (const el of [entry.action, entry.implementation, entry.evidence]) if (el.value.trim()) this.touched.add(el);
      this.showEntry(entry);
    }
    this.slot("saved").textContent = fill(this.text.restored, { time: clockTime(draft.saved) });
  }

  clear(button) {
    if (!this.owner) return;
    if (this.armed === null) {
      this.armed = setTimeout(() => this.disarm(button), ARMED_FOR);
      this.status(this.text.confirm_clear);
      return;
    }
    this.disarm(button);
    drafts.remove(this.report.id, this.owner.id);
    this.chooseOwner(this.owner.id);
    this.slot("saved").textContent = "";
    this.status(this.text.cleared);
  }

  disarm() {
    if (this.armed !== null) clearTimeout(this.armed);
    this.armed = null;
  }
}

/** A field's label as text (its <label>), for the list of problems. */
function labelOf(el) {
  const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
  return label ? label.textContent.trim() : el.name || "";
}

/** A schema hint ("write the full address, starting https://") as a sentence. */
function sentence(hint) {
  const text = hint.charAt(0).toUpperCase() + hint.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export async function mount(root) {
  const rules = await fetchJson(root.dataset.rtResponseForm);
  await new ResponseForm(root, rules).start();
}
