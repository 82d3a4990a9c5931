"""The form's checks and the validator agree, value by value, and the file the form writes reads back exactly.

The form's rules are generated from the schemas (``render/form_rules.py``) and applied by
``components/response-rules.js``; the validator applies the same schemas with Python's ``jsonschema``
and ``re``. Here both judge the same values (hostile ones especially: Python and JavaScript disagree
about whitespace, ``$`` and ``.``; lengths count characters, not UTF-16 units; dates must exist) and
must give the same verdict. The quote rule is compared with ``rectrack.text.normalise`` the same way.
The YAML the form writes (``components/response-file.js``, on the vendored js-yaml) is read back with
PyYAML, which must give exactly the values written.
"""

from __future__ import annotations

import json
import random
import re

import pytest
import yaml
from rectrack.authoring.writer import SCHEMA_POINTER
from rectrack.data.schema import _validators, schema_dir
from rectrack.text import WHITESPACE, normalise

from .sitebuild import MAIN_REPORT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FORM = "/publish-response/"
MODULES = """async () => {
    window.rules = await import('/assets/components/response-rules.js');
    window.files = await import('/assets/components/response-file.js');
    window.ruleset = await (await fetch('/publish-response/rules.json')).json();
}"""

#: A valid response document: each check replaces one field of it.
BASE = {
    "owner": "kent", "report": MAIN_REPORT, "kind": "first-comments", "author": "The commissioner",
    "published": "2026-06-06", "source": {"title": "A title", "url": None, "document": None}, "foreword": None,
    "responses": [{"recommendation": 1, "action": "We did it.", "implementation": "implemented",
                   "evidence": "We did it.", "note": None, "as_printed": None}],
}
ODD = ["", " ", "\t", "\n", "x\n", "\nx", "\u2028", "\x1c", "\x85", "\ufeff", "\u200b", "\u00a0", "\u3000",
       "a", "\x00", "\x7f", "😀", "x" * 300, "x" * 301, "😀" * 300, "😀" * 301, "é" * 2000, "é" * 2001]
VALUES = {
    "owner": ["kent", "Kent", "kent-", "-kent", "kent--x", "kent\n", "k" * 80, "k" * 81, "a1-b2", "kent x"],
    "report": [MAIN_REPORT, MAIN_REPORT + "\n", "a" * 81],
    "kind": ["first-comments", "update", "action-plan", "First comments", "first-comments\n", "plan"],
    "author": ODD + ["The commissioner", " x ", "x\u2028"],
    "published": ["2026-06-06", "2026-02-29", "2028-02-29", "2100-02-29", "2000-02-29", "0000-01-01",
                  "0001-01-01", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-1-01", "20260101",
                  "2026-01-01\n", "2026-01-01 ", "٢٠٢٦-٠١-٠١", "2026-06-06T00:00", "9999-12-31"],
    "source.title": ODD + ["A title"],
    "source.url": ["https://x.example/a", "http://x.example", "https://", "https://x y", "https://x\n",
                   "https://x<", "https://x\"", "https://x'", "ftp://x", "HTTPS://x", "https://x\u2028",
                   "https://x\x1c", "https://x\ufeff", "https://" + "a" * 492, "https://" + "a" * 493, "javascript:1"],
    "foreword": ODD + ["Some comments.", "x" * 20000, "x" * 20001],
    "responses[].action": ["We did it.", "x" * 20000, "x" * 20001, "😀" * 20000, "😀" * 20001],
    "responses[].implementation": ["implemented", "in-progress", "not-started", "not-stated", "Implemented",
                                   "done", "implemented\n"],
    "responses[].evidence": ["We did it.", "x" * 2000, "x" * 2001, "😀" * 2001],
}


def _with(path: str, value: object) -> dict:
    doc = json.loads(json.dumps(BASE))
    target = doc
    parts = path.split(".")
    for part in parts[:-1]:
        target = target["responses"][0] if part == "responses[]" else target[part]
    target[parts[-1]] = value
    if path == "responses[].action":
        target["evidence"] = None
        target["implementation"] = "not-stated"
    return doc


def validator_accepts(path: str, value: object) -> bool:
    validator = _validators(str(schema_dir()))["force_responses"]
    return not list(validator.iter_errors(_with(path, value)))


@pytest.fixture
def modules(visit):
    v = visit(FORM)
    v.page.evaluate(MODULES)
    return v.page


def test_the_base_document_is_valid() -> None:
    assert validator_accepts("author", BASE["author"])


def test_the_forms_checks_give_the_validators_verdict_on_every_value(modules) -> None:
    rules = modules.evaluate("() => window.ruleset.fields")
    assert set(VALUES) == set(rules), "every field the form checks has values to compare"
    cases = [(path, value) for path, values in VALUES.items() for value in values]
    verdicts = modules.evaluate("""(cases) => cases.map(([path, value]) =>
        window.rules.breaks({...window.ruleset.fields[path], needed: false}, value) === null)""", cases)
    disagreements = []
    for (path, value), form_ok in zip(cases, verdicts, strict=True):
        rule = rules[path]
        held = None if value == "" and rule["nullable"] else value  # what the form writes for an empty field
        if form_ok != validator_accepts(path, held):
            disagreements.append(f"{path} = {value[:40]!r}: form {'accepts' if form_ok else 'refuses'}, "
                                 f"validator {'refuses' if form_ok else 'accepts'}")
    assert not disagreements, "\n".join(disagreements)
    assert sum(verdicts) and not all(verdicts), "the values include both valid and invalid ones"


def test_the_quote_check_gives_the_validators_verdict(modules) -> None:
    action = "The force’s “tiered” approach\ncovers under 18s.\n\nChecks   are made\u2028every month."
    quotes = ["The force's \"tiered\" approach covers under 18s.", "The force’s “tiered”", "covers under 18s. Checks",
              "Checks are made every month.", "checks are made", "approach  covers", "approach\u3000covers",
              "approach\x1ccovers", "approach\ufeffcovers", "approach\u200bcovers", " every month. ",
              "under 18s.Checks", "tiered approach", "month.\n", "\u2018tiered\u2019", "The force's 'tiered'"]
    found = modules.evaluate("""([action, quotes]) => {
        const normalise = window.rules.normaliser(window.ruleset.quote);
        return quotes.map(q => window.rules.quoted(normalise, q, action));
    }""", [action, quotes])
    expected = [normalise(q) in normalise(action) for q in quotes]
    assert found == expected, [q for q, f, e in zip(quotes, found, expected, strict=True) if f != e]
    assert any(expected) and not all(expected)


def test_the_whitespace_the_form_uses_is_pythons() -> None:
    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))}


def test_the_form_writes_the_schema_pointer_the_python_writer_writes(modules) -> None:
    assert modules.evaluate("() => window.files.SCHEMA_POINTER") == SCHEMA_POINTER


# --- the YAML ----------------------------------------------------------------------------------------

PIECES = ["a", "Z", "0", "9", " ", "  ", "\t", "\n", "\n\n", "\r", "#", ": ", ":", "-", "- ", "?", "? ", "\"", "'",
          "\\", "|", ">", "%", "@", "`", "!", "&", "*", "{", "}", "[", "]", ",", "\x85", "\u2028", "\u2029",
          "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\x9f", "\ud7ff", "\ue000", "\ufffe", "é", "😀", "…", "’", "“",
          "yes", "No", "ON", "off", "y", "n", "null", "Null", "~", "true", "False", "2026-10-31", "012", "0x1F",
          "0o7", "1_000", "1e3", "+1", ".5", ".inf", ".NaN", "---", "...", "<<", "=", "1:20", "2026-10-31 12:00"]


def strings(count: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    out = list(PIECES) + ["", " lead", "trail ", " both ", "\nlead", "trail\n", "x\n\n", "\n", "  \n  x"]
    while len(out) < count:
        out.append("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))))
    return out


def test_every_value_the_form_writes_reads_back_exactly_with_pyyaml(modules) -> None:
    values = strings(3000)
    written = modules.evaluate("""(values) => values.map(v => [
        window.files.scalar(v, 4, false), window.files.scalar(v, 4, true)])""", values)
    wrong = []
    for value, forms in zip(values, written, strict=True):
        for text in forms:
            document = f"a:\n  b:\n    key: {text}\n    next: 1\n"
            try:
                read = yaml.safe_load(document)["a"]["b"]
            except yaml.YAMLError as exc:
                wrong.append(f"{value!r} written {text!r}: {str(exc).splitlines()[0]}")
                continue
            if read != {"key": value, "next": 1}:
                wrong.append(f"{value!r} written {text!r} reads back as {read!r}")
    assert not wrong, f"{len(wrong)} of {len(values)} values:\n" + "\n".join(wrong[:20])


def test_a_whole_file_reads_back_as_the_values_in_it(modules) -> None:
    rng = random.Random(55)
    texts = strings(400, seed=55)
    documents = []
    for index in range(60):
        pick = lambda: rng.choice(texts)  # noqa: E731
        documents.append({
            "document": {"owner": "kent", "report": MAIN_REPORT, "kind": "update", "author": pick(),
                         "published": "2026-06-06", "title": pick(), "url": "https://x.example/a?b=1#c",
                         "foreword": pick() if index % 2 else None},
            "answers": [{"rec": {"local": str(n), "number": n, "name": f"Recommendation {n}", "text": pick(),
                                 "actions": [pick(), pick()]},
                         "action": pick(), "implementation": "in-progress", "evidence": pick() if n % 2 else None}
                        for n in range(1, rng.randint(1, 4) + 1)],
            "header": [pick()],
        })
    files = modules.evaluate("""(documents) => documents.map(d =>
        window.files.responseFile(d.document, d.answers, d.header))""", documents)
    for spec, text in zip(documents, files, strict=True):
        assert text.startswith(SCHEMA_POINTER + "\n")
        doc = spec["document"]
        expected = {
            "owner": doc["owner"], "report": doc["report"], "kind": doc["kind"], "author": doc["author"],
            "published": doc["published"], "source": {"title": doc["title"], "url": doc["url"], "document": None},
            "foreword": doc["foreword"],
            "responses": [{"recommendation": a["rec"]["number"], "action": a["action"],
                           "implementation": a["implementation"], "evidence": a["evidence"], "note": None,
                           "as_printed": None} for a in spec["answers"]],
        }
        assert yaml.safe_load(text) == expected, text


# --- the checks the validator makes in code ------------------------------------------------------

ANSWER = "We did it. It works:\nevery month."
#: (implementation, evidence) for one answer: every way the claim and its quote can stand.
CLAIM_CASES = [("implemented", "We did it."), ("implemented", ""), ("implemented", "Not there."),
               ("not-stated", ""), ("not-stated", "We did it."), ("in-progress", "we did it."),
               ("not-started", "It  works: every\nmonth."), ("in-progress", "   "), ("implemented", "it works")]


class _Collect:
    """Stands in for the validator's checker: keeps the codes it reports."""

    def __init__(self) -> None:
        self.codes: list[str] = []

    def report(self, loaded, path, code, message, hint="", severity=None, key=False) -> None:
        self.codes.append(str(code))


def validator_codes(implementation: str, evidence: str) -> set[str]:
    from rectrack.data import documents

    collect = _Collect()
    documents._claim(collect, None, ("responses", 0),
                     {"action": ANSWER, "implementation": implementation, "evidence": evidence or None})
    return set(collect.codes)


def said(template: str, shown: str) -> bool:
    """Does ``shown`` hold the message ``template`` ("... {claim} ..."), whatever its blanks were filled with?"""
    pattern = re.escape(template)
    pattern = re.sub(r"\\\{\w+\\\}", ".*", pattern)
    return re.search(pattern, shown) is not None


def test_the_forms_claim_checks_give_the_validators_codes(visit) -> None:
    v = visit(f"{FORM}?report={MAIN_REPORT}&organisation=kent")
    page = v.page
    page.wait_for_selector("#rt-r-1-action")
    checks = page.evaluate("async () => (await (await fetch('rules.json')).json()).checks")
    page.fill("#rt-r-1-action", ANSWER)
    problems = []
    for implementation, evidence in CLAIM_CASES:
        page.select_option("#rt-r-1-implementation", implementation)
        page.fill("#rt-r-1-evidence", evidence)
        page.click("button[data-rt-action=download]")
        shown = page.inner_text("#rt-r-1-evidence-error") + page.inner_text("#rt-r-1-implementation-error")
        form = {code for code, check in checks.items() if said(check["message"], shown)}
        if form != validator_codes(implementation, evidence):
            problems.append(f"{implementation} + {evidence!r}: form {sorted(form)}, "
                            f"validator {sorted(validator_codes(implementation, evidence))}")
    assert not problems, "\n".join(problems)


def test_the_date_checks_are_the_validators(visit) -> None:
    v = visit(f"{FORM}?report={MAIN_REPORT}&organisation=kent")
    page = v.page
    page.wait_for_selector("#rt-r-1-action")
    report = page.evaluate(f"async () => (await fetch('reports/{MAIN_REPORT}.json')).json()")
    day_before = "2026-03-31"
    assert report["published_earliest"] == "2026-04-01" and day_before < report["published_earliest"]
    for day, expected in [(day_before, "before the report was published"), ("2026-04-01", ""),
                          ("2099-01-01", "in the future")]:
        page.fill("#rt-r-published", day)
        page.dispatch_event("#rt-r-published", "change")
        shown = page.inner_text("#rt-r-published-error")
        assert (expected in shown) if expected else shown == "", (day, shown)
