"""The package's flow is one-way: data -> derive -> render -> site -> cli (authoring beside site, on data).

Each module's imports are read from its source (AST, including imports inside functions) and every
import of another layer must point down the flow. A newcomer can rely on it: nothing in ``data`` knows
about pages, nothing in ``render`` runs the engine.
"""

from __future__ import annotations

import ast
from pathlib import Path

from constants import REPO

PACKAGE = REPO / "scripts" / "rectrack"

#: Each layer, and the layers its modules may import (always including itself).
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "data": {"base", "data"},
    "derive": {"base", "data", "derive"},
    "outputs": {"base", "data", "derive", "outputs"},
    "render": {"base", "data", "derive", "outputs", "render"},
    "site": {"base", "data", "derive", "outputs", "render", "site"},
    "authoring": {"base", "data", "outputs", "authoring"},
    "cli": {"base", "data", "derive", "outputs", "render", "site", "authoring", "cli"},
}


def layer_of(module: str) -> str:
    """The layer of a ``rectrack`` module, by its place in the package."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("errors", "text", "background"):
        return "base"
    if parts[1] in ("data", "render", "site", "authoring", "cli"):
        return parts[1]
    if parts[1] == "derive":
        return "derive"
    if parts[1] in ("wording", "export", "status_view", "word_template"):
        return "outputs"
    raise AssertionError(f"{module} belongs to no layer: add it to test_layers.layer_of")


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:``: imports for annotations only are no dependency."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                pending.extend(child.orelse)
                continue
            pending.append(child)
    return nodes


def imported_modules(source: str, module: str, is_package: bool) -> set[str]:
    """Every ``rectrack`` module ``source`` imports at run time (absolute or relative)."""
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name == "rectrack" or name.startswith("rectrack.")}


def upward_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """The imports of ``source`` (module ``module``) that go against the flow."""
    mine = layer_of(module)
    wrong = []
    for name in sorted(imported_modules(source, module, is_package)):
        try:
            theirs = layer_of(name)
        except AssertionError:
            continue  # "from rectrack.data import schema" also yields "rectrack.data.schema": checked there
        if theirs not in ALLOWED[mine]:
            wrong.append(f"{module} ({mine}) imports {name} ({theirs})")
    return wrong


def package_modules() -> list[tuple[str, Path, bool]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out.append((".".join(parts), path, is_package))
    return out


def test_every_module_belongs_to_a_layer() -> None:
    for module, _, _ in package_modules():
        layer_of(module)


def test_every_import_follows_the_flow() -> None:
    wrong = [w for module, path, is_package in package_modules()
             for w in upward_imports(path.read_text("utf-8"), module, is_package)]
    assert wrong == []


def test_an_upward_import_is_caught() -> None:
    """The check itself can fail: an upward import, absolute, relative or inside a function, is reported."""
    assert upward_imports("from rectrack.render.urls import Linker\n", "rectrack.derive")
    assert upward_imports("def f():\n    from rectrack.site import build\n", "rectrack.render.pages")
    assert upward_imports("from ..render import pages\n", "rectrack.data.model")
    assert upward_imports("import rectrack.cli\n", "rectrack.authoring.parse")
    assert not upward_imports("from rectrack.data.model import Dataset\n", "rectrack.render.pages")
    assert not upward_imports("if TYPE_CHECKING:\n    from rectrack.data.problems import Problem\n", "rectrack.errors")
