"""Small building blocks shared by the pages: status badges, progress bars and accessible tables.

Each returns :class:`Markup` built only from :func:`md` output, validated ids and numbers, so a
template can drop it in unchanged. Status is always words first; colour (a CSS class) only repeats
what the words say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from rectrack.derive import STATES, Duty
from rectrack.render.markdown import md, raw_block
from rectrack.text import partial_date_text
from rectrack.wording import (
    IMPLEMENTATION_LABELS,
    NO_CLAIM,
    NO_VERDICT,
    STATE_LABELS,
    VERDICT_LABELS,
    deadline_phrase,
    deadline_text,
)


def badge(state: str, text: str | None = None, *, family: str = "state") -> Markup:
    """A status word in a tinted box; ``state`` must be one of our own state names."""
    label = text if text is not None else STATE_LABELS.get(state, state)
    return Markup(f'<span class="rt-badge rt-{family}--{md(state)}">{md(label)}</span>')


def implementation_badge(duty: Duty) -> Markup:
    """The owner's own claim, or "No claim" when no published response answers the recommendation.

    Pages show :func:`rectrack.wording.response_label` beside it to say why there is no claim.
    """
    if not duty.responded:
        return badge("none", NO_CLAIM, family="claim")
    return badge(duty.implementation, IMPLEMENTATION_LABELS[duty.implementation], family="claim")


def verdict_text(duty: Duty) -> Markup:
    """The inspectorate's latest verdict with its date, or plainly that there is none."""
    verdict = duty.verdict
    if verdict is None:
        return Markup(md(NO_VERDICT))
    text = f"{VERDICT_LABELS[verdict.verdict]} ({partial_date_text(verdict.date)})"
    return badge(verdict.verdict, text, family="verdict")


def state_counts(duties: Iterable[Duty]) -> list[tuple[Markup, int]]:
    counts = Counter(d.state for d in duties)
    return [(badge(s), counts[s]) for s in STATES if counts[s]]


def deadline_cell(duty: Duty) -> Markup:
    """The deadline in force as printed (revised ones say so) and how far away it is."""
    if duty.deadline is None:
        return Markup(md(deadline_text(None)))
    revised = " (revised)" if duty.revisions else ""
    return Markup(f"{md(deadline_text(duty.deadline_as_printed))}{md(revised)}<br>"
                  f"{md(deadline_phrase(duty.state, duty.days))}")


def progress(count: int, total: int, noun: str, href: str | None = None) -> Markup:
    """A bar with its numbers written beside it: "7 of 20 recommendations (35%)".

    The bar itself is hidden from assistive technology; the sentence carries the information. With
    ``href`` (a relative URL from :mod:`rectrack.render.urls`) the count links to the list it counts.
    """
    percent = round(100 * count / total) if total else 0
    words = f"{count} of {total} {md(noun)}"
    if href is not None:
        words = f'<a class="rt-count" href="{md(href)}">{words}</a>'
    return Markup(
        f'<span class="rt-progress"><span class="rt-progress__bar" aria-hidden="true">'
        f'<span class="rt-progress__fill" style="width: {percent}%"></span></span>'
        f'<span class="rt-progress__text">{words} ({percent}%)</span></span>'
    )


def attrs(values: Mapping[str, str | int]) -> str:
    """HTML attributes from our own names; every value is escaped."""
    return "".join(f' {name}="{md(value)}"' for name, value in values.items())


@dataclass
class Column:
    """A table column: its header (trusted Markup) and, when sortable, how to compare it."""

    key: str
    label: Markup | str
    sort: str | None = None  # "number" or "text"; None = not sortable
    numeric: bool = False


@dataclass
class Cell:
    content: Markup | str
    sort: str | int | None = None
    header: bool = False  # the row's header cell (<th scope="row">)
    extra: dict[str, str | int] = field(default_factory=dict)
    css: str = ""


@dataclass
class Row:
    cells: list[Cell]
    extra: dict[str, str | int] = field(default_factory=dict)


@dataclass
class Group:
    """Rows of a table kept together in their own ``<tbody>``, named by ``id`` so that a count can link to
    just them (a table may have many bodies; the sorter sorts within each). Empty groups are left out."""

    id: str
    rows: list[Row]


def _content(value: Markup | str) -> str:
    # A plain str in a cell is data text: escape it. Markup was built by us.
    return str(value) if isinstance(value, Markup) else md(value)


def _cell(cell: Cell, column: Column) -> str:
    tag = "th" if cell.header else "td"
    extra = dict(cell.extra)
    if cell.header:
        extra = {"scope": "row", **extra}
    if cell.sort is not None:
        extra["data-sort"] = cell.sort
    css = " ".join(c for c in (cell.css, "rt-num" if column.numeric else "") if c)
    if css:
        extra["class"] = css
    return f'<{tag}{attrs(extra)}>{_content(cell.content)}</{tag}>'


def table(
    table_id: str,
    label: str,
    columns: list[Column],
    rows: list[Row],
    *,
    foot: list[Row] | None = None,
    sortable: bool = False,
    groups: list[Group] | None = None,
) -> Markup:
    """An HTML table, written as one raw HTML block: every cell is already HTML (escaped text, our links).

    No ``markdown`` attributes, so the engine passes the table through instead of parsing each
    cell as Markdown (that parsing was most of the build time for big tables). The heading just
    above names the table, and the scrolling region carries ``label`` so a keyboard user who tabs
    into it hears what it is. With ``groups`` (and no ``rows``) each group is a ``<tbody>`` of its own.
    """
    head = "".join(
        f'<th scope="col"{attrs(_header_attrs(c))}>{_content(c.label)}</th>' for c in columns
    )
    sortable_attr = ' data-rt-sortable="true"' if sortable else ""
    lines = [
        f'<div class="rt-scroll" data-rt-scroll tabindex="0" role="region" aria-label="{md(label)}">',
        f'<table id="{md(table_id)}" class="rt-table"{sortable_attr}>',
        f'<thead>\n<tr>{head}</tr>\n</thead>',
    ]
    if groups is None:
        lines += ["<tbody>", *(_row(row, columns) for row in rows), "</tbody>"]
    else:
        assert not rows, "a table has rows or groups of rows, not both"
        for group in groups:
            if group.rows:
                lines += [f'<tbody id="{md(group.id)}">', *(_row(row, columns) for row in group.rows), "</tbody>"]
    if foot:
        lines.append('<tfoot>')
        lines += [_row(row, columns) for row in foot]
        lines.append("</tfoot>")
    lines += ["</table>", "</div>"]
    return raw_block("\n".join(lines))


def _header_attrs(column: Column) -> dict[str, str]:
    values = {"data-rt-sort": column.sort, "data-rt-key": column.key} if column.sort else {}
    if column.numeric:
        values["class"] = "rt-num"
    return values


def _row(row: Row, columns: list[Column]) -> str:
    cells = "".join(_cell(cell, column) for cell, column in zip(row.cells, columns, strict=True))
    return f'<tr{attrs(row.extra)}>{cells}</tr>'


@dataclass
class Control:
    """One filter control: a <select> over (value, label) options, or a text box when options is None."""

    key: str
    label: str
    options: list[tuple[str, str]] | None = None


@dataclass(frozen=True)
class FilterForm:
    """A filter form for a table or list, written by the ``filters`` macro (templates/_macros.md.j2).

    Without JavaScript the full table is already on the page, so the form (which could not work)
    stays hidden. ``target`` is the id of the element whose ``[data-rt-item]`` children are
    filtered; each item carries ``data-rt-<key>`` with space-separated values. ``mark`` names the
    key whose matching cells are outlined (the matrix).
    """

    target: str
    noun: str
    controls: tuple[Control, ...]
    mark: str | None = None


def filters(target: str, noun: str, controls: list[Control], *, mark: str | None = None) -> FilterForm:
    return FilterForm(target, noun, tuple(controls), mark)
