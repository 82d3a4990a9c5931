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
    """How much a problem matters: errors stop the build, warnings fail ``--strict``, notices only inform."""

    ERROR = "error"
    WARNING = "warning"
    #: A fact about the data worth saying (a draft, an incomplete response), never a defect of the file.
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the parser allows (1-based)."""

    file: str
    line: int
    column: int
    code: Code
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

        level = self.severity.value
        body = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            body += f" Hint: {self.hint}"
        return (f"::{level} file={escape(self.file, True)},line={self.line},col={self.column},"
                f"title={escape('rectrack ' + self.code, True)}::{escape(body)}")

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class Code(StrEnum):
    """Every problem code, declared once: linters and mypy check each use, the editors' guide lists them.

    The value is the stable code people and CI see (``duplicate-key``); :data:`DESCRIPTIONS` says what
    each means for the person editing the file.
    """

    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    ALIAS = "alias"
    COMPLEX_KEY = "complex-key"
    UNSUPPORTED_TAG = "unsupported-tag"
    TOO_DEEP = "too-deep"
    EMPTY_FILE = "empty-file"
    BINARY_FILE = "binary-file"
    NOT_UTF8 = "not-utf8"
    FILE_TOO_LARGE = "file-too-large"
    UNREADABLE_FILE = "unreadable-file"
    LINK_OUTSIDE = "link-outside"
    MISSING_FILE = "missing-file"
    IGNORED_FILE = "ignored-file"
    BAD_FILE_NAME = "bad-file-name"
    UNKNOWN_FIELD = "unknown-field"
    MISSING_FIELD = "missing-field"
    WRONG_TYPE = "wrong-type"
    NOT_ALLOWED_VALUE = "not-allowed-value"
    BAD_FORMAT = "bad-format"
    IMPOSSIBLE_DATE = "impossible-date"
    OUT_OF_RANGE = "out-of-range"
    DUPLICATE_ITEM = "duplicate-item"
    SCHEMA = "schema"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REFERENCE = "unknown-reference"
    MISSING_DOCUMENT = "missing-document"
    UNSAFE_PATH = "unsafe-path"
    FIGURE_SHAPE = "figure-shape"
    FILE_NAME_MISMATCH = "file-name-mismatch"
    DUPLICATE_RESPONSE = "duplicate-response"
    NOT_AN_OWNER = "not-an-owner"
    PART_OF_GROUP = "part-of-group"
    MISSING_EVIDENCE = "missing-evidence"
    EVIDENCE_NOT_IN_ACTION = "evidence-not-in-action"
    EVIDENCE_WITHOUT_CLAIM = "evidence-without-claim"
    SUPERSEDED_BY = "superseded-by"
    UNFILLED = "unfilled"
    UNANSWERED = "unanswered"
    DRAFT = "draft"
    MISPLACED_FILE = "misplaced-file"
    DUPLICATE_DOCUMENT = "duplicate-document"
    NOT_AN_ORGANISATION = "not-an-organisation"
    MISSING_ID = "missing-id"
    BAD_GROUP = "bad-group"
    BEFORE_REPORT = "before-report"
    QUOTE_NOT_IN_SOURCE = "quote-not-in-source"
    STATEMENT_CONTRADICTION = "statement-contradiction"


#: What each code means, for the person editing the file (the editors' guide is generated from this).
DESCRIPTIONS: dict[Code, str] = {
    Code.YAML_SYNTAX: "The file is not valid YAML (often indentation, or a value with ': ' or '#' that needs quotes).",
    Code.DUPLICATE_KEY: 'The same field appears twice in one entry; YAML would silently keep only the last one.',
    Code.ALIAS: 'Anchors, aliases (&name, *name) and merge keys (<<) are not allowed: write values out in full.',
    Code.COMPLEX_KEY: 'A field name is a list or mapping instead of a plain word.',
    Code.UNSUPPORTED_TAG: 'A YAML tag such as !!python/object was used; data files hold only text, numbers and lists.',
    Code.TOO_DEEP: 'Values are nested far deeper than any Rectrack file needs.',
    Code.EMPTY_FILE: 'The file is empty or holds only comments.',
    Code.BINARY_FILE: 'The file is not text (it contains NUL bytes), e.g. a Word document saved with a .yaml name.',
    Code.NOT_UTF8: 'The file is not saved as UTF-8 text.',
    Code.FILE_TOO_LARGE: 'The file is larger than any hand-written data file should be.',
    Code.UNREADABLE_FILE: 'The file cannot be read (permissions, or it is a folder).',
    Code.LINK_OUTSIDE: ('The file is a link (symlink) to a file outside the data folder; it is not read, so '
                        'nothing of that file can reach a message or the site.'),
    Code.MISSING_FILE: 'A file every tracker needs (report, recommendations, forces, bodies) is missing.',
    Code.IGNORED_FILE: ('A file in the data folder is not one Rectrack reads (e.g. a .yml extension, or a lock or '
                        'backup file left by an editor).'),
    Code.BAD_FILE_NAME: 'A response file is not named after a force id (lower-case letters, digits, hyphens).',
    Code.UNKNOWN_FIELD: 'A field name is not part of the format (often a typo); the hint suggests the closest.',
    Code.MISSING_FIELD: 'A required field is missing; use null where the source says nothing.',
    Code.WRONG_TYPE: 'A value has the wrong type, e.g. a number in quotes, or yes/no where true/false is meant.',
    Code.NOT_ALLOWED_VALUE: 'A value is not one of the allowed words, e.g. an implementation state.',
    Code.BAD_FORMAT: ('A value does not have the expected form, e.g. a date not written "YYYY-MM-DD" '
                      'or an id with capitals.'),
    Code.IMPOSSIBLE_DATE: 'A date that does not exist on the calendar, e.g. 2026-02-30.',
    Code.OUT_OF_RANGE: 'A number or text length is outside the allowed range.',
    Code.DUPLICATE_ITEM: 'A list holds the same item twice.',
    Code.SCHEMA: 'Another schema rule failed; the message gives the details.',
    Code.DUPLICATE_ID: 'Two entries share an id (or a recommendation number).',
    Code.UNKNOWN_REFERENCE: 'A recommendation number, force, body, section or report id that does not exist.',
    Code.MISSING_DOCUMENT: 'The source document a file points to is not in the data folder.',
    Code.UNSAFE_PATH: "A source document path uses '..' to point outside the data folder.",
    Code.FIGURE_SHAPE: 'A chart row has a different number of values from its series.',
    Code.FILE_NAME_MISMATCH: "A response file's name and its 'force' field disagree.",
    Code.DUPLICATE_RESPONSE: 'A response answers the same recommendation twice.',
    Code.NOT_AN_OWNER: 'A response or verdict is for a recommendation that is not addressed to that organisation.',
    Code.PART_OF_GROUP: ('A verdict or revised deadline given for a group applies only to the members the '
                         'recommendation is addressed to; the others are named.'),
    Code.MISSING_EVIDENCE: 'An implementation claim other than not-stated has no evidence quote.',
    Code.EVIDENCE_NOT_IN_ACTION: 'The evidence quote is not copied word for word from the action text.',
    Code.EVIDENCE_WITHOUT_CLAIM: 'Evidence is given although implementation is not-stated.',
    Code.SUPERSEDED_BY: ('A superseded verdict does not name the recommendation that replaces it, or another '
                         'verdict names one.'),
    Code.UNFILLED: 'An entry or field of a new response file is still empty; it is not shown until it is filled in.',
    Code.UNANSWERED: ('A published response leaves some of the recommendations addressed to its author unanswered '
                      '(for a police force, Police Act 1996 s55(5B) asks for an answer to each).'),
    Code.DRAFT: 'A response file has no answer filled in yet: it is a draft, and nothing is published from it.',
    Code.MISPLACED_FILE: 'A file is in the wrong folder (e.g. a response outside its report folder, or in the folder '
                         'for another kind of organisation).',
    Code.DUPLICATE_DOCUMENT: 'An organisation has two first-comments documents for the same report.',
    Code.NOT_AN_ORGANISATION: 'A group is named where one organisation is needed (e.g. as the author of a response).',
    Code.MISSING_ID: 'A recommendation has neither a number nor an id, or both.',
    Code.BAD_GROUP: 'A group is defined by neither a rule nor a list, or by both.',
    Code.BEFORE_REPORT: 'A response or verdict is dated before the report it is about was published.',
    Code.QUOTE_NOT_IN_SOURCE: ('Words quoted from a document are not in the copy of it the data keeps '
                               '(data/sources/): the quote or the copy is wrong, and the site could not link '
                               'the quote to its passage.'),
    Code.STATEMENT_CONTRADICTION: ('The accessibility statement in site.yaml contradicts itself: fully compliant '
                                   'with a failure listed, or partially or not compliant with none listed.'),
}

_RANK = {Severity.NOTICE: 0, Severity.WARNING: 1, Severity.ERROR: 2}

#: Stop collecting after this many problems: a broken file can otherwise produce thousands.
MAX_PROBLEMS = 500


@dataclass
class Report:
    """All problems of one run, in a stable order (file, line, column)."""

    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False

    def add(self, problem: Problem) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            # The cap must never turn a failing run into a passing one: an error displaces a warning or
            # a notice, a warning displaces a notice.
            rank = _RANK[problem.severity]
            lesser = [i for i, p in enumerate(self.problems) if _RANK[p.severity] < rank]
            if lesser:
                self.problems[lesser[-1]] = problem
            return
        self.problems.append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.NOTICE]

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
