"""``rectrack new-response`` and ``rectrack import-response``: publish a response without touching code.

Both commands only create files; they never overwrite one, because a response file is edited by
hand after it is generated and a second run must not destroy that work. The lead registers them in
``cli.py`` with ``cli.add_command(new_response)`` and ``cli.add_command(import_response)``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rectrack.cli.options import DATA_OPTION
from rectrack.data.check import load_and_validate
from rectrack.data.construct import build_dataset
from rectrack.data.load import RESPONSES_DIR, load_directory
from rectrack.data.model import Dataset, Force
from rectrack.data.problems import Severity
from rectrack.errors import FileExists, Incomplete, RectrackError

# The document readers, the importer and the YAML writer are imported inside the commands that use
# them: cli.py registers these commands, so anything imported here is paid by every `rectrack` run.
if TYPE_CHECKING:
    from rectrack.authoring import ImportResult, Unplaced

_MAX_PROBLEMS_SHOWN = 20


@click.command("new-response")
@click.argument("force")
@DATA_OPTION
def new_response(force: str, data_dir: Path) -> None:
    """Start a response file for FORCE (a force id) to fill in by hand.

    Writes DATA/force_responses/FORCE.yaml with one blank entry per recommendation addressed to
    forces, each with the recommendation's wording as a comment. Refuses to overwrite an existing
    file (exit 1); an unknown force id exits 1 with the closest ids.

    \b
    Example:
      rectrack new-response kent
      (then fill in data/force_responses/kent.yaml and run: rectrack validate)
    """
    from rectrack.authoring.scaffold import scaffold_response

    dataset = _reference_dataset(data_dir)
    found = _find_force(dataset.forces, force, data_dir)
    target = data_dir / RESPONSES_DIR / f"{found.id}.yaml"
    _refuse_existing(target)
    text = scaffold_response(found, dataset.report.id, dataset.recommendations)
    _write_new(target, text)
    numbers = [rec.number for rec in dataset.recommendations if rec.for_forces]
    click.echo(f"Wrote {target}: {len(numbers)} recommendations for forces ({_list(numbers)}).")
    click.echo("Next: copy the response's text into each `action`, delete entries it does not answer, "
               "then run: rectrack validate")


@click.command("import-response")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", "force_id", required=True, help="Id of the force the response is for, e.g. kent.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the YAML (default: DATA/force_responses/FORCE.yaml).")
@click.option("--author", help="Who published the response, as the document names them "
                               "(default: the force's policing body from forces.yaml).")
@click.option("--source-document", metavar="PATH",
              help="Path, relative to DATA, of a Markdown copy of the document (default: none).")
@click.option("--explain", is_flag=True, help="Also list every block of the document and the rule that placed it, "
                                              "and every piece of layout removed.")
@DATA_OPTION
def import_response(
    file: Path, force_id: str, output: Path | None, author: str | None, source_document: str | None,
    explain: bool, data_dir: Path,
) -> None:
    """Import a published response (.docx, .odt, .pdf, .html, .md or .txt) into a response file.

    Finds each recommendation's answer by its heading ("Recommendation 4", "Recommendations 15
    and 16"), by the quoted recommendation text, by a letter's "In response to recommendation 3",
    or in a table or action plan (number | recommendation | response | status | date | lead), and
    copies the text as printed, removing only layout (running headers and footers, page numbers,
    hyphens at line ends, bullet glyphs, Markdown escapes). Every entry starts as implementation:
    not-stated; what a status, date or lead column says is kept as a comment, never used. A date
    in the sign-off or on the cover is offered as the publication date, with a comment to check it.

    It then lists, per recommendation, where its text came from and by which rule, so it can be
    checked against the document.

    Exit status: 0 only when every paragraph was placed with confidence (an answer, the foreword,
    a sign-off, a repeated header...); 1 when some text could not be placed or was placed by a
    rule that may be wrong (the file is still written with everything that was placed, and each
    piece is listed with where it is and why), or on an error (unreadable or scanned document,
    unknown force, existing output file: nothing is written).

    \b
    Example:
      rectrack import-response ~/Downloads/kent-pcc-response.docx --force kent
      rectrack import-response response.pdf --force kent --output /tmp/kent.yaml --explain
    """
    from rectrack.authoring import import_document
    from rectrack.authoring.draft import draft_from_import, header_lines
    from rectrack.authoring.writer import render_response

    dataset = _reference_dataset(data_dir)
    found = _find_force(dataset.forces, force_id, data_dir)
    target = output or data_dir / RESPONSES_DIR / f"{found.id}.yaml"
    _refuse_existing(target)
    result = import_document(file, dataset.recommendations)
    draft = draft_from_import(result, found, dataset.report.id, author=author, source_document=source_document)
    header = [
        f"Imported from {file.name} by `rectrack import-response`.",
        "Every implementation is not-stated: read each action, set what it says it has done, and copy "
        "the supporting words into evidence. Then run: rectrack validate",
        *header_lines(result),
    ]
    _write_new(target, render_response(draft, dataset.recommendations, header=header))
    known = [rec.number for rec in dataset.recommendations if rec.for_forces]
    _echo_summary(file, target, result, known, explain)
    if result.unplaced:
        raise Incomplete()


# --- Shared steps ----------------------------------------------------------------------------------


def _reference_dataset(data_dir: Path) -> Dataset:
    """The validated report, recommendations and forces the commands need.

    A response file that does not validate yet (typically a scaffold still being filled in) must not
    stop an editor from starting the next one, so problems confined to response files are set aside
    and the dataset is built without responses.
    """
    checked = load_and_validate(data_dir)
    if checked.dataset is not None:
        return checked.dataset
    blocking = [p for p in checked.problems if p.severity is Severity.ERROR and RESPONSES_DIR not in Path(p.file).parts]
    if blocking:
        shown = "\n".join(p.format() for p in blocking[:_MAX_PROBLEMS_SHOWN])
        more = f"\n... and {len(blocking) - _MAX_PROBLEMS_SHOWN} more" if len(blocking) > _MAX_PROBLEMS_SHOWN else ""
        raise RectrackError(
            f"the data in {data_dir} has problems, so the recommendations and forces cannot be read:\n"
            f"{shown}{more}", f"run `rectrack validate {data_dir}` and fix these first."
        )
    loaded = load_directory(data_dir)
    return build_dataset({kind: f.data for kind, f in loaded.files.items()}, [])


def _find_force(forces: Sequence[Force], wanted: str, data_dir: Path) -> Force:
    for force in forces:
        if force.id == wanted:
            return force
    suggestions = suggest_forces(forces, wanted)
    if suggestions:
        raise RectrackError(f"unknown force '{wanted}'; did you mean: {', '.join(suggestions)}?")
    raise RectrackError(f"unknown force '{wanted}'.", f"use a force id from {data_dir / 'forces.yaml'}, "
                        f"e.g. {forces[0].id if forces else 'devon-and-cornwall'}")


def suggest_forces(forces: Sequence[Force], wanted: str, limit: int = 3) -> list[str]:
    """Force ids close to ``wanted``, comparing it with ids and with the forces' names.

    People type "kentt", "Kent Police" or "devon": misspellings match an id, names match a name,
    and a single word matches the ids it is part of.
    """
    key = wanted.strip().casefold()
    by_name: dict[str, str] = {}
    for force in forces:
        for name in (force.id, force.name, *force.other_names):
            by_name.setdefault(name.casefold(), force.id)
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, name).ratio(), name) for name in by_name), reverse=True
    )
    best = scored[0][0] if scored else 0.0
    found: list[str] = []
    for score, name in scored:
        # Only the near-best: "kentt" should suggest kent, not every force ending in "ent".
        if score >= max(0.6, best - 0.1) and by_name[name] not in found:
            found.append(by_name[name])
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    for force in forces:
        if slug and slug in force.id.split("-") and force.id not in found:
            found.append(force.id)
    return found[:limit]


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise FileExists(f"{target} already exists; not overwriting it.",
                         "edit that file, delete it first to start again, or write elsewhere with --output.")


def _write_new(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # "x" fails if the file appeared since the check: never overwrite someone's edits.
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        _refuse_existing(target)
    except OSError as exc:
        raise RectrackError(f"cannot write {target}: {exc.strerror}") from None


def _echo_summary(file: Path, target: Path, result: ImportResult, known: Sequence[int], explain: bool) -> None:
    from rectrack.authoring.review import problem_lines, review_lines

    if result.entries:
        click.echo(f"Imported {len(result.entries)} responses from {file}: recommendations {_list(result.numbers)}.")
    else:
        click.echo(f"Imported no responses from {file}.")
    for line in review_lines(result, known, explain=explain):
        click.echo(line)
    if result.not_placed:
        click.echo(f"Could not place {len(result.not_placed)} piece(s) of text; add them by hand if they belong:")
        for line in problem_lines(result.not_placed, lambda item: _where(file, item)):
            click.echo(line)
    if result.weak:
        click.echo(f"Placed {len(result.weak)} piece(s) by a rule that may be wrong; check them:")
        for line in problem_lines(result.weak, lambda item: _where(file, item)):
            click.echo(line)
    click.echo(f"Wrote {target}")
    if result.unplaced:
        click.echo("Not everything was placed with confidence (exit status 1): check the pieces listed above.")


def _where(file: Path, item: Unplaced) -> str:
    if item.where.line is not None:
        return f"{file}:{item.where.line}"
    return f"{file} ({item.where})"


def _list(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)
