"""The response form's rules, generated from the JSON Schemas so that the browser checks what the validator checks.

The "Publish a response" page checks each field as it is typed. Those checks are never written a
second time in JavaScript: this module reads ``schemas/response.schema.json`` (and the shared
definitions it refers to) and writes, for each field the form fills, the schema's own constraints
(``type``, ``enum``, ``pattern``, ``minLength``, ``maxLength``, ``format: date``, null allowed or not,
required or not) into a JSON file the form's script reads. A field whose schema uses any other keyword
fails the build (:class:`FormRulesError`), so a schema change cannot leave the form checking less than
the validator without anyone noticing.

Two things need translating, not copying:

* **Patterns.** JSON Schema patterns are applied by the validator with Python's ``re`` (``re.search``);
  JavaScript's regular expressions differ where it matters here: ``\\s`` is a different set of
  characters, ``$`` does not match before a final newline, ``.`` stops at more line breaks.
  :func:`js_pattern` rewrites a pattern into JavaScript that matches exactly the same strings, and
  refuses constructs it cannot translate exactly.
* **The checks that are code, not schema** (the evidence must be quoted from the action, a claim needs
  evidence, the date must not be before the report): each is listed under the validator's own problem
  code, with the quote comparison's characters taken from :mod:`rectrack.text`, the function the
  validator itself uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rectrack.data.kinds import COMMON_SCHEMA
from rectrack.data.problems import Code
from rectrack.data.schema import schema_dir
from rectrack.errors import RectrackError
from rectrack.text import QUOTE_MARKS, WHITESPACE
from rectrack.wording import DOCUMENT_KINDS, FORM_CHECKS, FORM_MESSAGES, FORM_TEXT, IMPLEMENTATION_LABELS

RESPONSE_SCHEMA = "response.schema.json"

#: The fields the form fills, by their path in a response file ("responses[]." for each answer).
FORM_FIELDS = (
    "kind", "author", "published", "source.title", "source.url", "foreword",
    "responses[].action", "responses[].implementation", "responses[].evidence",
)
#: The fields the form does not let people type: chosen from lists the build wrote (the report, the
#: organisation, the recommendation answered). Their rules are still exported, for the file's own check.
CHOSEN_FIELDS = ("owner", "report")
#: Fields the form asks for although a file may leave them empty or null: the schema allows an empty
#: title (an untouched template), no date and no address (an old document that states neither), but a
#: document published through the form has all three, and ``--strict`` fails an empty title.
FORM_NEEDED = frozenset({"kind", "author", "published", "source.title", "source.url", "responses[].implementation"})
#: Keywords the form's script applies exactly as the validator does.
_APPLIED = frozenset({"type", "enum", "pattern", "minLength", "maxLength", "format"})
#: Keywords that only describe a field.
_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "x-hint", "x-verbatim", "x-editorial"})
#: Labels of enum values, by field (the words the site uses for them).
_LABELS = {"kind": DOCUMENT_KINDS, "responses[].implementation": IMPLEMENTATION_LABELS}


class FormRulesError(RectrackError):
    """The schema asks for something the form's script cannot check exactly as the validator does."""


@dataclass(frozen=True)
class _Schemas:
    response: dict
    #: Definitions by their reference as the response schema writes it ("common.schema.json#/$defs/url").
    defs: dict


def _load(directory: Path | None) -> _Schemas:
    base = directory or schema_dir()
    response = json.loads((base / RESPONSE_SCHEMA).read_text("utf-8"))
    common = json.loads((base / COMMON_SCHEMA).read_text("utf-8"))
    defs = {f"#/$defs/{name}": node for name, node in response.get("$defs", {}).items()}
    # Inside the shared file "#/$defs/url" means that file's own definition.
    defs |= {f"{COMMON_SCHEMA}#/$defs/{name}": _qualified(node) for name, node in common["$defs"].items()}
    return _Schemas(response, defs)


def _qualified(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (f"{COMMON_SCHEMA}{v}" if k == "$ref" and isinstance(v, str) and v.startswith("#/")
                    else _qualified(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_qualified(item) for item in node]
    return node


def _resolve(node: dict, schemas: _Schemas) -> dict:
    """``node`` with a ``$ref`` to a definition replaced by the definition (siblings kept)."""
    ref = node.get("$ref")
    if ref is None:
        return node
    if ref not in schemas.defs:
        raise FormRulesError(f"the form cannot follow the reference {ref!r}")
    target = dict(schemas.defs[ref])
    target.update({k: v for k, v in node.items() if k != "$ref"})
    return _resolve(target, schemas) if "$ref" in target else target


def _node(path: str, schemas: _Schemas) -> tuple[dict, bool]:
    """The schema of the field at ``path`` and whether its parent object requires it."""
    node = schemas.response
    required = True
    for part in path.split("."):
        items = part.endswith("[]")
        name = part.removesuffix("[]")
        node = _resolve(node, schemas)
        required = required and name in node.get("required", ())
        node = _resolve(node["properties"][name], schemas)
        if items:
            node = _resolve(node["items"], schemas)
            required = True
    return node, required


def field_rule(path: str, directory: Path | None = None, schemas: _Schemas | None = None) -> dict[str, Any]:
    """What the form checks for one field, straight from the schema; :class:`FormRulesError` if it cannot."""
    schemas = schemas or _load(directory)
    node, required = _node(path, schemas)
    nullable = False
    if "oneOf" in node:
        branches = [_resolve(b, schemas) for b in node["oneOf"]]
        others = [b for b in branches if b != {"type": "null"}]
        if len(others) != 1 or len(branches) - len(others) > 1:
            raise FormRulesError(f"{path}: the form checks a value or null, not a choice of {len(branches)} kinds")
        nullable = len(others) < len(branches)
        node = {**{k: v for k, v in node.items() if k != "oneOf"}, **others[0]}
    types = node.get("type", "string" if "enum" in node else None)
    if isinstance(types, list):
        nullable = nullable or "null" in types
        types = [t for t in types if t != "null"]
        types = types[0] if len(types) == 1 else types
    if types != "string":
        raise FormRulesError(f"{path}: the form fills text only, the schema asks for {types!r}")
    unknown = set(node) - _APPLIED - _ANNOTATIONS
    if unknown:
        raise FormRulesError(f"{path}: the form's script does not apply {sorted(unknown)}",
                             "teach components/response-rules.js, or change the form; it applies: "
                             + ", ".join(sorted(_APPLIED)))
    if node.get("format", "date") != "date":
        raise FormRulesError(f"{path}: the form's script checks only the date format, not {node['format']!r}")
    rule: dict[str, Any] = {"required": required, "nullable": nullable, "needed": path in FORM_NEEDED}
    if "enum" in node:
        rule["enum"] = list(node["enum"])
        labels = _LABELS.get(path)
        if labels is not None:
            missing = [v for v in node["enum"] if v not in labels]
            if missing:
                raise FormRulesError(f"{path}: no label in wording.py for {missing}")
            rule["labels"] = {v: labels[v] for v in node["enum"]}
    for key in ("minLength", "maxLength", "format"):
        if key in node:
            rule[key] = node[key]
    if "pattern" in node:
        rule["pattern"] = js_pattern(node["pattern"])
    if "x-hint" in node:
        rule["hint"] = node["x-hint"]
    return rule


def form_rules(directory: Path | None = None) -> dict[str, Any]:
    """Everything the form's script checks, as one JSON-ready document (``publish-response/rules.json``)."""
    schemas = _load(directory)
    fields = {path: field_rule(path, schemas=schemas) for path in (*CHOSEN_FIELDS, *FORM_FIELDS)}
    unknown_codes = [code for code in FORM_CHECKS if code not in {c.value for c in Code} and code != "future-date"]
    if unknown_codes:
        raise FormRulesError(f"form checks name no validator problem code: {unknown_codes}")
    return {
        "schema": RESPONSE_SCHEMA,
        "fields": fields,
        # The validator's quote comparison (rectrack.text.normalise): these marks count as the same,
        # and any run of these characters counts as one space.
        "quote": {"marks": QUOTE_MARKS, "whitespace": WHITESPACE},
        "checks": FORM_CHECKS,
        "messages": FORM_MESSAGES,
        "text": FORM_TEXT,
    }


def form_rules_json(directory: Path | None = None) -> str:
    return json.dumps(form_rules(directory), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# --- Patterns --------------------------------------------------------------------------------------

#: Python's whitespace (``\s`` in a str pattern), as JavaScript escapes inside a character class.
_WS_CLASS = "".join(f"\\u{ord(c):04x}" for c in WHITESPACE)
#: Characters that keep their backslash in a JavaScript pattern with the ``u`` flag.
_SYNTAX = set("^$\\.*+?()[]{}|/-")
#: Escapes that mean the same in both.
_SAME = {"n": "\\n", "t": "\\t", "r": "\\r", "f": "\\f", "v": "\\v"}


def js_pattern(pattern: str) -> str:
    """``pattern`` (Python ``re``, as the validator applies it) as JavaScript source for ``new RegExp(p, "u")``
    that matches exactly the same strings; :class:`FormRulesError` for anything it cannot translate exactly."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                raise FormRulesError(f"pattern {pattern!r} ends in a backslash")
            e = pattern[i + 1]
            i += 2
            if e in _SAME:
                out.append(_SAME[e])
            elif e == "s":
                out.append(_WS_CLASS if in_class else f"[{_WS_CLASS}]")
            elif e == "S" and not in_class:
                out.append(f"[^{_WS_CLASS}]")
            elif e in _SYNTAX:
                out.append("\\" + e)
            elif e.isalnum() or e == "_":
                raise FormRulesError(f"pattern {pattern!r}: \\{e} means different things in Python and "
                                     "JavaScript (or inside a class); spell the characters out")
            else:
                out.append(e)  # a Python identity escape of punctuation: the character itself
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[":
                raise FormRulesError(f"pattern {pattern!r}: a '[' inside a character class")
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern[i + 1:i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":
                raise FormRulesError(f"pattern {pattern!r}: a ']' first in a class")
        elif c == ".":
            out.append("[^\\n]")  # Python's "." stops only at "\n"; JavaScript's at four line breaks
        elif c == "$":
            out.append("(?=\\n?$)")  # Python's "$" also matches before a final "\n"
        elif c == "(" and pattern[i + 1:i + 2] == "?":
            head = pattern[i:i + 4]
            if not head.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!")):
                raise FormRulesError(f"pattern {pattern!r}: the group {head!r}... is not translated")
            out.append("(?")
            i += 2
            continue
        else:
            out.append(c)
        i += 1
    if in_class:
        raise FormRulesError(f"pattern {pattern!r}: an unclosed character class")
    return "".join(out)
