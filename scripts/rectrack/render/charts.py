"""The report's figures redrawn as inline SVG bar charts, each with the same numbers as a table.

Inline SVG (not an image file, not a charting script) so the chart works without JavaScript, loads
nothing, prints, and carries its own text alternative: ``role="img"`` with ``<title>`` and
``<desc>``. Every bar has its number and series name written beside it and each series has its own
fill pattern, so nothing depends on telling colours apart. The table beside it is the full data.
"""

from __future__ import annotations

from markupsafe import Markup

from rectrack.data.model import Figure
from rectrack.render.components import Cell, Column, Row, table
from rectrack.render.markdown import md
from rectrack.render.urls import check_slug

#: The drawing's own coordinate system; it scales to the column width.
WIDTH = 400
LEFT = 4
LABEL_SPACE = 112  # room after the longest bar for "35 (2021/22)"
BAR = 18
GAP = 4
FONT = 14
#: Fills per series, in order: solid, then patterns defined in <defs>.
FILLS = ("solid", "hatch", "dots", "cross")
INK = "#1a237e"
SOLID = "#3949ab"


def _number(value: float | int) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="3"/></pattern>'
        f'<pattern id="{prefix}-dots" patternUnits="userSpaceOnUse" width="6" height="6">'
        f'<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.6" fill="{INK}"/></pattern>'
        f'<pattern id="{prefix}-cross" patternUnits="userSpaceOnUse" width="6" height="6">'
        f'<rect width="6" height="6" fill="#ffffff"/><path d="M0 3H6M3 0V6" stroke="{INK}" stroke-width="1.5"/>'
        "</pattern></defs>"
    )


def _fill(prefix: str, series: int) -> str:
    kind = FILLS[series % len(FILLS)]
    return SOLID if kind == "solid" else f"url(#{prefix}-{kind})"


def _legend(figure: Figure, prefix: str) -> tuple[list[str], int]:
    parts, x = [], LEFT
    for i, name in enumerate(figure.series):
        parts.append(f'<rect x="{x}" y="6" width="{BAR}" height="{BAR}" fill="{_fill(prefix, i)}" '
                     f'stroke="{INK}" stroke-width="1"/>')
        parts.append(f'<text x="{x + BAR + 6}" y="20">{md(name)}</text>')
        x += BAR + 12 + 9 * len(name) + 24
    return parts, 40


def bar_chart(figure: Figure) -> Markup:
    """A grouped horizontal bar chart of ``figure`` (rows are groups, series are bars)."""
    prefix = check_slug(figure.id)
    top_values = [v for row in figure.rows for v in row.values]
    peak = max(top_values) if top_values and max(top_values) > 0 else 1
    scale = (WIDTH - LEFT - LABEL_SPACE) / peak
    parts, y = _legend(figure, prefix)
    block = FONT + 8 + len(figure.series) * (BAR + GAP) + 14
    for row in figure.rows:
        parts.append(f'<text x="{LEFT}" y="{y + FONT}" font-weight="bold">{md(row.label)}</text>')
        bar_y = y + FONT + 8
        for i, (name, value) in enumerate(zip(figure.series, row.values, strict=True)):
            width = round(value * scale, 1)
            parts.append(f'<rect x="{LEFT}" y="{bar_y}" width="{width}" height="{BAR}" '
                         f'fill="{_fill(prefix, i)}" stroke="{INK}" stroke-width="1"/>')
            parts.append(f'<text x="{LEFT + width + 6}" y="{bar_y + BAR - 4}">{md(_number(value))} '
                         f'({md(name)})</text>')
            bar_y += BAR + GAP
        y += block
    height = y + 4
    title = f"Figure {figure.number}: {figure.title}"
    desc = "Bar chart. " + "; ".join(
        f"{row.label}: " + ", ".join(f"{s} {_number(v)}" for s, v in zip(figure.series, row.values, strict=True))
        for row in figure.rows
    ) + f". Source: {figure.source}."
    svg = (
        f'<svg class="rt-chart__svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-size="{FONT}" fill="#1a1a1a" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f'<title id="{prefix}-title">{md(title)}</title><desc id="{prefix}-desc">{md(desc)}</desc>'
        f"{_defs(prefix)}{''.join(parts)}</svg>"
    )
    return Markup(
        f'<figure class="rt-chart">{svg}<figcaption>Figure {figure.number}, redrawn from the numbers given '
        f"in the report's text. The table gives the same numbers.</figcaption></figure>"
    )


def figure_table(figure: Figure) -> Markup:
    """The chart's numbers as a table: one row per group, one column per series."""
    columns = [Column("label", "Measure")] + [
        Column(f"s{i}", name, numeric=True) for i, name in enumerate(figure.series)
    ]
    rows = [
        Row([Cell(row.label, header=True)] + [Cell(_number(v)) for v in row.values])
        for row in figure.rows
    ]
    return table(f"{check_slug(figure.id)}-data", f"Figure {figure.number} data", columns, rows)
