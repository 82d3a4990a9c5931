"""``rectrack serve``: a live-reloading preview that survives bad data.

MkDocs' own server watches only its docs dir. Here the watched sources are the data, the hand-written
content, the schemas and the theme overrides; each change re-runs validate -> derive -> render and then
the engine. When the data has errors the preview shows them on a page instead of stopping, so an
editor can fix the file and watch the page come back.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from datetime import date
from pathlib import Path

from rectrack.data.problems import Problem
from rectrack.data.schema import schema_dir
from rectrack.errors import BuildError
from rectrack.site import engine, pagefind
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
    from mkdocs.livereload import LiveReloadServer

    project = load_project(config, data_dir)
    host, _, port = dev_addr.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="rectrack-serve-"))

    def builder() -> None:
        try:
            prepared = prepare(project, as_of)
            engine.run_mkdocs(prepared.config, site_dir, as_of, strict=False)
            pagefind.index(site_dir)
        except BuildError as exc:
            for problem in exc.problems:
                log.warning(problem.format())
            log.warning("Build failed: %s", exc.message)
            site_dir.mkdir(parents=True, exist_ok=True)
            (site_dir / "index.html").write_text(problems_page(exc.problems, exc.message), "utf-8")

    server = LiveReloadServer(builder=builder, host=host or "127.0.0.1", port=int(port), root=str(site_dir))
    try:
        builder()
        for watched in (data_dir, project.content, schema_dir(), project.overrides):
            if watched is not None and watched.exists():
                server.watch(str(watched))
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
