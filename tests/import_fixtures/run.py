"""Build a fixture document, import it with the real command, and compare with what it must give.

Used by ``tests/test_importing_layouts.py`` (one test per case) and by the measurement
(``python tests/import_fixtures/measure.py``), so both judge the importer the same way.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import minidata  # noqa: E402

from import_fixtures.cases import REC_DATA, Case  # noqa: E402
from import_fixtures.render import WRITERS, write_scanned_pdf  # noqa: E402


def build(case: Case, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    if case.fmt == "scanned":
        return write_scanned_pdf(case.scanned["pages"], directory / f"{case.name}.pdf", case.scanned.get("cover"))
    return WRITERS[case.fmt](case.blocks, directory / f"{case.name}.{case.fmt}", case.options)


@dataclass
class Outcome:
    exit_code: int
    output: str
    correct: int  # answers placed exactly as expected
    expected: int
    wrong: list[str] = field(default_factory=list)  # every difference from the expectation

    @property
    def silently_wrong(self) -> bool:
        return self.exit_code == 0 and bool(self.wrong)


def run(case: Case, directory: Path) -> Outcome:
    from click.testing import CliRunner
    from rectrack.authoring import import_document
    from rectrack.cli import cli
    from rectrack.data.check import load_and_validate
    from rectrack.errors import DocumentError

    document = build(case, directory / "documents")
    data = minidata.write_data_dir(directory / "data", REC_DATA, responses_dir=True)
    invoked = CliRunner().invoke(cli, ["import-response", str(document), "--owner", case.force, "--data", str(data)])
    wrong: list[str] = []
    if invoked.exception is not None and not isinstance(invoked.exception, SystemExit):
        wrong.append(f"crashed: {invoked.exception!r}")
    if invoked.exit_code != case.exit_code:
        wrong.append(f"exit status {invoked.exit_code}, expected {case.exit_code}")
    if "Traceback" in invoked.output:
        wrong.append("printed a traceback")
    if case.error is not None:
        if case.error not in invoked.output or "Hint:" not in invoked.output:
            wrong.append(f"the error does not say {case.error!r} with a hint: {invoked.output!r}")
        return Outcome(invoked.exit_code, invoked.output, 0, 0, wrong)
    checked = load_and_validate(data)
    dataset = checked.dataset
    recommendations = list(dataset.recommendations) if dataset else []
    try:
        result = import_document(document, recommendations)
    except DocumentError as exc:
        return Outcome(invoked.exit_code, invoked.output, 0, len(case.answers), [*wrong, f"error: {exc}"])
    got = {entry.recommendations: entry for entry in result.entries}
    correct = 0
    for numbers, text in case.answers.items():
        entry = got.get(numbers)
        if entry is None:
            wrong.append(f"recommendation {numbers}: no answer")
        elif entry.action != text:
            wrong.append(f"recommendation {numbers}: got {entry.action!r}, expected {text!r}")
        elif case.as_printed.get(numbers, {}) != dict(entry.as_printed):
            wrong.append(f"recommendation {numbers}: columns {dict(entry.as_printed)}, expected "
                         f"{case.as_printed.get(numbers, {})}")
        else:
            correct += 1
    for numbers in got:
        if numbers not in case.answers:
            wrong.append(f"recommendation {numbers}: an answer the document does not give: {got[numbers].action!r}")
    if case.foreword is not None and result.foreword != case.foreword:
        wrong.append(f"foreword {result.foreword!r}, expected {case.foreword!r}")
    deferred = tuple(sorted(n for d in result.deferred for n in d.recommendations))
    if deferred != tuple(sorted(case.deferred)):
        wrong.append(f"will follow: {deferred}, expected {case.deferred}")
    published = result.published.iso if result.published else None
    if published != case.published:
        wrong.append(f"published {published}, expected {case.published}")
    weak = [u.reason + " " + u.text for u in result.unplaced]
    if case.exit_code == 1 and case.weak:
        for words, reason in zip(case.weak, weak, strict=False):
            if words not in reason:
                wrong.append(f"doubt {reason!r} does not mention {words!r}")
        if len(weak) != len(case.weak):
            wrong.append(f"{len(weak)} pieces reported, expected {len(case.weak)}: {weak}")
    written = minidata.response_path(data, case.force)
    if case.error is None and not written.exists():
        wrong.append("no response file written")
    elif checked.problems and any(p.severity.name == "ERROR" for p in checked.problems):
        wrong.append("the written file does not validate: " + "; ".join(p.format() for p in checked.problems[:3]))
    return Outcome(invoked.exit_code, invoked.output, correct, len(case.answers), wrong)
