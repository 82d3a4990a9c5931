"""The options several commands share, declared once so that every command takes them the same way."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"),
                           show_default=True, help="The data directory.")


def today_in_london() -> date:
    """The default as-at date: the calendar day in the UK, whatever the machine's time zone."""
    return datetime.now(ZoneInfo("Europe/London")).date()


def _parse_as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    if value is None:
        return today_in_london()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-23") from None


AS_OF_OPTION = click.option("--as-of", callback=_parse_as_of, metavar="YYYY-MM-DD",
                            help="The date the status speaks for (default: today in Europe/London).")


