"""The Python API behind every command: load and validate a data directory in one call.

``validate``, ``export``, ``status``, ``build`` and ``serve`` all start here, so the same rules apply
everywhere and YAML is parsed once per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rectrack.data import crossref
from rectrack.data.construct import build_dataset
from rectrack.data.load import LoadedData, load_directory
from rectrack.data.model import Dataset
from rectrack.data.problems import Problem, Report


@dataclass
class Checked:
    """A data directory after validation: the dataset when there are no errors, and every problem."""

    root: Path
    dataset: Dataset | None
    report: Report = field(default_factory=Report)

    @property
    def problems(self) -> list[Problem]:
        return self.report.sorted()

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def load_and_validate(root: Path | str = "data", schemas: Path | None = None) -> Checked:
    """Parse, schema-check and cross-check ``root``. Raises ``DataDirError`` only for an unusable path."""
    root = Path(root)
    loaded: LoadedData = load_directory(root, schemas)
    report = Report()
    report.extend(loaded.problems)
    report.extend(crossref.check(loaded))
    dataset = None
    if not report.errors:
        dataset = build_dataset(loaded)
    return Checked(root, dataset, report)
