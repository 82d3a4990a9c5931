"""Render a :class:`~rectrack.derive.Tracker` into the Markdown pages of the site.

``render_pages(tracker)`` returns ``{path under the docs dir: Markdown}``, each page with the first
use of every glossary abbreviation explained (``render.abbreviations``); ``NAV`` is the site's
navigation as ``(title, path)`` pairs. Every data string reaches a page through ``markdown.md`` only.
"""

from __future__ import annotations

from rectrack.render.pages import render_pages
from rectrack.render.urls import NAV

__all__ = ["NAV", "render_pages"]
