"""The "Publish a response" page: a form that makes a response file in the browser, and the files it reads.

The page itself is the same for every report: the form's fixed parts (labels, choices, the ways to send
the file), hidden until the script shows it, and words for a browser without JavaScript. What depends
on the report is in one JSON file per report (:func:`report_data`), fetched when the report is
chosen, so that the page does not grow with the tracker: its recommendations with their wording, and
each organisation that must answer it with the recommendations it must answer (a group owner stands
for its members, as in :mod:`rectrack.derive`), where its file goes and who answers for it.

What the form checks is generated from the schemas (:mod:`rectrack.render.form_rules`); the file it
makes has the layout :mod:`rectrack.authoring.writer` gives files made in Python.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from rectrack.data.kinds import response_folder
from rectrack.derive import OwnerReport, ReportStatus
from rectrack.render.context import Site
from rectrack.render.form_rules import form_rules_json
from rectrack.render.markdown import md
from rectrack.render.urls import (
    MAILTO_LIMIT,
    NEW_FILE_URL_LIMIT,
    REPOSITORY_DATA_FOLDER,
    RESPONSE_FORM,
    RESPONSE_FORM_RULES,
    WORD_TEMPLATES,
    new_file_page,
    relative,
    response_form_report_path,
)
from rectrack.text import long_date, partial_date_text
from rectrack.wording import DOCUMENT_KINDS, IMPLEMENTATION_LABELS, kind_name, recommendation_name, recommendation_title


def form_pages(site: Site) -> dict[str, str]:
    """The form's page, its rules and one data file per report that organisations must answer."""
    reports = [status for status in site.tracker.reports if status.owners]
    out = {RESPONSE_FORM: form_page(site, reports), RESPONSE_FORM_RULES: form_rules_json()}
    for status in reports:
        out[response_form_report_path(status.report.id)] = _json(report_data(site, status))
    return out


def form_page(site: Site, reports: list[ReportStatus]) -> str:
    settings = site.dataset.site
    propose = new_file_page(settings.repository_url, settings.repository_branch)
    here = RESPONSE_FORM
    return site.render(
        "response_form.md.j2", here,
        reports=[{"id": s.report.id, "title": s.report.title, "published": s.report.published_as_printed,
                  "src": _from_form(response_form_report_path(s.report.id))} for s in reports],
        rules=_from_form(RESPONSE_FORM_RULES),
        kinds=DOCUMENT_KINDS,
        claims=IMPLEMENTATION_LABELS,
        propose=propose,
        repository=settings.repository_url,
        email=settings.contact_email,
        mailto=Markup(f"mailto:{md(settings.contact_email)}") if settings.contact_email else None,
        url_limit=NEW_FILE_URL_LIMIT,
        mailto_limit=MAILTO_LIMIT,
        help=relative("publish.md", here),
        word_templates=relative(WORD_TEMPLATES, here),
    )


def report_data(site: Site, status: ReportStatus) -> dict:
    """What the form shows and checks for one report (ids are validated slugs; texts are shown as text)."""
    report = status.report
    return {
        "id": report.id,
        "title": report.title,
        "published": report.published.iso(),
        # The validator's "before the report" check compares with the first day the date can mean.
        "published_earliest": report.published.earliest.isoformat(),
        "published_text": partial_date_text(report.published),
        "recommendations": [{
            "local": s.recommendation.local,
            "number": s.recommendation.number,
            "name": recommendation_name(s.recommendation),
            "title": recommendation_title(s.recommendation),
            "text": s.recommendation.text,
            "actions": list(s.recommendation.actions),
        } for s in status.recommendations if s.duties],
        "organisations": [_organisation(site, owner) for owner in
                          sorted(status.owners, key=lambda o: (o.owner.kind, o.owner.name.lower()))],
    }


def _organisation(site: Site, owner: OwnerReport) -> dict:
    org = owner.owner
    answerer = owner.answerer
    return {
        "id": org.id,
        "name": org.name,
        "kind": kind_name(org.kind, many=True),
        "folder": f"{REPOSITORY_DATA_FOLDER}/{response_folder(org.kind).path}/{owner.report.id}",
        # Who answers for it on the report's date (a force's local policing body), else itself.
        "author": answerer.title if answerer else org.name,
        "s55": owner.clock is not None,
        "owes": [d.recommendation.local for d in owner.duties],
        "first_comments": owner.first_comments is not None,
        "documents": [{"name": d.name, "kind": DOCUMENT_KINDS[d.kind],
                       "published": long_date(d.published) if d.published else None} for d in owner.documents],
    }


def _from_form(target: str) -> str:
    """The address of ``target`` (a page, or a file beside the pages) from the form's page."""
    if target.endswith(".md"):
        return relative(target, RESPONSE_FORM)
    # The page is served as publish-response/, so the files written under publish-response/ are beside it.
    folder = RESPONSE_FORM.removesuffix(".md") + "/"
    if not target.startswith(folder):
        raise ValueError(f"{target} is not one of the form's files")
    return target[len(folder):]


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
