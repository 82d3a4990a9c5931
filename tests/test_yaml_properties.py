"""Property tests: whatever a data file holds, loading and validating ends in data or problems, never a crash.

Documents are generated four ways: random nested values dumped with ``yaml.safe_dump``; random text and
bytes; text assembled from YAML's sharp edges (indicators, anchors, tags, tabs, YAML 1.1 words); and
almost-valid response documents and assessments (right shape, random values; or a valid file with a
random splice), which get past the schema so that the cross-reference checks, the model construction and
the derivation of every state run on them too: whatever validates must derive without an exception.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from constants import AS_OF, DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rectrack.data.check import load_and_validate
from rectrack.data.problems import Code, Problem, Severity
from rectrack.data.read import LoadedFile, load_file
from rectrack.derive import derive

FAST = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: Each example validates a whole data directory, so fewer of them.
SLOW = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FIELDS = ["owner", "report", "kind", "author", "published", "source", "title", "url", "document", "foreword",
          "responses", "recommendation", "action", "implementation", "evidence", "note", "as_printed", "verdicts",
          "verdict", "date", "by", "superseded_by", "quote", "deadline_revisions", "decided", "deadline", "reason",
          "id", "number", "owners", "section", "recommendations", "organisations", "groups", "members", "kinds",
          "reports", "scope", "regime", "governance", "force", "forces", "bodies", "<<", "? ", ""]
SURPRISES = ["yes", "no", "on", "off", "Y", "012", "0o12", "0x1f", "1e3", ".inf", ".nan", "~", "null", "", " ",
             "2026-10-31", "2026-02-30", "2026-1-1", "2026-04", "2026", "12:30", "forces", "kent", "npcc",
             "hmicfrs-2026-ocsa-mosovo/1", "../../etc/passwd", "..%2f", "not-stated", "superseded", "first-comments",
             "\t", "\x85", "\u2028", "\ufeff", "*a", "&a", "!!str", "# no comment"]
FRAGMENTS = ["- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "*b", "&b ", "!!str ", "!!python/object ",
             "!x ", "<<: ", "'", '"', "#", "|", ">", "|-\n", "\n", "\n  ", "    ", "\t", "---\n", "...\n",
             "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "yes", "012", "2026-02-30", "key", "force", "responses",
             "recommendation", "\\", "\x00", "\x07", "\r", "\u2028", "\ufeff", "é", "😀"]
VERDICTS = ["open", "closed-implemented", "closed-not-implemented", "superseded", "not-stated"]
STATES = ["not-started", "in-progress", "implemented", "not-stated"]
DOCUMENT_KINDS = ["first-comments", "update", "action-plan"]
REPORT = "hmicfrs-2026-ocsa-mosovo"
KENT = f"force_responses/{REPORT}/kent.yaml"
ASSESSMENTS = f"assessments/{REPORT}.yaml"

VALID_RESPONSE = f"""\
owner: kent
report: {REPORT}
kind: first-comments
author: "Police and Crime Commissioner for Kent"
published: "2026-07-01"
source: {{title: "Response from the Kent PCC", url: null, document: null}}
foreword: null
responses:
  - {{recommendation: 1, action: "We use the Kent tool.", implementation: implemented, evidence: "the Kent tool"}}
  - {{recommendation: [2, 4], action: "Staffing is under review.", implementation: in-progress,
     evidence: "under review"}}
  - recommendation: 16
    action: |
      We meet probation monthly.
    implementation: not-stated
    as_printed: {{status: "Green", target_date: "March 2027", lead: null}}
"""
VALID_ASSESSMENTS = f"""\
report: {REPORT}
verdicts:
  - {{recommendation: 16, owner: kent, date: "2026-11-20", verdict: closed-implemented, by: hmicfrs,
     superseded_by: null, evidence: {{title: "Revisit letter", url: "https://example.org/r", quote: null}}}}
  - {{recommendation: 3, owner: college-of-policing, date: "2027-01", verdict: superseded, by: hmicfrs,
     superseded_by: {REPORT}/12, evidence: {{title: "Letter", quote: "Replaced by 12."}}, note: null}}
deadline_revisions:
  - {{recommendation: 1, owner: null, decided: "2026-09-01", deadline: "2027-01-31",
     deadline_as_printed: "31 January 2027", reason: "More time.",
     source: {{title: "Letter", url: null, report: null, quote: null}}}}
"""

scalars = (st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False)
           | st.text(max_size=30) | st.sampled_from(SURPRISES))
keys = st.sampled_from(FIELDS) | st.text(max_size=12)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6),
                      max_leaves=25)
dates = st.dates().map(str) | st.sampled_from(["2026-02-30", "2026-13-01", "2026-1-1", "0000-01-01", "2026"])
#: Partial dates ("2026", "2026-04", "2026-04-15") as reports and verdicts give them, and their odd cases.
partial_dates = st.one_of(*(st.dates().map(lambda d, n=n: d.isoformat()[:n]) for n in (4, 7, 10)))
odd_partial_dates = st.sampled_from(["2026-13", "2026-02-30", "2026-2", "26", "2026-04-1", "0000", "2026-00",
                                     "2026-04-00"])


@st.composite
def dumped(draw: st.DrawFn, documents: st.SearchStrategy = values) -> str:
    return yaml.safe_dump(draw(documents), allow_unicode=draw(st.booleans()),
                          default_flow_style=draw(st.sampled_from([False, True, None])), sort_keys=draw(st.booleans()))


def mostly(good: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """``good`` 15 times in 16: enough documents pass the schema to reach the cross-checks."""
    return st.integers(0, 15).flatmap(lambda n: odd if n == 0 else good)


#: Recommendations of the shipped report (1-16), of an earlier one (by id), and ones that do not exist.
numbers = mostly(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 10, 15, 16, 17, "npcc-prioritisation-tool"]),
                 st.integers(-2, 1001) | scalars)
owners = mostly(st.sampled_from(["kent", "essex", "forces", "npcc", "home-office", "college-of-policing"]),
                st.sampled_from(["Kent", "../kent", "", "gotham"]) | scalars)


@st.composite
def response_documents(draw: st.DrawFn) -> dict:
    """A response document with the right shape and arbitrary contents: reaches the cross-checks."""
    words = st.sampled_from(["We use the Kent tool.", "Staffing is under review.", "Done"])
    number = numbers | st.lists(numbers, min_size=2, max_size=3)
    printed = st.none() | st.fixed_dictionaries({}, optional={"status": st.none() | st.text(max_size=10),
                                                              "target_date": st.none() | st.text(max_size=10),
                                                              "lead": st.none() | scalars})
    entry = st.fixed_dictionaries(
        {"recommendation": number,
         "action": mostly(words, st.sampled_from(["", "  "]) | st.text(max_size=40)),
         "implementation": mostly(st.sampled_from(STATES), scalars)},
        optional={"evidence": mostly(st.none() | st.sampled_from(["Kent tool", "the  Kent\ntool", "under review"]),
                                     st.text(max_size=15)),
                  "note": st.none() | st.text(max_size=15), "as_printed": printed})
    document = {
        "owner": draw(mostly(st.just("kent"), owners)),
        "report": draw(mostly(st.just(REPORT), st.sampled_from(["other", "hmicfrs-2023-online-csae"]))),
        "kind": draw(mostly(st.sampled_from(DOCUMENT_KINDS), scalars)),
        "author": draw(mostly(st.just("Kent PCC"), st.text(max_size=20))),
        "published": draw(mostly(st.none() | st.dates().map(str), dates)),
        "source": draw(st.fixed_dictionaries(
            {"title": mostly(st.just("Kent response"), st.text(max_size=20))},
            optional={"url": st.none() | st.sampled_from(["https://x.example/r", "ftp://x"]),
                      "document": st.none() | st.sampled_from(["sources/devon-and-cornwall-pcc-response.md",
                                                               "sources/../../x.md", "sources/none.md"])})),
        "foreword": draw(st.none() | st.text(max_size=20)),
        "responses": draw(st.lists(entry, max_size=12)),
    }
    for key in draw(mostly(st.just([]), st.lists(st.sampled_from(sorted(document)), max_size=2))):
        document.pop(key, None)
    if draw(mostly(st.just(False), st.just(True))):
        document[draw(keys)] = draw(values)
    return document


def _evidence() -> st.SearchStrategy:
    return st.fixed_dictionaries({"title": mostly(st.just("Revisit letter"), st.text(max_size=10))},
                                 optional={"url": st.none() | st.sampled_from(["https://x.example/r", "ftp://x"]),
                                           "report": st.none() | st.sampled_from([REPORT, "other"]),
                                           "quote": st.none() | st.text(max_size=15)})


@st.composite
def assessment_documents(draw: st.DrawFn) -> dict:
    """The inspectorate's assessments of the shipped report, right shape, arbitrary contents."""
    verdict = st.fixed_dictionaries({
        "recommendation": numbers, "owner": owners,
        "date": mostly(partial_dates, odd_partial_dates | scalars),
        "verdict": mostly(st.sampled_from(VERDICTS), scalars),
        "by": mostly(st.just("hmicfrs"), owners),
        "evidence": mostly(_evidence(), scalars)},
        optional={"superseded_by": st.none() | st.sampled_from([f"{REPORT}/1", f"{REPORT}/17", "other/1", "x"]),
                  "note": st.none() | st.text(max_size=15)})
    revision = st.fixed_dictionaries({
        "recommendation": numbers, "decided": mostly(st.dates().map(str), dates),
        "deadline": mostly(st.dates().map(str), dates), "deadline_as_printed": mostly(st.just("31 May 2027"), scalars),
        "reason": mostly(st.just("More time."), st.text(max_size=10)), "source": mostly(_evidence(), scalars)},
        optional={"owner": st.none() | owners})
    document = {"report": draw(mostly(st.just(REPORT), st.sampled_from(["other", "hmicfrs-2023-online-csae"])))}
    if draw(st.booleans()):
        document["verdicts"] = draw(st.lists(verdict, max_size=6))
    if draw(st.booleans()):
        document["deadline_revisions"] = draw(st.lists(revision, max_size=4))
    if draw(mostly(st.just(False), st.just(True))):
        document[draw(keys)] = draw(values)
    return document


@st.composite
def spliced(draw: st.DrawFn, text: str = VALID_RESPONSE) -> str:
    """A valid response with a few random cuts and insertions."""
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        text = text[:start] + draw(st.text(max_size=8) | st.sampled_from(FRAGMENTS)) + text[end:]
    return text


yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)
any_text = dumped() | st.text() | yamlish | spliced() | spliced(VALID_ASSESSMENTS)


def check_problems(problems: list[Problem], text: str | None = None) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.code in set(Code), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip() and problem.hint.strip(), problem
        assert isinstance(problem.severity, Severity)
        problem.format()
        if text is not None:  # YAML's line breaks are a subset of Python's splitlines()
            assert problem.line <= len(text.splitlines()) + 1, (problem, text)


def check_load(path: Path, text: str | None) -> tuple[LoadedFile | None, list[Problem]]:
    loaded, problems = load_file(path, "x.yaml")
    assert loaded is not None or problems, "a file that failed to load must say why"
    check_problems(problems, text)
    return loaded, problems


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("yaml-properties")


@FAST
@given(text=any_text)
def test_load_file_never_raises_on_text(scratch: Path, text: str) -> None:
    path = scratch / "doc.yaml"
    path.write_text(text, "utf-8", newline="")
    check_load(path, text)


@FAST
@given(raw=st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8")[:-1]))
def test_load_file_never_raises_on_bytes(scratch: Path, raw: bytes) -> None:
    path = scratch / "doc.yaml"
    path.write_bytes(raw)
    check_load(path, None)


@FAST
@given(document=values, allow_unicode=st.booleans())
def test_safe_dumped_values_load_back_or_are_reported(scratch: Path, document: object, allow_unicode: bool) -> None:
    """What safe_dump writes, Rectrack reads back unchanged (or refuses with a problem), never altered.

    Found by this test: safe_dump(allow_unicode=True) writes U+0085/U+2028/U+2029 raw, and YAML 1.1 folds
    them as line breaks; the loader now refuses them instead of changing the text.
    """
    text = yaml.safe_dump(document, allow_unicode=allow_unicode)
    path = scratch / "doc.yaml"
    path.write_text(text, "utf-8")
    loaded, problems = check_load(path, text)
    if loaded is not None and not problems:
        assert _same_shape(loaded.data, document)


def _same_shape(read: object, written: object) -> bool:
    """Containers and keys match; scalars either match or were kept as the text safe_dump wrote."""
    if isinstance(written, dict):
        return (isinstance(read, dict) and len(read) == len(written)
                and all(_same_shape(read[str(k) if not isinstance(k, str) else k], v)
                        for k, v in written.items() if (str(k) if not isinstance(k, str) else k) in read))
    if isinstance(written, list):
        return isinstance(read, list) and len(read) == len(written) and all(map(_same_shape, read, written))
    if isinstance(written, str):
        return read == written  # safe_dump quotes every string that would otherwise be typed
    return read == written or isinstance(read, str) or (written is None and read is None)


#: Optional files (an absent one counts as empty): left out of the base so each example validates in a
#: third of the time; a generated document may still take their place.
OPTIONAL = ["case_studies.yaml", "statistics.yaml", "glossary.yaml"]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data = tmp_path_factory.mktemp("property-data") / "data"
    shutil.copytree(DATA, data)
    for name in OPTIONAL:
        (data / name).unlink()
    assert load_and_validate(data).ok
    yield data


TARGETS = [KENT, f"force_responses/{REPORT}/devon-and-cornwall.yaml", f"national_responses/{REPORT}/npcc.yaml",
           ASSESSMENTS, "assessments/hmicfrs-2023-online-csae.yaml", "recommendations.yaml", "reports.yaml",
           "organisations.yaml", "groups.yaml", "site.yaml", "case_studies.yaml", "statistics.yaml", "glossary.yaml"]


def validate_with(data: Path, target: str, content: str | bytes) -> None:
    path = data / target
    original = path.read_bytes() if path.exists() else None
    made = not path.parent.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8", newline="")
        checked = load_and_validate(data)
        check_problems(checked.problems)
        assert checked.ok == (not checked.report.errors)
        if checked.ok:
            derive(checked.dataset, AS_OF)  # whatever validates can be shown: no exception downstream
            if target == KENT and "draft" not in {p.code for p in checked.problems}:
                assert any(d.owner == "kent" for d in checked.dataset.documents)
    finally:
        if original is None:
            path.unlink()
            if made:
                path.parent.rmdir()
        else:
            path.write_bytes(original)


@SLOW
@given(target=st.sampled_from(TARGETS), content=any_text | st.binary(max_size=200))
def test_validate_never_raises_whatever_a_file_holds(data_dir: Path, target: str, content: str | bytes) -> None:
    validate_with(data_dir, target, content)


@SLOW
@given(text=dumped(response_documents()) | spliced())
def test_validate_never_raises_on_almost_valid_responses(data_dir: Path, text: str) -> None:
    validate_with(data_dir, KENT, text)


@SLOW
@given(text=dumped(assessment_documents()) | spliced(VALID_ASSESSMENTS))
def test_validate_never_raises_on_almost_valid_assessments(data_dir: Path, text: str) -> None:
    validate_with(data_dir, ASSESSMENTS, text)


def test_the_almost_valid_response_is_valid(data_dir: Path) -> None:
    """The control for the response strategies: unspliced, the response passes (and leaves some unanswered)."""
    path = data_dir / KENT
    path.write_text(VALID_RESPONSE, "utf-8")
    try:
        checked = load_and_validate(data_dir)
        assert [p.code for p in checked.problems] == ["unanswered"]
        assert checked.ok and any(d.owner == "kent" for d in checked.dataset.documents)
    finally:
        path.unlink()


def test_the_almost_valid_assessments_are_valid(data_dir: Path) -> None:
    """The control for the assessment strategies: unspliced, the assessments pass and derive."""
    path = data_dir / ASSESSMENTS
    path.write_text(VALID_ASSESSMENTS, "utf-8")
    try:
        checked = load_and_validate(data_dir)
        assert checked.problems == [], [p.format() for p in checked.problems]
        assert {(v.recommendation, v.owner, v.verdict) for v in checked.dataset.verdicts} >= {
            (f"{REPORT}/16", "kent", "closed-implemented"), (f"{REPORT}/3", "college-of-policing", "superseded")}
        derive(checked.dataset, AS_OF)
    finally:
        path.unlink()

