"""The ``rectrack`` command: a thin layer that parses options, calls the API, prints, picks exit codes.

Commands raise :mod:`rectrack.errors` exceptions; :class:`_Commands` turns each into its message and
exit code in one place (the codes are listed in ``rectrack.errors``: 0 done, 1 failed because of the
input, 2 usage, 3 internal error, 130 interrupted). Nothing prints a traceback for bad input; set
RECTRACK_DEBUG=1 to see one for a bug.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from rectrack import package_version
from rectrack.cli.authoring import import_response, new_report, new_response
from rectrack.cli.options import AS_OF_OPTION, DATA_OPTION
from rectrack.data.check import load_and_validate
from rectrack.data.model import Dataset
from rectrack.data.problems import Code, Problem
from rectrack.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, DataInvalid, RectrackError, Reported, UsageError


def _echo_problems(problems: list[Problem], fmt: str = "text", stream=None) -> None:
    if fmt == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
        return
    for problem in problems:
        click.echo(problem.format(), err=stream == "err")


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Print ``rectrack, version X`` (click's wording) and exit.

    Not ``click.version_option(__version__)``: that would look the version up on every run, and the
    lookup (``importlib.metadata``) is a noticeable share of start-up; here only ``--version`` pays.
    """
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"rectrack, version {package_version()}", color=ctx.color)
    ctx.exit()


def _valid(data_dir: Path, doing: str) -> Dataset:
    """The validated dataset, or :class:`DataInvalid` with its problems when the data has errors."""
    checked = load_and_validate(data_dir)
    if checked.dataset is None:
        raise DataInvalid(f"fix the errors above {doing}", problems=checked.problems)
    return checked.dataset


def report_error(exc: RectrackError) -> None:
    """How every expected failure is shown: its data problems, then one line saying what failed, and a hint."""
    _echo_problems(exc.problems)
    if isinstance(exc, DataInvalid) or getattr(exc, "outcome", None):
        outcome = getattr(exc, "outcome", "")
        click.echo(f"FAILED: {exc.message}{'; ' + outcome if outcome else ''}.", err=True)
    elif exc.message:
        click.echo(f"Error: {exc.message}", err=True)
    if exc.hint:
        click.echo(f"Hint: {exc.hint}", err=True)


class _Commands(click.Group):
    """The command group, and the one place where library errors become output and exit codes."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RectrackError as exc:
            report_error(exc)
            ctx.exit(exc.exit_code)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def cli() -> None:
    """Rectrack: validate recommendation-tracker data and build its website.

    \b
    Quick start:
      rectrack validate                 check data/ and list every problem
      rectrack build --as-of 2026-11-23 build site/ as at a date
      rectrack status                   what is overdue, due soon, missing
    """


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), required=False, metavar="[DATA_DIR]")
@DATA_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for machines, github for pull-request annotations.")
def validate(directory: Path | None, data_dir: Path, strict: bool, fmt: str) -> None:
    """Check every data file against its schema and the cross-references.

    The data directory is given with --data, as for every command; ``rectrack validate DATA_DIR``
    (the directory as an argument) is the same, kept because it is how people first learnt it.

    \b
    Example:
      rectrack validate --data data --strict
    Prints one line per problem: file:line:column: severity[code] field: message. Hint: ...
    """
    if directory is not None:
        if data_dir != Path("data") and data_dir != directory:
            raise UsageError(f"two data directories given: {directory} and --data {data_dir}",
                             "give the data directory once, with --data")
        data_dir = directory
    checked = load_and_validate(data_dir)
    problems = checked.problems
    errors = checked.report.errors
    warnings = checked.report.warnings
    if fmt == "github":
        for problem in problems:
            click.echo(problem.github_annotation())
    elif fmt == "json":
        click.echo(json.dumps({"ok": not errors and not (strict and warnings),
                               "errors": len(errors), "warnings": len(warnings),
                               "notices": len(checked.report.notices),
                               "truncated": checked.report.truncated,
                               "problems": [p.as_dict() for p in problems]}, indent=2, ensure_ascii=False))
    else:
        _echo_problems(problems)
        if checked.report.truncated:
            click.echo("... more problems were found; fix these first.")
        failed = bool(errors) or (strict and bool(warnings))
        summary = f"{len(errors)} error(s), {len(warnings)} warning(s) in {data_dir}"
        if failed and not errors:
            summary += " (--strict fails on warnings)"
        click.echo(("FAILED: " if failed else "OK: ") + summary, err=failed)
        for draft in (p for p in checked.report.notices if p.code is Code.DRAFT):
            click.echo(f"Draft, not published: {draft.file} has no answer filled in, so nothing is published from it.")
    if errors or (strict and warnings):
        raise Reported()


@cli.command("export")
@click.argument("out_dir", type=click.Path(path_type=Path))
@AS_OF_OPTION
@DATA_OPTION
def export_command(out_dir: Path, as_of: date, data_dir: Path) -> None:
    """Write the data as JSON and CSV for other tools: the same files as the site's downloads.

    \b
    Example:
      rectrack export out/ --as-of 2026-11-23
    Writes every table of the site's downloads (recommendations, status, clocks, documents,
    responses, verdicts, deadline revisions, organisations, case studies), each as .json and .csv,
    and datapackage.json, which describes every CSV file column by column (Frictionless Data Package).
    """
    from rectrack import export
    from rectrack.derive import derive

    dataset = _valid(data_dir, "before exporting")
    files = export.data_files(derive(dataset, as_of))
    export.write_files(files, out_dir)
    click.echo(f"Wrote {len(files)} files to {out_dir}")


@cli.command()
@AS_OF_OPTION
@DATA_OPTION
@click.option("--config", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True,
              help="The site configuration; the folders it names (content, overrides, site) are relative to it.")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: the config's site_dir, site/): new, empty, or a site Rectrack built.")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index (faster; for previews).")
def build(as_of: date, data_dir: Path, config: Path, site_dir: Path | None, no_search: bool) -> None:
    """Validate the data and build the website into site/.

    \b
    Example:
      rectrack build --as-of 2026-11-23
    The site is built in a staging folder, checked, and replaces site/ only if everything
    succeeded; one build at a time per project.
    """
    from rectrack.site.build import build as run_build
    from rectrack.site.build import usable
    from rectrack.site.engine import Standby
    from rectrack.site.project import load_project

    with Standby(config) as mkdocs:  # MkDocs loads on the other core while the data is checked
        checked = load_and_validate(data_dir)
        usable(checked)  # the data's problems first: they are what editors fix
        project = load_project(config, data_dir, site_dir)
        result = run_build(project, as_of, checked, search=not no_search, mkdocs=mkdocs)
    _echo_problems(checked.report.warnings + list(result.warnings))
    for notice in result.notices:
        click.echo(f"Warning: {notice}", err=True)
    click.echo(f"Built {result.pages} generated pages into {result.site} as at {as_of.isoformat()} "
               f"in {result.timings.get('total', 0):.1f}s")


@cli.command()
@AS_OF_OPTION
@DATA_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def status(as_of: date, data_dir: Path, fmt: str) -> None:
    """The inspectors' view: overdue by owner (oldest first), due soon, missing PCC responses.

    \b
    Example:
      rectrack status --as-of 2026-11-23 --format csv > status.csv
    """
    from rectrack.derive import derive
    from rectrack.status_view import status_report

    dataset = _valid(data_dir, "first")
    click.echo(status_report(derive(dataset, as_of), fmt), nl=False)


@cli.command()
@AS_OF_OPTION
@DATA_OPTION
@click.option("--config", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True)
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(as_of: date, data_dir: Path, config: Path, dev_addr: str) -> None:
    """Preview the site with live reload; data, content and schema edits rebuild it.

    \b
    Example:
      rectrack serve --dev-addr 127.0.0.1:8001
    Validation problems are printed and shown on the home page instead of stopping the server.
    """
    from rectrack.site.serve import serve as run_serve

    run_serve(config, data_dir, as_of, dev_addr)


cli.add_command(new_response, "new-response")
cli.add_command(import_response, "import-response")
cli.add_command(new_report, "new-report")


def main() -> None:
    """Entry point: never let an unexpected exception reach the user as a traceback."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug, not bad input: say so briefly
        if os.environ.get("RECTRACK_DEBUG"):
            raise
        click.echo(f"rectrack: internal error: {type(exc).__name__}: {exc}. "
                   "Set RECTRACK_DEBUG=1 for details and please report it.", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
