"""What changed: the tracker's events, newest first, as pages split by month and as an Atom feed.

Events come from ``derive`` (reports published, documents published, verdicts, deadlines revised,
duties that became overdue), all dated on or before the as-at date. The changes page shows the
latest months and links every month; each month has its own page, so none grows without limit. The
feed carries the newest ``FEED_ENTRIES`` events with the same words.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from markupsafe import Markup

from rectrack.derive import Event
from rectrack.render.context import Site
from rectrack.render.markdown import md, md_run
from rectrack.render.urls import (
    CHANGES,
    FEED,
    Linker,
    changes_path,
    event_organisations_path,
    events_list_path,
    owner_report_path,
    page_url,
    recommendation_path,
    report_path,
)
from rectrack.text import month_year, partial_date_text, plural
from rectrack.wording import OWNERS_NAMED, event_title

#: Months the changes page itself shows before the list of every month.
LATEST_MONTHS = 2
#: Events in the feed.
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"


def month_of(event: Event) -> str:
    """"YYYY-MM": the month whose page lists the event."""
    return f"{event.when.year:04d}-{event.when.month:02d}"


#: The id of the list of one month's events on its page (the changes page's count of them links to it).
MONTH_EVENTS = "events"


def change_pages(site: Site) -> dict[str, str]:
    """The changes page, one page per month, and the feed (a file, not a page)."""
    events = site.tracker.events
    months: dict[str, list[Event]] = {}
    for event in events:
        months.setdefault(month_of(event), []).append(event)
    ordered = sorted(months, reverse=True)
    linker = site.linker(CHANGES)
    pages = {CHANGES: site.render(
        "changes.md.j2", CHANGES,
        months=[(month_year(datetime.strptime(m, "%Y-%m").date()), entries(site, months[m], CHANGES))
                for m in ordered[:LATEST_MONTHS]],
        all_months=[(linker.to(changes_path(m), month_year(datetime.strptime(m, "%Y-%m").date())),
                     linker.count(f"{changes_path(m)}#{MONTH_EVENTS}", plural(len(months[m]), "event")))
                    for m in ordered],
        total=linker.counted(events_list_path(), len(events), "event"),
        feed=FEED,
    )}
    for month in ordered:
        here = changes_path(month)
        label = month_year(datetime.strptime(month, "%Y-%m").date())
        pages[here] = site.render("changes_month.md.j2", here, month=label,
                                  entries=entries(site, months[month], here), list_id=MONTH_EVENTS,
                                  back=site.linker(here).to(CHANGES, "What changed: the latest months"))
    pages[FEED] = feed(site)
    return pages


def entries(site: Site, events: list[Event], here: str) -> list[dict[str, object]]:
    linker = site.linker(here)
    return [{"date": partial_date_text(e.when_as), "iso": e.when_as.iso(), "kind": e.kind,
             "text": _linked_title(site, e, linker),
             # the report, unless the line already names it: two reports may both have a recommendation 1
             "report": None if _names_report(e) else linker.report(e.report.id)}
            for e in events]


def _owner_names(site: Site, event: Event) -> list[str]:
    if event.group:
        return [site.dataset.owner_name(event.group)]
    return [o.name for o in event.owners]


def _names_report(event: Event) -> bool:
    """Whether the event's line already names its report (so it is not named twice)."""
    return event.kind in ("report-published", "document-published")


def _target(event: Event) -> str:
    """The page an event is best read on."""
    if event.kind == "document-published" and event.owners:
        return owner_report_path(event.report.id, event.owners[0].id)
    if event.recommendation is not None:
        if len(event.owners) == 1 and not event.group:
            page = owner_report_path(event.report.id, event.owners[0].id)
            return f"{page}#recommendation-{event.recommendation.local}"
        return recommendation_path(event.recommendation)
    return report_path(event.report.id)


def counts_organisations(event: Event) -> bool:
    """Whether the event's line counts its organisations ("became overdue for 42 organisations"), so
    that they need a list of their own; a line names three or fewer, or the group it was given for."""
    return not event.group and len(event.owners) > OWNERS_NAMED


def _linked_title(site: Site, event: Event, linker: Linker) -> Markup:
    """The event's line, linked to where it is best read; a count of organisations in it links to them."""
    title = event_title(event, _owner_names(site, event))
    who = plural(len(event.owners), "organisation")
    if not counts_organisations(event) or who not in title:
        return linker.to(_target(event), title)
    before, _, after = title.partition(who)
    listed = event_organisations_path(month_of(event), event.key)
    return linker.to(_target(event), before.rstrip()) + Markup(" ") + linker.count(listed, who) + Markup(md_run(after))


def feed(site: Site) -> str:
    """An Atom feed (RFC 4287) of the newest events; links are relative to the feed, which sits at the site root."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "title", f"{site.name}: what changed")
    _text(root, "subtitle", site.dataset.site.description)
    _text(root, "id", _urn("feed"))
    updated = _stamp(site.tracker.events[0].when if site.tracker.events else site.tracker.as_of)
    _text(root, "updated", updated)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", site.name)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=FEED, type="application/atom+xml")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=page_url(CHANGES) or "./", type="text/html")
    for event in site.tracker.events[:FEED_ENTRIES]:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        title = event_title(event, _owner_names(site, event))
        _text(entry, "title", title)
        _text(entry, "id", _urn(event.key))
        _text(entry, "updated", _stamp(event.when))
        target = _target(event)
        path, _, fragment = target.partition("#")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=page_url(path) + (f"#{fragment}" if fragment else ""))
        if counts_organisations(event):  # "... for 42 organisations": which ones, as on the changes page
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", type="text/html",
                          href=page_url(event_organisations_path(month_of(event), event.key)),
                          title=f"The {plural(len(event.owners), 'organisation')}")
        where = "" if _names_report(event) else f", in “{event.report.title}”"
        _text(entry, "summary", f"{partial_date_text(event.when_as)}: {title}{where}.")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


#: Characters XML 1.0 cannot hold at all (ElementTree would write them and break the feed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = _NOT_XML.sub("", text)


def _urn(key: str) -> str:
    """A stable, valid Atom id: a name-based UUID of the event's key (the same event keeps its id)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "rectrack:" + hashlib.sha256(key.encode("utf-8")).hexdigest()).urn


def _stamp(day: object) -> str:
    """Midnight UTC of a day, as RFC 3339 (the feed carries dates, not times)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # type: ignore[attr-defined]


__all__ = ["change_pages", "feed", "md"]
