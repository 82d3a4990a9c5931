"""Property tests: whatever a data file holds, loading and validating ends in data or problems, never a crash.

Documents are generated four ways: random nested values dumped with ``yaml.safe_dump``; random text and
bytes; text assembled from YAML's sharp edges (indicators, anchors, tags, tabs, YAML 1.1 words); and
almost-valid force responses (right shape, random values; or a valid file with a random splice), which
get past the schema so that the cross-reference checks and the model construction run on them too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from constants import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rectrack.data.check import load_and_validate
from rectrack.data.problems import Code, Problem, Severity
from rectrack.data.read import LoadedFile, load_file

FAST = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: Each example validates a whole data directory, so fewer of them.
SLOW = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FIELDS = ["force", "report", "author", "published", "source", "title", "url", "document", "foreword", "responses",
          "recommendation", "action", "implementation", "evidence", "note", "inspectorate", "verdict", "date",
          "id", "number", "owners", "section", "recommendations", "forces", "bodies", "<<", "? ", ""]
SURPRISES = ["yes", "no", "on", "off", "Y", "012", "0o12", "0x1f", "1e3", ".inf", ".nan", "~", "null", "", " ",
             "2026-10-31", "2026-02-30", "2026-1-1", "12:30", "forces", "kent", "../../etc/passwd", "..%2f",
             "not-stated", "closed", "\t", "\x85", "\u2028", "\ufeff", "*a", "&a", "!!str", "# no comment"]
FRAGMENTS = ["- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "*b", "&b ", "!!str ", "!!python/object ",
             "!x ", "<<: ", "'", '"', "#", "|", ">", "|-\n", "\n", "\n  ", "    ", "\t", "---\n", "...\n",
             "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "yes", "012", "2026-02-30", "key", "force", "responses",
             "recommendation", "\\", "\x00", "\x07", "\r", "\u2028", "\ufeff", "é", "😀"]
VERDICTS = ["open", "closed", "superseded"]
STATES = ["not-started", "in-progress", "implemented", "not-stated"]

VALID_RESPONSE = """\
force: kent
report: hmicfrs-2026-ocsa-mosovo
author: "Police and Crime Commissioner for Kent"
published: "2026-07-01"
source: {title: "Response from the Kent PCC", url: null, document: null}
foreword: null
responses:
  - {recommendation: 1, action: "We use the Kent tool.", implementation: implemented, evidence: "the Kent tool"}
  - {recommendation: 2, action: "Staffing is under review.", implementation: in-progress, evidence: "under review"}
  - recommendation: 16
    action: |
      We meet probation monthly.
    implementation: not-stated
    inspectorate: {verdict: closed, date: "2026-11-20", note: "Agreement seen."}
"""

scalars = (st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False)
           | st.text(max_size=30) | st.sampled_from(SURPRISES))
keys = st.sampled_from(FIELDS) | st.text(max_size=12)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6),
                      max_leaves=25)
dates = st.dates().map(str) | st.sampled_from(["2026-02-30", "2026-13-01", "2026-1-1", "0000-01-01", "2026"])


@st.composite
def dumped(draw: st.DrawFn, documents: st.SearchStrategy = values) -> str:
    return yaml.safe_dump(draw(documents), allow_unicode=draw(st.booleans()),
                          default_flow_style=draw(st.sampled_from([False, True, None])), sort_keys=draw(st.booleans()))


def mostly(good: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """``good`` 15 times in 16: enough documents pass the schema to reach the cross-checks."""
    return st.integers(0, 15).flatmap(lambda n: odd if n == 0 else good)


@st.composite
def response_documents(draw: st.DrawFn) -> dict:
    """A force response with the right shape and arbitrary contents: reaches the cross-checks."""
    words = st.sampled_from(["We use the Kent tool.", "Staffing is under review.", "Done"])
    number = mostly(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 10, 15, 16, 17]), st.integers(-2, 1001) | scalars)
    verdict = st.fixed_dictionaries({"verdict": mostly(st.sampled_from(VERDICTS), scalars)},
                                    optional={"date": mostly(st.none() | st.dates().map(str), dates),
                                              "note": st.none() | st.text(max_size=15)})
    entry = st.fixed_dictionaries(
        {"recommendation": number,
         "action": mostly(words, st.sampled_from(["", "  "]) | st.text(max_size=40)),
         "implementation": mostly(st.sampled_from(STATES), scalars)},
        optional={"evidence": mostly(st.none() | st.sampled_from(["Kent tool", "the  Kent\ntool", "under review"]),
                                     st.text(max_size=15)),
                  "note": st.none() | st.text(max_size=15), "inspectorate": verdict})
    document = {
        "force": draw(mostly(st.just("kent"), st.sampled_from(["essex", "Kent", "../kent", ""]) | scalars)),
        "report": draw(mostly(st.just("hmicfrs-2026-ocsa-mosovo"), st.just("other"))),
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


@st.composite
def spliced(draw: st.DrawFn, text: str = VALID_RESPONSE) -> str:
    """A valid response with a few random cuts and insertions."""
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        text = text[:start] + draw(st.text(max_size=8) | st.sampled_from(FRAGMENTS)) + text[end:]
    return text


yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)
any_text = dumped() | st.text() | yamlish | spliced()


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


TARGETS = ["force_responses/kent.yaml", "force_responses/devon-and-cornwall.yaml", "recommendations.yaml",
           "report.yaml", "forces.yaml", "bodies.yaml", "case_studies.yaml", "statistics.yaml", "glossary.yaml"]


def validate_with(data: Path, target: str, content: str | bytes) -> None:
    path = data / target
    original = path.read_bytes() if path.exists() else None
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8", newline="")
        checked = load_and_validate(data)
        check_problems(checked.problems)
        assert checked.ok == (not checked.report.errors)
        if checked.ok and target == "force_responses/kent.yaml":
            assert checked.dataset.response_of("kent") is not None
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@SLOW
@given(target=st.sampled_from(TARGETS), content=any_text | st.binary(max_size=200))
def test_validate_never_raises_whatever_a_file_holds(data_dir: Path, target: str, content: str | bytes) -> None:
    validate_with(data_dir, target, content)


@SLOW
@given(text=dumped(response_documents()) | spliced())
def test_validate_never_raises_on_almost_valid_responses(data_dir: Path, text: str) -> None:
    validate_with(data_dir, "force_responses/kent.yaml", text)


def test_the_almost_valid_response_is_valid(data_dir: Path) -> None:
    """The control for the splicing strategy: unspliced, the response passes."""
    path = data_dir / "force_responses" / "kent.yaml"
    path.write_text(VALID_RESPONSE, "utf-8")
    try:
        checked = load_and_validate(data_dir)
        assert [p.code for p in checked.problems] == ["unanswered"]
        assert checked.ok and checked.dataset.response_of("kent") is not None
    finally:
        path.unlink()
