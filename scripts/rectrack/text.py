"""Small text utilities every stage may use: how dates, counts and number lists are written.

They know nothing about the tracker; :mod:`rectrack.wording` builds the tracker's phrases from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

#: The characters Python's ``\s`` matches in text, spelt out (``str.isspace``): the response form's
#: script compares quotes with the same characters, and JavaScript's own ``\s`` is a different set.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: Quote marks a quote may differ in from the text it cites, and what each counts as.
QUOTE_MARKS = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
_SPACE = re.compile(f"[{re.escape(WHITESPACE)}]+")


def long_date(value: date) -> str:
    """A date the way the report prints them, e.g. "1 May 2030" (no leading zero, on every platform)."""
    return f"{value.day} {value:%B %Y}"


def month_year(value: date) -> str:
    """"April 2026"."""
    return f"{value:%B %Y}"


def partial_date_text(value: object) -> str:
    """A date with the precision it has: "5 April 2023", "February 2026", "2023"."""
    year, month, day = value.year, getattr(value, "month", None), getattr(value, "day", None)  # type: ignore[attr-defined]
    if month is None:
        return str(year)
    if day is None:
        return month_year(date(year, month, 1))
    return long_date(date(year, month, day))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 force", "2 forces", "28,190 duties": the count and its noun, agreeing; a count of thousands
    grouped with commas, as GOV.UK's style has it (a national tracker's totals run to tens of thousands)."""
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


def number(value: float | int) -> str:
    """A figure as the report prints it: "73,047", "12", "3.5" (a whole decimal loses its ".0")."""
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def number_ranges(numbers: Iterable[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``1-3, 5``: how lists of recommendation numbers are written in messages."""
    ordered = sorted(set(numbers))
    runs: list[str] = []
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        runs.append(str(ordered[index]) if end == index else f"{ordered[index]}-{ordered[end]}")
        index = end + 1
    return ", ".join(runs)


def normalise(text: str) -> str:
    """Collapse whitespace and unify quote marks: how quotes are compared with the text they cite.

    Line breaks differ between a document, a YAML block and a copied quote; curly and straight
    apostrophes are the commonest difference when text is pasted between programs.
    """
    for mark, plain in QUOTE_MARKS.items():
        text = text.replace(mark, plain)
    return _SPACE.sub(" ", text).strip(WHITESPACE)


def file_size(size: int) -> str:
    """A file's size for people: "812 bytes", "4.2 KB", "1.3 MB" (1 KB = 1,024 bytes)."""
    if size < 1024:
        return plural(size, "byte")
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
