"""The response form's rules are generated from the schemas, never written a second time.

``render/form_rules.py`` turns the response schema into the rules the form's script applies. These
tests change a copy of the schemas and see the rules follow; refuse a schema keyword the script does
not apply; translate Python patterns into JavaScript exactly or refuse; and hold the form's own checks
to the validator's problem codes. The browser tests (tests/browser/test_response_rules.py) then compare
the script's verdicts with the validator's, value by value.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rectrack.data.problems import Code
from rectrack.data.schema import schema_dir
from rectrack.render.form_rules import FORM_FIELDS, FormRulesError, field_rule, form_rules, js_pattern
from rectrack.text import WHITESPACE
from rectrack.wording import FORM_CHECKS, IMPLEMENTATION_LABELS


@pytest.fixture
def schemas(tmp_path: Path) -> Path:
    """A copy of the shipped schemas to change."""
    target = tmp_path / "schemas"
    shutil.copytree(schema_dir(), target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(document), "utf-8")


def test_the_rules_are_the_schemas_own() -> None:
    common = json.loads((schema_dir() / "common.schema.json").read_text("utf-8"))["$defs"]
    response = json.loads((schema_dir() / "response.schema.json").read_text("utf-8"))
    rules = form_rules()["fields"]
    assert rules["source.url"]["maxLength"] == common["url"]["maxLength"]
    assert rules["author"]["maxLength"] == common["shortText"]["maxLength"]
    answer = response["properties"]["responses"]["items"]["properties"]
    assert rules["responses[].implementation"]["enum"] == answer["implementation"]["enum"]
    assert rules["responses[].evidence"]["maxLength"] == answer["evidence"]["maxLength"]
    assert rules["responses[].implementation"]["labels"] == {v: IMPLEMENTATION_LABELS[v]
                                                              for v in answer["implementation"]["enum"]}
    assert rules["published"]["format"] == "date" and rules["published"]["nullable"]
    assert not rules["author"]["nullable"] and rules["author"]["minLength"] == 1
    assert set(FORM_FIELDS) <= set(rules)


def test_a_changed_schema_changes_the_rules(schemas: Path) -> None:
    def shorter(doc: dict) -> None:
        doc["$defs"]["url"]["maxLength"] = 123
        doc["$defs"]["shortText"]["pattern"] = "^[A-Z]"

    edit(schemas, "common.schema.json", shorter)
    def fewer(doc: dict) -> None:
        doc["properties"]["responses"]["items"]["properties"]["implementation"]["enum"].remove("not-started")

    edit(schemas, "response.schema.json", fewer)
    rules = form_rules(schemas)["fields"]
    assert rules["source.url"]["maxLength"] == 123
    assert rules["author"]["pattern"] == "^[A-Z]"
    assert "not-started" not in rules["responses[].implementation"]["enum"]


@pytest.mark.parametrize("keyword, value", [("const", "x"), ("minItems", 1), ("format", "email"), ("not", {})])
def test_a_keyword_the_script_does_not_apply_stops_the_build(schemas: Path, keyword: str, value: object) -> None:
    edit(schemas, "common.schema.json", lambda doc: doc["$defs"]["shortText"].update({keyword: value}))
    with pytest.raises(FormRulesError, match="author"):
        form_rules(schemas)


def test_a_field_that_is_not_text_stops_the_build(schemas: Path) -> None:
    edit(schemas, "response.schema.json", lambda doc: doc["properties"].update({"author": {"type": "integer"}}))
    with pytest.raises(FormRulesError, match="text only"):
        field_rule("author", schemas)


@pytest.mark.parametrize("python, javascript", [
    (r"^[a-z0-9]+(-[a-z0-9]+)*(?!\n)$", r"^[a-z0-9]+(-[a-z0-9]+)*(?!\n)(?=\n?$)"),
    (r"a.b", r"a[^\n]b"),
    (r"x\"y", 'x"y'),
    (r"[\-\]]", r"[\-\]]"),
    (r"[^\s<>]", "[^" + "".join(f"\\u{ord(c):04x}" for c in WHITESPACE) + "<>]"),
    (r"\S", "[^" + "".join(f"\\u{ord(c):04x}" for c in WHITESPACE) + "]"),
    (r"(?:a|b)(?<=b)", r"(?:a|b)(?<=b)"),
])
def test_python_patterns_become_javascript_that_matches_the_same(python: str, javascript: str) -> None:
    assert js_pattern(python) == javascript


@pytest.mark.parametrize("python", [r"\d", r"\w+", r"\bx", r"[\S]", r"(?P<n>x)", r"(?i)x", r"[a", "x\\", r"[[]"])
def test_patterns_it_cannot_translate_exactly_are_refused(python: str) -> None:
    with pytest.raises(FormRulesError):
        js_pattern(python)


def test_every_form_check_is_one_of_the_validators_codes() -> None:
    codes = {code.value for code in Code}
    assert set(FORM_CHECKS) - codes == {"future-date"}, "only the future-date check is the form's own"
    for check in FORM_CHECKS.values():
        assert check["severity"] in ("error", "notice") and check["message"]
    assert form_rules()["checks"] == FORM_CHECKS


def test_the_quote_comparison_is_the_validators() -> None:
    quote = form_rules()["quote"]
    assert quote["whitespace"] == WHITESPACE
    from rectrack.text import QUOTE_MARKS, normalise
    assert quote["marks"] == QUOTE_MARKS
    assert normalise("\u2018a\u2019 \u201cb\u201d\x1c\u3000c ") == "'a' \"b\" c"
