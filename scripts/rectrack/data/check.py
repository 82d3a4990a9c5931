"""The Python API behind every command: load and validate a data directory in one call.

``validate``, ``export``, ``status``, ``build`` and ``serve`` all start here, so the same rules apply
everywhere and YAML is parsed once per run. The stages: each file parsed and schema-checked, the files
checked against each other, the copies of source documents they name read, the dataset built, and
every quote looked for in its copy (which needs the built dataset: :mod:`rectrack.data.quotes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rectrack.data import crossref, quotes
from rectrack.data.construct import build_dataset
from rectrack.data.load import LoadedData, load_directory
from rectrack.data.model import Dataset
from rectrack.data.problems import Problem, Report, display_path
from rectrack.data.sources import read_sources


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
        sources, unreadable = read_sources(root, document_paths(loaded), display_path(root))
        report.extend(unreadable)
        if not report.errors:
            dataset = build_dataset(loaded, sources)
            report.extend(quotes.check(dataset, loaded))
            if report.errors:
                dataset = None
    return Checked(root, dataset, report)


def document_paths(loaded: LoadedData) -> list[str]:
    """Every copy of a source document the data names: reports' ``source_document``, responses' ``source.document``."""
    reports = loaded.files.get("reports")
    paths = [r.get("source_document") for r in (reports.data["reports"] if reports else [])]
    paths += [(d.loaded.data.get("source") or {}).get("document") for d in loaded.documents]
    return [p for p in paths if p]
