"""Filter values and options built from the data: which states occur, the owners, regions, themes.

Filter values are tokens made from data text (never shown, never part of a URL); the labels beside
them are data text, escaped where they are written.
"""

from __future__ import annotations

from collections.abc import Iterable

from rectrack.data.model import Organisation
from rectrack.derive import STATES


def states_present(states: Iterable[str], order: tuple[str, ...] = STATES) -> list[str]:
    """The states that occur, in the canonical order (filters and legends list only those)."""
    seen = set(states)
    return [s for s in order if s in seen]


def regions(orgs: Iterable[Organisation]) -> list[tuple[str, str]]:
    """(filter value, label) for each police region, alphabetically."""
    return [(token(name), name) for name in sorted({o.region for o in orgs if o.region})]


def token(text: str) -> str:
    """A filter value from data text: lower-case words joined by hyphens (never shown, never a URL)."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def theme_label(theme: str) -> str:
    return theme.replace("-", " ").capitalize()
