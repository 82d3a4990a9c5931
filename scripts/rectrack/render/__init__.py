"""Render a :class:`~rectrack.derive.Tracker` into the Markdown pages of the site.

``render_pages(tracker)`` returns ``{path under the docs dir: Markdown}``; ``NAV`` is the site's
navigation as ``(title, path)`` pairs; ``render_abbreviations(tracker)`` is the ``abbr`` snippet
appended to every page. Every data string reaches a page through ``markdown.md`` only.
"""

from __future__ import annotations

from .pages import ABBREVIATIONS_SNIPPET, DOWNLOAD_FILES, NAV, render_abbreviations, render_pages

__all__ = ["ABBREVIATIONS_SNIPPET", "DOWNLOAD_FILES", "NAV", "render_abbreviations", "render_pages"]
