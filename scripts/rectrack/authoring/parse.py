"""Attribute a response document's blocks to the report's recommendations.

Responses come in three layouts, all handled here from the known recommendations alone (nothing
about any one report is written in code):

* a heading per recommendation ("Recommendation 4"), the recommendation quoted, then the answer
  after a label such as "Action planned/taken:";
* no numbers: the recommendation quoted, then the labelled answer; the quote is matched against the
  recommendations' own text to find which one it is;
* a table of rows recommendation | response [| status].

The importer never guesses silently. Whatever text it cannot attribute with confidence goes into
:attr:`ImportResult.unplaced` with where it was and why, so an editor can place it by hand. A status
column is passed on as printed and never turned into an implementation state: deciding what a
response claims is an editor's call, recorded with a verbatim quote as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from rectrack.authoring.readers import Block, Location, Paragraph, Table, read_document
from rectrack.data.model import Recommendation

#: The labels that introduce a response's text, as printed (matched case-insensitively, colon required).
LABEL = re.compile(
    r"^(?P<label>actions?\s+(?:planned|taken)(?:\s*(?:/|&|and|or)\s*(?:planned|taken))?"
    r"|response|update|progress(?:\s+update)?)\s*:[ \t]*",
    re.IGNORECASE,
)
HEADING = re.compile(
    r"^recommendation\s+(?P<number>\d+)(?:\s*\([^)]*\))?(?:\s*[:.\-–—]\s*(?P<rest>.*)|\s*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A table cell naming a recommendation by number: "4", "4.", "Rec 4", "Recommendation 4: By ...".
_CELL_NUMBER = re.compile(r"^\s*(?:recommendation|rec\.?)?\s*(\d+)\b", re.IGNORECASE)
_RESPONSE_HEADER = re.compile(r"response|action|update|progress|comment", re.IGNORECASE)
_STATUS_HEADER = re.compile(r"status|rag\b|rating|state", re.IGNORECASE)
_RECOMMENDATION_HEADER = re.compile(r"recommendation|^\s*(?:no\.?|number|#)\s*$", re.IGNORECASE)

#: Characters that end a paragraph; a paragraph ending otherwise may have been split by a page break.
_TERMINAL = ".!?:;\"'”’)]}»…"

#: Share of a paragraph's words that must come from a recommendation for it to count as quoting it.
QUOTE_THRESHOLD = 0.8
_MIN_QUOTE_WORDS = 4
_MIN_BLOCK_WORDS = 3


@dataclass(frozen=True)
class Entry:
    """A response attributed to one recommendation: the action text as printed, label removed."""

    recommendation: int
    action: str
    #: The label as printed ("Action planned/taken"), the table's column header, or None if unlabelled.
    label: str | None
    where: Location
    #: A table's status column as printed; information for the editor, never an implementation state.
    status_text: str | None = None


@dataclass(frozen=True)
class Unplaced:
    """Text the importer could not attribute to a recommendation, and why."""

    text: str
    where: Location
    reason: str


@dataclass(frozen=True)
class ImportResult:
    title: str | None
    foreword: str
    entries: tuple[Entry, ...]
    unplaced: tuple[Unplaced, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(entry.recommendation for entry in self.entries)


def import_document(path: Path | str, recommendations: Sequence[Recommendation]) -> ImportResult:
    """Read and parse a response document; raises :class:`~rectrack.authoring.readers.DocumentError`."""
    return parse_blocks(read_document(path), recommendations)


def parse_blocks(blocks: Sequence[Block], recommendations: Sequence[Recommendation]) -> ImportResult:
    """Attribute ``blocks`` to ``recommendations`` (the report's full set, so unknown numbers are caught)."""
    title, rest = _take_title(list(blocks))
    items = join_page_breaks(rest)
    numbered = any(isinstance(b, Paragraph) and _heading(b) is not None for b in items)
    labelled = any(isinstance(b, Paragraph) and LABEL.match(b.text) for b in items)
    parser = _Parser(_Matcher(recommendations), numbered=numbered, labelled=labelled)
    for item in items:
        parser.feed(item)
    parser.finish()
    return ImportResult(
        title=title,
        foreword="\n\n".join(parser.foreword),
        entries=tuple(parser.entries),
        unplaced=tuple(parser.unplaced),
    )


def join_page_breaks(blocks: Iterable[Block]) -> list[Block]:
    """Join paragraphs that a page break split in two, with a single space.

    The sign of a split is a paragraph that stops without terminal punctuation, followed by one
    that starts in lower case or with a digit ("MOSOVO teams have since been" / "provided with
    links ..."). Headings never take part: "Recommendation 15" followed by "12-month screening ..."
    is a heading and its first paragraph.
    """
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, Paragraph) and isinstance(previous, Paragraph) and _continues(previous, block):
            out[-1] = Paragraph(f"{previous.text} {block.text}", previous.where, previous.heading)
        else:
            out.append(block)
    return out


def _continues(previous: Paragraph, block: Paragraph) -> bool:
    if previous.heading or block.heading or _heading(previous) is not None or _heading(block) is not None:
        return False
    before, after = previous.text.rstrip(), block.text.lstrip()
    if not before or not after or before[-1] in _TERMINAL:
        return False
    return after[0].isdigit() or after[0].islower()


def _take_title(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The first paragraph is the document's title if it reads like one rather than like prose."""
    if not blocks or not isinstance(blocks[0], Paragraph):
        return None, blocks
    first = blocks[0]
    text = first.text.strip()
    looks_like_title = (
        "\n" not in text
        and len(text) <= 300
        and len(text.split()) >= 2
        and text[-1] not in ".!?:;,"
        and not text[0].islower()
        and _heading(first) is None
        and not LABEL.match(text)
    )
    if looks_like_title or (first.heading and _heading(first) is None):
        return text, blocks[1:]
    return None, blocks


def _heading(paragraph: Paragraph) -> tuple[int, str] | None:
    """(number, text after the number) if the paragraph is a "Recommendation N" heading."""
    match = HEADING.match(paragraph.text.strip())
    if match is None:
        return None
    return int(match.group("number")), (match.group("rest") or "").strip()


def _looks_like_short_title(text: str) -> bool:
    # "Recommendation 4 – Arrest and bail": a short title belongs to the heading, not the response.
    return len(text.split()) <= 10 and text[-1] not in ".!?:;"


# --- Matching quoted recommendations ---------------------------------------------------------------

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate(_QUOTES).casefold())


@dataclass(frozen=True)
class _Match:
    number: int
    coverage: float  # share of the paragraph's words found in the recommendation
    extent: float  # share of the recommendation's words found in the paragraph


class _Matcher:
    """Decides whether a paragraph quotes a recommendation, and which one.

    Matching is on words in runs of at least three, so shared vocabulary ("online child sexual
    abuse") in a response does not pass for a quotation, while a quote with a typo or a curly
    apostrophe where the report has a straight one still does.
    """

    def __init__(self, recommendations: Sequence[Recommendation]) -> None:
        self.numbers = tuple(sorted(r.number for r in recommendations))
        self._texts: dict[int, list[list[str]]] = {}
        for rec in recommendations:
            variants = [_words(" ".join((rec.text, *rec.actions)))]
            if rec.summary_variant is not None:
                variants.append(_words(" ".join((rec.summary_variant.text, *rec.summary_variant.actions))))
            self._texts[rec.number] = variants

    def known(self, number: int) -> bool:
        return number in self._texts

    def match(self, text: str, number: int) -> _Match:
        words = _words(text)
        best = _Match(number, 0.0, 0.0)
        if len(words) < _MIN_QUOTE_WORDS:
            return best
        for variant in self._texts.get(number, []):
            matcher = SequenceMatcher(None, words, variant, autojunk=False)
            if matcher.quick_ratio() * (len(words) + len(variant)) / 2 < QUOTE_THRESHOLD * len(words):
                continue  # not enough words in common to be a quote; skip the expensive part
            shared = sum(b.size for b in matcher.get_matching_blocks() if b.size >= _MIN_BLOCK_WORDS)
            candidate = _Match(number, shared / len(words), shared / max(len(variant), 1))
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
        return _ranges(self.numbers)


def _ranges(numbers: Sequence[int]) -> str:
    """"1-16" or "1-3, 5, 7-9": the known numbers, short enough for a message."""
    parts: list[str] = []
    for number in numbers:
        if parts and parts[-1][1] == number - 1:
            parts[-1] = (parts[-1][0], number)
        else:
            parts.append((number, number))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in parts) or "none"


# --- The attribution state machine -----------------------------------------------------------------


@dataclass
class _Section:
    """Everything from one recommendation's heading (or quote) up to the next."""

    where: Location
    number: int | None = None  # a known recommendation; None until a quote identifies it
    unknown: int | None = None  # the number of a heading the report does not have
    orphan: bool = False  # response text with no heading or quote before it
    quote: list[Paragraph] = field(default_factory=list)
    label: str | None = None
    started: bool = False  # the response's text has begun (after a label, or unlabelled)
    label_where: Location | None = None
    action: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, matcher: _Matcher, *, numbered: bool, labelled: bool) -> None:
        self.matcher = matcher
        # Document-wide choices, so one stray paragraph cannot switch the rules halfway through:
        # with numbered headings, only headings start a recommendation; with labels anywhere,
        # unlabelled text after a recommendation's quote is not assumed to be its response.
        self.numbered = numbered
        self.labelled = labelled
        self.foreword: list[str] = []
        self.in_foreword = True
        self.section: _Section | None = None
        self.entries: list[Entry] = []
        self.unplaced: list[Unplaced] = []
        self.answered: dict[int, Location] = {}

    def feed(self, block: Block) -> None:
        if isinstance(block, Table):
            self._table(block)
            return
        heading = _heading(block)
        if heading is not None:
            self._heading(block, *heading)
            return
        label = LABEL.match(block.text)
        if label is not None:
            self._label(block, label)
        else:
            self._text(block)

    # Paragraphs ------------------------------------------------------------------------------------

    def _heading(self, block: Paragraph, number: int, rest: str) -> None:
        self.finish()
        self.in_foreword = False
        if self.matcher.known(number):
            self.section = _Section(block.where, number=number)
        else:
            self.unplaced.append(Unplaced(
                block.text, block.where,
                f"there is no recommendation {number} in the report "
                f"(known: {self.matcher.describe_known()}); its response is reported separately",
            ))
            self.section = _Section(block.where, unknown=number)
        if rest and not block.heading and not _looks_like_short_title(rest):
            self.feed(Paragraph(rest, block.where))

    def _label(self, block: Paragraph, label: re.Match[str]) -> None:
        section = self.section
        if section is None:
            self.in_foreword = False
            section = self.section = _Section(block.where, orphan=True)
        if section.started:
            # A second label ("Update: ...") continues the same response; keep it as printed.
            section.action.append(block.text)
            return
        section.started = True
        section.label = re.sub(r"\s+", " ", label.group("label"))
        section.label_where = block.where
        rest = block.text[label.end():].strip()
        if rest:
            section.action.append(rest)

    def _text(self, block: Paragraph) -> None:
        section = self.section
        if section is None:
            if not self.numbered and self.matcher.quotes_any(block.text):
                self.in_foreword = False
                self.section = _Section(block.where, quote=[block])
            elif self.in_foreword:
                self.foreword.append(block.text)
            else:
                self.unplaced.append(Unplaced(
                    block.text, block.where,
                    "it follows a response table but is not under any recommendation",
                ))
            return
        if section.started:
            if not self.numbered and self.matcher.quotes_any(block.text):
                self.finish()  # the next recommendation's quote ends this response
                self.section = _Section(block.where, quote=[block])
            else:
                section.action.append(block.text)
            return
        if section.unknown is not None or section.orphan:
            section.action.append(block.text)
            return
        if section.number is not None:
            is_quote = self.matcher.quotes(block.text, section.number)
        else:
            is_quote = self.matcher.quotes_any(block.text)
        if is_quote:
            section.quote.append(block)
        elif self.labelled:
            self.unplaced.append(Unplaced(
                block.text, block.where,
                f"it is under {self._name(section)} but is neither the recommendation's text nor "
                "introduced by a label such as 'Action planned/taken:' (the document labels its other responses)",
            ))
        else:
            section.started = True
            section.label_where = block.where
            section.action.append(block.text)

    def _name(self, section: _Section) -> str:
        if section.number is not None:
            return f"the heading for recommendation {section.number}"
        return "a quoted recommendation"

    def finish(self) -> None:
        """Turn the open section into an entry, or into unplaced text saying why it could not be."""
        section, self.section = self.section, None
        if section is None:
            return
        chunk = "\n\n".join(section.action)
        where = section.label_where or section.where
        if section.unknown is not None:
            if chunk:
                self.unplaced.append(Unplaced(
                    chunk, where, f"it answers recommendation {section.unknown}, which the report does not have"
                ))
            return
        if section.orphan:
            self.unplaced.append(Unplaced(
                chunk, where, "it is not under any recommendation heading or quoted recommendation"
            ))
            return
        number = section.number
        if number is None:
            number, reason = self.matcher.identify(" ".join(p.text for p in section.quote))
            if number is None:
                texts = [p.text for p in section.quote] + section.action
                self.unplaced.append(Unplaced(
                    "\n\n".join(texts), section.where, f"cannot tell which recommendation this answers: {reason}"
                ))
                return
        if not section.started:
            return  # the recommendation quoted but not answered: nothing to import
        if not chunk:
            self.unplaced.append(Unplaced(
                section.label or "", where, f"the label for recommendation {number} is followed by no text"
            ))
            return
        self._add(Entry(number, chunk, section.label, where))

    def _add(self, entry: Entry) -> None:
        earlier = self.answered.get(entry.recommendation)
        if earlier is not None:
            self.unplaced.append(Unplaced(
                entry.action, entry.where,
                f"recommendation {entry.recommendation} was already answered at {earlier}; merge them by hand",
            ))
            return
        self.answered[entry.recommendation] = entry.where
        self.entries.append(entry)

    # Tables ----------------------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        width = max((len(row) for row in table.rows), default=0)
        rows = [tuple(row) + ("",) * (width - len(row)) for row in table.rows]
        header = rows[0] if rows and self._is_header(rows[0]) else None
        start = 1 if header else 0
        data = list(zip(rows[start:], table.row_locations[start:], strict=True))
        if width not in (2, 3) or not any(self._row_number(row[0])[0] is not None for row, _ in data):
            self._stray_table(table, width)
            return
        response_column, status_column = self._columns(header, width)
        if header is not None and not _RESPONSE_HEADER.search(header[response_column]) and (
            _RECOMMENDATION_HEADER.search(header[response_column])
        ):
            self._stray_table(table, width)  # "No. | Recommendation": the report's text, not a response
            return
        self.finish()
        self.in_foreword = False
        for row, where in data:
            response = row[response_column].strip()
            status = row[status_column].strip() if status_column is not None else ""
            number, reason = self._row_number(row[0])
            if number is None:
                if response:
                    self.unplaced.append(Unplaced(
                        response, where, f"cannot tell which recommendation this row answers: {reason}"
                    ))
                continue
            if not self.matcher.known(number):
                self.unplaced.append(Unplaced(
                    " | ".join(cell for cell in row if cell.strip()), where,
                    f"there is no recommendation {number} in the report (known: {self.matcher.describe_known()})",
                ))
                continue
            if response:
                label = (header[response_column].strip() or None) if header else None
                self._add(Entry(number, response, label, where, status or None))

    def _row_number(self, cell: str) -> tuple[int | None, str]:
        match = _CELL_NUMBER.match(cell)
        if match:
            return int(match.group(1)), ""
        return self.matcher.identify(cell)

    def _is_header(self, row: tuple[str, ...]) -> bool:
        if self._row_number(row[0])[0] is not None:
            return False
        cells = [cell for cell in row if cell.strip()]
        return bool(cells) and all(len(cell.split()) <= 6 for cell in cells) and any(
            _RESPONSE_HEADER.search(cell) or _STATUS_HEADER.search(cell) or _RECOMMENDATION_HEADER.search(cell)
            for cell in cells
        )

    @staticmethod
    def _columns(header: tuple[str, ...] | None, width: int) -> tuple[int, int | None]:
        """(response column, status column): from the header's words where there is one, else by position.

        Handles "Recommendation | Status | Response" and "No. | Recommendation | Response" as well as
        the usual order; a third column is a status column unless its header says it is the
        recommendation.
        """
        if header is None:
            return 1, (2 if width == 3 else None)
        others = range(1, width)
        statuses = [i for i in others if _STATUS_HEADER.search(header[i])]
        responses = [i for i in others if i not in statuses and _RESPONSE_HEADER.search(header[i])]
        response = (responses or [i for i in others if i not in statuses] or [1])[0]
        if statuses:
            return response, statuses[0]
        rest = [i for i in others if i != response and not _RECOMMENDATION_HEADER.search(header[i])]
        return response, (rest[0] if rest else None)

    def _stray_table(self, table: Table, width: int) -> None:
        text = "\n".join(" | ".join(cell for cell in row) for row in table.rows)
        if self.section is not None and self.section.started:
            reason = "a table inside a response cannot be imported as text; copy it into the action by hand"
        else:
            reason = (
                f"a table with {width} columns whose first column names no recommendation "
                "(expected: recommendation | response | status)"
            )
        self.unplaced.append(Unplaced(text, table.where, reason))
