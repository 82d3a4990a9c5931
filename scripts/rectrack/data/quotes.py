"""Every verbatim quote the site shows, with the document it is quoted from: declared once, here.

A recommendation's words are quoted from its report's copy (or, for an earlier report known only from
a later one, from that later report: ``quoted_from``); a case study, a key figure, a chart's sentences,
a report's summary and a glossary definition marked as quoted come from their report; an earlier
report's ``known_from`` words from the report named there; a verdict's or a deadline revision's
evidence from the report its evidence names; a response's foreword, actions and evidence from the
response's own copy (``source.document``). The pages ask these functions for the :class:`Quote` of
what they show and link it to its passage (:func:`passage`); validation checks every one
(:func:`check`); the tests check the site against the same list (:func:`every_quote`).

The verbatim values that are not quotations shown as such (titles, dates and authors as printed) are
checked by the test of the data against its sources, not linked.

A quote that cannot be found in the copy it claims to come from is an **error** (``quote-not-in-source``),
not a page that quietly goes without its link: either the quote or the copy is wrong, and the site
would otherwise show as the document's words something that document does not say. A quote whose
document has no copy in the data (``source_document: null``, or a response without ``document``) is
not a problem: its page says plainly that no copy is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rectrack.data.kinds import ASSESSMENTS, response_folder
from rectrack.data.load import LoadedData
from rectrack.data.model import (
    Answer,
    CaseStudy,
    Dataset,
    Evidence,
    Figure,
    FigureRow,
    GlossaryTerm,
    Recommendation,
    Report,
    ResponseDocument,
    Statistic,
)
from rectrack.data.problems import Code, Problem
from rectrack.data.read import LoadedFile, dotted
from rectrack.data.sources import Passage, quote_text


@dataclass(frozen=True)
class Quote:
    """Words shown as quoted, the copy they come from, and where the data holds them."""

    #: The quoted words: one text, or a lead-in and its bullets (shown, and found, as one passage).
    parts: tuple[str, ...]
    #: The copy they are quoted from (as the data names it, ``sources/x.md``); None when none is kept.
    document: str | None
    #: The data file holding the words (relative to the data folder) and what they are, for messages.
    file: str
    what: str
    #: Headings under which the passage is looked for first (the chapter and section it belongs to).
    prefer: tuple[str, ...] = ()


def passage(dataset: Dataset, quote: Quote) -> Passage | None:
    """The passage of its copy that holds ``quote``; None when no copy is kept (or, after a failed check, found)."""
    source = dataset.sources.get(quote.document) if quote.document else None
    return source.locate(quote.parts, quote.prefer) if source else None


def held(dataset: Dataset, quote: Quote) -> bool:
    """Whether the copy ``quote`` comes from is kept in the data (and was read)."""
    return quote.document is not None and quote.document in dataset.sources


# --- what each quote is quoted from --------------------------------------------------------------------------


def report_copy(dataset: Dataset, report_id: str | None) -> str | None:
    """The copy of a report's text the data keeps, if any."""
    if not report_id:
        return None
    return dataset.report(report_id).source_document


def _section(dataset: Dataset, report_id: str, section_id: str | None) -> tuple[str, ...]:
    section = dataset.report(report_id).section(section_id)
    return (section.chapter, section.title) if section else ()


def recommendation(dataset: Dataset, rec: Recommendation) -> Quote:
    """Its words: the lead-in and its bullets, from its report's chapter (the summary prints them too)."""
    return Quote((rec.text, *rec.actions), report_copy(dataset, rec.quoted_from or rec.report),
                 "recommendations.yaml", f"recommendation {rec.id}: its text and actions",
                 _section(dataset, rec.report, rec.section))


def summary_variant(dataset: Dataset, rec: Recommendation) -> Quote | None:
    variant = rec.summary_variant
    if variant is None:
        return None
    return Quote((variant.text, *variant.actions), report_copy(dataset, rec.quoted_from or rec.report),
                 "recommendations.yaml", f"recommendation {rec.id}: its summary variant")


def report_summary(dataset: Dataset, report: Report) -> Quote | None:
    if not report.summary:
        return None
    return Quote((report.summary,), report.source_document, "reports.yaml", f"report {report.id}: its summary")


def known_from(dataset: Dataset, report: Report) -> Quote | None:
    if report.known_from is None:
        return None
    return Quote((report.known_from.quote,), report_copy(dataset, report.known_from.report), "reports.yaml",
                 f"report {report.id}: the words it is known from")


def case_study(dataset: Dataset, case: CaseStudy) -> Quote:
    return Quote((case.text,), report_copy(dataset, case.report), "case_studies.yaml",
                 f"case study {case.id}: its text", _section(dataset, case.report, case.section))


def statistic(dataset: Dataset, stat: Statistic) -> Quote:
    return Quote((stat.quote,), report_copy(dataset, stat.report), "statistics.yaml",
                 f"key figure {stat.id}: its sentence", _section(dataset, stat.report, stat.section))


def figure_row(dataset: Dataset, figure: Figure, row: FigureRow) -> Quote:
    return Quote((row.quote,), report_copy(dataset, figure.report), "statistics.yaml",
                 f"figure {figure.id}, row {row.label!r}: its sentence")


def glossary(dataset: Dataset, term: GlossaryTerm) -> Quote | None:
    """A definition marked as quoted from a report (an editorial one is no quote)."""
    if term.definition_source != "report":
        return None
    return Quote((term.definition,), report_copy(dataset, term.report), "glossary.yaml",
                 f"glossary term {term.id}: its definition")


def evidence(dataset: Dataset, item: Evidence, recommendation: str, what: str) -> Quote | None:
    """A verdict's or a deadline revision's evidence (``recommendation`` is the scoped id it is about)."""
    if not item.quote:
        return None
    report = recommendation.split("/", 1)[0]
    return Quote((item.quote,), report_copy(dataset, item.report), f"{ASSESSMENTS.path}/{report}.yaml",
                 f"{what} on {recommendation}: its evidence")


def response_file(dataset: Dataset, doc: ResponseDocument) -> str:
    """The data file of a response document (``force_responses/REPORT/NAME.yaml``)."""
    folder = response_folder(dataset.organisation(doc.owner).kind).path
    return f"{folder}/{doc.report}/{doc.name}.yaml"


def foreword(dataset: Dataset, doc: ResponseDocument) -> Quote | None:
    if not doc.foreword:
        return None
    return Quote((doc.foreword,), doc.source.document, response_file(dataset, doc), "the foreword")


def action(dataset: Dataset, doc: ResponseDocument, answer: Answer) -> Quote:
    return Quote((answer.action,), doc.source.document, response_file(dataset, doc),
                 f"the answer to recommendation {answer.recommendation}: its action")


def answer_evidence(dataset: Dataset, doc: ResponseDocument, answer: Answer) -> Quote | None:
    if not answer.evidence:
        return None
    return Quote((answer.evidence,), doc.source.document, response_file(dataset, doc),
                 f"the answer to recommendation {answer.recommendation}: its evidence")


def every_quote(dataset: Dataset) -> Iterator[Quote]:
    """Each quote the data holds once (a verdict on a group is one quote, not one per member)."""
    seen: set[Quote] = set()
    candidates: list[Quote | None] = []
    for report in dataset.reports:
        candidates += [report_summary(dataset, report), known_from(dataset, report)]
    for rec in dataset.recommendations:
        candidates += [recommendation(dataset, rec), summary_variant(dataset, rec)]
    candidates += [case_study(dataset, case) for case in dataset.case_studies]
    candidates += [statistic(dataset, stat) for stat in dataset.statistics]
    candidates += [figure_row(dataset, figure, row) for figure in dataset.figures for row in figure.rows]
    candidates += [glossary(dataset, term) for term in dataset.glossary]
    candidates += [evidence(dataset, v.evidence, v.recommendation, "a verdict") for v in dataset.verdicts]
    candidates += [evidence(dataset, r.source, r.recommendation, "a deadline revision") for r in dataset.revisions]
    for doc in dataset.documents:
        candidates.append(foreword(dataset, doc))
        for answer in doc.answers:  # an answer given for several recommendations is one quote
            candidates += [action(dataset, doc, answer), answer_evidence(dataset, doc, answer)]
    for quote in candidates:
        if quote is not None and quote not in seen:
            seen.add(quote)
            yield quote


# --- validation ------------------------------------------------------------------------------------------


def check(dataset: Dataset, loaded: LoadedData) -> list[Problem]:
    """A problem for each quote whose copy is kept but does not hold it, at the quoted words in the data."""
    files = _files_by_name(loaded)
    problems: list[Problem] = []
    for quote in every_quote(dataset):
        if not held(dataset, quote) or passage(dataset, quote) is not None:
            continue
        source = dataset.sources[quote.document]  # type: ignore[index]
        missing = next((p for p in quote.parts if source.locate(p) is None), None)
        loaded_file = files.get(quote.file)
        line, column, path = 1, 1, ""
        if loaded_file is not None:
            found = _position(loaded_file.data, quote.parts, missing or quote.parts[0])
            if found is not None:
                line, column = loaded_file.where(found)
                path = dotted(found)
        if missing is not None:
            message = f"{quote.what}: these words are not in {quote.document}: “{_start(missing)}”"
        else:
            message = f"{quote.what}: each part is in {quote.document}, but not together in this order"
        problems.append(Problem(loaded_file.display if loaded_file else quote.file, line, column,
                                Code.QUOTE_NOT_IN_SOURCE, message,
                                "copy the words exactly from the document (line breaks, bold and link markup and "
                                "curly quotes do not matter), or correct the copy of the document", path))
    return problems


def _start(text: str, length: int = 60) -> str:
    words = quote_text(text)
    return words if len(words) <= length else words[:length].rsplit(" ", 1)[0] + " …"


def _files_by_name(loaded: LoadedData) -> dict[str, LoadedFile]:
    files = list(loaded.files.values()) + [d.loaded for d in loaded.documents] + list(loaded.assessments.values())
    out = {}
    for file in files:
        try:
            out[file.path.relative_to(loaded.root).as_posix()] = file
        except ValueError:
            continue
    return out


def _position(data: Any, parts: tuple[str, ...], focus: str) -> tuple | None:
    """The path of ``focus`` in a file's data, inside the innermost entry that holds every part of the quote
    (so that words two recommendations share are found in the one whose bullets are also quoted)."""
    holder = _holder(data, set(parts), ())
    if holder is None:
        return None
    node = data
    for key in holder:
        node = node[key]
    inner = _path_of(node, focus, ())
    return holder + inner if inner is not None else None


def _holder(data: Any, parts: set[str], path: tuple) -> tuple | None:
    if not parts <= _strings(data):
        return None
    for key, child in _children(data):
        deeper = _holder(child, parts, path + (key,))
        if deeper is not None and not isinstance(child, str):
            return deeper
    return path


def _strings(data: Any) -> set[str]:
    if isinstance(data, str):
        return {data}
    return set().union(*(_strings(child) for _, child in _children(data)))


def _children(data: Any) -> list[tuple[Any, Any]]:
    if isinstance(data, dict):
        return list(data.items())
    return list(enumerate(data)) if isinstance(data, list) else []


def _path_of(data: Any, value: str, path: tuple) -> tuple | None:
    """The path of the first string equal to ``value`` in ``data``."""
    if isinstance(data, str):
        return path if data == value else None
    for key, child in _children(data):
        found = _path_of(child, value, path + (key,))
        if found is not None:
            return found
    return None
