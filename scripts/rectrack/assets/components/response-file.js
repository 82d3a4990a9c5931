/* The response file the form makes: the same layout as the files Rectrack writes in Python
   (scripts/rectrack/authoring/writer.py: fields in a fixed order, each recommendation's wording as a
   comment above its answer), each value written by js-yaml's emitter (vendored in assets/vendor/,
   with its licence), never by string formatting.

   The reader is PyYAML (YAML 1.1), so values are dumped with js-yaml's YAML 1.1 schema: it quotes
   "yes", "no", "on", "2026-10-31" and every other string YAML 1.1 would read as something else.
   Like writer.py, only id-like strings may stay plain; prose is double-quoted, and text over several
   lines is a literal block. The browser tests load what this writes with PyYAML and compare. */

import { dump, YAML11_SCHEMA } from "../vendor/js-yaml/js-yaml.js";

/** The first line of every response file (writer.SCHEMA_POINTER): editors' YAML plugins check the
    file against the schema as they type. */
export const SCHEMA_POINTER = "# yaml-language-server: $schema=../../../schemas/response.schema.json";
const COMMENT_WIDTH = 100;
// Characters YAML treats as line breaks: only "\n" may appear in a literal block.
const OTHER_BREAKS = /[\r\x85\u2028\u2029]/u;
// Strings that may be left plain (ids, enum values) if the emitter agrees (writer._PLAIN_CANDIDATE).
const PLAIN_CANDIDATE = /^[A-Za-z][A-Za-z0-9_./-]*$/u;
// What a comment must not carry: line breaks (the rest would be read as data) and characters YAML
// refuses anywhere (writer._comment_safe).
const NOT_IN_COMMENT = /[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\x85\u2028\u2029\ufeff]/gu;

/** The YAML for `value` after `key: ` in a mapping indented by `indent` (writer.scalar). */
export function scalar(value, indent = 0, text = false) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return String(value);
  const literal = value.includes("\n") && !OTHER_BREAKS.test(value);
  const quote = !literal && (text || OTHER_BREAKS.test(value) || !PLAIN_CANDIDATE.test(value));
  // Dumped as the value of a key at column 0, so that a block's indentation indicator is the one a
  // key's value needs (at the top level js-yaml counts from column -1, as the YAML spec does).
  const dumped = dump({ v: value }, { schema: YAML11_SCHEMA, lineWidth: -1, quoteStyle: "double", forceQuotes: quote });
  if (!dumped.startsWith("v: ")) throw new Error(`unexpected YAML for a text value: ${JSON.stringify(dumped)}`);
  const lines = dumped.slice(3).split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length && lines[lines.length - 1] === "...") lines.pop();  // end marker after a kept final newline
  // A block's content (and its indentation indicator, which is relative) moves right with the key.
  const shift = " ".repeat(indent);
  return [lines[0], ...lines.slice(1).map((line) => (line ? shift + line : line))].join("\n");
}

function field(key, value, indent, text = false) {
  return `${" ".repeat(indent)}${key}: ${scalar(value, indent, text)}`;
}

/** `#` comment lines, wrapped for reading; bullets keep a hanging indent (writer.comment_lines). */
export function commentLines(lines, indent) {
  const prefix = `${" ".repeat(indent)}# `;
  const width = Math.max(COMMENT_WIDTH - prefix.length, 40);
  const out = [];
  for (const raw of lines) {
    const line = String(raw).replace(NOT_IN_COMMENT, " ");
    if (!line.trim()) {
      out.push(prefix.trimEnd());
      continue;
    }
    const hanging = line.startsWith("- ") ? "  " : "";
    let current = "";
    for (const word of line.split(/ +/).filter(Boolean)) {
      const next = current ? `${current} ${word}` : word;
      if (current && next.length > width) {
        out.push(prefix + current);
        current = hanging + word;
      } else {
        current = next;
      }
    }
    if (current.trim()) out.push(prefix + current);
  }
  return out;
}

/** The recommendation as printed (its lead-in, then its bullets), above the answer. */
function wording(rec) {
  return [`${rec.name}: ${rec.text}`, ...rec.actions.map((action) => `- ${action}`)];
}

/** A recommendation's id as the file writes it: its number, or its id when it has none. */
function which(rec) {
  return rec.number === null || rec.number === undefined ? rec.local : rec.number;
}

/**
 * The complete file text.
 * document: {owner, report, kind, author, published, title, url, foreword} (null for an empty field);
 * answers: [{rec, action, implementation, evidence}] in the report's order; header: comment lines.
 */
export function responseFile(document, answers, header = []) {
  const lines = [SCHEMA_POINTER, ...commentLines(header, 0)];
  lines.push(
    field("owner", document.owner, 0),
    field("report", document.report, 0),
    field("kind", document.kind, 0),
    field("author", document.author, 0, true),
    field("published", document.published, 0),
    "source:",
    field("title", document.title, 2, true),
    field("url", document.url, 2),
    field("document", null, 2),
    field("foreword", document.foreword, 0, true),
  );
  lines.push(answers.length ? "responses:" : "responses: []");
  for (const answer of answers) {
    lines.push(...commentLines(wording(answer.rec), 2));
    lines.push(
      `  - recommendation: ${scalar(which(answer.rec))}`,
      field("action", answer.action, 4, true),
      field("implementation", answer.implementation, 4),
      field("evidence", answer.evidence, 4, true),
      field("note", null, 4, true),
      "    as_printed: null",
    );
  }
  return `${lines.join("\n")}\n`;
}
