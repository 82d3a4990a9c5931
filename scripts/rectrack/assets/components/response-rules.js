/* The response form's checks, applying the rules the build generated from the JSON Schemas
   (publish-response/rules.json, written by scripts/rectrack/render/form_rules.py). Nothing here
   knows a field's limits, patterns or allowed values: they come from that file, so the form checks
   what the validator checks. What this module knows is what each schema keyword means (as JSON
   Schema and the validator's Python define it: lengths count characters, not UTF-16 units; a
   "date" is a day on the calendar) and how the validator compares a quote with its text. */

/** The number of characters in `text`, as the validator (Python, JSON Schema) counts them. */
export function length(text) {
  let count = 0;
  for (const _ of text) count += 1;  // by code point: "😀".length is 2
  return count;
}

/** A calendar date "YYYY-MM-DD" that exists (the "date" format: Python's date.fromisoformat). */
export function isRealDate(text) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();  // the month's length (leap year 2000)
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : days);
}

const compiled = new Map();
function pattern(source) {
  if (!compiled.has(source)) compiled.set(source, new RegExp(source, "u"));
  return compiled.get(source);
}

/** What the file holds for a field left empty: null where the schema allows it, else the empty text. */
export function fileValue(rule, value) {
  return value === "" && rule.nullable ? null : value;
}

/** The first rule that `value` (the field's text, outer whitespace off) breaks, as {code, count, max};
    null when it keeps them all. An empty field the form asks for is "needed"; any other empty field
    is what the file will hold (null where the schema allows it). */
export function breaks(rule, value) {
  if (value === "" && rule.needed) return { code: "needed" };
  const held = fileValue(rule, value);
  if (held === null) return null;
  if (rule.enum && !rule.enum.includes(held)) return { code: "enum" };
  const count = length(held);
  if (rule.minLength !== undefined && count < rule.minLength) return { code: "minLength" };
  if (rule.maxLength !== undefined && count > rule.maxLength) return { code: "maxLength", count, max: rule.maxLength };
  if (rule.pattern !== undefined && !pattern(rule.pattern).test(held)) return { code: "pattern" };
  if (rule.format === "date" && !isRealDate(held)) return { code: "format" };
  return null;
}

/** The validator's comparison of a quote with the text it cites (rectrack.text.normalise). */
export function normaliser(quote) {
  const escaped = [...quote.whitespace].map((c) => `\\u{${c.codePointAt(0).toString(16)}}`).join("");
  const runs = new RegExp(`[${escaped}]+`, "gu");
  const ends = new RegExp(`^[${escaped}]+|[${escaped}]+$`, "gu");
  const marks = Object.entries(quote.marks);
  return (text) => {
    let out = text;
    for (const [mark, plain] of marks) out = out.split(mark).join(plain);
    return out.replace(runs, " ").replace(ends, "");
  };
}

/** Outer whitespace off (the validator's own characters), and line breaks as "\n". */
export function cleaner(quote) {
  const escaped = [...quote.whitespace].map((c) => `\\u{${c.codePointAt(0).toString(16)}}`).join("");
  const ends = new RegExp(`^[${escaped}]+|[${escaped}]+$`, "gu");
  return (text) => String(text ?? "").replace(/\r\n?/g, "\n").replace(ends, "");
}

/** Is `evidence` quoted from `action`, as the validator decides (evidence-not-in-action)? */
export function quoted(normalise, evidence, action) {
  return normalise(action).includes(normalise(evidence));
}

/** The sentences of `text`, for picking evidence: each is words of the text, with its line breaks as
    spaces (the validator compares quotes whitespace-insensitively). */
export function sentences(text) {
  const out = [];
  for (const block of String(text).split(/\n[ \t]*\n|\n(?=[ \t]*[-•*–] )/u)) {
    const flat = block.replace(/\s+/gu, " ").trim();
    if (!flat) continue;
    for (const piece of flat.split(/(?<=[.!?…]["'”’)\]]*) (?=[-•*–("'“‘]?[\p{Lu}\p{N}])/u)) {
      const sentence = piece.trim();
      if (sentence && !out.includes(sentence)) out.push(sentence);
    }
  }
  return out;
}

/** `template` with each {name} replaced by values[name]. */
export function fill(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
