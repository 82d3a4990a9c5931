"""JSON Schema validation of loaded files, with errors turned into located, readable problems.

The schemas in ``schemas/`` are the single statement of what each data file may contain. This module
only applies them; it adds the YAML position of the offending value and a hint written for someone who
is not a programmer (a ``x-hint`` in the schema wins over the generic ones below).
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from rectrack.data.kinds import KINDS
from rectrack.data.problems import Code, Problem
from rectrack.data.read import LoadedFile, dotted, odd_characters_hint, visible
from rectrack.errors import RectrackError

if TYPE_CHECKING:
    from jsonschema_rs import KeywordValidator
    from referencing._core import Resolver

@cache
def schema_dir() -> Path:
    """The folder of the shipped schemas: the package ``rectrack.schemas``, which is the repository's
    ``schemas/`` mapped into the package (``pyproject.toml``), in a checkout and in an installed wheel alike."""
    spec = importlib.util.find_spec("rectrack.schemas")
    if spec is None or spec.origin is None:  # an editable install made before schemas/ was mapped into the package
        raise RectrackError("the installed package has no schemas (rectrack.schemas): the installation is "
                            "older than the code", "reinstall it: `make compile`, or pip install -e .")
    return Path(spec.origin).resolve().parent


def _is_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


#: JSON Schema counts 1.0 as an integer; in a data file ``recommendation: 1.0`` is a typing mistake
#: that would otherwise reach the model as a float (and show as "1.0" on the site).
_Validator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer))


#: Keywords that only annotate: a ``$ref`` beside nothing else behaves exactly like its target.
_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "default", "deprecated"})
#: Keywords whose values are data, not subschemas: never rewritten.
_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})
#: Keywords that change how references resolve: a target holding one is not inlined.
_SCOPE_KEYWORDS = frozenset({"$ref", "$dynamicRef", "$id", "$anchor", "$dynamicAnchor", "$recursiveRef"})


@cache
def _validators(directory: str) -> dict[str, Draft202012Validator]:
    """One validator per kind of file, built once per schema directory and process."""
    documents = _documents(Path(directory))
    registry = _registry(documents)
    return {kind.name: _validator(documents[kind.schema], registry) for kind in KINDS}


def _documents(directory: Path) -> dict[str, Any]:
    return {path.name: json.loads(path.read_text("utf-8")) for path in directory.glob("*.schema.json")}


def _registry(documents: dict[str, Any]) -> Registry:
    """Every schema under its file name (how the schemas refer to each other) and its ``$id``."""
    registry: Registry = Registry()
    for name, document in documents.items():
        resource = Resource.from_contents(document)
        registry = registry.with_resources([(name, resource), (document["$id"], resource)])
    return registry


def _validator(document: Any, registry: Registry) -> Draft202012Validator:
    inlined, _ = _inline_refs(document, registry.resolver(document["$id"]))
    return _Validator(inlined, registry=registry, format_checker=FormatChecker())


def _inline_refs(node: Any, resolver: Resolver, expanding: frozenset[int] = frozenset()) -> tuple[Any, bool]:
    """``node`` with each plain ``$ref`` replaced by its target; and whether no reference is left.

    Resolving a ``$ref`` (``common.schema.json#/$defs/slug``) through ``referencing`` on every value
    validated took most of the validation time. A ``$ref`` whose siblings only annotate is replaced by
    its target, which validates the same and reports the same errors (``error.schema`` is the target
    either way). A target that still refers elsewhere, sets a new base or refers to itself
    (``expanding``) stays a ``$ref``, so every reference left resolves exactly as in the original.
    """
    if isinstance(node, list):
        items = [_inline_refs(item, resolver, expanding) for item in node]
        return [item for item, _ in items], all(done for _, done in items)
    if not isinstance(node, dict):
        return node, True
    target = _inlined_target(node, resolver, expanding)
    if target is not None:
        return target, True
    out: dict[str, Any] = {}
    done = not (_SCOPE_KEYWORDS & node.keys())
    for key, value in node.items():
        if key in _DATA_KEYWORDS or key.startswith("x-"):
            # Kept as written; may also be a property of that name whose schema refers elsewhere.
            out[key] = value
            done = done and not _has_scope_keyword(value)
            continue
        out[key], inner_done = _inline_refs(value, resolver, expanding)
        done = done and inner_done
    return out, done


def _has_scope_keyword(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(_SCOPE_KEYWORDS & value.keys()) or any(_has_scope_keyword(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_scope_keyword(v) for v in value)
    return False


def _inlined_target(node: dict[str, Any], resolver: Resolver, expanding: frozenset[int]) -> Any | None:
    """The fully inlined target of a plain ``$ref`` node, or None when it must stay a reference."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not all(key == "$ref" or key in _ANNOTATIONS or key.startswith("x-")
                                           for key in node):
        return None
    try:
        resolved = resolver.lookup(ref)
    except Unresolvable:  # left for the validator to report when (and if) it gets there
        return None
    if id(resolved.contents) in expanding:  # a recursive schema: inlining would never end
        return None
    target, done = _inline_refs(resolved.contents, resolved.resolver, expanding | {id(resolved.contents)})
    return target if done else None


@cache
def _quick_validators(directory: str) -> dict[str, Callable[[Any], bool]]:
    """One quick yes-or-no check per kind of file (``jsonschema_rs``, in Rust), that says yes only when the
    validator above finds nothing; empty when ``jsonschema_rs`` cannot be used here.

    Validating every file of a national tracker (6,000 files at 170 reports) took a third of loading the
    data. Nearly every file is valid, and for a valid file there is nothing to report, so a check in Rust
    answers for it; any file it does not pass is validated again by ``jsonschema``, whose errors are the
    ones reported. For that to be sound the quick check must never pass a file that ``jsonschema`` would
    not: where the two differ, the schemas given to it hand the decision back to Python
    (:func:`_python_semantics`).
    """
    try:
        import jsonschema_rs
    except ImportError:  # a platform with no wheel: every file takes the full check
        return {}
    documents = _documents(Path(directory))
    registry = _registry(documents)
    keywords: dict[str, type[KeywordValidator]] = {_PATTERN: _Pattern, _FORMAT: _Format, _INTEGER: _Integer}
    try:
        quick_registry = jsonschema_rs.Registry([(d["$id"], _python_semantics(d)) for d in documents.values()])
        return {kind.name: jsonschema_rs.validator_for(
                    _python_semantics(_inline_refs(documents[kind.schema], registry.resolver(
                        documents[kind.schema]["$id"]))[0]),
                    registry=quick_registry, keywords=keywords, validate_formats=False).is_valid
                for kind in KINDS}
    except Exception:  # noqa: BLE001 (a schema it cannot take: the full check answers alone, as before)
        return {}


#: The keywords the quick check is given in place of those whose meaning differs between Rust and Python.
_PATTERN, _FORMAT, _INTEGER = "x-rt-python-pattern", "x-rt-python-format", "x-rt-python-integer"
#: Keywords whose values map names to subschemas (so a key there is a name, never a keyword).
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
                          "dependencies"})
#: Keywords whose values hold names only (``required: [format]``, ``dependentRequired: {pattern: [...]}``).
_NAME_KEYWORDS = frozenset({"required", "dependentRequired"})


def _python_semantics(schema: Any) -> Any:
    """``schema`` with the keywords whose Rust meaning differs from ``jsonschema``'s replaced by keywords
    answered in Python, by the very code ``jsonschema`` runs:

    - ``pattern``: Python's ``re.search`` (Rust's ``\\s`` and ``\\d`` are other sets of characters);
    - ``format``: ``jsonschema``'s :class:`FormatChecker`;
    - ``type: integer``: Rust counts ``1.0`` as an integer, as JSON Schema does; the data does not
      (:func:`_is_integer`), so a float there fails the quick check.
    """
    if isinstance(schema, list):
        return [_python_semantics(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DATA_KEYWORDS or key in _NAME_KEYWORDS or key.startswith("x-"):
            out[key] = value
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _python_semantics(sub) for name, sub in value.items()}
        elif key == "pattern":
            out[_PATTERN] = value
        elif key == "format":
            out[_FORMAT] = value
        else:
            out[key] = _python_semantics(value)
            if key == "type" and "integer" in (value if isinstance(value, list) else [value]):
                out[_INTEGER] = True
    return out


class _PythonKeyword:
    """A keyword of the quick check answered in Python: made once per place in the schema (``value`` is
    the keyword's value there); :meth:`validate` raises for an instance that fails."""

    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: list[str | int]) -> None:
        self.value = value

    def validate(self, instance: Any) -> None:
        raise NotImplementedError


class _Pattern(_PythonKeyword):
    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: list[str | int]) -> None:
        super().__init__(parent_schema, value, schema_path)
        self._pattern = re.compile(value)

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and not self._pattern.search(instance):
            raise ValueError("does not match")


class _Format(_PythonKeyword):
    _checker = FormatChecker()

    def validate(self, instance: Any) -> None:
        if not self._checker.conforms(instance, self.value):
            raise ValueError("not of its format")


class _Integer(_PythonKeyword):
    def validate(self, instance: Any) -> None:
        if isinstance(instance, float):
            raise ValueError("a float")


def check(loaded: LoadedFile, kind: str, directory: Path | None = None) -> list[Problem]:
    """All schema problems of one file, each at the line and column of the value concerned."""
    folder = str(directory or schema_dir())
    quick = _quick_validators(folder).get(kind)
    if quick is not None and _passes(quick, loaded.data):
        return []
    validator = _validators(folder)[kind]
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    for error in validator.iter_errors(loaded.data):
        for problem in _to_problems(error, loaded):
            # One problem per field: "" breaks both minLength and pattern, but one fix mends both.
            if (problem.path, problem.code if problem.code == "unknown-field" else "") in reported:
                continue
            reported.add((problem.path, problem.code if problem.code == "unknown-field" else ""))
            problems.append(problem)
    return problems


def _passes(quick: Callable[[Any], bool], data: Any) -> bool:
    try:
        return quick(data)
    except Exception:  # noqa: BLE001 (data it cannot take, such as a key that is not text: the full check decides)
        return False


def _to_problems(error: ValidationError, loaded: LoadedFile) -> list[Problem]:
    # oneOf/anyOf errors are unreadable as such ("is not valid under any of the given schemas"): report
    # the most relevant branch instead, which is the one that got furthest.
    if error.validator in ("oneOf", "anyOf") and error.context:
        non_type = [e for e in error.context if e.validator != "type"]
        if non_type:
            best = max(non_type, key=lambda e: len(e.absolute_path))
            return _to_problems(best, loaded)
        return [_union_type_problem(error, loaded)]
    path = tuple(error.absolute_path)
    field = dotted(path)
    line, column = loaded.where(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint", "")
    kind = error.validator
    found = _show(error.instance)

    if kind == "additionalProperties":
        allowed = sorted((schema.get("properties") or {}).keys())
        extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        out = []
        for extra in extras:
            kline, kcol = loaded.where(path + (extra,), key=True)
            close = difflib.get_close_matches(extra, allowed, n=1)
            # A field of an older data model gets the schema's word on where it went, not a lookalike.
            moved = (schema.get("x-moved") or {}).get(extra)
            tip = moved or (f"did you mean '{close[0]}'?" if close else f"allowed fields here: {', '.join(allowed)}")
            out.append(Problem(loaded.display, kline, kcol, Code.UNKNOWN_FIELD,
                               f"unknown field '{visible(extra, ascii_only=True)}'", odd_characters_hint(extra, tip),
                               dotted(path + (extra,))))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [Problem(loaded.display, line, column, Code.MISSING_FIELD, f"required field '{missing}' is missing",
                        hint or f"add '{missing}:' with a value (use null where the source says nothing)",
                        dotted(path + (missing,)))]
    if kind == "type":
        expected: Any = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        message = _type_message(expected_text, error.instance)
        if not hint or "integer" in (expected if isinstance(expected, list) else [expected]):
            # a number's hint names the actual slip (quotes, a leading zero, a decimal point)
            hint = _type_hint(expected, error.instance) or hint
        return [Problem(loaded.display, line, column, Code.WRONG_TYPE, message, hint, field)]
    if kind == "enum":
        allowed_values: Any = error.validator_value
        options = ", ".join(str(v) for v in allowed_values)
        close = difflib.get_close_matches(str(error.instance), [str(v) for v in allowed_values], n=1)
        tip = f"did you mean '{close[0]}'?" if close else hint or f"use one of: {options}"
        return [Problem(loaded.display, line, column, Code.NOT_ALLOWED_VALUE,
                        f"{_show(error.instance, ascii_only=True)} is not allowed here (allowed: {options})",
                        odd_characters_hint(error.instance, tip) if isinstance(error.instance, str) else tip, field)]
    if kind == "pattern":
        if not hint and error.validator_value == "\\S":
            hint = "the text is blank: write the value, or remove the field if it is optional"
        hint = hint or schema.get("description", "") or f"write it in the form {error.validator_value}"
        return [Problem(loaded.display, line, column, Code.BAD_FORMAT,
                        f"{_show(error.instance, ascii_only=True)} does not have the expected form",
                        odd_characters_hint(error.instance, hint) if isinstance(error.instance, str) else hint, field)]
    if kind == "format":
        return [Problem(loaded.display, line, column, Code.IMPOSSIBLE_DATE,
                        f"{found} is not a real calendar date", hint or "check the day and month", field)]
    if kind in ("maxLength", "minLength", "minItems", "maxItems", "minimum", "maximum"):
        return [Problem(loaded.display, line, column, Code.OUT_OF_RANGE, _range_message(kind, error),
                        _range_hint(kind, error), field)]
    if kind == "uniqueItems":
        return [Problem(loaded.display, line, column, Code.DUPLICATE_ITEM, "the list contains the same item twice",
                        "remove the repeated entry", field)]
    return [Problem(loaded.display, line, column, Code.SCHEMA, error.message[:300],
                    hint or schema.get("description", "") or "see the field reference in the editors' guide", field)]


def _union_type_problem(error: ValidationError, loaded: LoadedFile) -> Problem:
    """A oneOf/anyOf whose every branch failed on type (``published: 2026``): one wrong-type problem."""
    expected: list[str] = []
    hint = ""
    for branch in error.context:
        value: Any = branch.validator_value
        wanted = value if isinstance(value, list) else [value]
        expected += [t for t in wanted if t not in expected]
        if not hint and isinstance(branch.schema, dict):
            hint = branch.schema.get("x-hint", "")
    path = tuple(error.absolute_path)
    line, column = loaded.where(path)
    return Problem(loaded.display, line, column, Code.WRONG_TYPE, _type_message(" or ".join(expected), error.instance),
                   hint or _type_hint(expected, error.instance), dotted(path))


def _type_message(expected_text: str, value: Any) -> str:
    message = f"expected {expected_text}, found {_type_name(value)}"
    if value is not None and not isinstance(value, (dict, list)):  # the type name already says it
        message += f" {_show(value)}"
    return message


def _range_hint(kind: str, error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f"use a number from {low} to {high}"
        return f"use a number of at least {low}" if low is not None else f"use a number of at most {high}"
    if kind == "maxLength":
        return "shorten the text: the limit guards against pasting a whole document by mistake"
    if kind == "minLength":
        return "write the text, or use null where the field allows it"
    if kind == "minItems":
        return "add the missing item(s) to the list"
    return "remove items from the list"


def _range_message(kind: str, error: ValidationError) -> str:
    limit: Any = error.validator_value
    value: Any = error.instance
    if kind == "maxLength":
        return f"text is {len(value):,} characters long; at most {limit:,} are allowed"
    if kind == "minLength":
        return "text is empty" if not value else f"text must be at least {limit} characters"
    if kind == "minItems":
        return f"the list needs at least {limit} item(s)"
    if kind == "maxItems":
        return f"the list may hold at most {limit} items"
    if kind == "minimum":
        return f"{value} is below the minimum {limit}"
    return f"{value} is above the maximum {limit}"


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "number"
    if isinstance(value, float):
        return "decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _type_hint(expected: Any, value: Any) -> str:
    wants = set(expected if isinstance(expected, list) else [expected])
    if "integer" in wants and isinstance(value, str):
        if value.isdigit() and value.startswith("0"):
            return "write the number without a leading zero and without quotes"
        return "write a whole number without quotes, e.g. 4"
    if "integer" in wants and isinstance(value, float):
        return "write a whole number without a decimal point, e.g. 4"
    if "boolean" in wants and isinstance(value, str):
        return "write true or false (Rectrack reads yes/no/on/off as text, not as true/false)"
    if "number" in wants and isinstance(value, str):
        return "write the number without quotes, commas or units, e.g. 73047"
    if "string" in wants and isinstance(value, (int, float, bool)):
        return "put the value in double quotes so it is read as text"
    if "string" in wants and value is None:
        return "the value is empty: write the text after the colon, or remove the field"
    if "array" in wants:
        return "write a list: each item on its own line starting with '- ', or [a, b]"
    if "object" in wants:
        return "write the fields indented under this key"
    if isinstance(value, (list, dict)):
        return "write a single value after the colon, not a list or indented fields"
    return f"write a value of type {' or '.join(sorted(wants))} here"


def _show(value: Any, ascii_only: bool = False) -> str:
    """A value as a message quotes it: ``repr`` (which writes invisible characters as escapes), and with
    ``ascii_only`` (ids, dates, words) every non-ASCII letter escaped too, so a look-alike shows as one."""
    if isinstance(value, str):
        short = value if len(value) <= 60 else value[:57] + "..."
        return visible(repr(short), ascii_only=True) if ascii_only else repr(short)
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)
