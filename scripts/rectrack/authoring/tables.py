"""Read response tables and action plans: which column is the answer, and what the others say.

An action plan has a row per recommendation and columns such as number | recommendation | response
| RAG status | target date | lead. Only the response column is the force's action; the
recommendation column is the report's text (used only to identify the row when there is no
number); status, date and lead are kept verbatim as what the document says (``as_printed``) and
never become an implementation claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rectrack.authoring import patterns as P
from rectrack.authoring.blocks import Block, Removed, Table
from rectrack.authoring.matcher import Matcher
from rectrack.authoring.result import Deferred, Entry, Placed, Source, Unplaced

#: Column roles by header wording, tried in this order ("Action owner" is a lead, not an action).
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lead", re.compile(r"\b(?:lead|leads|owner|owners|responsible|sro|accountable)\b", re.IGNORECASE)),
    ("target_date", re.compile(r"\b(?:date|deadline|due|timescales?|when|completion|target)\b", re.IGNORECASE)),
    ("status", re.compile(r"\b(?:rag|status|rating|state)\b", re.IGNORECASE)),
    ("number", re.compile(r"^\s*(?:no\.?|number|ref(?:erence)?\.?|#|rec\.?|item|rec(?:ommendation)?\s*"
                          r"(?:no\.?|number|ref\.?))\s*$", re.IGNORECASE)),
    ("recommendation", re.compile(r"recommendation|hmicfrs|area\s+for\s+improvement|\bafi\b", re.IGNORECASE)),
    ("response", re.compile(r"response|action|update|progress|comment|activity|narrative|position|measures",
                            re.IGNORECASE)),
)
#: The roles whose cells are kept as printed, in the order the review listing shows them.
AS_PRINTED = ("status", "target_date", "lead")
#: A cell naming recommendations by number: "4", "4.", "Rec 4", "Recommendations 15 and 16: ...".
_CELL_NUMBER = re.compile(r"^\s*(?:recommendations?|recs?\.?)?\s*(?:no\.?\s*)?(\d{1,3}(?:\s*(?:,|&|and|to|-|–)\s*"
                          r"\d{1,3})*)\b", re.IGNORECASE)


def _normal(row: Sequence[str]) -> tuple[str, ...]:
    return tuple(" ".join(cell.casefold().split()) for cell in row)


def merge_continued_tables(blocks: Sequence[Block]) -> tuple[list[Block], list[Removed]]:
    """Join a table to the one before it when it repeats its header row (a table continued on the next page)."""
    out: list[Block] = []
    removed: list[Removed] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (isinstance(block, Table) and isinstance(previous, Table) and block.rows and previous.rows
                and _normal(block.rows[0]) == _normal(previous.rows[0])):
            removed.append(Removed(" | ".join(block.rows[0]), block.row_locations[0],
                                   "the table's header row, repeated where the table continues"))
            out[-1] = Table(previous.rows + block.rows[1:], previous.where,
                            previous.row_locations + block.row_locations[1:])
        else:
            out.append(block)
    return out, removed


@dataclass
class TableRead:
    entries: list[Entry] = field(default_factory=list)
    placements: list[Placed] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)


class TableReader:
    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def _width(self, table: Table) -> int:
        return max((len(row) for row in table.rows), default=0)

    def _rows(self, table: Table) -> list[tuple[str, ...]]:
        width = self._width(table)
        return [tuple(row) + ("",) * (width - len(row)) for row in table.rows]

    def roles(self, table: Table) -> tuple[dict[str, int], bool] | None:
        """{role: column} and whether the first row is a header; None if this is not a response table."""
        rows = self._rows(table)
        width = self._width(table)
        if not rows or width < 2:
            return None
        header = rows[0] if self._is_header(rows[0]) else None
        data = rows[1:] if header else rows
        if not any(self.row_numbers(row[0])[0] for row in data):
            if header is None:
                return None
        roles: dict[str, int] = {}
        if header is None:
            if width not in (2, 3):
                return None
            roles = {"number": 0, "response": 1}
            if width == 3:
                roles["status"] = 2
            return roles, False
        for column, cell in enumerate(header):
            for role, pattern in COLUMN_ROLES:
                if pattern.search(cell) and role not in roles:
                    roles[role] = column
                    break
        # "Recommendation" over a column of numbers is the number column.
        if "number" not in roles and "recommendation" in roles:
            column = roles["recommendation"]
            if all(self._is_number_cell(row[column]) for row in data if row[column].strip()):
                roles["number"] = roles.pop("recommendation")
        if width == 3 and "status" not in roles:
            rest = [c for c in range(width) if c not in roles.values()]
            if len(rest) == 1 and roles.get("response") is not None:
                roles["status"] = rest[0]
        if "number" not in roles and "recommendation" not in roles and not self._has_role_for(header, 0):
            roles["number"] = 0
        if "response" not in roles:
            if width in (2, 3) and "number" in roles:
                rest = [c for c in range(width) if c not in roles.values()]
                if rest:
                    roles["response"] = rest[0]
            if "response" not in roles:
                return None
        if "number" not in roles and "recommendation" not in roles:
            return None
        return roles, True

    def _has_role_for(self, header: tuple[str, ...], column: int) -> bool:
        return any(p.search(header[column]) for _, p in COLUMN_ROLES)

    @staticmethod
    def _is_number_cell(cell: str) -> bool:
        return bool(re.fullmatch(r"\s*(?:recommendations?|recs?\.?)?\s*\d{1,3}(?:\s*(?:,|&|and|to|-|–)\s*\d{1,3})*"
                                 r"\.?\s*", cell, re.IGNORECASE))

    def _is_header(self, row: tuple[str, ...]) -> bool:
        if self.row_numbers(row[0])[0]:
            return False
        cells = [cell for cell in row if cell.strip()]
        return bool(cells) and all(len(cell.split()) <= 6 for cell in cells) and any(
            pattern.search(cell) for cell in cells for _, pattern in COLUMN_ROLES
        )

    def row_numbers(self, cell: str) -> tuple[tuple[int, ...], str]:
        match = _CELL_NUMBER.match(cell)
        if match:
            return P.numbers(match.group(1)), f"its first cell names recommendation {match.group(1)}"
        number, reason = self.matcher.identify(cell)
        if number is None:
            return (), reason
        return (number,), f"its first cell quotes recommendation {number}"

    def read(self, table: Table) -> TableRead | None:
        found = self.roles(table)
        if found is None:
            return None
        roles, has_header = found
        rows = self._rows(table)
        out = TableRead()
        header = rows[0] if has_header else None
        if header is not None:
            out.placements.append(Placed(" | ".join(header), table.row_locations[0], "table header",
                                         "the table's header row"))
        start = 1 if has_header else 0
        response = roles["response"]
        label = (header[response].strip() or None) if header else None
        for row, where in zip(rows[start:], table.row_locations[start:], strict=True):
            if header is not None and _normal(row) == _normal(header):
                out.placements.append(Placed(" | ".join(row), where, "table header", "the header row, repeated"))
                continue
            numbers: tuple[int, ...] = ()
            why = ""
            if "number" in roles:
                numbers, why = self.row_numbers(row[roles["number"]])
            if not numbers and "recommendation" in roles:
                numbers, why = self.row_numbers(row[roles["recommendation"]])
            text = row[response].strip()
            if not numbers:
                if any(cell.strip() for cell in row):
                    out.unplaced.append(Unplaced(" | ".join(c for c in row if c.strip()), where,
                                                 f"cannot tell which recommendation this row answers: {why}"))
                continue
            unknown = [n for n in numbers if not self.matcher.known(n)]
            if unknown:
                out.unplaced.append(Unplaced(
                    " | ".join(cell for cell in row if cell.strip()), where,
                    f"there is no recommendation {', '.join(map(str, unknown))} in the report "
                    f"(known: {self.matcher.describe_known()})",
                ))
                continue
            printed = tuple((role, row[roles[role]].strip()) for role in AS_PRINTED
                            if role in roles and row[roles[role]].strip())
            if not text or (P.DEFERRAL.search(text) and len(text.split()) <= 25):
                out.deferred.append(Deferred(numbers, text, where))
                out.placements.append(Placed(text, where, "deferral",
                                             "the row's response cell is empty" if not text else
                                             "the row's response says it will follow", numbers))
                continue
            rule = f"table row: {why}; the '{label or 'second'}' column is the response"
            out.placements.append(Placed(text, where, "answer", rule, numbers))
            out.entries.append(Entry(numbers, text, label, where, printed, (Source(where, rule),)))
        return out

    def why_not(self, table: Table, *, inside: bool) -> str:
        width = self._width(table)
        if inside:
            return "a table inside a response cannot be imported as text; copy it into the action by hand"
        rows = self._rows(table)
        if rows and self._is_header(rows[0]):
            return ("its header names no response column (expected a column such as 'Response' or "
                    "'Action taken' beside the recommendation numbers)")
        return (f"a table with {width} columns whose first column names no recommendation "
                "(expected: recommendation | response | status, or an action plan with a header row)")
