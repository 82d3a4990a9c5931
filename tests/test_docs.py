"""The editors' pages and the README mention only commands, options, fields and codes that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from constants import DATA, REPO
from rectrack.cli import cli
from rectrack.data.check import load_and_validate
from rectrack.data.problems import DESCRIPTIONS, Code
from rectrack.render.fieldref import all_field_docs, reference_page

EDITOR_PAGES = [REPO / "content" / name for name in ("publish.md", "maintainers.md", "inspectors.md")]
DOCS = EDITOR_PAGES + [REPO / "README.md"]


def vocabulary() -> set[str]:
    """Every word a page may put in backticks: field names and paths, allowed values, codes, commands."""
    words = set(cli.commands) | set(Code)
    for docs in all_field_docs().values():
        for doc in docs:
            words.add(doc.path)
            words.add(doc.path.split(".")[-1].split("[].")[-1])
            if "one of: " in doc.kind:
                words.update(v.strip() for v in doc.kind.split("one of: ")[1].split(" or ")[0].split(","))
    words.update({"null", "true", "false"})
    # ids of the shipped data (a group such as `forces`, an organisation, a report) name real things too
    dataset = load_and_validate(DATA).dataset
    assert dataset is not None
    words.update(o.id for o in dataset.organisations)
    words.update(g.id for g in dataset.groups)
    words.update(r.id for r in dataset.reports)
    return words


def mentioned_commands(text: str) -> list[tuple[str, list[str]]]:
    found = []
    for match in re.finditer(r"rectrack ([a-z][a-z-]*)([^\n`|]*)", text):
        found.append((match.group(1), re.findall(r"(--[a-z][a-z-]*)", match.group(2))))
    return found


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_every_command_and_option_mentioned_exists(page: Path) -> None:
    text = page.read_text("utf-8")
    mentions = mentioned_commands(text)
    assert mentions, f"{page.name} mentions no rectrack command"
    for name, options in mentions:
        assert name in cli.commands, f"{page.name} mentions unknown command 'rectrack {name}'"
        known = {opt for param in cli.commands[name].params for opt in getattr(param, "opts", [])}
        for option in options:
            assert option in known | {"--help"}, f"{page.name}: 'rectrack {name} {option}' does not exist"


@pytest.mark.parametrize("page", EDITOR_PAGES, ids=lambda p: p.name)
def test_every_backticked_field_or_value_exists(page: Path) -> None:
    words = vocabulary()
    text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
    for token in re.findall(r"`([^`\n]+)`", text):
        skipped_ends = (".yaml", ".md", ".json", ".csv")
        if "/" in token or " " in token or token.startswith(("-", ".", '"')) or token.endswith(skipped_ends):
            continue  # paths, commands and examples, checked elsewhere
        if re.fullmatch(r"[a-z][a-z_.\[\]-]*", token) and token not in {"kent"}:
            assert token in words, f"{page.name} mentions `{token}`, which no schema field, value or code defines"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for name in cli.commands:
        assert f"rectrack {name}" in readme, name


def test_reference_page_lists_every_field_and_code() -> None:
    page = reference_page()
    for docs in all_field_docs().values():
        for doc in docs:
            assert f"`{doc.path}`" in page
    for code in Code:
        assert f"`{code}`" in page


def test_every_problem_code_is_described() -> None:
    """Codes are declared names (``Code``), so mypy checks each use; each needs its description."""
    assert set(DESCRIPTIONS) == set(Code)
    assert all(text.strip() for text in DESCRIPTIONS.values())


def test_the_maintainers_page_states_what_to_install_and_where_the_folder_comes_from() -> None:
    """Someone who has never set the project up can follow it: the Python the package needs, git, make."""
    import tomllib

    text = (REPO / "content" / "maintainers.md").read_text("utf-8")
    needed = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"]
    assert needed.startswith(">="), needed
    assert f"Python {needed[2:]} or later" in text
    for step in ("git clone", "make site", ".venv/bin/rectrack --help", "sudo apt-get install"):
        assert step in text, step
    assert re.search(r"^site: ", (REPO / "Makefile").read_text("utf-8"), flags=re.M), "make site is gone"


def test_the_help_page_offers_the_word_template_and_the_maintainers_page() -> None:
    from rectrack.render.urls import HELP_PAGES, WORD_TEMPLATES

    text = (REPO / "content" / "publish.md").read_text("utf-8")
    for page in (WORD_TEMPLATES, "maintainers.md"):
        assert f"]({page})" in text, page
        assert page in {name for _, name in HELP_PAGES}, page
