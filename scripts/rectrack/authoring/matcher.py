"""Decide whether a paragraph quotes a recommendation, and which one.

Documents often print the recommendation (in full, or abridged with "[…]") before answering it;
the quote is the report's text, not the force's action, and when a document has no numbered
headings it is the only way to know which recommendation an answer is for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rectrack.data.model import Recommendation
from rectrack.text import number_ranges

#: Share of a paragraph's words that must come from a recommendation for it to count as quoting it.
QUOTE_THRESHOLD = 0.8
_MIN_QUOTE_WORDS = 4
_MIN_BLOCK_WORDS = 3

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate(_QUOTES).casefold())


@dataclass(frozen=True)
class Match:
    number: int
    coverage: float  # share of the paragraph's words found in the recommendation
    extent: float  # share of the recommendation's words found in the paragraph


class Matcher:
    """Decides whether a paragraph quotes a recommendation, and which one.

    Matching is on words in runs of at least three, so shared vocabulary ("online child sexual
    abuse") in a response does not pass for a quotation, while a quote with a typo or a curly
    apostrophe where the report has a straight one still does.
    """

    def __init__(self, recommendations: Sequence[Recommendation]) -> None:
        # Documents name recommendations by number: one the report gives no number cannot be cited.
        numbered = [(rec.number, rec) for rec in recommendations if rec.number is not None]
        self.numbers = tuple(sorted(number for number, _ in numbered))
        self._texts: dict[int, list[list[str]]] = {}
        for number, rec in numbered:
            variants = [_words(" ".join((rec.text, *rec.actions)))]
            if rec.summary_variant is not None:
                variants.append(_words(" ".join((rec.summary_variant.text, *rec.summary_variant.actions))))
            self._texts[number] = variants

    def known(self, number: int) -> bool:
        return number in self._texts

    def match(self, text: str, number: int) -> Match:
        words = _words(text)
        best = Match(number, 0.0, 0.0)
        if len(words) < _MIN_QUOTE_WORDS:
            return best
        for variant in self._texts.get(number, []):
            matcher = SequenceMatcher(None, words, variant, autojunk=False)
            if matcher.quick_ratio() * (len(words) + len(variant)) / 2 < QUOTE_THRESHOLD * len(words):
                continue  # not enough words in common to be a quote; skip the expensive part
            shared = sum(b.size for b in matcher.get_matching_blocks() if b.size >= _MIN_BLOCK_WORDS)
            candidate = Match(number, shared / len(words), shared / max(len(variant), 1))
            if (candidate.coverage, candidate.extent) > (best.coverage, best.extent):
                best = candidate
        return best

    def quotes(self, text: str, number: int) -> bool:
        return self.match(text, number).coverage >= QUOTE_THRESHOLD

    def quotes_any(self, text: str) -> bool:
        return any(self.quotes(text, number) for number in self.numbers)

    def identify(self, text: str) -> tuple[int | None, str]:
        """The recommendation ``text`` quotes, or None and the reason it cannot tell."""
        matches = [m for m in (self.match(text, n) for n in self.numbers) if m.coverage >= QUOTE_THRESHOLD]
        if not matches:
            return None, "it does not name a recommendation number or quote any recommendation's text"
        matches.sort(key=lambda m: (m.coverage, m.extent), reverse=True)
        if len(matches) == 1 or matches[0].extent - matches[1].extent >= 0.15:
            return matches[0].number, ""
        tied = ", ".join(str(m.number) for m in sorted(matches, key=lambda m: m.number))
        return None, f"the quoted text fits several recommendations ({tied}) equally well"

    def describe_known(self) -> str:
        return number_ranges(self.numbers) or "none"
