"""Small pages that keep the first report's old addresses working (``recommendations/4/``, ``forces/kent/``).

Before the tracker held many reports, its pages lived at the top of the site. People have linked to
them, so each old address becomes a tiny HTML page that sends the reader on: an immediate refresh, a
script that keeps the query and fragment (``?state=overdue``, ``#recommendation-4``), and a visible
link for anyone whose browser does neither. They carry no ``data-pagefind-body``, so search skips them.
"""

from __future__ import annotations

from html import escape

from rectrack.data.model import Dataset
from rectrack.render.urls import legacy_redirects, page_url, relative


def redirect_page(href: str) -> str:
    """The redirect page; ``href`` is a relative URL built from ids (escaped all the same)."""
    target = escape(href, quote=True)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>This page has moved</title>\n<meta http-equiv="refresh" content="0; url={target}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n<main>\n<h1>This page has moved</h1>\n'
        f'<p><a href="{target}">Go to its new address</a>.</p>\n</main>\n'
        f'<script>location.replace({_js_string(href)} + location.search + location.hash);</script>\n'
        '</body>\n</html>\n'
    )


def _js_string(text: str) -> str:
    """A JavaScript string literal that cannot close the script element (ids and ../ only, but still)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_./#" else f"\\u{ord(ch):04x}" for ch in text)
    return f'"{safe}"'


def redirect_files(dataset: Dataset, report_id: str | None, pages: set[str]) -> dict[str, str]:
    """``{"recommendations/4/index.html": "<!doctype html>..."}`` for every old page of ``report_id``
    that no new page has taken over."""
    if report_id is None or report_id not in {r.id for r in dataset.reports}:
        return {}
    files = {}
    for old, new in legacy_redirects(dataset, report_id).items():
        if old in pages or new not in pages:
            continue
        files[page_url(old) + "index.html"] = redirect_page(relative(new, old))
    return files
