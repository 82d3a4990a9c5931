"""Problems found in data files, as data.

Every check in Rectrack reports a :class:`Problem` rather than raising or printing: the validator
collects them all in one run, and the CLI decides how to show them and which exit code to use.
Codes are stable so that tests, CI annotations and the editors' guide can refer to them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
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

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


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

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.file, p.line, p.column, p.code, p.path))


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a person would type it: relative to the working directory when possible."""
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)
