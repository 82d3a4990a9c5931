"""What keeps `rectrack` quick to start and run: lazy imports, the Pagefind binary, inlined schema refs.

Each shortcut must leave behaviour unchanged; these tests pin both the shortcut and the behaviour.
"""

from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from constants import DATA, RECTRACK
from jsonschema import FormatChecker
from rectrack.data import schema
from rectrack.data.kinds import KINDS, SINGLE
from rectrack.data.read import LoadedFile
from rectrack.errors import BuildError
from rectrack.site import pagefind


def test_version_option_prints_the_installed_version() -> None:
    result = subprocess.run([str(RECTRACK), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"rectrack, version {version('rectrack')}\n"


def test_importing_the_cli_leaves_metadata_and_import_machinery_unloaded() -> None:
    """Every command pays for what ``rectrack.cli`` imports; these only serve --version and import-response."""
    code = ("import sys, rectrack.cli; "
            "print([m for m in sys.modules if m.startswith(('importlib.metadata', 'rectrack.authoring'))])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_version_attribute_still_resolves() -> None:
    import rectrack

    assert rectrack.__version__ == version("rectrack")
    with pytest.raises(AttributeError):
        rectrack.no_such_attribute  # noqa: B018


# --- Pagefind ------------------------------------------------------------------------------------------

def test_pagefind_binary_is_found_without_the_launcher() -> None:
    binary = pagefind.binary()
    assert binary is not None and binary.is_file() and os.access(binary, os.X_OK)


def test_pagefind_binary_path_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "pagefind"))
    assert pagefind.binary() == tmp_path / "pagefind"


def test_pagefind_errors_are_reported(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="^Pagefind failed: .*not able to build an index"):
        pagefind.index(tmp_path)  # no HTML to index


def test_a_binary_that_cannot_start_falls_back_to_the_launcher(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    """The launcher then fails on the same setting and its error is reported, as before the shortcut."""
    unusable = tmp_path / "pagefind"
    unusable.write_text("not a program", "utf-8")
    unusable.chmod(stat.S_IRUSR | stat.S_IWUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(unusable))
    commands: list[list[str]] = []
    real_run = subprocess.run

    def spy(command: list[str], **kwargs):
        commands.append(command)
        return real_run(command, **kwargs)

    monkeypatch.setattr(pagefind.subprocess, "run", spy)
    with pytest.raises(BuildError, match="^Pagefind failed: "):
        pagefind.index(tmp_path)
    assert commands[-1][:3] == [sys.executable, "-m", "pagefind"]


# --- schema references ---------------------------------------------------------------------------------

def _raw_validators() -> dict[str, object]:
    """Validators on the schemas exactly as written, resolving every ``$ref`` at validation time."""
    documents = schema._documents(schema.schema_dir())
    registry = schema._registry(documents)
    return {kind: schema._Validator(documents[name], registry=registry, format_checker=FormatChecker())
            for kind, name in ((k.name, k.schema) for k in KINDS)}


def _broken_variants(document: object, limit: int = 16) -> list[object]:
    """Copies of ``document`` with one value replaced by something of the wrong type or form."""
    paths: list[tuple] = []

    def walk(node: object, path: tuple) -> None:
        if path:
            paths.append(path)
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            walk(child, path + (key,))

    walk(document, ())
    step = max(1, len(paths) // limit)
    variants = []
    for index, path in enumerate(paths[::step]):
        variant = copy.deepcopy(document)
        parent = variant
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = [None, 1.5, "", "Not A Slug!", "2026-02-30", {"x": 1}, 0, "x" * 400][index % 8]
        variants.append(variant)
    return variants


def test_inlined_schema_references_report_the_same_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inlining ``$ref`` targets is only a speed-up: every problem, message and hint stays the same."""
    files = {kind.name: DATA / kind.path for kind in SINGLE}
    files["force_responses"] = sorted((DATA / "force_responses").glob("*/*.yaml"))[0]
    files["assessments"] = sorted((DATA / "assessments").glob("*.yaml"))[0]
    inlined = schema._validators(str(schema.schema_dir()))
    raw = _raw_validators()
    checked = 0
    for kind, path in files.items():
        if not path.is_file():
            continue
        for instance in _broken_variants(yaml.safe_load(path.read_text("utf-8"))):
            loaded = LoadedFile(path, path.name, instance)
            monkeypatch.setattr(schema, "_validators", lambda directory: inlined)
            fast = schema.check(loaded, kind)
            monkeypatch.setattr(schema, "_validators", lambda directory: raw)
            assert schema.check(loaded, kind) == fast, (kind, path)
            checked += bool(fast)
    assert checked > 50, "the variants should break the files in many ways"


_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _inline(document: dict, *others: dict) -> dict:
    registry = schema._registry({doc["$id"]: doc for doc in (document, *others)})
    return schema._inline_refs(document, registry.resolver(document["$id"]))[0]


def test_only_plain_references_are_inlined() -> None:
    common = {"$schema": _DRAFT, "$id": "https://x.example/common.json",
              "$defs": {"word": {"type": "string", "x-hint": "a word"}, "alias": {"$ref": "#/$defs/word"},
                        "tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"}}},
                        "odd": {"properties": {"default": {"$ref": "#/$defs/word"}}}}}
    document = {"$schema": _DRAFT, "$id": "https://x.example/doc.json", "properties": {
        "plain": {"$ref": "common.json#/$defs/word", "description": "annotations only"},
        "chained": {"$ref": "common.json#/$defs/alias"},
        "constrained": {"$ref": "common.json#/$defs/word", "minLength": 2},
        "recursive": {"$ref": "common.json#/$defs/tree"},
        "missing": {"$ref": "common.json#/$defs/nothing"},
        "odd": {"$ref": "common.json#/$defs/odd"},  # a property named like a keyword, holding a $ref
        "data": {"const": {"$ref": "common.json#/$defs/word"}},
    }}
    properties = _inline(document, common)["properties"]
    assert properties["plain"] == properties["chained"] == {"type": "string", "x-hint": "a word"}
    assert properties["constrained"] == document["properties"]["constrained"]  # a sibling that asserts
    assert properties["recursive"] == document["properties"]["recursive"]
    assert properties["missing"] == document["properties"]["missing"]
    assert properties["odd"] == document["properties"]["odd"]
    assert properties["data"] == document["properties"]["data"]  # a value, not a schema


def test_the_shipped_schemas_keep_no_references() -> None:
    """Every reference in schemas/ is plain, so validation never resolves one."""
    for kind, validator in schema._validators(str(schema.schema_dir())).items():
        assert "$ref" not in json.dumps(validator.schema), kind
