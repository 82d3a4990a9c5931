"""Every verbatim field in data/ really occurs in its source document, and key facts match the report.

Which fields are verbatim is read from the schemas (``x-verbatim: true``), so a field added to a schema
later is checked without touching this test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from constants import DATA, REPO
from rectrack.data.check import load_and_validate

SCHEMAS = REPO / "schemas"
REPORT_SOURCE = DATA / "sources" / "hmicfrs-spotlight-ocsa-mosovo-2026.md"


def flatten_source(text: str) -> str:
    """The source as plain words: link and bold markup removed, escapes undone, whitespace collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.replace("\\(", "(").replace("\\)", ")"))
    text = re.sub(r"</?b>|\*\*|__", "", text)
    return re.sub(r"\s+", " ", text)


def flatten_field(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def verbatim_paths(node: dict, path: tuple = ()) -> list[tuple]:
    """Paths ("recommendations", "*", "actions", "*") of every schema node marked x-verbatim."""
    found = []
    if not isinstance(node, dict):
        return found
    if node.get("x-verbatim"):
        found.append(path)
    for key, child in node.get("properties", {}).items():
        found += verbatim_paths(child, path + (key,))
    if "items" in node:
        found += verbatim_paths(node["items"], path + ("*",))
    for branch in node.get("oneOf", []) + node.get("anyOf", []):
        found += [p for p in verbatim_paths(branch, path) if p != path]
    return found


def values_at(data, path: tuple):
    if not path:
        if isinstance(data, str):
            yield data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, list) else []:
            yield from values_at(item, rest)
    elif isinstance(data, dict) and data.get(head) is not None:
        yield from values_at(data[head], rest)


FILES = [
    ("report.yaml", "report.schema.json"),
    ("recommendations.yaml", "recommendations.schema.json"),
    ("case_studies.yaml", "case_studies.schema.json"),
    ("statistics.yaml", "statistics.schema.json"),
] + [(f"force_responses/{p.name}", "force_response.schema.json")
     for p in sorted((DATA / "force_responses").glob("*.yaml"))]


def source_for(data: dict) -> Path:
    document = (data.get("source") or {}).get("document") if isinstance(data.get("source"), dict) else None
    return DATA / document if document else REPORT_SOURCE


def verbatim_cases():
    for data_file, schema_file in FILES:
        schema = json.loads((SCHEMAS / schema_file).read_text("utf-8"))
        data = yaml.safe_load((DATA / data_file).read_text("utf-8"))
        source = source_for(data)
        for path in verbatim_paths(schema):
            for index, value in enumerate(values_at(data, path)):
                yield pytest.param(value, source, id=f"{data_file}:{'.'.join(path)}[{index}]")


SOURCES: dict[Path, str] = {}


@pytest.mark.parametrize(("value", "source"), list(verbatim_cases()))
def test_verbatim_field_occurs_in_source(value: str, source: Path) -> None:
    if source not in SOURCES:
        SOURCES[source] = flatten_source(source.read_text("utf-8"))
    assert flatten_field(value) in SOURCES[source]


def test_verbatim_walker_finds_the_fields_it_should() -> None:
    schema = json.loads((SCHEMAS / "recommendations.schema.json").read_text("utf-8"))
    paths = verbatim_paths(schema)
    assert ("recommendations", "*", "text") in paths
    assert ("recommendations", "*", "actions", "*") in paths
    assert ("recommendations", "*", "summary_variant", "text") in paths


def test_report_glossary_definitions_are_quoted() -> None:
    source = flatten_source(REPORT_SOURCE.read_text("utf-8"))
    terms = yaml.safe_load((DATA / "glossary.yaml").read_text("utf-8"))["terms"]
    quoted = [t for t in terms if t["definition_source"] == "report"]
    assert quoted, "the report defines some of its terms"
    for term in quoted:
        assert flatten_field(term["definition"]) in source, term["id"]


@pytest.fixture(scope="module")
def dataset():
    checked = load_and_validate(DATA)
    assert checked.ok, [p.format() for p in checked.problems]
    return checked.dataset


def printed_recommendations() -> dict[int, str]:
    """Each in-body recommendation's lead-in as printed: the authoritative copy (after the Summary)."""
    text = REPORT_SOURCE.read_text("utf-8")
    body = text[text.index("# Investigation of online child sexual abuse\n"):]
    found = {}
    for match in re.finditer(r"Recommendation (\d+)\**\s*\n+\s*(By [^\n]+)", body):
        found.setdefault(int(match.group(1)), flatten_source(match.group(2)).strip())
    return found


def test_every_recommendation_in_the_report_is_in_the_data(dataset) -> None:
    printed = printed_recommendations()
    assert sorted(printed) == [r.number for r in dataset.recommendations]
    for rec in dataset.recommendations:
        assert flatten_field(rec.text) == printed[rec.number], rec.number


def test_deadlines_match_the_printed_dates(dataset) -> None:
    printed = printed_recommendations()
    for rec in dataset.recommendations:
        assert printed[rec.number].startswith(f"By {rec.deadline_as_printed},")
        assert f"{rec.deadline:%-d %B %Y}" == rec.deadline_as_printed


def test_every_case_study_heading_is_in_the_data(dataset) -> None:
    text = REPORT_SOURCE.read_text("utf-8")
    headings = [flatten_source(h).strip().rstrip("*").strip()
                for h in re.findall(r"^#+ *\**Case study: ([^\n]+)$", text, flags=re.M)]
    assert len(headings) == len(dataset.case_studies)
    assert sorted(headings) == sorted(c.title for c in dataset.case_studies)


def test_report_date_keeps_only_the_printed_precision(dataset) -> None:
    report = dataset.report
    assert report.published_as_printed in REPORT_SOURCE.read_text("utf-8")
    assert report.published.day is None and report.published.exact is None


def test_devon_and_cornwall_answers_every_recommendation_it_prints(dataset) -> None:
    source = (DATA / "sources" / "devon-and-cornwall-pcc-response.md").read_text("utf-8")
    printed = sorted(int(n) for n in re.findall(r"^Recommendation (\d+)$", source, flags=re.M))
    response = dataset.response_of("devon-and-cornwall")
    assert [r.recommendation for r in response.responses] == printed
    assert source.count("Action planned/taken:") == len(printed)
