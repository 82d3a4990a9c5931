"""Problems found in data files, as data.

Every check in Rectrack reports a :class:`Problem` rather than raising or printing: the validator
collects them all in one run, and the CLI decides how to show them and which exit code to use.
Codes are stable so that tests, CI annotations and the editors' guide can refer to them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the parser allows (1-based)."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    path: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``file:line:col: severity[code] field: message. Hint: ...`` on one line, as compilers do."""
        where = f"{self.file}:{self.line}:{self.column}"
        field_part = f" {self.path}:" if self.path else ""
        text = f"{where}: {self.severity.value}[{self.code}]{field_part} {self.message}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command: shows the problem on the file and line of a pull request."""
        def escape(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        level = "error" if self.severity is Severity.ERROR else "warning"
        body = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            body += f" Hint: {self.hint}"
        return (f"::{level} file={escape(self.file, True)},line={self.line},col={self.column},"
                f"title={escape('rectrack ' + self.code, True)}::{escape(body)}")

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


#: Every problem code, with what it means for the person editing the file. The editors' guide is
#: generated from this table and a test checks that the code emits no code missing from it.
CODES: dict[str, str] = {
    "yaml-syntax": "The file is not valid YAML (often indentation, or a value with ': ' or '#' that needs quotes).",
    "duplicate-key": "The same field appears twice in one entry; YAML would silently keep only the last one.",
    "alias": "Anchors, aliases (&name, *name) and merge keys (<<) are not allowed: write values out in full.",
    "complex-key": "A field name is a list or mapping instead of a plain word.",
    "unsupported-tag": "A YAML tag such as !!python/object was used; data files hold only text, numbers and lists.",
    "too-deep": "Values are nested far deeper than any Rectrack file needs.",
    "empty-file": "The file is empty or holds only comments.",
    "binary-file": "The file is not text (it contains NUL bytes), e.g. a Word document saved with a .yaml name.",
    "not-utf8": "The file is not saved as UTF-8 text.",
    "file-too-large": "The file is larger than any hand-written data file should be.",
    "unreadable-file": "The file cannot be read (permissions, or it is a folder).",
    "missing-file": "A file every tracker needs (report, recommendations, forces, bodies) is missing.",
    "ignored-file": "A file in the data folder is not one Rectrack reads (e.g. a .yml extension).",
    "bad-file-name": "A response file is not named after a force id (lower-case letters, digits, hyphens).",
    "unknown-field": "A field name is not part of the format (often a typo); the hint suggests the closest.",
    "missing-field": "A required field is missing; use null where the source says nothing.",
    "wrong-type": "A value has the wrong type, e.g. a number in quotes, or yes/no where true/false is meant.",
    "not-allowed-value": "A value is not one of the allowed words, e.g. an implementation state.",
    "bad-format": "A value does not have the expected form, e.g. a date not written \"YYYY-MM-DD\" "
                  "or an id with capitals.",
    "impossible-date": "A date that does not exist on the calendar, e.g. 2026-02-30.",
    "out-of-range": "A number or text length is outside the allowed range.",
    "duplicate-item": "A list holds the same item twice.",
    "schema": "Another schema rule failed; the message gives the details.",
    "duplicate-id": "Two entries share an id (or a recommendation number).",
    "reserved-id": "An id that has a special meaning (such as 'forces') was used for something else.",
    "unknown-reference": "A recommendation number, force, body, section or report id that does not exist.",
    "missing-document": "The source document a file points to is not in the data folder.",
    "unsafe-path": "A source document path uses '..' to point outside the data folder.",
    "figure-shape": "A chart row has a different number of values from its series.",
    "file-name-mismatch": "A response file's name and its 'force' field disagree.",
    "duplicate-response": "A response answers the same recommendation twice.",
    "not-for-forces": "A force answered a recommendation that is addressed only to national bodies.",
    "missing-evidence": "An implementation claim other than not-stated has no evidence quote.",
    "evidence-not-in-action": "The evidence quote is not copied word for word from the action text.",
    "evidence-without-claim": "Evidence is given although implementation is not-stated.",
    "verdict-needs-date": "A closed or superseded inspectorate verdict has no date.",
    "verdict-needs-note": "A closed inspectorate verdict has no note explaining why.",
    "unfilled": "A field of a new response template is still empty; the entry is ignored until it is filled in.",
    "unanswered": "A response does not cover every recommendation addressed to forces (Police Act 1996 s55(5B)).",
}

#: Stop collecting after this many problems: a broken file can otherwise produce thousands.
MAX_PROBLEMS = 500


@dataclass
class Report:
    """All problems of one run, in a stable order (file, line, column)."""

    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False
    _warning_count: int = field(default=0, repr=False)

    def add(self, problem: Problem) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            # The cap must never turn a failing run into a passing one: an error displaces a warning.
            if problem.severity is Severity.ERROR and self._warning_count:
                index = max(i for i, p in enumerate(self.problems) if p.severity is Severity.WARNING)
                self.problems[index] = problem
                self._warning_count -= 1
            return
        self.problems.append(problem)
        if problem.severity is Severity.WARNING:
            self._warning_count += 1

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.file, p.line, p.column, p.code, p.path))


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a person would type it: relative to the working directory when possible."""
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            # resolve the folder only: a symlinked file is named as the user wrote it, not as its target
            return str((path.parent.resolve() / path.name).relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)
