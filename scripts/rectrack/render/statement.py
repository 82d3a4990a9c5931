"""The accessibility statement: the model form the accessibility regulations ask for, filled from site.yaml.

The sections follow GOV.UK's sample statement (who runs the site, how accessible it is, feedback and
contact, reporting problems, the enforcement procedure, compliance status, non-accessible content and
the statement's dates). Everything particular to this copy comes from ``site.yaml`` (``run_by``,
``contact``, ``accessibility``); where it is silent the page says so instead of filling a gap.
"""

from __future__ import annotations

from markupsafe import Markup

from rectrack.render.context import Site
from rectrack.render.feedback import routes
from rectrack.render.urls import (
    ACCESSIBILITY,
    EASS_URL,
    ECNI_URL,
    EHRC_URL,
    REGULATIONS_URL,
    WCAG_URL,
    external_link,
)
from rectrack.text import long_date
from rectrack.wording import (
    COMPLIANCE,
    COMPLIANCE_NONE_KNOWN,
    COMPLIANCE_NOT_STATED,
    NO_CONTACT,
    NO_CONTACT_HOW,
    NON_ACCESSIBLE_LEAD,
    NONE_NON_ACCESSIBLE,
    NOT_RUN_BY,
    NOT_RUN_BY_HOW,
)


def accessibility_statement(site: Site) -> str:
    config = site.dataset.site
    statement = config.accessibility
    issues = statement.known_issues
    failures = [i for i in issues if i.criterion]
    return site.render(
        "accessibility.md.j2", ACCESSIBILITY,
        run_by=config.run_by,
        not_run_by=f"{NOT_RUN_BY} {NOT_RUN_BY_HOW}",
        routes=routes(config),
        no_contact=f"{NO_CONTACT} {NO_CONTACT_HOW}",
        reply_within_days=statement.reply_within_days,
        compliance=_compliance(statement.compliance, failures),
        failures=failures,
        non_accessible_lead=NON_ACCESSIBLE_LEAD if failures else NONE_NON_ACCESSIBLE,
        limits=[i for i in issues if not i.criterion],
        issues=issues,
        prepared=_day(statement.prepared),
        reviewed=_day(statement.reviewed),
        tested=_day(statement.tested),
        tested_by=statement.tested_by,
        links={
            "regulations": external_link(
                "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018",
                REGULATIONS_URL),
            "wcag": external_link("Web Content Accessibility Guidelines version 2.2", WCAG_URL),
            "ehrc": external_link("The Equality and Human Rights Commission (EHRC)", EHRC_URL),
            "eass": external_link("Equality Advisory and Support Service (EASS)", EASS_URL),
            "ecni": external_link("Equality Commission for Northern Ireland (ECNI)", ECNI_URL),
        },
        Markup=Markup,
    )


def _compliance(status: str | None, failures: list) -> str:
    """The status as the model form words it; unset, the page says so and what is known, claiming nothing."""
    if status in COMPLIANCE:
        return COMPLIANCE[status]
    return COMPLIANCE_NOT_STATED if failures else f"{COMPLIANCE_NOT_STATED} {COMPLIANCE_NONE_KNOWN}"


def _day(value) -> str | None:
    return long_date(value) if value else None
