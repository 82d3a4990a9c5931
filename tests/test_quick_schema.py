"""The quick schema check (``jsonschema_rs``) passes a file only when ``jsonschema`` finds nothing in it.

Where Rust and Python differ in meaning, the quick check must hand the decision back to Python: each
case here is one Rust alone would pass and ``jsonschema`` does not, and the problems reported must be
``jsonschema``'s own.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema_rs
import pytest
from rectrack.data import schema
from rectrack.data.kinds import KINDS
from rectrack.data.read import load_file

REPO = Path(__file__).resolve().parents[1]

# (what, the shipped text to change, its replacement): each still parses, and only its schema check fails.
CASES = [
    # Rust counts 1.0 as an integer (JSON Schema does); a recommendation's number must be written 1.
    ("a float where a whole number goes", "    number: 1\n", "    number: 1.0\n"),
    # Python's \s holds the separators \x1c-\x1f, Rust's does not: text of one separator has no letter.
    ("text of a separator character alone", '    text: "By 31 October 2026, forces should:"\n',
     '    text: "\\x1c"\n'),
    # A date of the right shape that is no day: the pattern passes it, the "date" format does not.
    ("a date that does not exist", '    deadline: "2026-10-31"\n', '    deadline: "2026-02-30"\n'),
]


def _recommendations(tmp_path: Path, old: str, new: str):
    path = tmp_path / "recommendations.yaml"
    text = (REPO / "data" / "recommendations.yaml").read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    loaded, problems = load_file(path, "data/recommendations.yaml")
    assert loaded is not None and not problems
    return loaded


def _rust_alone(kind: str):
    """The quick check as Rust alone would make it, from the schemas as written."""
    documents = schema._documents(schema.schema_dir())
    registry = jsonschema_rs.Registry([(d["$id"], d) for d in documents.values()])
    name = next(k.schema for k in KINDS if k.name == kind)
    return jsonschema_rs.validator_for(documents[name], registry=registry, validate_formats=False)


def test_every_kind_of_file_has_a_quick_check() -> None:
    quick = schema._quick_validators(str(schema.schema_dir()))
    assert set(quick) == {k.name for k in KINDS}


def test_the_shipped_files_pass_the_quick_check() -> None:
    quick = schema._quick_validators(str(schema.schema_dir()))["recommendations"]
    loaded, _ = load_file(REPO / "data" / "recommendations.yaml", "data/recommendations.yaml")
    assert loaded is not None and quick(loaded.data)


@pytest.mark.parametrize("what,old,new", CASES, ids=[c[0] for c in CASES])
def test_where_rust_would_pass_a_file_python_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     what: str, old: str, new: str) -> None:
    loaded = _recommendations(tmp_path, old, new)
    assert _rust_alone("recommendations").is_valid(loaded.data)  # the case is one where the two differ
    assert not schema._quick_validators(str(schema.schema_dir()))["recommendations"](loaded.data)
    reported = schema.check(loaded, "recommendations")
    monkeypatch.setattr(schema, "_quick_validators", lambda directory: {})
    assert reported == schema.check(loaded, "recommendations") != []


def test_data_the_quick_check_cannot_take_gets_the_full_check() -> None:
    """Data the Rust side refuses to take (a key that is not text) fails the quick check, never raises."""
    quick = schema._quick_validators(str(schema.schema_dir()))["recommendations"]
    with pytest.raises(ValueError):
        quick({1: "x"})
    assert schema._passes(quick, {1: "x"}) is False


def test_names_that_look_like_keywords_stay_names() -> None:
    """Only keywords are handed to Python: a property called "pattern" or "format" keeps its name wherever
    a schema names properties, or the quick check would drop what the schema says of it."""
    names = {"pattern": {"type": "string", "pattern": "^a"}, "format": {"type": "integer"}}
    schema_ = {"properties": names, "required": ["format"], "dependentRequired": {"pattern": ["format"]},
               "dependencies": {"format": ["pattern"]}}
    changed = schema._python_semantics(schema_)
    assert set(changed["properties"]) == {"pattern", "format"}
    assert changed["properties"]["pattern"] == {"type": "string", schema._PATTERN: "^a"}
    assert changed["properties"]["format"] == {"type": "integer", schema._INTEGER: True}
    assert changed["required"] == ["format"]
    assert changed["dependentRequired"] == {"pattern": ["format"]}
    assert changed["dependencies"] == {"format": ["pattern"]}
