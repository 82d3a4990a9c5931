"""The data-file reference for editors, generated from the JSON Schemas and the problem-code table.

Written once, in the schemas: the page people read to fill in a response can never describe a field
the validator does not know, or miss one it requires.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rectrack.data.kinds import SCHEMAS
from rectrack.data.problems import DESCRIPTIONS
from rectrack.data.schema import schema_dir
from rectrack.render.markdown import md


@dataclass(frozen=True)
class FieldDoc:
    path: str  # e.g. responses[].inspectorate.verdict
    required: bool
    kind: str  # what may be written: "text", "one of: a, b", "date YYYY-MM-DD", ...
    description: str
    verbatim: bool
    editorial: bool


def _resolve(node: dict, defs: dict) -> dict:
    ref = node.get("$ref")
    if ref and "#/$defs/" in ref:
        merged = dict(defs.get(ref.split("#/$defs/")[1], {}))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged
    return node


def _kind(node: dict, defs: dict) -> str:
    node = _resolve(node, defs)
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"])
    if "oneOf" in node:
        kinds = [_kind(branch, defs) for branch in node["oneOf"]]
        return " or ".join(k for k in kinds if k)
    if node.get("format") == "date":
        return 'date "YYYY-MM-DD"'
    types = node.get("type")
    if isinstance(types, list):
        names = {"string": "text", "integer": "whole number", "number": "number"}
        return " or ".join(names.get(t, str(t)) for t in types)
    if types == "array":
        return "list"
    if types == "object":
        return "fields below"
    if types == "integer":
        return "whole number"
    return {"string": "text", "null": "null", "number": "number", "boolean": "true or false"}.get(types or "", "")


def field_docs(schema: dict, defs: dict | None = None) -> list[FieldDoc]:
    defs = defs if defs is not None else {}
    out: list[FieldDoc] = []

    def walk(node: dict, prefix: str, required: bool) -> None:
        node = _resolve(node, defs)
        for branch in node.get("oneOf", []):
            branch = _resolve(branch, defs)
            if branch.get("type") == "object":
                walk(branch, prefix, required)
        needed = set(node.get("required", []))
        for name, child in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            resolved = _resolve(child, defs)
            out.append(FieldDoc(path, name in needed, _kind(child, defs),
                                child.get("description") or resolved.get("description", ""),
                                bool(child.get("x-verbatim") or resolved.get("x-verbatim")),
                                bool(child.get("x-editorial") or resolved.get("x-editorial"))))
            items = resolved.get("items")
            if isinstance(items, dict) and _resolve(items, defs).get("type") == "object":
                walk(items, f"{path}[].", False)
            elif resolved.get("type") == "object" or any(
                _resolve(b, defs).get("type") == "object" for b in resolved.get("oneOf", [])
            ):
                walk(resolved, f"{path}.", False)

    walk(schema, "", True)
    return out


def load_schemas(directory: Path | None = None) -> dict[str, dict]:
    """Each data file schema once (several kinds of file share the response schema), by file name."""
    base = directory or schema_dir()
    return {name: json.loads((base / name).read_text("utf-8")) for name in SCHEMAS}


def all_field_docs(directory: Path | None = None) -> dict[str, list[FieldDoc]]:
    base = directory or schema_dir()
    defs = json.loads((base / "common.schema.json").read_text("utf-8"))["$defs"]
    return {kind: field_docs(schema, defs) for kind, schema in load_schemas(base).items()}


def _cell(text: str) -> str:
    """Schema text is ours, not user data, but still keep table syntax intact."""
    return text.replace("|", "\\|").replace("\n", " ")


def _region(label: str, table: list[str]) -> list[str]:
    """A Markdown table inside the same focusable scrolling region as every other table on the site
    (see ``components.table``): on a narrow screen a keyboard user can scroll it too."""
    return [f'<div class="rt-scroll" data-rt-scroll tabindex="0" role="region" aria-label="{label}" markdown="1">',
            "", *table, "", "</div>"]


def reference_page(directory: Path | None = None) -> str:
    lines = [
        "# Data file reference",
        "",
        "Generated from the JSON Schemas in `schemas/` and the validator's problem codes, so it always "
        "matches what `rectrack validate` checks. **Verbatim** fields must be copied word for word from "
        "the source document; **editorial** fields are written by the editor and are not in the source.",
        "",
    ]
    schemas = load_schemas(directory)
    for kind, docs in all_field_docs(directory).items():
        title = schemas[kind].get("title", kind)
        table = ["| Field | Required | What to write | Notes |", "|---|---|---|---|"]
        for doc in docs:
            flags = [flag for flag, on in (("verbatim", doc.verbatim), ("editorial", doc.editorial)) if on]
            note = _cell(doc.description) + (f" *({', '.join(flags)})*" if flags else "")
            table.append(f"| `{doc.path}` | {'yes' if doc.required else 'no'} | {_cell(doc.kind)} | {note} |")
        lines += [f"## {_cell(title)}", "", _cell(schemas[kind].get("description", "")), "",
                  *_region(f"Fields of {md(title)} (table scrolls sideways)", table), ""]
    codes = ["| Code | What it means |", "|---|---|"]
    codes += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in DESCRIPTIONS.items()]
    lines += ["## Validator messages", "",
              "Each problem line reads `file:line:column: severity[code] field: message. Hint: ...`.", "",
              *_region("Validator messages (table scrolls sideways)", codes)]
    return "\n".join(lines) + "\n"
