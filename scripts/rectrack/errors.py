"""Every error Rectrack raises on purpose, and the exit code each one means.

The library raises these; only the CLI (``rectrack.cli.main``) turns them into output and an exit
code, in one place. Anything else that escapes is a bug and is reported as an internal error.

Exit codes, the contract scripts and CI rely on:

=====  ==============================================================================
0      the job was done, right
1      the job could not be done because of the input: data problems, a build that failed,
       a document that could not be imported with confidence, an existing file in the way
2      the command was used wrongly: bad options, a data directory or path that cannot be used
3      internal error: a bug in Rectrack (``RECTRACK_DEBUG=1`` shows the traceback)
130    interrupted (Ctrl-C)
=====  ==============================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rectrack.data.problems import Problem

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class RectrackError(Exception):
    """An expected failure, with a message (and a hint) written for the person who ran the command."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, hint: str = "", problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: Data problems behind the failure, shown one per line before the message.
        self.problems: list[Problem] = list(problems)


class UsageError(RectrackError):
    """The command was asked to do something it cannot: a bad option value, path or directory."""

    exit_code = EXIT_USAGE


class DataDirError(UsageError):
    """The data directory itself cannot be used (missing, not a directory)."""


class DataInvalid(RectrackError):
    """The data has errors, so the command cannot go on; ``problems`` lists them."""


class Reported(RectrackError):
    """The command has already printed what went wrong (validate's problem list): exit 1, add nothing."""

    def __init__(self) -> None:
        super().__init__("")


class BuildError(RectrackError):
    """The build stopped; ``problems`` (data) or ``message`` (engine, search) says why. site/ is untouched."""

    outcome = "the existing site was left unchanged"


class EngineError(BuildError):
    """MkDocs refused the site (strict-mode warnings) or stopped; ``message`` says why in its words."""


class DocumentError(RectrackError):
    """A response document cannot be read: unsupported, unreadable, encrypted, or without text."""

    def __init__(self, path: object, reason: str, hint: str = "") -> None:
        super().__init__(f"{path}: {reason}", hint)
        self.path = str(path)
        self.reason = reason


class FileExists(RectrackError):
    """A command that only creates files found one already there; it never overwrites a file."""


class Incomplete(RectrackError):
    """The job was done only in part and the output says which part (e.g. text an import could not place)."""

    def __init__(self) -> None:
        super().__init__("")
