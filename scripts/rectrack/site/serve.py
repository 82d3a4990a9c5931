"""``rectrack serve``: a live-reloading preview that survives bad data.

MkDocs' own server watches only its docs dir. Here the watched sources are the data, the hand-written
content, the schemas and the theme overrides; each change re-runs validate -> derive -> render and then
the engine. When the data has errors the preview shows them on a page instead of stopping, so an
editor can fix the file and watch the page come back.
"""

from __future__ import annotations

import html
import logging
import signal
import socket
import tempfile
from datetime import date
from pathlib import Path

from rectrack.data.problems import Problem
from rectrack.data.schema import schema_dir
from rectrack.errors import MachineError, RectrackError, UsageError
from rectrack.site import engine, lock, pagefind
from rectrack.site.build import prepare
from rectrack.site.project import load_project

log = logging.getLogger("rectrack.site.serve")


def problems_page(problems: list[Problem], message: str) -> str:
    """A self-contained HTML page listing problems; every value is escaped (data is untrusted)."""
    items = "\n".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data problems</title></head>"
        f"<body><main><h1>The data has problems</h1><p>{html.escape(message)}. Fix the files below and "
        f"save: this page reloads by itself.</p><ol>{items}</ol></main></body></html>"
    )


def serve(config: Path, data_dir: Path, as_of: date, dev_addr: str) -> None:
    """Serve a live preview until Ctrl-C or SIGTERM; either way its temporary folders are removed."""
    from mkdocs.livereload import LiveReloadServer

    project = load_project(config, data_dir)
    host, port = _address(dev_addr)
    _check_free(host, port)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: the finally blocks run
    try:
        with lock.working_folder(project.work, "serve") as folder, \
                tempfile.TemporaryDirectory(prefix="rectrack-serve-") as temp:
            site_dir = Path(temp)

            def builder() -> None:
                try:
                    try:
                        prepared = prepare(project, as_of, folder)
                        for problem in prepared.warnings:
                            log.warning(problem.format())
                        engine.run_mkdocs(prepared.config, site_dir, as_of, strict=False)
                        pagefind.index(site_dir, prepared.responses, folder)
                    except OSError as exc:
                        raise MachineError.from_os_error(exc, "cannot build the preview") from None
                except RectrackError as exc:
                    for problem in exc.problems:
                        log.warning(problem.format())
                    log.warning("Build failed: %s", exc.message)
                    site_dir.mkdir(parents=True, exist_ok=True)
                    (site_dir / "index.html").write_text(problems_page(exc.problems, exc.message), "utf-8")

            server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))
            try:
                builder()
                for watched in (data_dir, project.content, schema_dir(), project.overrides):
                    if watched is not None and watched.exists():
                        server.watch(str(watched))
                server.serve()
            except KeyboardInterrupt:
                pass
            except OSError as exc:  # the port was taken between the check and the start
                raise MachineError.from_os_error(exc, f"cannot serve on {host}:{port}") from None
            finally:
                server.shutdown()
    except OSError as exc:
        raise MachineError.from_os_error(exc, f"cannot write Rectrack's working folder {project.work}") from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _address(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise UsageError(f"--dev-addr {dev_addr!r} has no port number",
                         "write HOST:PORT, e.g. 127.0.0.1:8000") from None
    return host or "127.0.0.1", number


def _check_free(host: str, port: int) -> None:
    """Fail at once, before the first build, when the port is taken (the server binds only after it)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
            probe.bind((host, port))
    except OSError as exc:
        raise MachineError.from_os_error(exc, f"cannot serve on {host}:{port}") from None
