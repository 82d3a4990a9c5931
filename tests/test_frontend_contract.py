"""The data-rt-* contract between the rendered pages and the front-end modules, held in one place.

The contract is the table in the header of ``scripts/rectrack/assets/rectrack.js``: attribute, the
element that carries it, the module that reads it. These tests read the built site and every module
and fail on an attribute that is used but not listed (a renderer or script change that forgot the
contract), an entry nothing uses (a stale contract), an attribute on an element the contract does
not name, a listed module that never reads its attribute, and a module the entry point never loads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser.sitebuild import AS_OF, REPO, configured_site, shared_site

pytestmark = pytest.mark.xdist_group("sitebuild")

ASSETS = REPO / "scripts" / "rectrack" / "assets"
ENTRY = ASSETS / "rectrack.js"
#: One contract line: attribute, "on" elements, "read by" modules (or "set by": written by the
#: scripts, so never in a built page), meaning.
LINE = re.compile(r"^\s*(?P<attr>data-rt-[a-z0-9<>-]+|data-sort)\s+on (?P<on>.+?)\s{2,}"
                  r"(?P<how>read|set) by (?P<modules>[\w.-]+(?:, [\w.-]+)*)\s{2,}(?P<meaning>\S.*)$")
GENERIC = "data-rt-<key>"


@dataclass
class Entry:
    tags: set[str] = field(default_factory=set)  # element names; "[data-rt-item]" for item values
    modules: set[str] = field(default_factory=set)
    runtime: bool = False  # set by the scripts, not written by the renderer


def contract() -> tuple[dict[str, Entry], set[str]]:
    """The contract's entries by attribute, and the item-value keys of its ``data-rt-<key>`` entry."""
    header = ENTRY.read_text("utf-8").split("*/", 1)[0]
    entries: dict[str, Entry] = defaultdict(Entry)
    keys: set[str] = set()
    for line in header.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        entry = entries[match["attr"]]
        on = match["on"]
        entry.tags |= set(re.findall(r"<([a-z]+)", on)) | ({"[data-rt-item]"} if "[data-rt-item]" in on else set())
        entry.modules |= set(match["modules"].split(", "))
        entry.runtime = match["how"] == "set"
        if match["attr"] == GENERIC:
            listed = re.search(r"keys: ([a-z0-9, -]+)$", match["meaning"])
            assert listed, f"the {GENERIC} entry must end with 'keys: a, b, ...': {line.strip()}"
            keys = {k.strip() for k in listed[1].split(",")}
    return dict(entries), keys


def modules() -> dict[str, str]:
    """Every front-end module by file name (the entry point without its contract header)."""
    found = {path.name: path.read_text("utf-8") for path in sorted((ASSETS / "components").glob("*.js"))}
    found[ENTRY.name] = ENTRY.read_text("utf-8").split("*/", 1)[1]
    return found


def attributes_in_script(text: str) -> set[str]:
    """``data-rt-*`` names a module mentions, literally or as ``dataset.rtName``; and ``dataset.sort``."""
    names = set(re.findall(r"data-rt-[a-z0-9]+(?:-[a-z0-9]+)*", text))
    names |= {"data-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name)
              for name in re.findall(r"\bdataset\.(rt[A-Z][A-Za-z]*|sort)\b", text)}
    return names


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, str, bool]] = []  # (attribute, tag, the element is a data-rt-item)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        for name in names:
            if name.startswith("data-rt-") or name == "data-sort":
                self.seen.append((name, tag, "data-rt-item" in names))


@pytest.fixture(scope="module")
def page_attributes(tmp_path_factory) -> dict[tuple[str, str, bool], set[str]]:
    """(attribute, tag, on an item) -> the pages where it occurs, over the whole built site: the shipped
    data's, and the same with every optional setting on (links that exist only once site.yaml sets up
    the maintainers' contact and the repository)."""
    seen: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    for outcome in (shared_site(tmp_path_factory), configured_site(tmp_path_factory)):
        assert outcome.ok, f"rectrack build --as-of {AS_OF} failed:\n{outcome.output[-3000:]}"
        for page in sorted(outcome.site.rglob("*.html")):
            if page.relative_to(outcome.site).parts[0] in ("assets", "pagefind"):
                continue
            parser = _Attributes()
            parser.feed(page.read_text("utf-8"))
            for key in parser.seen:
                seen[key].add(page.relative_to(outcome.site).as_posix())
    assert seen, "no data-rt-* attribute in any built page (the parser or the build is broken)"
    return seen


def _listed(name: str, entries: dict[str, Entry], keys: set[str]) -> bool:
    return name in entries or name.removeprefix("data-rt-") in keys


def test_every_attribute_in_the_pages_and_scripts_is_in_the_contract(page_attributes) -> None:
    entries, keys = contract()
    assert len(entries) > 10 and keys, "the contract table in rectrack.js could not be read"
    unlisted = [f"{name} on <{tag}> ({sorted(pages)[0]})" for (name, tag, _), pages in page_attributes.items()
                if not _listed(name, entries, keys)]
    unlisted += [f"{name} in {module}" for module, text in modules().items()
                 for name in sorted(attributes_in_script(text)) if not _listed(name, entries, keys)]
    assert not unlisted, ("attributes missing from the data-rt-* contract in scripts/rectrack/assets/rectrack.js:\n"
                          + "\n".join(sorted(set(unlisted))))


def test_every_contract_entry_is_used_where_it_says(page_attributes) -> None:
    entries, keys = contract()
    in_pages: dict[str, set[str]] = defaultdict(set)
    for name, tag, on_item in page_attributes:
        in_pages[name].add(tag)
        if name.removeprefix("data-rt-") in keys and name not in entries:
            assert on_item, f"{name} on a <{tag}> that is not a [data-rt-item]: only items carry filter values"
    problems = [f"{name}: listed but on no built page" for name, entry in entries.items()
                if name != GENERIC and not entry.runtime and name not in in_pages]
    problems += [f"{name}: listed as set by the scripts, but a built page already carries it"
                 for name, entry in entries.items() if entry.runtime and name in in_pages]
    problems += [f"data-rt-{key}: listed as an item key but on no built page" for key in sorted(keys)
                 if f"data-rt-{key}" not in in_pages]
    for name, tags in in_pages.items():
        entry = entries.get(name)
        if entry is not None and not tags <= entry.tags:
            problems.append(f"{name}: on <{'>, <'.join(sorted(tags - entry.tags))}> but the contract says "
                            f"on {sorted(entry.tags)}")
    assert not problems, "\n".join(problems)


def test_each_listed_module_reads_its_attributes() -> None:
    entries, _ = contract()
    texts = modules()
    problems = []
    for name, entry in entries.items():
        for module in sorted(entry.modules):
            if module not in texts:
                problems.append(f"{name}: read by {module}, which is not in assets/components/")
            elif name != GENERIC and name not in attributes_in_script(texts[module]):
                problems.append(f"{name}: the contract says {module} reads it, but {module} never mentions it")
    generic = entries.get(GENERIC)
    assert generic and "filter.js" in generic.modules, f"the contract has no {GENERIC} entry read by filter.js"
    assert not problems, "\n".join(problems)


def test_the_entry_point_loads_every_module_and_search_only_on_demand() -> None:
    texts = modules()
    imports = {name: set(re.findall(r"""(?:^|\s)import\s[^;]*?from\s+["']\./(?:components/)?([\w.-]+)["']""",
                                    text, re.M)) for name, text in texts.items()}
    reached, todo = set(), [ENTRY.name]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo += sorted(imports.get(name, ()))
    lazy = set(re.findall(r"""import\(\s*["']\./components/([\w.-]+)["']\s*\)""", texts[ENTRY.name]))
    assert "search.js" in lazy and "search.js" not in reached, \
        "search.js must be imported on demand (import()) by rectrack.js, never statically"
    for name in lazy:
        todo.append(name)
        while todo:
            current = todo.pop()
            if current not in reached:
                reached.add(current)
                todo += sorted(imports.get(current, ()))
    orphans = sorted(set(texts) - reached)
    assert not orphans, f"modules nothing loads: {orphans}"


def test_the_contract_reader_reads_what_it_should() -> None:
    """Guard for the tests above: the line format parses, and dataset names map to attribute names."""
    sample = "   data-rt-item   on <tr>, <article>   read by filter.js, matrix.js   one filterable item"
    match = LINE.match(sample)
    assert match and match["attr"] == "data-rt-item" and match["modules"] == "filter.js, matrix.js"
    assert attributes_in_script("el.dataset.rtCellState; x.dataset.sort; '[data-rt-total]'") == {
        "data-rt-cell-state", "data-sort", "data-rt-total"}
    assert Path(ENTRY).is_file()
