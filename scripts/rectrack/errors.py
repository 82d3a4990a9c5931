"""Every error Rectrack raises on purpose, and the exit code each one means.

The library raises these; only the CLI (``rectrack.cli.main``) turns them into output and an exit
code, in one place. Anything else that escapes is a bug and is reported as an internal error.

Exit codes, the contract scripts and CI rely on:

=====  ==============================================================================
0      the job was done, right
1      the job could not be done because of the input: data problems, a build that failed,
       a document that could not be imported with confidence, an existing file in the way;
       or because of the machine: no space, a read-only or immutable folder, no permission,
       a file held by another program, a port in use, another build of the project running
2      the command was used wrongly: bad options, a data directory or path that cannot be used,
       an output folder that would destroy other files (the project, the data, a foreign folder)
3      internal error: a bug in Rectrack (``RECTRACK_DEBUG=1`` shows the traceback)
130    interrupted (Ctrl-C)
=====  ==============================================================================
"""

from __future__ import annotations

import errno
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


class BuildLocked(BuildError):
    """Another build of the same project holds its lock; ``message`` says which and since when."""

    outcome = "the site is left to the build that is running"


class MachineError(RectrackError):
    """The machine stopped the job, not the input and not a bug: no space, a read-only or immutable
    folder, no permission, a file held by another program, a port in use.

    ``outcome`` (may be empty) says what state the job left behind, e.g. that the old site is in place.
    """

    def __init__(self, message: str, hint: str = "", outcome: str = "") -> None:
        super().__init__(message, hint)
        self.outcome = outcome

    @classmethod
    def from_os_error(cls, exc: OSError, doing: str, outcome: str = "") -> MachineError:
        """``doing`` failed with ``exc``: say what, where, and what to do, in words for the person at the machine."""
        where = exc.filename if exc.filename is not None else ""
        what, hint = _OS_ERRORS.get(exc.errno or 0, (exc.strerror or str(exc), ""))
        at = f" ({where})" if where else ""
        return cls(f"{doing}: {what}{at}", hint or "check the folder and try again", outcome)


#: What an operating-system error means for the person at the machine, and what to do about it.
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("no space left on the device", "free some space on that disk (a build needs about twice the "
                   "size of the site) and build again"),
    errno.EDQUOT: ("your disk quota is used up", "free some space or ask for a larger quota, then build again"),
    errno.EROFS: ("the folder is on a read-only file system", "build where you can write: a writable copy of the "
                  "project, or --site-dir on a writable disk"),
    errno.EACCES: ("permission denied", "check that you may write there (ls -ld); a file or folder marked "
                   "immutable (lsattr; chattr -i) cannot be changed even by its owner"),
    errno.EPERM: ("operation not permitted", "check that you may change it: a file or folder marked immutable "
                  "(lsattr; chattr -i) or read-only cannot be replaced"),
    errno.EBUSY: ("it is in use by another program", "close the program holding it (a file sync client, a virus "
                  "scanner, a web server or an editor) and build again"),
    errno.ETXTBSY: ("it is in use by another program", "close the program holding it and build again"),
    errno.EMFILE: ("too many files are open", "raise the limit (ulimit -n 4096) or close other programs"),
    errno.ENFILE: ("the system has too many files open", "close other programs and try again"),
    errno.EADDRINUSE: ("the address is already in use by another program",
                       "stop the other server, or pick another port with --dev-addr 127.0.0.1:8001"),
    errno.EADDRNOTAVAIL: ("that address is not one of this machine's", "use 127.0.0.1 with a free port"),
    errno.ENOENT: ("a file or folder disappeared while it was in use", "make sure no other program is deleting "
                   "files there, then build again"),
}
