"""The review listing: where each answer's text came from, so a person can check it in a minute.

Pure text, returned as lines: the CLI prints them. Per recommendation it names the heading,
quote and answer paragraphs (page, paragraph or table row) and the rule that placed each; then
what the document said will follow, what surrounds the answers, what was removed as layout, and
everything not placed or placed by a weak rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from rectrack.authoring.result import ImportResult, Unplaced

_EXCERPT = 90


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _numbers(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def review_lines(result: ImportResult, known: Sequence[int], *, explain: bool = False) -> list[str]:
    lines: list[str] = []
    if result.entries:
        lines.append("Where each answer came from (check it against the document):")
    for entry in sorted(result.entries, key=lambda e: e.recommendations):
        name = "Recommendations " + _numbers(entry.recommendations) if len(entry.recommendations) > 1 else (
            f"Recommendation {entry.recommendation}")
        lines.append(f"  {name}: {len(entry.action.split())} words, {excerpt(entry.action, 60)}")
        for source in entry.sources:
            lines.append(f"      {source.where}: {source.rule}")
        for key, value in entry.as_printed:
            lines.append(f"      the document's {key.replace('_', ' ')} column says {value!r} "
                         "(kept as printed; not an implementation claim)")
    for deferred in result.deferred:
        said = excerpt(deferred.text) if deferred.text else "an empty response"
        lines.append(f"  Recommendation {_numbers(deferred.recommendations)}: not answered here; the document says "
                     f"{said} ({deferred.where})")
    answered = set(result.numbers) | {n for d in result.deferred for n in d.recommendations}
    missing = [n for n in known if n not in answered]
    if missing:
        lines.append(f"Not answered in this document: recommendations {_numbers(missing)}.")
    counts = Counter(p.role for p in result.placements)
    around = [f"{role} {counts[role]} paragraph(s)" for role in ("title", "foreword", "conclusion", "sign-off")
              if counts[role]]
    if around:
        lines.append("Around the answers: " + ", ".join(around) + " (not part of any answer).")
    for found in result.dates:
        lines.append(f"Date printed in the {found.found_in} ({found.where}): {found.as_printed!r}"
                     + (f" -> offered as published: {found.iso}" if found is result.published else ""))
    if result.removed:
        kinds = Counter(r.rule.split(" (")[0] for r in result.removed)
        lines.append("Removed as layout, not wording: " + ", ".join(f"{n} × {k}" for k, n in kinds.most_common()))
    if explain:
        lines.append("Every block, in document order:")
        for placed in result.placements:
            numbers = f" [{_numbers(placed.recommendations)}]" if placed.recommendations else ""
            lines.append(f"  {placed.where}: {placed.role}{numbers} ({placed.rule}): {excerpt(placed.text, 70)}")
        for removed in result.removed:
            lines.append(f"  {removed.where}: removed, {removed.rule}: {excerpt(removed.text, 70)}")
    return lines


def problem_lines(items: Sequence[Unplaced], where: Callable[[Unplaced], str]) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(f"  {where(item)}: {item.reason}")
        if item.text:
            out.append(f"      {excerpt(item.text, 100)}")
    return out
