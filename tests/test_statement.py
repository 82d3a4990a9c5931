"""The accessibility statement, the feedback route and the reuse terms, filled from site.yaml.

The shipped copy has no contact, no one named as running it and no licence: the statement and the
footer must say so plainly and never invent an address. Fictional settings (only here, in tests) show
each route and each compliance status, and that everything from the configuration is escaped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from constants import AS_OF, DATA
from rectrack.data.check import load_and_validate
from rectrack.derive import derive
from rectrack.render.context import Site
from rectrack.render.feedback import routes
from rectrack.render.statement import accessibility_statement
from rectrack.render.theme import theme_words
from rectrack.render.urls import mailto
from rectrack.wording import (
    COMPLIANCE,
    COMPLIANCE_NONE_KNOWN,
    COMPLIANCE_NOT_STATED,
    NO_CONTACT,
    NON_ACCESSIBLE_LEAD,
    NONE_NON_ACCESSIBLE,
)

#: The sections of GOV.UK's sample accessibility statement, in its order, by heading id.
MODEL_SECTIONS = ["how-accessible", "contact", "reporting", "enforcement", "technical", "compliance",
                  "non-accessible-content", "preparation"]


def configured(data_copy: Path, change) -> Site:
    """The site of a data copy whose site.yaml ``change(doc)`` has edited, validated and derived."""
    path = data_copy / "site.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    checked = load_and_validate(data_copy)
    assert checked.ok, [p.format() for p in checked.problems[:5]]
    return Site(derive(checked.dataset, AS_OF))


def headings(page: str) -> list[str]:
    return re.findall(r"^#{2,3} .*\{: #([a-z-]+) \}$", page, re.MULTILINE)


def hrefs(text: str) -> list[str]:
    """Every link target in ``text`` as the browser reads it (character references decoded)."""
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', text)]


def shipped_site_yaml() -> dict:
    return yaml.safe_load((DATA / "site.yaml").read_text("utf-8"))


def test_the_shipped_statement_follows_the_model_form_and_says_what_is_not_set_up(tracker) -> None:
    page = accessibility_statement(Site(tracker))
    assert headings(page) == MODEL_SECTIONS[:6] + ["non-accessible-content", "limits", "preparation"]
    assert NO_CONTACT in page and "contact.email" in page and "mailto:" not in page
    assert "No one has been named as running this copy" in page
    # No known issue names a criterion and only automated tests ran: the status is not stated, and the
    # page says what is known rather than claim full compliance.
    assert f"{COMPLIANCE_NOT_STATED} {COMPLIANCE_NONE_KNOWN}" in page
    # With nothing listed as failing, the model form's lead ("The content listed below is non-accessible")
    # would point at a list that is not there: the section says that none is known instead.
    assert NON_ACCESSIBLE_LEAD not in page and NONE_NON_ACCESSIBLE in page
    assert not any(text in page for text in COMPLIANCE.values())
    assert "This statement was prepared on 1 December 2026. It was last reviewed on 1 December 2026." in page
    assert "This website was last tested on 1 December 2026." in page
    for url in ("https://www.legislation.gov.uk/uksi/2018/952/contents", "https://www.equalityadvisoryservice.com/",
                "https://www.equalityni.org/Home", "https://www.equalityhumanrights.com/"):
        assert f'href="{url}"' in page


def test_every_known_issue_of_the_shipped_data_is_listed_with_its_anchor(tracker) -> None:
    page = accessibility_statement(Site(tracker))
    issues = shipped_site_yaml()["accessibility"]["known_issues"]
    assert issues
    for issue in issues:
        assert f'<li id="{issue["id"]}">' in page
        assert f"(#{issue['id']})" in page  # the summary links to the entry
        if issue.get("criterion"):
            assert "This fails the WCAG 2.2 success criterion" in page.split(f'<li id="{issue["id"]}">')[1][:600]


FAILURES = [{"id": "focus-hidden", "problem": "Focus hides.", "criterion": "2.4.11 Focus Not Obscured (Minimum)"},
            {"id": "no-keyboard", "problem": "A table cannot be scrolled.", "criterion": "2.1.1 Keyboard"},
            {"id": "a-limit", "problem": "Search needs JavaScript."}]


@pytest.mark.parametrize("compliance", ["partially", "not", None])
def test_listed_failures_are_the_non_compliances_under_the_stated_status(data_copy: Path, compliance) -> None:
    def statement(doc: dict) -> None:
        doc["accessibility"].update(compliance=compliance, known_issues=FAILURES)

    page = accessibility_statement(configured(data_copy, statement))
    assert headings(page) == MODEL_SECTIONS[:6] + ["non-accessible-content", "non-compliance", "limits",
                                                   "preparation"]
    assert (COMPLIANCE[compliance] if compliance else COMPLIANCE_NOT_STATED) in page
    assert COMPLIANCE_NONE_KNOWN not in page  # failures are known: never say none is
    assert NON_ACCESSIBLE_LEAD in page and NONE_NON_ACCESSIBLE not in page
    entry = page.split('<li id="focus-hidden">')[1].split("</li>")[0]
    assert html.unescape(entry) == ("Focus hides. This fails the WCAG 2.2 success criterion "
                                    "2.4.11 Focus Not Obscured (Minimum).")
    assert "criterion" not in page.split('<li id="a-limit">')[1].split("</li>")[0]


def test_a_site_yaml_without_the_statement_settings_still_validates_and_says_not_stated(data_copy: Path) -> None:
    def strip(doc: dict) -> None:
        for key in ("run_by", "accessibility", "licence"):
            doc.pop(key)

    site = configured(data_copy, strip)
    page = accessibility_statement(site)
    assert COMPLIANCE_NOT_STATED in page
    assert "No accessibility problems are known" in page and "non-accessible-content\n" not in page
    assert "The date this statement was prepared is not stated." in page
    assert "The date this website was last tested is not stated." in page


def test_a_configured_contact_is_the_route_everywhere_and_is_escaped(data_copy: Path) -> None:
    def contact(doc: dict) -> None:
        doc["contact"] = {"email": "tracker+a11y?x=1&y@example.org", "url": "https://feedback.example.org/form?a=1&b=2"}
        doc["run_by"] = "The <b>Example</b> Trust [x](javascript:alert(1))"
        doc["accessibility"] = {"compliance": "fully", "reply_within_days": 10, "known_issues": [],
                                "tested_by": "*Someone* <script>alert(2)</script>"}

    site = configured(data_copy, contact)
    page = accessibility_statement(site)
    contact = page.split("{: #contact }")[1].split("{: #reporting }")[0]
    assert hrefs(contact) == ["mailto:tracker+a11y%3Fx%3D1%26y@example.org", "https://feedback.example.org/form?a=1&b=2"]
    assert "within 10 days" in page and NO_CONTACT not in page
    assert "<b>" not in page and "<script>" not in page and "](javascript:" not in page
    assert "The &lt;b&gt;Example&lt;/b&gt; Trust" in page
    assert COMPLIANCE["fully"] in page and "non-accessible-content" not in page.replace("](#non", "")
    words = theme_words(site.dataset.site)
    assert [r["href"] for r in words["feedback"]["routes"]] == [
        "mailto:tracker+a11y%3Fx%3D1%26y@example.org", "https://feedback.example.org/form?a=1&b=2"]


def test_mailto_encodes_what_a_mail_client_would_read_as_syntax() -> None:
    assert mailto("a.b-c_d+e@example.org") == "mailto:a.b-c_d+e@example.org"
    assert mailto("a?cc=x@example.org") == "mailto:a%3Fcc%3Dx@example.org"
    assert mailto("a#b%c&d@example.org") == "mailto:a%23b%25c%26d@example.org"


def test_no_route_without_a_contact_and_never_a_non_web_address(dataset) -> None:
    from dataclasses import replace

    assert routes(dataset.site) == ()
    assert routes(replace(dataset.site, contact_url="javascript:alert(1)")) == ()
    words = theme_words(dataset.site)
    assert words["feedback"]["routes"] == [] and words["feedback"]["none"] == NO_CONTACT
    assert words["feedback"]["statement"] == "accessibility/#contact"


@pytest.mark.parametrize("change, message", [
    (lambda a: a.update(compliance="mostly"), "not allowed"),
    (lambda a: a.update(prepared="2026-02-30"), "not a real calendar date"),
    (lambda a: a["known_issues"].append({"id": "Bad Id", "problem": "x"}), "expected form"),
    (lambda a: a.update(reply_within_days=0), ""),
    (lambda a: a.update(tested_on="2026-12-01"), "tested_on"),
])
def test_statement_settings_are_validated(data_copy: Path, change, message: str) -> None:
    path = data_copy / "site.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    change(doc["accessibility"])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    checked = load_and_validate(data_copy)
    assert not checked.ok
    assert any(message in p.format() and p.file.endswith("site.yaml") for p in checked.problems), \
        [p.format() for p in checked.problems]


def test_the_reference_page_documents_the_new_settings() -> None:
    from rectrack.render.fieldref import reference_page

    page = reference_page()
    for field in ("run_by", "accessibility.compliance", "accessibility.known_issues[].criterion",
                  "accessibility.reply_within_days", "accessibility.reviewed", "licence.name", "licence.attribution"):
        assert f"| `{field}` |" in page


@pytest.mark.parametrize("change, found", [
    (lambda a: a.update(compliance="fully"), "fully compliant, but 2 known issue(s)"),
    (lambda a: a.update(known_issues=[i for i in a["known_issues"] if not i.get("criterion")]),
     "partially compliant, but no known issue"),
    (lambda a: a["known_issues"].append({**a["known_issues"][0], "problem": "Another."}), "listed twice"),
])
def test_a_statement_that_contradicts_itself_does_not_validate(data_copy: Path, change, found: str) -> None:
    path = data_copy / "site.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["accessibility"].update(compliance="partially", known_issues=[dict(i) for i in FAILURES])
    change(doc["accessibility"])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    checked = load_and_validate(data_copy)
    messages = [p.format() for p in checked.problems]
    assert not checked.ok and any(found in m and "site.yaml:" in m for m in messages), messages
    line = next(p.line for p in checked.problems if found in p.message)
    text = path.read_text("utf-8").splitlines()[line - 1]
    assert ("compliance" in text) or ("id:" in text), text
