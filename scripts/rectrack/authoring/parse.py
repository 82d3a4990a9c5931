"""Attribute a response document's blocks to the report's recommendations.

Responses come in a handful of layouts, all handled here from the known recommendations alone
(nothing about any one report is written in code): a heading per recommendation ("Recommendation
4", "Recommendations 15 and 16"), often with the recommendation quoted and the answer after a
label ("Force response:"); no numbers, the quote alone identifying the answer; a letter whose
paragraphs open "In response to recommendation 3, ..."; and action-plan tables (see
:mod:`rectrack.authoring.tables`). Around the answers: a foreword, a conclusion, a sign-off.

The importer never guesses silently. Every block is placed by a named rule (kept in
:attr:`ImportResult.placements` for the review listing); text that no rule places with confidence
goes into :attr:`ImportResult.unplaced` with where it was and why, so an editor can place it by
hand and the command exits 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rectrack.authoring import patterns as P
from rectrack.authoring.blocks import Block, Location, Paragraph, ReadDocument, Removed, Table
from rectrack.authoring.matcher import Matcher
from rectrack.authoring.readers import read
from rectrack.authoring.result import (
    Deferred,
    DocumentDate,
    Entry,
    ImportResult,
    Placed,
    Source,
    Unplaced,
)
from rectrack.authoring.tables import TableReader, merge_continued_tables
from rectrack.data.model import Recommendation

LABEL = P.LABEL
HEADING = P.HEADING

#: Characters that end a paragraph; a paragraph ending otherwise may have been split by a page break.
_TERMINAL = ".!?:;\"'”’)]}»…"
_SHORT = 12  # words: a sign-off line, a heading


def import_document(path: Path | str, recommendations: Sequence[Recommendation]) -> ImportResult:
    """Read and parse a response document; raises :class:`~rectrack.authoring.blocks.DocumentError`."""
    return parse_document(read(path), recommendations)


def parse_document(document: ReadDocument, recommendations: Sequence[Recommendation]) -> ImportResult:
    result = parse_blocks(document.blocks, recommendations, join_splits=not document.paragraphs_final)
    doubts = tuple(Unplaced(d.text, d.where, d.reason, weak=True) for d in document.doubts)
    return ImportResult(
        title=result.title, foreword=result.foreword, entries=result.entries,
        unplaced=result.unplaced + doubts, placements=result.placements,
        removed=document.removed + result.removed, dates=result.dates, deferred=result.deferred,
        conclusion=result.conclusion, signoff=result.signoff,
    )


def parse_blocks(
    blocks: Sequence[Block], recommendations: Sequence[Recommendation], *, join_splits: bool = True
) -> ImportResult:
    """Attribute ``blocks`` to ``recommendations`` (the report's full set, so unknown numbers are caught).

    ``join_splits`` joins paragraphs that a page break split, for text copied out of a PDF.
    """
    matcher = Matcher(recommendations)
    title, rest, title_where = _take_title(list(blocks))
    items, removed = merge_continued_tables(join_page_breaks(rest) if join_splits else rest)
    paragraphs = [b for b in items if isinstance(b, Paragraph)]
    parser = _Parser(
        matcher,
        numbered=any(heading_numbers(b) is not None for b in paragraphs),
        labelled=any(LABEL.match(b.text) for b in paragraphs),
        signoff_from=_trailing_signoff(items),
    )
    if title is not None and title_where is not None:
        parser.placed(title, title_where, "title", "the first paragraph, set as a title")
    for index, item in enumerate(items):
        parser.feed(item, index)
    parser.end()
    return ImportResult(
        title=title,
        foreword="\n\n".join(parser.foreword),
        entries=tuple(parser.entries),
        unplaced=tuple(parser.unplaced),
        placements=tuple(parser.placements),
        removed=tuple(removed),
        dates=tuple(parser.dates),
        deferred=tuple(parser.deferred),
        conclusion="\n\n".join(parser.conclusion),
        signoff="\n".join(parser.signoff),
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
            note = f"joined with the paragraph at {block.where} (split mid-sentence)"
            out[-1] = Paragraph(f"{previous.text} {block.text}", previous.where, previous.heading,
                                note="; ".join(n for n in (previous.note, note) if n))
        else:
            out.append(block)
    return out


def _continues(previous: Paragraph, block: Paragraph) -> bool:
    if previous.heading or block.heading or heading_numbers(previous) is not None or heading_numbers(block) is not None:
        return False
    before, after = previous.text.rstrip(), block.text.lstrip()
    if not before or not after or before[-1] in _TERMINAL or before.split("\n")[-1].startswith("- "):
        return False
    if P.parse_date(after) is not None or _is_signoff_line(before):
        return False
    return after[0].isdigit() or after[0].islower()


def _take_title(blocks: list[Block]) -> tuple[str | None, list[Block], Location | None]:
    """The first paragraph is the document's title if it reads like one rather than like prose."""
    if not blocks or not isinstance(blocks[0], Paragraph):
        return None, blocks, None
    first = blocks[0]
    text = first.text.strip()
    looks_like_title = (
        "\n" not in text
        and len(text) <= 300
        and len(text.split()) >= 2
        and text[-1] not in ".!?:;,"
        and not text[0].islower()
        and heading_numbers(first) is None
        and not LABEL.match(text)
        and not P.SALUTATION.match(text)
        and P.parse_date(text) is None
    )
    if looks_like_title or (first.heading and heading_numbers(first) is None):
        return text, blocks[1:], first.where
    return None, blocks, None


@dataclass(frozen=True)
class _Heading:
    numbers: tuple[int, ...]
    rest: str
    merged: bool  # the heading's line ran on into the next line's text (PDF extraction)


def heading_numbers(paragraph: Paragraph) -> _Heading | None:
    """The numbers of a "Recommendation N" / "Recommendations 15 and 16" heading, or None."""
    text = paragraph.text.strip()
    match = HEADING.match(text)
    if match is None:
        return None
    if match.group("merged") is not None and "\n" in text.split(match.group("merged"))[0]:
        return None
    rest = (match.group("rest") or match.group("merged") or "").strip()
    return _Heading(P.numbers(match.group("numbers")), rest, match.group("merged") is not None)


def _looks_like_short_title(text: str) -> bool:
    # "Recommendation 4 – Arrest and bail": a short title belongs to the heading, not the response.
    return len(text.split()) <= 10 and text[-1] not in ".!?:;"


def _is_signoff_line(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _SHORT or "\n" in text:
        return False
    return bool(P.ROLE.search(text) or P.parse_date(text) or P.SIGNOFF.match(text)
                or (len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
                    and text[-1] not in ".!?:;"))


def _trailing_signoff(items: list[Block]) -> int | None:
    """Where a sign-off block (name, title, date) starts at the end of the document, or None.

    Only a run of short lines that includes a role ("Police and Crime Commissioner for Kent") or
    starts with "Yours sincerely" counts; a name alone could be anything.
    """
    start = None
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if not isinstance(item, Paragraph) or not _is_signoff_line(item.text) or heading_numbers(item) is not None:
            break
        if LABEL.match(item.text):
            break
        start = index
    if start is None:
        return None
    run = [item.text for item in items[start:] if isinstance(item, Paragraph)]
    if any(P.SIGNOFF.match(t) for t in run) or (len(run) >= 2 and any(P.ROLE.search(t) for t in run)):
        # Begin at the marker or the first name line; anything before that is not part of the block.
        return start
    return None


# --- The attribution state machine -----------------------------------------------------------------


@dataclass
class _Section:
    """Everything from one recommendation's heading (or quote, or letter paragraph) up to the next."""

    where: Location
    numbers: tuple[int, ...] = ()  # known recommendations; empty until a quote identifies them
    unknown: tuple[int, ...] = ()  # numbers of a heading the report does not have
    orphan: bool = False  # response text with no heading or quote before it
    letter: bool = False  # opened by a letter's paragraph ("In response to recommendation 3, ...")
    quote: list[Paragraph] = field(default_factory=list)
    label: str | None = None
    started: bool = False  # the response's text has begun (after a label, or unlabelled)
    label_where: Location | None = None
    action: list[tuple[str, Location, str]] = field(default_factory=list)  # (text, where, rule)
    sources: list[Source] = field(default_factory=list)
    deferred: Paragraph | None = None


class _Parser:
    def __init__(self, matcher: Matcher, *, numbered: bool, labelled: bool, signoff_from: int | None) -> None:
        self.matcher = matcher
        # Document-wide choices, so one stray paragraph cannot switch the rules halfway through:
        # with numbered headings, only headings start a recommendation; with labels anywhere,
        # unlabelled text after a recommendation's quote is not assumed to be its response.
        self.numbered = numbered
        self.labelled = labelled
        self.signoff_from = signoff_from
        self.phase = "front"  # front | answers | conclusion | sign-off
        self.foreword: list[str] = []
        self.conclusion: list[str] = []
        self.signoff: list[str] = []
        self.section: _Section | None = None
        self.entries: list[Entry] = []
        self.unplaced: list[Unplaced] = []
        self.placements: list[Placed] = []
        self.dates: list[DocumentDate] = []
        self.deferred: list[Deferred] = []
        self.answered: dict[int, Location] = {}
        self.tables = TableReader(matcher)

    def placed(self, text: str, where: Location, role: str, rule: str, numbers: tuple[int, ...] = ()) -> None:
        self.placements.append(Placed(text, where, role, rule, numbers))

    def unplace(self, text: str, where: Location, reason: str, weak: bool = False) -> None:
        self.unplaced.append(Unplaced(text, where, reason, weak))

    def feed(self, block: Block, index: int) -> None:
        if isinstance(block, Table):
            self._table(block)
            return
        if self.signoff_from is not None and index >= self.signoff_from:
            self._signoff(block, "the sign-off block at the end (name, title, date)")
            return
        if self.phase == "sign-off":
            if len(block.text.split()) <= _SHORT and "\n" not in block.text:
                self._signoff(block, "after 'Yours sincerely' or a similar closing")
            else:
                self.unplace(block.text, block.where, "it comes after the sign-off and is not a sign-off line")
            return
        if P.SIGNOFF.match(block.text) and len(block.text.split()) <= _SHORT:
            self._close_answers("sign-off")
            self.phase = "sign-off"
            self._signoff(block, "a closing such as 'Yours sincerely'")
            return
        heading = heading_numbers(block)
        if heading is not None:
            self._heading(block, heading)
            return
        text = block.text.strip()
        if (block.heading or len(text.split()) <= 4) and P.CONCLUSION.match(text):
            self._close_answers("conclusion")
            self.phase = "conclusion"
            self.placed(text, block.where, "conclusion", "a conclusion heading")
            return
        if self.phase == "conclusion":
            self.conclusion.append(text)
            self.placed(text, block.where, "conclusion", "under the conclusion heading")
            return
        found_date = P.parse_date(text)
        if found_date is not None and self.section is None:
            iso, printed = found_date
            self.dates.append(DocumentDate(iso, printed, block.where, "cover"))
            self.placed(text, block.where, "date", "a date on its own, before the answers (the cover date)")
            return
        if block.heading and P.INTRODUCTION.match(text) and self.phase == "front":
            self.placed(text, block.where, "heading", "a foreword or introduction heading")
            return
        lead = P.LEAD.match(text)
        if lead is not None and not self.numbered:
            self._letter(block, P.numbers(lead.group("numbers") or lead.group("numbers2")))
            return
        if block.heading and not LABEL.match(text) and len(text.split()) <= _SHORT:
            self._section_heading(block)
            return
        label = LABEL.match(text)
        if label is not None:
            self._label(block, label)
        else:
            self._text(block)

    # Around the answers ----------------------------------------------------------------------------

    def _signoff(self, block: Paragraph, rule: str) -> None:
        if self.phase != "sign-off":
            self._close_answers("sign-off")
            self.phase = "sign-off"
        self.signoff.append(block.text)
        found = P.parse_date(block.text)
        if found is not None:
            self.dates.append(DocumentDate(found[0], found[1], block.where, "sign-off"))
        self.placed(block.text, block.where, "sign-off", rule)

    def _section_heading(self, block: Paragraph) -> None:
        """A heading that is not a recommendation's: a chapter of the document, never answer text."""
        if self.phase == "front":
            self.placed(block.text, block.where, "heading", "a heading before the answers")
            return
        self.finish()
        self.placed(block.text, block.where, "heading", "a heading that names no recommendation")
        self.section = _Section(block.where, orphan=True)

    def _close_answers(self, why: str) -> None:
        """End the answers: the last section's trailing paragraphs may be closing remarks."""
        section = self.section
        if section is not None and why == "sign-off":
            self._trailing(section)
        self.finish()

    def end(self) -> None:
        if self.section is not None:
            self._trailing(self.section)
        self.finish()

    def _trailing(self, section: _Section) -> None:
        """Paragraphs after the first of the last answer, when the document ends without a conclusion heading.

        Nothing marks where the last answer ends and the document's closing words begin, so a
        paragraph that opens like a closing ("I look forward ...") goes to the conclusion, one
        that speaks in the first person when the answer does not is moved there as a doubt, and in
        a letter any further paragraph is a doubt: never appended to the last answer silently.
        """
        if not section.started or len(section.action) < 2 or not section.numbers:
            return
        first = section.action[0][0]
        keep = [section.action[0]]
        moved = False
        for text, where, rule in section.action[1:]:
            if moved or P.CLOSING.match(text):
                moved = True
                self.conclusion.append(text)
                self.placed(text, where, "conclusion", "after the last answer, opening like a closing remark")
                continue
            if P.FIRST_PERSON.search(text) and not P.FIRST_PERSON.search(first):
                moved = True
                self.conclusion.append(text)
                self.placed(text, where, "conclusion", "after the last answer, in the first person")
                self.unplace(text, where, "read as the document's closing remarks (first person, after the last "
                             "answer); if it belongs to the last answer, add it there by hand", weak=True)
                continue
            if section.letter:
                self.unplace(text, where, f"placed in the answer to {_name(section.numbers)} because it follows it, "
                             "but in a letter it may be a closing remark; check", weak=True)
            keep.append((text, where, rule))
        section.action = keep

    # Paragraphs ------------------------------------------------------------------------------------

    def _heading(self, block: Paragraph, heading: _Heading) -> None:
        self.finish()
        self.phase = "answers"
        known = tuple(n for n in heading.numbers if self.matcher.known(n))
        unknown = tuple(n for n in heading.numbers if not self.matcher.known(n))
        if unknown:
            self.unplace(
                block.text, block.where,
                f"there is no recommendation {', '.join(map(str, unknown))} in the report "
                f"(known: {self.matcher.describe_known()}); its response is reported separately",
            )
            self.section = _Section(block.where, unknown=heading.numbers)
            return
        rule = f"heading '{_first_line(block.text)[:40]}'"
        self.section = _Section(block.where, numbers=known, sources=[Source(block.where, rule)])
        self.placed(block.text, block.where, "heading", rule, known)
        rest = heading.rest
        if rest and (heading.merged or not block.heading) and not _looks_like_short_title(rest):
            self.feed(Paragraph(rest, block.where, note="the text after the heading on the same line"), -1)

    def _letter(self, block: Paragraph, numbers: tuple[int, ...]) -> None:
        self.finish()
        self.phase = "answers"
        unknown = [n for n in numbers if not self.matcher.known(n)]
        if unknown or not numbers:
            self.unplace(block.text, block.where, f"it answers recommendation {', '.join(map(str, unknown))}, "
                         f"which the report does not have (known: {self.matcher.describe_known()})")
            return
        rule = f"a letter's paragraph opening '{block.text[:40]}…'"
        section = _Section(block.where, numbers=numbers, letter=True, started=True, label_where=block.where)
        section.action.append((block.text, block.where, rule))
        self.section = section
        if P.DEFERRAL.search(block.text) and len(block.text.split()) <= 40:
            section.deferred = block

    def _label(self, block: Paragraph, label: re.Match[str]) -> None:
        self.phase = "answers" if self.phase == "front" else self.phase
        section = self.section
        if section is None:
            section = self.section = _Section(block.where, orphan=True)
        rest = block.text[label.end():].strip()
        if section.started:
            # A second label ("Update: ...") continues the same response; keep it as printed.
            section.action.append((block.text, block.where, f"a further label '{label.group('label')}:'"))
            return
        section.started = True
        section.label = re.sub(r"\s+", " ", label.group("label"))
        section.label_where = block.where
        if rest:
            section.action.append((rest, block.where, f"label '{section.label}:'"))
            if P.DEFERRAL.search(rest) and len(rest.split()) <= 25:
                section.deferred = block

    def _text(self, block: Paragraph) -> None:
        section = self.section
        text = block.text
        if section is None:
            if not self.numbered and self.matcher.quotes_any(text):
                self.phase = "answers"
                self.section = _Section(block.where, quote=[block])
                return
            if self.phase == "front":
                if P.SALUTATION.match(text) and len(text.split()) <= 8:
                    self.placed(text, block.where, "salutation", "a letter's 'Dear ...'")
                    return
                self.foreword.append(text)
                self.placed(text, block.where, "foreword", "before the first answer")
                # "The response to recommendation 4 will follow": only the sentence that defers counts.
                for sentence in re.split(r"(?<=[.!?])\s+", text):
                    if not P.DEFERRAL.search(sentence):
                        continue
                    for mention in P.MENTION.finditer(sentence):
                        numbers = tuple(n for n in P.numbers(mention.group("numbers")) if self.matcher.known(n))
                        if numbers:
                            self.deferred.append(Deferred(numbers, sentence, block.where))
                return
            self.unplace(text, block.where, "it comes after the answers but is not under any recommendation")
            return
        if section.started:
            if not self.numbered and not section.letter and self.matcher.quotes_any(text):
                self.finish()  # the next recommendation's quote ends this response
                self.section = _Section(block.where, quote=[block])
            else:
                section.action.append((text, block.where, "continues the answer above it"))
            return
        if section.unknown or section.orphan:
            section.action.append((text, block.where, ""))
            return
        if section.numbers:
            is_quote = any(self.matcher.quotes(text, n) for n in section.numbers)
        else:
            is_quote = self.matcher.quotes_any(text)
        if is_quote:
            section.quote.append(block)
        elif self.labelled:
            self.unplace(
                text, block.where,
                f"it is under {self._describe(section)} but is neither the recommendation's text nor "
                "introduced by a label such as 'Action planned/taken:' (the document labels its other responses)",
            )
        else:
            section.started = True
            section.label_where = block.where
            rule = "unlabelled text under the heading (the document uses no labels)" if section.numbers else (
                "unlabelled text after the quoted recommendation (the document uses no labels)")
            section.action.append((text, block.where, rule))
            if P.DEFERRAL.search(text) and len(text.split()) <= 25:
                section.deferred = block

    def _describe(self, section: _Section) -> str:
        if section.numbers:
            return f"the heading for {_name(section.numbers)}"
        return "a quoted recommendation"

    def finish(self) -> None:
        """Turn the open section into an entry, or into unplaced text saying why it could not be."""
        section, self.section = self.section, None
        if section is None:
            return
        chunk = "\n\n".join(text for text, _, _ in section.action)
        where = section.label_where or section.where
        if section.unknown:
            if chunk:
                self.unplace(chunk, where, f"it answers recommendation {', '.join(map(str, section.unknown))}, "
                             "which the report does not have")
            return
        if section.orphan:
            if chunk:
                self.unplace(chunk, where, "it is not under any recommendation heading or quoted recommendation")
            return
        numbers = section.numbers
        sources = list(section.sources)
        if not numbers:
            number, reason = self.matcher.identify(" ".join(p.text for p in section.quote))
            if number is None:
                texts = [p.text for p in section.quote] + [text for text, _, _ in section.action]
                self.unplace("\n\n".join(texts), section.where,
                             f"cannot tell which recommendation this answers: {reason}")
                return
            numbers = (number,)
        for quote in section.quote:
            score = max(self.matcher.match(quote.text, n).coverage for n in numbers)
            rule = f"quotes recommendation {numbers[0]} ({score:.0%} of its words are the recommendation's)"
            sources.append(Source(quote.where, rule))
            self.placed(quote.text, quote.where, "quote", rule, numbers)
        if not section.started:
            return  # the recommendation quoted but not answered: nothing to import
        if section.deferred is not None and len(section.action) == 1:
            self.deferred.append(Deferred(numbers, section.deferred.text, section.deferred.where))
            self.placed(section.deferred.text, section.deferred.where, "deferral",
                        "says the answer will follow", numbers)
            return
        if not chunk:
            self.unplace(section.label or "", where, f"the label for {_name(numbers)} is followed by no text")
            return
        for text, at, rule in section.action:
            sources.append(Source(at, rule))
            self.placed(text, at, "answer", rule, numbers)
        self._add(Entry(numbers, chunk, section.label, where, sources=tuple(sources)))

    def _add(self, entry: Entry) -> None:
        for number in entry.recommendations:
            earlier = self.answered.get(number)
            if earlier is not None:
                self.unplace(entry.action, entry.where,
                             f"recommendation {number} was already answered at {earlier}; merge them by hand")
                return
        for number in entry.recommendations:
            self.answered[number] = entry.where
        self.entries.append(entry)

    # Tables ----------------------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        read = self.tables.read(table)
        if read is None:
            self.unplace("\n".join(" | ".join(row) for row in table.rows), table.where,
                         self.tables.why_not(table, inside=self.section is not None and self.section.started))
            return
        self.finish()
        self.phase = "answers"
        self.placements += read.placements
        self.unplaced += read.unplaced
        self.deferred += read.deferred
        for entry in read.entries:
            self._add(entry)


def _name(numbers: tuple[int, ...]) -> str:
    if len(numbers) == 1:
        return f"recommendation {numbers[0]}"
    return "recommendations " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _first_line(text: str) -> str:
    return text.split("\n")[0]


__all__ = ["Entry", "ImportResult", "Removed", "Unplaced", "import_document", "join_page_breaks", "parse_blocks",
           "parse_document"]
