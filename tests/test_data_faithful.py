"""Every verbatim field in data/ really occurs in its source document, and key facts match the report.

Which fields are verbatim is read from the schemas (``x-verbatim: true``, following ``$ref`` into the
shared definitions), and which files exist is read from the kinds table, so a field or a kind of file
added later is checked without touching this test. Each value is checked against the document it is
quoted from: its report's copy, the report a recommendation or an earlier report is known from
(``quoted_from``, ``known_from``), the report an assessment's evidence cites, or a response's own copy.
Whether a copy holds a value is decided as everywhere else, by ``SourceDocument.locate`` (the site's
quote links and ``rectrack validate`` use the same search), and the package's own list of quotes and
their documents (``rectrack.data.quotes``) is checked against the documents this walk finds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from constants import DATA, REPO
from rectrack.data import quotes
from rectrack.data.check import load_and_validate
from rectrack.data.kinds import KINDS
from rectrack.data.sources import SourceDocument, quote_text
from rectrack.text import partial_date_text

SCHEMAS = REPO / "schemas"
REPORT = "hmicfrs-2026-ocsa-mosovo"
REPORT_SOURCE = DATA / "sources" / "hmicfrs-spotlight-ocsa-mosovo-2026.md"
EARLIER = ("hmicfrs-2023-online-csae", "creedon-2023-rso-review")


def flatten_source(text: str) -> str:
    """The source as plain words: link and bold markup removed, escapes undone, whitespace collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.replace("\\(", "(").replace("\\)", ")"))
    text = re.sub(r"</?b>|\*\*|__", "", text)
    return re.sub(r"\s+", " ", text)


def flatten_field(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- Which fields are verbatim: from the schemas ----------------------------------------------------------


def _resolve(ref: str, here: str) -> tuple[dict, str]:
    """The schema node a ``$ref`` points at (``common.schema.json#/$defs/x`` or ``#/$defs/x``), and its file."""
    file, _, pointer = ref.partition("#")
    file = file or here
    node = json.loads((SCHEMAS / file).read_text("utf-8"))
    for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
        node = node[part]
    return node, file


def verbatim_paths(node: dict, path: tuple = (), file: str = "", seen: frozenset = frozenset()) -> list[tuple]:
    """Paths ("recommendations", "*", "actions", "*") of every schema node marked x-verbatim."""
    found: list[tuple] = []
    if not isinstance(node, dict):
        return found
    if node.get("x-verbatim"):
        found.append(path)
    if "$ref" in node and (file, node["$ref"]) not in seen:
        target, target_file = _resolve(node["$ref"], file)
        found += [p for p in verbatim_paths(target, path, target_file, seen | {(file, node["$ref"])})
                  if p not in found]
    for key, child in node.get("properties", {}).items():
        found += verbatim_paths(child, path + (key,), file, seen)
    if "items" in node:
        found += verbatim_paths(node["items"], path + ("*",), file, seen)
    for branch in node.get("oneOf", []) + node.get("anyOf", []):
        found += [p for p in verbatim_paths(branch, path, file, seen) if p != path and p not in found]
    return found


def values_at(data, path: tuple, chain: tuple = ()) -> Iterator[tuple[str, tuple]]:
    """Each string at ``path`` in ``data``, with the objects that enclose it (outermost first)."""
    if not path:
        if isinstance(data, str):
            yield data, chain
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, list) else []:
            yield from values_at(item, rest, chain)
    elif isinstance(data, dict) and data.get(head) is not None:
        yield from values_at(data[head], rest, chain + (data,))


# --- Where each value is quoted from ----------------------------------------------------------------------

REPORTS = {r["id"]: r for r in yaml.safe_load((DATA / "reports.yaml").read_text("utf-8"))["reports"]}


def report_source(report_id: str) -> Path | None:
    document = REPORTS[report_id].get("source_document") if report_id in REPORTS else None
    return DATA / document if document else None


def source_for(chain: tuple) -> Path | None:
    """The document a value is quoted from: decided by the innermost enclosing object that says."""
    for node in reversed(chain):
        if node.get("quoted_from"):
            return report_source(node["quoted_from"])
        if node.get("source_document"):
            return DATA / node["source_document"]
        if node.get("known_from"):
            return report_source(node["known_from"]["report"])
        source = node.get("source")
        if isinstance(source, dict) and source.get("document"):
            return DATA / source["document"]
        if isinstance(node.get("report"), str) and report_source(node["report"]):
            return report_source(node["report"])
    return None


def data_files() -> Iterator[tuple[Path, str]]:
    """Every data file with its schema, from the kinds table (single files and folders of many)."""
    for kind in KINDS:
        target = DATA / kind.path
        if not kind.many:
            if target.exists():
                yield target, kind.schema
        elif target.is_dir():
            for path in sorted(target.rglob("*.yaml")):
                yield path, kind.schema


def verbatim_cases():
    for path, schema_file in data_files():
        schema = json.loads((SCHEMAS / schema_file).read_text("utf-8"))
        data = yaml.safe_load(path.read_text("utf-8"))
        name = path.relative_to(DATA).as_posix()
        for field_path in verbatim_paths(schema, file=schema_file):
            for index, (value, chain) in enumerate(values_at(data, field_path)):
                yield pytest.param(value, source_for(chain), id=f"{name}:{'.'.join(field_path)}[{index}]")


CASES = list(verbatim_cases())
COPIES: dict[Path, SourceDocument] = {}


def copy_of(source: Path) -> SourceDocument:
    if source not in COPIES:
        COPIES[source] = SourceDocument.parse(source.name, source.stem, source.read_text("utf-8"))
    return COPIES[source]


@pytest.mark.parametrize(("value", "source"), CASES)
def test_verbatim_field_occurs_in_source(value: str, source: Path | None) -> None:
    assert source is not None, "a verbatim field whose source document is not in data/sources cannot be checked"
    assert copy_of(source).locate(value) is not None


def test_the_packages_quotes_come_from_the_documents_the_schemas_say(dataset) -> None:
    """Each quote the site links (``quotes.every_quote``) names the document this walk finds for its words,
    and every verbatim value quoted on the site (not a title, date or name) is one of them."""
    listed: dict[str, set[Path]] = {}
    for quote in quotes.every_quote(dataset):
        for part in quote.parts:
            listed.setdefault(quote_text(part), set()).add(DATA / quote.document if quote.document else None)
    # Values printed as the source prints them but not shown as quotations (a title, a date, the rights
    # notice shown as printed in the reuse terms): checked against the sources by the walk, never linked.
    names = (".title", ".chapter", ".author", "published_as_printed", "deadline_as_printed", ".rights")
    walked = [(case.id, case.values) for case in CASES if not case.id.rsplit("[", 1)[0].endswith(names)]
    assert len(walked) > 100
    for case_id, (value, source) in walked:
        assert quote_text(value) in listed, f"{case_id} is quoted on the site but not in rectrack.data.quotes"
        assert listed[quote_text(value)] == {source}, (case_id, listed[quote_text(value)], source)


def test_every_kind_of_verbatim_field_is_checked() -> None:
    """The walk reaches each file and field that holds quoted words (a broken walk would check nothing)."""
    ids = {case.id.rsplit("[", 1)[0] for case in CASES}
    expected = {
        "reports.yaml:reports.*.title", "reports.yaml:reports.*.summary", "reports.yaml:reports.*.author",
        "reports.yaml:reports.*.rights",
        "reports.yaml:reports.*.published_as_printed", "reports.yaml:reports.*.known_from.quote",
        "reports.yaml:reports.*.sections.*.title", "reports.yaml:reports.*.sections.*.chapter",
        "recommendations.yaml:recommendations.*.text", "recommendations.yaml:recommendations.*.actions.*",
        "recommendations.yaml:recommendations.*.summary_variant.text",
        "recommendations.yaml:recommendations.*.summary_variant.actions.*",
        "case_studies.yaml:case_studies.*.title", "case_studies.yaml:case_studies.*.text",
        "statistics.yaml:statistics.*.quote",
        f"force_responses/{REPORT}/devon-and-cornwall.yaml:foreword",
        f"force_responses/{REPORT}/devon-and-cornwall.yaml:source.title",
        f"force_responses/{REPORT}/devon-and-cornwall.yaml:responses.*.action",
        f"force_responses/{REPORT}/devon-and-cornwall.yaml:responses.*.evidence",
    } | {f"assessments/{r}.yaml:verdicts.*.evidence.{f}" for r in EARLIER for f in ("title", "quote")}
    assert expected <= ids, sorted(expected - ids)


def test_the_earlier_reports_are_checked_against_the_2026_report() -> None:
    by_id = {case.id: case.values for case in CASES}
    for key in ("reports.yaml:reports.*.known_from.quote[0]", "reports.yaml:reports.*.known_from.quote[1]",
                "reports.yaml:reports.*.author[0]"):
        assert by_id[key][1] == REPORT_SOURCE, key
    texts = [values for case_id, values in by_id.items() if case_id.startswith("recommendations.yaml:")
             and ".text[" in case_id and "summary_variant" not in case_id]
    assert [v[0] for v in texts[-2:]] == [
        "In our report, we recommended that the National Police Chiefs' Council (NPCC) lead for child protection "
        "should provide a new prioritisation tool for law enforcement.",
        "This included a recommendation that forces should review SHPOs to make sure they remain necessary, "
        "enforceable and comply with relevant case law. SHPOs that don't meet these criteria should be amended or "
        "discharged.",
    ]
    assert {v[1] for v in texts} == {REPORT_SOURCE}


def test_verbatim_walker_finds_the_fields_it_should() -> None:
    schema = json.loads((SCHEMAS / "recommendations.schema.json").read_text("utf-8"))
    paths = verbatim_paths(schema, file="recommendations.schema.json")
    assert ("recommendations", "*", "text") in paths
    assert ("recommendations", "*", "actions", "*") in paths
    assert ("recommendations", "*", "summary_variant", "text") in paths
    assessments = verbatim_paths(json.loads((SCHEMAS / "assessments.schema.json").read_text("utf-8")),
                                 file="assessments.schema.json")
    assert ("verdicts", "*", "evidence", "quote") in assessments  # reached through common.schema.json
    assert ("deadline_revisions", "*", "source", "quote") in assessments


def test_report_glossary_definitions_are_quoted() -> None:
    terms = yaml.safe_load((DATA / "glossary.yaml").read_text("utf-8"))["terms"]
    quoted = [t for t in terms if t["definition_source"] == "report"]
    assert quoted, "the report defines some of its terms"
    for term in quoted:
        source = report_source(term["report"])
        assert source is not None, term["id"]
        assert copy_of(source).locate(term["definition"]) is not None, term["id"]


# --- Key facts against the report -------------------------------------------------------------------------


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


def shipped_recommendations(dataset) -> list:
    return [r for r in dataset.recommendations if r.report == REPORT]


def test_every_recommendation_in_the_report_is_in_the_data(dataset) -> None:
    printed = printed_recommendations()
    assert sorted(printed) == [r.number for r in shipped_recommendations(dataset)] == list(range(1, 17))
    for rec in shipped_recommendations(dataset):
        assert flatten_field(rec.text) == printed[rec.number], rec.number
        assert rec.id == f"{REPORT}/{rec.number}"


def test_deadlines_match_the_printed_dates(dataset) -> None:
    printed = printed_recommendations()
    for rec in shipped_recommendations(dataset):
        assert printed[rec.number].startswith(f"By {rec.deadline_as_printed},")
        assert f"{rec.deadline.day} {rec.deadline:%B %Y}" == rec.deadline_as_printed


def test_every_case_study_heading_is_in_the_data(dataset) -> None:
    text = REPORT_SOURCE.read_text("utf-8")
    headings = [flatten_source(h).strip().rstrip("*").strip()
                for h in re.findall(r"^#+ *\**Case study: ([^\n]+)$", text, flags=re.M)]
    cases = [c for c in dataset.case_studies if c.report == REPORT]
    assert len(headings) == len(cases) == len(dataset.case_studies)
    assert sorted(headings) == sorted(c.title for c in cases)


def test_report_date_keeps_only_the_printed_precision(dataset) -> None:
    report = dataset.report(REPORT)
    assert report.published_as_printed in REPORT_SOURCE.read_text("utf-8")
    assert report.published.day is None and report.published.exact is None


def test_every_report_date_says_what_is_printed(dataset) -> None:
    """The date as stored and as printed agree, with no more precision than printed."""
    for report in dataset.reports:
        assert partial_date_text(report.published) == report.published_as_printed, report.id
    assert [(r.id, r.published.iso()) for r in dataset.reports] == [
        (REPORT, "2026-04"), ("hmicfrs-2023-online-csae", "2023-04-05"), ("creedon-2023-rso-review", "2023")]


def test_the_earlier_reports_say_only_what_the_2026_report_says(dataset) -> None:
    for report_id in EARLIER:
        report = dataset.report(report_id)
        assert report.known_from is not None and report.known_from.report == REPORT
        assert report.source_document is None and report.url is None and report.summary is None
        assert report.scope == () and report.regime == "not-stated" and report.sections == ()
        recs = [r for r in dataset.recommendations if r.report == report_id]
        assert len(recs) == 1, "the 2026 report cites one recommendation of each"
        rec = recs[0]
        assert rec.quoted_from == REPORT and rec.number is None
        assert rec.deadline is None and rec.deadline_as_printed is None
        assert flatten_field(rec.text) in flatten_field(report.known_from.quote)
    related = {r.id: r.related for r in dataset.recommendations if r.report in EARLIER}
    assert related == {"hmicfrs-2023-online-csae/npcc-prioritisation-tool": (f"{REPORT}/1",),
                       "creedon-2023-rso-review/review-shpos": (f"{REPORT}/9",)}
    assert dataset.report("hmicfrs-2023-online-csae").published.exact == date(2023, 4, 5)
    assert dataset.report("creedon-2023-rso-review").author == "Mick Creedon QPM"


def test_verdict_dates_are_the_ones_the_evidence_gives(dataset) -> None:
    """A verdict is dated as its quote dates it ("As of February 2026"), or as the report that says it."""
    assert dataset.verdicts
    for verdict in dataset.verdicts:
        quote, cited = verdict.evidence.quote, verdict.evidence.report
        assert quote and cited == REPORT, verdict
        said = partial_date_text(verdict.date)
        assert said in quote or verdict.date == dataset.report(cited).published, (verdict.recommendation, said)


def test_devon_and_cornwall_answers_every_recommendation_it_prints(dataset) -> None:
    source = (DATA / "sources" / "devon-and-cornwall-pcc-response.md").read_text("utf-8")
    printed = sorted(int(n) for n in re.findall(r"^Recommendation (\d+)$", source, flags=re.M))
    [document] = [d for d in dataset.documents if d.owner == "devon-and-cornwall"]
    assert (document.report, document.kind, document.published) == (REPORT, "first-comments", None)
    assert [int(a.recommendation) for a in document.answers] == printed
    assert source.count("Action planned/taken:") == len(printed)
