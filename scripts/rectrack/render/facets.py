"""Filter values and options built from the data: which states occur, the owners, regions, themes.

Filter values are tokens made from data text (never shown, never part of a URL); the labels beside
them are data text, escaped where they are written.
"""

from __future__ import annotations

from collections.abc import Iterable

from rectrack.data.model import FORCES, Force
from rectrack.derive import STATES, Tracker


def states_present(states: Iterable[str], order: tuple[str, ...] = STATES) -> list[str]:
    """The states that occur, in the canonical order (filters and legends list only those)."""
    seen = set(states)
    return [s for s in order if s in seen]


def ordered_owners(tracker: Tracker) -> list[str]:
    """Every owner named by a recommendation: forces first, then bodies by id."""
    owners = {o for status in tracker.recommendations for o in status.recommendation.owners}
    return sorted(owners, key=lambda o: (o != FORCES, o))


def regions(forces: Iterable[Force]) -> list[tuple[str, str]]:
    """(filter value, label) for each police region, alphabetically."""
    return [(token(name), name) for name in sorted({f.region for f in forces})]


def countries(forces: Iterable[Force]) -> str:
    """"England and Wales", from the forces themselves."""
    names = sorted({f.country for f in forces})
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def token(text: str) -> str:
    """A filter value from data text: lower-case words joined by hyphens (never shown, never a URL)."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def theme_label(theme: str) -> str:
    return theme.replace("-", " ").capitalize()
