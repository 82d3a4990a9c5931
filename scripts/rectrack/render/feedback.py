"""How readers reach the people who run this copy of the tracker: one table for the footer of every page,
the accessibility statement and the 404 page.

The routes come from ``site.yaml``'s ``contact`` only. With none set up, there is no route, and every
place that would show one says so in the same words (``wording.NO_CONTACT``) rather than invent one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rectrack.data.model import Site
from rectrack.render.urls import mailto
from rectrack.wording import FEEDBACK_EMAIL, FEEDBACK_URL

#: The schema allows only http(s) addresses; checked again here, the one place such a string becomes an href.
_WEB = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


@dataclass(frozen=True)
class Route:
    """One way to give feedback: a link's target and its text (plain strings: each template escapes them)."""

    kind: str  # "email" | "url"
    href: str
    text: str
    #: The address itself, as readers may want to copy it.
    address: str


def routes(site: Site) -> tuple[Route, ...]:
    """The e-mail address, then the web page, of those set up (none: an empty tuple)."""
    found: list[Route] = []
    if site.contact_email:
        found.append(Route("email", mailto(site.contact_email),
                           FEEDBACK_EMAIL.format(address=site.contact_email), site.contact_email))
    if site.contact_url and _WEB.fullmatch(site.contact_url):
        found.append(Route("url", site.contact_url, FEEDBACK_URL, site.contact_url))
    return tuple(found)
