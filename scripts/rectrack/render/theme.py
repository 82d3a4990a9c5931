"""What the theme's own templates (``overrides/``: the footer of every page, the 404 page) say, as data.

The engine hands this to the templates as ``config.extra.rectrack``, so their words come from
``wording`` and the configuration like every generated page's; the templates only lay them out, and
escape every value (``| e``) as they print it.
"""

from __future__ import annotations

from typing import Any

from rectrack.data.model import Site
from rectrack.render.feedback import routes
from rectrack.render.urls import ACCESSIBILITY, REUSE, STATEMENT_CONTACT, page_url
from rectrack.wording import (
    FEEDBACK_LEAD,
    NO_CONTACT,
    NO_CONTACT_LINK,
    NOT_FOUND_SEARCH,
    NOT_FOUND_SECTIONS,
    NOT_FOUND_TEXT,
    NOT_FOUND_TITLE,
    PRINTED_FROM,
    REUSE_LINK,
    reuse_sentence,
)


def _url(target: str) -> str:
    """A page's address relative to the site root, for the theme's ``url`` filter (which makes it work
    from any page, and absolute on the 404 page)."""
    path, _, fragment = target.partition("#")
    return page_url(path) + (f"#{fragment}" if fragment else "")


def theme_words(site: Site) -> dict[str, Any]:
    """``config.extra.rectrack``: plain strings and lists only (the engine writes them into its YAML)."""
    return {
        "feedback": {
            "lead": FEEDBACK_LEAD,
            "routes": [{"href": r.href, "text": r.text} for r in routes(site)],
            "none": NO_CONTACT,
            "how": NO_CONTACT_LINK,
            "statement": _url(STATEMENT_CONTACT),
        },
        "reuse": {"text": reuse_sentence(site.licence.name), "label": REUSE_LINK, "link": _url(REUSE)},
        "statement": _url(ACCESSIBILITY),
        "printed_from": PRINTED_FROM,
        "not_found": {"title": NOT_FOUND_TITLE, "text": NOT_FOUND_TEXT, "search": NOT_FOUND_SEARCH,
                      "sections": NOT_FOUND_SECTIONS},
    }
