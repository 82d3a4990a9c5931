"""``rectrack new-response`` and ``rectrack import-response``: publish a response without touching code.

Both commands only create files; they never overwrite one, because a response file is edited by
hand after it is generated and a second run must not destroy that work. ``cli/__init__.py``
registers them with the command group.
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
from rectrack.data.kinds import LABEL_SEPARATOR, RESPONSE_FOLDERS, response_folder
from rectrack.data.load import load_directory
from rectrack.data.model import SLUG, Dataset, Organisation, Report
from rectrack.data.problems import Severity
from rectrack.errors import FileExists, Incomplete, RectrackError, UsageError

# The document readers, the importer and the YAML writer are imported inside the commands that use
# them: cli.py registers these commands, so anything imported here is paid by every `rectrack` run.
if TYPE_CHECKING:
    from rectrack.authoring import ImportResult, ReadDocument, Unplaced
    from rectrack.authoring.read_template import Mark

_MAX_PROBLEMS_SHOWN = 20


@click.command("new-response")
@click.argument("owner")
@click.option("--report", "report_id", help="Id of the report answered (default: the one report addressing OWNER).")
@click.option("--update", "label", metavar="LABEL",
              help="Start a later document instead of the first comments, saved as OWNER--LABEL.yaml "
                   "(e.g. --update update-2027-01).")
@click.option("--kind", type=click.Choice(["update", "action-plan"]), default="update", show_default=True,
              help="With --update: what the later document is.")
@DATA_OPTION
def new_response(owner: str, report_id: str | None, label: str | None, kind: str, data_dir: Path) -> None:
    """Start a response document for OWNER (an organisation id) on a report, to fill in by hand.

    Writes DATA/FOLDER/REPORT/OWNER.yaml (FOLDER is force_responses, national_responses or
    fire_responses, by the kind of organisation) with one blank entry per recommendation addressed
    to OWNER, each with the recommendation's wording as a comment. With --update LABEL it starts a
    later document (an update or an action plan) as OWNER--LABEL.yaml beside the first comments.
    Refuses to overwrite an existing file (exit 1); an unknown id exits 1 with the closest ids.

    \b
    Example:
      rectrack new-response kent --report hmicfrs-2026-ocsa-mosovo
      rectrack new-response kent --report hmicfrs-2026-ocsa-mosovo --update update-2027-01
      (then fill in the file it names and run: rectrack validate --strict)
    """
    from rectrack.authoring.scaffold import scaffold_response

    dataset = _reference_dataset(data_dir)
    org = _find_organisation(dataset, owner, data_dir)
    report = _find_report(dataset, report_id, org)
    recs = dataset.addressed_to(report.id, org.id)
    if label is not None and not SLUG.fullmatch(label):
        raise UsageError(f"--update {label!r} is not a label", "use lower-case letters, digits and hyphens, "
                         "e.g. update-2027-01")
    target = response_path(data_dir, org, report, label)
    _refuse_existing(target)
    _write_new(target, scaffold_response(org, report, recs, kind="first-comments" if label is None else kind))
    click.echo(f"Wrote {target}: {len(recs)} recommendations addressed to {org.name} "
               f"({_list([r.local for r in recs])}).")
    click.echo("Next: copy the document's text into each `action`, delete entries it does not answer, "
               "then run: rectrack validate --strict")


@click.command("import-response")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--owner", "--force", "owner_id",
              help="Id of the organisation the response is by (for a police force, the force), e.g. kent; "
                   "not needed for a filled-in Word template from the site, which names it.")
@click.option("--report", "report_id", help="Id of the report answered (default: the one report addressing it).")
@click.option("--update", "label", metavar="LABEL",
              help="The document is a later one (an update or an action plan): save it as OWNER--LABEL.yaml.")
@click.option("--kind", type=click.Choice(["update", "action-plan"]), default="update", show_default=True,
              help="With --update: what the later document is.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the YAML (default: DATA/FOLDER/REPORT/OWNER.yaml).")
@click.option("--author", help="Who published the response, as the document names them "
                               "(default: who answers for the organisation, from organisations.yaml).")
@click.option("--source-document", metavar="PATH",
              help="Path, relative to DATA, of a Markdown copy of the document (default: none).")
@click.option("--explain", is_flag=True, help="Also list every block of the document and the rule that placed it, "
                                              "and every piece of layout removed.")
@DATA_OPTION
def import_response(
    file: Path, owner_id: str, report_id: str | None, label: str | None, kind: str, output: Path | None,
    author: str | None, source_document: str | None, explain: bool, data_dir: Path,
) -> None:
    """Import a published response (.docx, .odt, .pdf, .html, .md or .txt) into a response file.

    A Word template downloaded from the site and filled in is read box by box: each answer exactly as
    typed (the response's text, the implementation chosen, the evidence), and the document's title,
    date, web address, author and foreword. Text it cannot place (typed outside the boxes, in the
    label column, in an added row; an implementation that is not an allowed value; a date it cannot
    read) is listed with where it is, and nothing is written (exit 1). A template with no answer filled
    in gives a draft, from which nothing is published.

    Any other document: finds each recommendation's answer by its heading ("Recommendation 4", "Recommendations 15
    and 16"), by the quoted recommendation text, by a letter's "In response to recommendation 3",
    or in a table or action plan (number | recommendation | response | status | date | lead), and
    copies the text as printed, removing only layout (running headers and footers, page numbers,
    hyphens at line ends, bullet glyphs, Markdown escapes). Every entry starts as implementation:
    not-stated; what a status, date or lead column says is kept verbatim as `as_printed`, never
    used as a claim. A date in the sign-off or on the cover is offered as the publication date,
    with a comment to check it.

    It then lists, per recommendation, where its text came from and by which rule, so it can be
    checked against the document.

    Exit status: 0 only when every paragraph was placed with confidence (an answer, the foreword,
    a sign-off, a repeated header...); 1 when some text could not be placed or was placed by a
    rule that may be wrong (the file is still written with everything that was placed, and each
    piece is listed with where it is and why), or on an error (unreadable or scanned document,
    unknown organisation or report, existing output file: nothing is written).

    \b
    Example:
      rectrack import-response ~/Downloads/kent-pcc-response.docx --owner kent
      rectrack import-response response.pdf --owner kent --output /tmp/kent.yaml --explain
      rectrack import-response kent-template-filled-in.docx
    """
    from rectrack.authoring import parse_document, read
    from rectrack.authoring.draft import draft_from_import, header_lines
    from rectrack.authoring.read_template import looks_like_template, template_mark
    from rectrack.authoring.writer import render_response

    dataset = _reference_dataset(data_dir)
    org = _find_organisation(dataset, owner_id, data_dir) if owner_id is not None else None
    docx = file.suffix.lower() == ".docx"
    document = read(file)
    mark = template_mark(document) if docx else None
    if mark is not None or (docx and looks_like_template(document)):
        if org is None:
            if mark is None:
                raise UsageError("this Word template's reference line (\"Template reference: ...\") was deleted, "
                                 "so it does not say whose it is", "give --owner (and --report) to import it")
            org = _find_organisation(dataset, mark.owner, data_dir)
        _import_template(file, document, mark, dataset, org, report_id, label, kind, output, author,
                         source_document, data_dir)
        return
    if org is None:
        raise UsageError("say whose response this is: --owner ORGANISATION-ID", "e.g. --owner kent")
    report = _find_report(dataset, report_id, org)
    target = output or response_path(data_dir, org, report, label)
    _refuse_existing(target)
    numbered = [r for r in dataset.recommendations_of(report.id) if r.number is not None]
    result = parse_document(document, numbered)
    draft = draft_from_import(result, org, report, kind="first-comments" if label is None else kind,
                              author=author, source_document=source_document)
    header = [
        f"Imported from {file.name} by `rectrack import-response`.",
        "Every implementation is not-stated: read each action, set what it says it has done, and copy "
        "the supporting words into evidence. Then run: rectrack validate --strict",
        *header_lines(result),
    ]
    _write_new(target, render_response(draft, numbered, header=header))
    known = [int(r.local) for r in dataset.addressed_to(report.id, org.id) if r.number is not None]
    _echo_summary(file, target, result, known, explain)
    if result.unplaced:
        raise Incomplete()


def _import_template(file: Path, document: ReadDocument, mark: Mark | None, dataset: Dataset, org: Organisation,
                     report_id: str | None, label: str | None, kind: str, output: Path | None, author: str | None,
                     source_document: str | None, data_dir: Path) -> None:
    """A filled-in Word template: every box read exactly, or nothing written and every problem listed."""
    from dataclasses import replace

    from rectrack.authoring.read_template import check_mark, read_template, template_layout
    from rectrack.authoring.review import problem_lines
    from rectrack.authoring.writer import render_response

    wrong = check_mark(mark, report_id, org.id)
    if wrong:
        raise RectrackError(f"{file}: {'; '.join(wrong)}", "import it with the --owner and --report it was made "
                            "for, or download the template for this organisation and report from its page")
    report = _find_report(dataset, report_id or (mark.report if mark else None), org)
    target = output or response_path(data_dir, org, report, label)
    _refuse_existing(target)
    plan = template_layout(dataset, report, org)
    result = read_template(document, plan, kind="first-comments" if label is None else kind)
    if result.problems:
        click.echo(f"{file} is the Word template for {org.name} on {report.id}, but "
                   f"{len(result.problems)} piece(s) of text could not be placed; nothing was written:")
        for line in problem_lines(result.problems, lambda item: f"{file} ({item.where})"):
            click.echo(line)
        click.echo("Correct the template (or ask the office to) and import it again.")
        raise Incomplete()
    draft = result.draft
    if author and draft.author == plan.document_box("author").prefill:
        draft = replace(draft, author=author)
    if source_document:
        draft = replace(draft, source_document=source_document)
    header = [f"Imported from {file.name}, a Word template filled in by {org.name}, by `rectrack import-response`.",
              "Each answer is as typed in the template's boxes. Then run: rectrack validate --strict"]
    owed = dataset.addressed_to(report.id, org.id)
    _write_new(target, render_response(draft, owed, header=header))
    if result.answered:
        click.echo(f"Read the Word template for {org.name} on {report.id}: answers to "
                   f"{_plural_recs(result.answered)} of the {len(owed)} addressed to it.")
    else:
        click.echo(f"Read the Word template for {org.name} on {report.id}: no response is filled in, so the file "
                   "is a draft and nothing is published from it.")
    if result.answered and result.unanswered:
        click.echo(f"Not answered: {_plural_recs(result.unanswered)} (the site shows them as not answered).")
    click.echo(f"Wrote {target}")


def _plural_recs(ids: Sequence[str]) -> str:
    return ("recommendation " if len(ids) == 1 else "recommendations ") + _list(list(ids))


# --- Shared steps ----------------------------------------------------------------------------------


def response_path(data_dir: Path, org: Organisation, report: Report, label: str | None = None) -> Path:
    """Where a response document by ``org`` on ``report`` lives: the folder for its kind, the report, its name."""
    name = org.id if label is None else f"{org.id}{LABEL_SEPARATOR}{label}"
    return data_dir / response_folder(org.kind).path / report.id / f"{name}.yaml"


def _reference_dataset(data_dir: Path) -> Dataset:
    """The validated reports, recommendations and organisations the commands need.

    A response file that does not validate yet (typically a scaffold still being filled in) must not
    stop an editor from starting the next one, so problems confined to response files are set aside
    and the dataset is built without documents.
    """
    checked = load_and_validate(data_dir)
    if checked.dataset is not None:
        return checked.dataset
    folders = {kind.path for kind in RESPONSE_FOLDERS}
    blocking = [p for p in checked.problems if p.severity is Severity.ERROR and not folders & set(Path(p.file).parts)]
    if blocking:
        shown = "\n".join(p.format() for p in blocking[:_MAX_PROBLEMS_SHOWN])
        more = f"\n... and {len(blocking) - _MAX_PROBLEMS_SHOWN} more" if len(blocking) > _MAX_PROBLEMS_SHOWN else ""
        raise RectrackError(
            f"the data in {data_dir} has problems, so its reports and organisations cannot be read:\n"
            f"{shown}{more}", f"run `rectrack validate --data {data_dir}` and fix these first."
        )
    loaded = load_directory(data_dir)
    loaded.documents.clear()
    return build_dataset(loaded)


def _find_organisation(dataset: Dataset, wanted: str, data_dir: Path) -> Organisation:
    for org in dataset.organisations:
        if org.id == wanted:
            return org
    if dataset.group(wanted):
        raise RectrackError(f"'{wanted}' is a group, and a response is published by one organisation",
                            "give the id of the organisation itself, e.g. kent")
    suggestions = suggest_organisations(dataset.organisations, wanted)
    if suggestions:
        raise RectrackError(f"unknown organisation '{wanted}'; did you mean: {', '.join(suggestions)}?")
    raise RectrackError(f"unknown organisation '{wanted}'.", f"use an id from {data_dir / 'organisations.yaml'}, "
                        f"e.g. {dataset.organisations[0].id if dataset.organisations else 'kent'}")


def _find_report(dataset: Dataset, wanted: str | None, org: Organisation) -> Report:
    # Every report that addresses the organisation counts, those known only from a later report's quotes
    # too: choosing one silently would file a response under the wrong report.
    addressing = [r for r in dataset.reports if dataset.addressed_to(r.id, org.id)]
    if wanted is None:
        if len(addressing) == 1:
            return addressing[0]
        listing = ", ".join(r.id for r in addressing) or "none"
        raise UsageError(f"say which report: --report REPORT-ID (reports addressing {org.name}: {listing})",
                         "the report ids are in reports.yaml")
    for report in dataset.reports:
        if report.id == wanted:
            if report not in addressing:
                raise RectrackError(f"report '{wanted}' addresses no recommendation to {org.name}",
                                    f"reports addressing it: {', '.join(r.id for r in addressing) or 'none'}")
            return report
    close = difflib.get_close_matches(wanted, [r.id for r in dataset.reports], n=3)
    raise RectrackError(f"unknown report '{wanted}'" + (f"; did you mean: {', '.join(close)}?" if close else ""),
                        "the report ids are in reports.yaml")


def suggest_organisations(orgs: Sequence[Organisation], wanted: str, limit: int = 3) -> list[str]:
    """Organisation ids close to ``wanted``, comparing it with ids and with the organisations' names.

    People type "kentt", "Kent Police" or "devon": misspellings match an id, names match a name,
    and a single word matches the ids it is part of.
    """
    key = wanted.strip().casefold()
    by_name: dict[str, str] = {}
    for org in orgs:
        for name in (org.id, org.name, *org.other_names):
            by_name.setdefault(name.casefold(), org.id)
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
    for org in orgs:
        if slug and slug in org.id.split("-") and org.id not in found:
            found.append(org.id)
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


def _list(numbers: Sequence[int | str]) -> str:
    return ", ".join(str(n) for n in numbers)


@click.command("new-report")
@click.argument("report_id")
@click.option("--title", required=True, help="The report's title, exactly as printed.")
@click.option("--published", required=True, metavar="YYYY[-MM[-DD]]",
              help="Its publication date, with only the precision the report gives (e.g. 2027-03).")
@click.option("--published-as-printed", metavar="TEXT",
              help="The date as the report prints it (default: written from --published, e.g. March 2027).")
@click.option("--publisher", "publishers", multiple=True, metavar="ORG",
              help="Id of a publishing organisation (repeat for several; default: none stated).")
@click.option("--regime", type=click.Choice(["s55", "no-statutory-clock", "none", "not-stated"]),
              default="not-stated", show_default=True, help="How responses to it are due.")
@DATA_OPTION
def new_report(report_id: str, title: str, published: str, published_as_printed: str | None,
               publishers: tuple[str, ...], regime: str, data_dir: Path) -> None:
    """Add a report to reports.yaml, and a template for its recommendations to recommendations.yaml.

    The report is appended with what the options give and "not stated" (null or []) for the rest;
    the recommendations template is written as comments, to copy once per recommendation. Refuses
    a report id that is already used (exit 1).

    \b
    Example:
      rectrack new-report hmicfrs-2027-example --title "The report's title" --published 2027-03 \\
        --publisher hmicfrs --regime s55
      (then fill in data/reports.yaml and data/recommendations.yaml and run: rectrack validate --strict)
    """
    from rectrack.authoring.report_scaffold import recommendations_template, report_entry
    from rectrack.data.model import PartialDate
    from rectrack.text import partial_date_text

    dataset = _reference_dataset(data_dir)
    if not SLUG.fullmatch(report_id):
        raise UsageError(f"{report_id!r} is not an id", "use lower-case letters, digits and hyphens, e.g. "
                         "hmicfrs-2027-example")
    if report_id in {r.id for r in dataset.reports} or dataset.group(report_id):
        raise FileExists(f"report '{report_id}' already exists in {data_dir / 'reports.yaml'}; not adding it again.")
    try:
        date = PartialDate.parse(published)
    except ValueError:
        raise UsageError(f"--published {published!r} is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD") from None
    for org in publishers:
        _find_organisation(dataset, org, data_dir)
    entry = report_entry(report_id, title, date.iso(), published_as_printed or partial_date_text(date),
                         publishers, regime)
    _append(data_dir / "reports.yaml", entry)
    _append(data_dir / "recommendations.yaml", recommendations_template(report_id))
    click.echo(f"Added report '{report_id}' to {data_dir / 'reports.yaml'} and a template for its "
               f"recommendations (as comments) to {data_dir / 'recommendations.yaml'}.")
    click.echo("Next: fill in the report's blanks (web address, scope, sections), copy the template once per "
               "recommendation, then run: rectrack validate --strict")


def _append(path: Path, text: str) -> None:
    """Add ``text`` at the end of a data file (whose last top-level key is the list being extended).

    ``text`` is written in the house layout, list items two spaces in; a file whose items start at
    column 0 (PyYAML's own layout) gets it two spaces less, or the entry would join the previous item's
    last list (a report's sections).
    """
    try:
        existing = path.read_text("utf-8")
        if _item_indent(existing) == 0:
            text = "".join(line.removeprefix("  ") for line in text.splitlines(keepends=True))
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(("" if existing.endswith("\n") else "\n") + text)
    except OSError as exc:
        raise RectrackError(f"cannot add to {path}: {exc.strerror}") from None


def _item_indent(text: str) -> int:
    """How far in the items of a file's last top-level list start (2, the house layout, if it has none)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if re.match(r"[A-Za-z_][\w-]*:\s*(#.*)?$", line)]
    for line in lines[starts[-1] + 1:] if starts else []:
        item = re.match(r"( *)- ", line)
        if item:
            return len(item.group(1))
    return 2
