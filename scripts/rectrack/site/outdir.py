"""The output folder: checked before anything is written, and marked as Rectrack's own.

A build replaces the whole output folder, so it must never be a folder holding anything else: the
project (``--site-dir .`` used to delete the data, the pages and ``.git``), a folder inside the data,
the pages, the theme or the working folder, or a folder that contains any of them, or a non-empty folder
some other program wrote (a web server's document root). Rectrack recognises its own output by the
marker file it writes into every site; a folder without it is built into only while it is empty.
"""

from __future__ import annotations

from pathlib import Path

from rectrack.errors import UsageError
from rectrack.site.project import Project

#: Written into every site Rectrack builds; its presence is what allows the next build to replace it.
MARKER = ".rectrack-site"
MARKER_TEXT = ("This folder is a site built by Rectrack. Each build replaces everything in it:\n"
               "keep no other files here.\n")


def check(project: Project) -> None:
    """:class:`UsageError` (exit 2) when a build into ``project.site`` could delete what Rectrack did not write."""
    site = project.site
    protected = [("the project folder", project.root), ("the data folder", project.data),
                 ("the content folder", project.content), ("Rectrack's working folder", project.work)]
    if project.overrides is not None:
        protected.append(("the theme overrides", project.overrides))
    for name, folder in protected:
        if site == folder:
            _refuse(site, f"is {name}")
        if folder.is_relative_to(site):
            _refuse(site, f"contains {name} ({folder})")
        if site.is_relative_to(folder) and folder != project.root:
            _refuse(site, f"is inside {name} ({folder})")
    if site.exists() and not site.is_dir():
        _refuse(site, "is not a folder")
    if site.is_dir() and not (site / MARKER).is_file() and any(site.iterdir()):
        raise UsageError(f"--site-dir {site} is not empty and is not a site built by Rectrack (it has no {MARKER} "
                         "file); a build replaces the whole folder, so it would delete those files",
                         "choose a new or empty folder; if it is a site built by an older Rectrack, delete it "
                         "once yourself")


def mark(site_dir: Path) -> None:
    (site_dir / MARKER).write_text(MARKER_TEXT, "utf-8")


def _refuse(site: Path, why: str) -> None:
    raise UsageError(f"--site-dir {site} {why}; a build replaces the whole output folder, so nothing was done",
                     "build into a folder of its own, such as site/ (the default)")
