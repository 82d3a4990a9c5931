"""Measure the importer on every fixture document: answers placed correctly, and silent failures.

Run from the repository root:  .venv/bin/python tests/import_fixtures/measure.py
Prints, per layout, answers placed exactly as expected out of those expected, and the number of
documents where the importer exited 0 with anything wrong (the target is none).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from import_fixtures.cases import CASES  # noqa: E402
from import_fixtures.run import run  # noqa: E402


def main() -> int:
    per_layout: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # correct, expected, docs, docs exact
    silent: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            outcome = run(case, Path(tmp) / case.name)
            row = per_layout[case.layout]
            row[0] += outcome.correct
            row[1] += outcome.expected
            row[2] += 1
            row[3] += not outcome.wrong
            status = "ok" if not outcome.wrong else "; ".join(outcome.wrong)
            print(f"{case.name:38} exit {outcome.exit_code} (expected {case.exit_code})  "
                  f"{outcome.correct}/{outcome.expected} answers  {status}")
            if outcome.silently_wrong:
                silent.append(case.name)
    print()
    print(f"{'layout':42} answers correct   documents exactly as expected")
    for layout, (correct, expected, docs, exact) in per_layout.items():
        print(f"{layout:42} {correct:3}/{expected:<3}            {exact}/{docs}")
    print(f"\nDocuments where the importer exited 0 with anything wrong: {len(silent)}"
          + (f" ({', '.join(silent)})" if silent else ""))
    return 1 if silent else 0


if __name__ == "__main__":
    raise SystemExit(main())
