"""Run the site engine (MkDocs): in this process, or in a helper process started ahead of time.

Why a helper process: a ``rectrack build`` spends its first half second loading MkDocs, Material and
the Markdown extensions, and another half second validating and rendering, which do not need them.
:class:`EngineProcess` starts ``python -m rectrack.site.engine`` as soon as the command starts; it loads
the engine on the machine's other core while we validate and render, then builds when it is given
the config. On the shipped data this takes about a tenth off the whole build. Nothing else changes:
the same :func:`run_mkdocs` runs, in strict mode, with the same pinned build date, and its warnings
come back as the same error.

This module imports only the standard library at the top, so the helper starts quickly.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from rectrack.errors import EngineError

#: What the helper imports while it waits (the engine, the theme, the configured extensions).
WARM_UP = (
    "mkdocs.commands.build", "mkdocs.config", "mkdocs.theme", "material",
    "markdown.extensions.attr_list", "markdown.extensions.md_in_html", "markdown.extensions.tables",
    "markdown.extensions.toc", "markdown.extensions.admonition", "jinja2",
)




@contextmanager
def build_date(as_of: date) -> Iterator[None]:
    """Pin the engine's idea of "now" to the as-at date while it runs.

    MkDocs stamps the build date into the output (the gzip header of ``sitemap.xml.gz``, sitemap
    ``lastmod``) from ``SOURCE_DATE_EPOCH`` or else the clock. Setting it to midnight UTC of the
    as-at date makes the site a function of the data and ``--as-of`` only: two builds of the same
    data with the same date are byte-identical on any day.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    midnight = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config: Path, site_dir: Path, strict: bool = True) -> None:
    """Run MkDocs in-process; in strict mode (the default) any warning fails the build with its words."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        cfg = load_config(str(config), site_dir=str(site_dir), strict=strict)
        mkdocs_build(cfg)
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        detail = "; ".join(collector.messages[:10]) or str(exc)
        raise EngineError(f"MkDocs failed: {detail}") from None
    finally:
        logger.removeHandler(collector)


class EngineProcess:
    """The helper process: started by :meth:`start`, given one job by :meth:`run`, ended on exit.

    Used as a context manager so that a build that stops early (bad data) never leaves it behind.
    """

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    @classmethod
    def start(cls) -> EngineProcess:
        # stderr is shared, so the engine's own notices reach the user exactly as in-process.
        process = subprocess.Popen([sys.executable, "-m", "rectrack.site.engine"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True, encoding="utf-8")
        return cls(process)

    def run(self, config: Path, site_dir: Path, as_of: date, strict: bool = True) -> None:
        """Build ``config`` into ``site_dir``; raises :class:`EngineError` as :func:`run_mkdocs` would."""
        job = {"config": str(config), "site_dir": str(site_dir), "as_of": as_of.isoformat(), "strict": strict}
        try:
            reply_text, _ = self.process.communicate(json.dumps(job) + "\n")
        except OSError as exc:  # the helper died before it could read the job
            raise EngineError(f"the MkDocs helper process stopped: {exc}") from None
        try:
            reply = json.loads(reply_text.strip().splitlines()[-1])
        except (ValueError, IndexError):
            raise EngineError(f"the MkDocs helper process stopped unexpectedly (exit code "
                              f"{self.process.returncode})") from None
        if not reply.get("ok"):
            raise EngineError(str(reply.get("message") or "MkDocs failed"))

    def __enter__(self) -> EngineProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.process.poll() is None:  # never given its job (the build stopped first): not needed
            self.process.kill()
            self.process.communicate()


def _serve_one_job() -> int:
    """The helper's side: warm up, read one job from stdin, build, write one JSON reply on stdout."""
    import importlib

    for module in WARM_UP:
        try:
            importlib.import_module(module)
        except ImportError:  # a different theme or engine version: it is loaded when the config says
            pass
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    job = json.loads(line)
    reply_stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # anything MkDocs prints goes to stderr
    try:
        with build_date(date.fromisoformat(job["as_of"])):
            run_mkdocs(Path(job["config"]), Path(job["site_dir"]), bool(job["strict"]))
        reply = {"ok": True}
    except EngineError as exc:
        reply = {"ok": False, "message": exc.message}
    except Exception as exc:  # reported to the parent, which fails the build with it
        reply = {"ok": False, "message": f"MkDocs stopped with {type(exc).__name__}: {exc}"}
    reply_stream.write(json.dumps(reply) + "\n")
    reply_stream.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_serve_one_job())
