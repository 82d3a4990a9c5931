"""Every label and phrase the tracker uses for its states, claims, verdicts, owners and regimes.

``derive`` decides states and knows no words; the pages, the terminal view and the downloads all
say things the same way because they all take their words from here. Wording that depends on the
kind of organisation or on a report's response regime ("section 55", "police and crime
commissioner") is chosen here, by kind and regime, and nowhere else.
"""

from __future__ import annotations

from rectrack.data.model import Organisation, Recommendation, Report, ResponseDocument, Statistic
from rectrack.derive import DUE_SOON_DAYS, S55_PERIOD_DAYS, Duty, Event, OwnerReport, RecommendationStatus, S55Clock
from rectrack.text import long_date, month_year, number, plural

#: The states of a duty (one owner, one recommendation), in their canonical order.
STATE_LABELS = {
    "closed": "Closed by the inspectorate",
    "implemented": "Implemented (claimed)",
    "overdue": "Overdue",
    "due-today": "Due today",
    "due-soon": "Due soon",
    "upcoming": "Upcoming",
    "no-deadline": "No deadline stated",
}
#: One or two words for the matrix cells; the legend on that page spells each one out.
STATE_SHORT = {
    "closed": "Closed",
    "implemented": "Claimed",
    "overdue": "Overdue",
    "due-today": "Today",
    "due-soon": "Soon",
    "upcoming": "Later",
    "no-deadline": "Open",
}
STATE_HELP = {
    "closed": "the inspectorate has closed (or superseded) the recommendation for this owner",
    "implemented": "the owner's published response says it is implemented; not verified by the inspectorate",
    "overdue": "the deadline has passed and no implementation is claimed",
    "due-today": "the deadline is today",
    "due-soon": f"the deadline is within the next {DUE_SOON_DAYS} days",
    "upcoming": f"the deadline is more than {DUE_SOON_DAYS} days away",
    "no-deadline": "the source gives no deadline, and no implementation is claimed",
}
#: An owner's own claim about a recommendation, as its response states it.
IMPLEMENTATION_LABELS = {
    "implemented": "Implemented (claimed)",
    "in-progress": "In progress (claimed)",
    "not-started": "Not started (claimed)",
    "not-stated": "Not stated",
}
#: A response's claim in a matrix cell, under the status word (the key on the page explains).
CLAIM_SHORT = {"in-progress": "in progress", "not-started": "not started", "not-stated": "not stated",
               "implemented": "implemented"}
NO_CLAIM = "No claim"
#: The inspectorate's verdicts.
VERDICT_LABELS = {
    "open": "Open",
    "closed-implemented": "Closed: implemented",
    "closed-not-implemented": "Closed: not implemented",
    "superseded": "Superseded",
    "not-stated": "No verdict given",
}
VERDICT_HELP = {
    "open": "the inspectorate considers the recommendation still open for this owner",
    "closed-implemented": "the inspectorate has closed it because it was implemented",
    "closed-not-implemented": "the inspectorate has closed it although it was not implemented",
    "superseded": "the inspectorate has replaced it with another recommendation",
    "not-stated": "the source says where things stand but gives no verdict",
}
NO_VERDICT = "No verdict recorded"
#: The kinds of response document.
DOCUMENT_KINDS = {
    "first-comments": "First comments",
    "update": "Update",
    "action-plan": "Action plan",
}
#: The section 55 states of a force's comments.
S55_LABELS = {
    "on-time": "Published on time",
    "late": "Published late",
    "missing": "No response published",
    "awaited": "Awaited",
    "not-computable": "Cannot be determined",
}
S55_HELP = {
    "on-time": "the comments were published within the statutory period",
    "late": "the comments were published after the last day of the statutory period",
    "missing": "the statutory period has ended and no published comments are recorded here",
    "awaited": "the statutory period has not ended and no published comments are recorded here yet",
    "not-computable": "the dates available (for example a publication month without a day) do not show "
                      "whether the comments were on time",
}
#: Who answers for an organisation (its governance roles).
ROLES = {
    "pcc": "Police and crime commissioner",
    "pfcc": "Police, fire and crime commissioner",
    "mayor": "Mayor",
    "police-authority": "Police authority",
    "police-and-crime-board": "Police and crime board",
    "fire-authority": "Fire and rescue authority",
    "pfcc-fire": "Police, fire and crime commissioner (fire)",
    "combined-authority": "Combined authority",
    "board": "Board",
    "minister": "Minister",
}
#: The kinds of organisation, singular and plural.
ORGANISATION_KINDS = {
    "territorial-police-force": ("Territorial police force", "Territorial police forces"),
    "other-police-force": ("Other police force", "Other police forces"),
    "fire-and-rescue-service": ("Fire and rescue service", "Fire and rescue services"),
    "national-policing-body": ("National policing body", "National policing bodies"),
    "professional-body": ("Professional body", "Professional bodies"),
    "government-department": ("Government department", "Government departments"),
    "law-enforcement-agency": ("Law-enforcement agency", "Law-enforcement agencies"),
    "inspectorate": ("Inspectorate", "Inspectorates"),
}
#: How a report's responses are due.
REGIMES = {
    "s55": f"Section 55 of the Police Act 1996: a force's local policing body publishes comments within "
           f"{S55_PERIOD_DAYS} days",
    "no-statutory-clock": "Responses are asked for, with no statutory period",
    "none": "No responses are due",
    "not-stated": "Not stated",
}
NOT_STATED = "Not stated"
EVERY_OWNER = "Every owner"
NO_RESPONSE = "No response published"
RESPONSE_PUBLISHED = "Response published"
NOT_ANSWERED = "Not answered in the published response"
#: A quote's link to its passage in the copy of its document, and what a quote says when there is no copy.
IN_CONTEXT = "Read it in context"
NO_COPY = "No copy of this document is kept on this site"
#: The source page's statement of the original's address when the data records none.
NO_WEB_ADDRESS = "No web address is recorded for this document"
#: The link from a report's or a response's page to the page of the copy of its text.
SOURCE_LINK = "Its full text, as kept on this site"
#: Before the page's own address, printed at the top of every page on paper (print.css).
PRINTED_FROM = "This page is at"

#: The lists of organisations by response, and the response filter's options (render/list_pages.py):
#: key -> (the filter's option, the heading of the list's page, how a count of them reads).
RESPONSE_LISTS = {
    "responded": ("Published", "Organisations with a published response",
                  "{n} with a published response"),
    "incomplete": ("Published, some recommendations not answered",
                   "Organisations whose published response leaves recommendations unanswered",
                   "{n} whose published response leaves some recommendations unanswered"),
    "no-response": ("Not published", "Organisations with no published response", "{n} with no published response"),
}
#: The lists of recommendations (or duties) by deadline, beside those by status: key -> (the filter's
#: option, the heading's words, how a count of them reads).
DEADLINE_LISTS = {
    "overdue": ("Overdue", "Overdue", "{n} overdue"),
    "due-within": (f"Due within {DUE_SOON_DAYS} days", f"Due within {DUE_SOON_DAYS} days",
                   f"{{n}} due within {DUE_SOON_DAYS} days"),
    "passed": ("Deadline passed", "Deadline passed", "{n} with the deadline passed (claimed, closed or not)"),
}
#: The search page's filters (the names pages give Pagefind in data-pagefind-filter) and their labels.
SEARCH_FILTERS = {"report": "Report", "organisation": "Organisation", "state": "Status"}
#: The filter on a table of recommendations or duties by deadline.
DEADLINE_FILTER = "Deadline"


def list_label(key: str) -> str:
    """The name of a status, deadline, response or section 55 list ("Overdue", "Not published")."""
    if key in STATE_LABELS:
        return STATE_LABELS[key]
    if key in DEADLINE_LISTS:
        return DEADLINE_LISTS[key][1]
    if key in RESPONSE_LISTS:
        return RESPONSE_LISTS[key][1]
    return f"Section 55: {S55_LABELS[key.removeprefix('s55-')].lower()}"


def count_phrase(key: str, count: int) -> str:
    """A count linked to its list, the number first: "7 overdue", "42 with no published response"."""
    if key in DEADLINE_LISTS:
        return DEADLINE_LISTS[key][2].format(n=count)
    if key in RESPONSE_LISTS:
        return RESPONSE_LISTS[key][2].format(n=count)
    if key in STATE_LABELS:
        return f"{count} {STATE_LABELS[key].lower()}"
    return S55_COUNTS[key.removeprefix("s55-")].format(n=count)


#: How a count of forces by the section 55 state of their comments reads, the number first.
S55_COUNTS = {
    "on-time": "{n} whose section 55 comments were published on time",
    "late": "{n} whose section 55 comments were published late",
    "missing": "{n} with no section 55 comments published",
    "awaited": "{n} whose section 55 comments are awaited",
    "not-computable": "{n} where the dates do not show whether section 55 comments were on time",
}


#: The headings of the list pages, by what they list.
LIST_TITLES = {
    "report-recommendations": "Recommendations: {label}, in “{title}”",
    "report-organisations": "{label}, for “{title}”",
    "duties": "Duties: {label}, across every report",
    "duties-all": "Every duty, across every report",
    "reports-all": "Every report the tracker follows",
    "recommendations-all": "Every recommendation, across every report",
    "documents-all": "Every published response and update, across every report",
    "events-all": "Everything that changed, in one list",
    "case-studies-all": "Every case study of good practice, across every report",
    "report-case-studies": "Every case study of good practice in “{title}”",
    "event-organisations": "{date}: {title}",
    "organisations": "{label}, across every report",
    "organisations-all": "Organisations that must act, across every report",
    "organisation-overdue": "{name}: overdue duties across every report",
    "organisation-answered": "{name}: the reports it has answered",
    "organisation-reports": "{name}: the reports that address it",
}
LIST_NOTE = ("This list is one of the tracker's counts written out in full: its number of rows is the "
             "number that links here.")
LIST_PAGE_NOTE = ("This is page {page} of {pages}: the list is split into pages of {rows} rows, so that no "
                  "page grows too large to load. Sorting and filters act on this page's rows only.")


def kind_name(kind: str, many: bool = False) -> str:
    return ORGANISATION_KINDS[kind][1 if many else 0]


def recommendation_name(rec: Recommendation) -> str:
    """"Recommendation 4"; where the source gives no number, its (editorial) short title."""
    return f"Recommendation {rec.number}" if rec.number is not None else rec.short_title


def recommendation_title(rec: Recommendation) -> str:
    """"Recommendation 4: Consider and record arrest and bail" (the short title is editorial)."""
    if rec.number is None:
        return f"{rec.short_title} (no number given)"
    return f"Recommendation {rec.number}: {rec.short_title}"


def countdown(days: int | None) -> str:
    """``-23`` -> "overdue by 23 days"; the wording every page and the terminal view share."""
    if days is None:
        return "no deadline stated"
    if days < 0:
        return f"overdue by {plural(-days, 'day')}"
    if days == 0:
        return "due today"
    return f"due in {plural(days, 'day')}"


def deadline_phrase(state: str, days: int | None) -> str:
    """The countdown, except that a duty already claimed or closed is not called "overdue" or "due"."""
    if state in ("implemented", "closed") and days is not None:
        if days < 0:
            return f"deadline passed {plural(-days, 'day')} ago"
        return "deadline today" if days == 0 else f"deadline in {plural(days, 'day')}"
    return countdown(days)


def deadline_text(printed: str | None) -> str:
    return printed if printed else NOT_STATED


def response_label(duty: Duty) -> str:
    """Whether the owner has answered this recommendation: answered, skipped it, or published nothing."""
    if duty.responded:
        return RESPONSE_PUBLISHED
    if duty.has_document:
        return NOT_ANSWERED
    return NO_RESPONSE


def document_date(document: ResponseDocument) -> str:
    return long_date(document.published) if document.published else "date not stated"


def document_label(document: ResponseDocument) -> str:
    """"First comments, published 3 June 2026"."""
    return f"{DOCUMENT_KINDS[document.kind]}, published {document_date(document)}" if document.published \
        else f"{DOCUMENT_KINDS[document.kind]} (publication date not stated)"


def response_published(owner: OwnerReport) -> str:
    first = owner.first_comments or owner.latest_document
    if first is None:
        return NO_RESPONSE
    if first.published is None:
        return "Published (date not stated)"
    return f"Published {long_date(first.published)}"


def completeness_text(owner: OwnerReport) -> str | None:
    """"incomplete: it answers 2 of the 9 recommendations addressed to it", or None when nothing is missing
    (or nothing is published): a fact the page shows, not a defect of the data. Incomplete is decided
    once, by ``OwnerReport.response`` (what the lists and filters group by), so the two cannot disagree."""
    if owner.response != "incomplete":
        return None
    return (f"incomplete: it answers {owner.answered} of the {plural(len(owner.duties), 'recommendation')} "
            "addressed to it")


def recommendations_named(recs: list[Recommendation]) -> str:
    """"recommendation 4", "recommendations 1, 2 and 5"; one without a number by its short title."""
    names = [str(r.number) if r.number is not None else f"“{r.short_title}”" for r in recs]
    if not names:
        return "no recommendation"
    if len(names) == 1:
        return f"recommendation {names[0]}"
    return "recommendations " + ", ".join(names[:-1]) + f" and {names[-1]}"


def answerer_text(owner: OwnerReport) -> str:
    """Who answers for the organisation on the report: "Police and Crime Commissioner for Kent (PCC)"."""
    g = owner.answerer
    return f"{g.title} ({ROLES[g.role].lower()})" if g else "Not recorded"


def regime_applies(owner: OwnerReport) -> bool:
    """Is the owner bound by the report's statutory clock (s55: a territorial force's local policing body)?"""
    return owner.clock is not None


def responses_text(status: RecommendationStatus) -> str:
    """"3 of 43 organisations have answered"."""
    total = len(status.duties)
    if not total:
        return "No owner stated"
    return f"{status.responded} of {plural(total, 'owner')} answered"


def implemented_text(status: RecommendationStatus) -> str:
    return f"{status.implemented} of {len(status.duties)} claim it"


def silent_text(count: int) -> str:
    """"42 owners have no recorded answer to it": the owners a recommendation page lists as not answering."""
    return f"{plural(count, 'owner has', 'owners have')} no recorded answer to it"


#: The recommendation page's two tables of owners: heading, and the table's name for assistive technology
#: (followed by the recommendation's title).
OWNER_GROUPS = {
    "answered": ("Owners that have answered it", "Owners that have answered"),
    "unanswered": ("Owners with no recorded answer", "Owners with no recorded answer to"),
}


def s55_reason(clock: S55Clock) -> str:
    """Why a force's section 55 state is what it is, honest about what the dates allow us to know."""
    if clock.basis == "year-only":
        return "the report's publication date gives only the year"
    assert clock.first is not None and clock.last is not None
    if clock.report_month is None:
        when = f"the last day was {long_date(clock.last)}"
    else:
        when = (f"the report gives only its month of publication ({month_year(clock.report_month)}), so the last "
                f"day falls between {long_date(clock.first)} and {long_date(clock.last)}")
    if clock.basis == "no-response":
        if clock.state == "missing":
            return f"no response is recorded here; {when}"
        if clock.state == "awaited":
            return f"no response is recorded yet; {when}"
        return f"no response is recorded yet and {when}"
    if clock.basis == "undated-response":
        return f"the response does not state its publication date; {when}"
    assert clock.published is not None
    published = f"published {long_date(clock.published)}; {when}"
    if clock.state == "not-computable":
        return f"{published}, so it cannot be said whether this was on time"
    return published


def publishers_text(report: Report, names: list[str]) -> str:
    return ", ".join(names) if names else NOT_STATED


def event_title(event: Event, owner_names: list[str]) -> str:
    """One line for the changes page and the feed, from the event's facts."""
    who = _owners(event, owner_names)
    rec = recommendation_name(event.recommendation) if event.recommendation else ""
    if event.kind == "report-published":
        return f"Report published: {event.report.title}"
    if event.kind == "document-published" and event.document is not None:
        return f"{DOCUMENT_KINDS[event.document.kind]} published by {who} on “{event.report.title}”"
    if event.kind == "verdict" and event.verdict is not None:
        return f"Inspectorate: {VERDICT_LABELS[event.verdict.verdict].lower()} for {who}, {rec}"
    if event.kind == "deadline-revised" and event.revision is not None:
        return f"Deadline revised to {event.revision.deadline_as_printed} for {who}, {rec}"
    return f"{rec} became overdue for {who}"


#: Most organisations an event's line names; beyond, it counts them ("42 organisations").
OWNERS_NAMED = 3


def _owners(event: Event, names: list[str]) -> str:
    if not names:
        return "no one"
    if len(names) <= OWNERS_NAMED:
        return ", ".join(names)
    return f"{plural(len(names), 'organisation')}"


def stat_value(stat: Statistic) -> str:
    """A key figure as the report would print it: "73,047", "66%", "12 months"."""
    value = number(stat.value)
    if stat.unit == "percent":
        return f"{value}%"
    if stat.unit in ("months", "years"):
        return f"{value} {stat.unit if stat.value != 1 else stat.unit[:-1]}"
    return value


def organisation_kind_text(org: Organisation) -> str:
    return kind_name(org.kind)


# --- The Word template an office fills in (rectrack.word_template; read back by import-response) --------

#: The template's section headings, by role.
TEMPLATE_SECTIONS = {
    "instructions": "How to fill in this template",
    "document": "About your published response",
    "recommendations": "The recommendations and your answers",
}
#: The boxes for the published document, in order: (key, label, hint, kind of box).
TEMPLATE_DOCUMENT_FIELDS = (
    ("title", "Title of the published document", "Copy it exactly as the document prints it.", "line"),
    ("published", "Date it was published",
     "For example 31 December 2026. Leave it empty if the document gives no date.", "date"),
    ("url", "Web address where it is published",
     "The full address, starting with https://. Leave it empty if it is not online.", "line"),
    ("author", "Who published it", "As the document names them.", "line"),
    ("foreword", "Foreword (if any)",
     "General comments before the first recommendation, copied exactly. Leave it empty if there are none.", "text"),
)
#: The three boxes of each recommendation, in order; ``{rec}`` is "recommendation 4".
TEMPLATE_ANSWER_FIELDS = (
    ("action", "Your response to {rec}",
     "Paste the text of your response to it, exactly as published. Several paragraphs and lists are fine. "
     "Leave it empty if your response does not answer it.", "text"),
    ("implementation", "Implementation of {rec}",
     "What your response says about it: not started, in progress, implemented, or not stated (if it does "
     "not say).", "choice"),
    ("evidence", "Evidence for {rec}",
     "Unless implementation is not stated: copy, word for word, the sentence of your response that shows it.",
     "line"),
)
#: The drop-down list's entries (by implementation state) and the boxes' placeholders.
TEMPLATE_CHOICES = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "implemented": "Implemented",
    "not-stated": "Not stated",
    "placeholder": "Choose one",
    "date": "Choose or type the date",
}
#: The link to a template on an organisation's page for a report, and on the Word templates page.
TEMPLATE_LINK = "Download the Word template"


def template_title(owner_name: str, report_title: str) -> str:
    return f"{owner_name}: response to “{report_title}”"


def template_reference(reference: str) -> str:
    return (f"Template reference: {reference} (keep this line: it tells the tracker which report and "
            "organisation the answers are for)")


def template_instructions(owner_name: str, count: int, statutory: bool, email: str | None,
                          url: str | None) -> tuple[str, ...]:
    """The template's instructions, one line each; section 55 only where it applies, contact only if set up."""
    unanswered = ("Leave a recommendation's boxes empty if your response does not answer it: the tracker then "
                  "shows it as not answered.")
    if statutory:
        unanswered += (" For a police force on this report, section 55(5B) of the Police Act 1996 asks the comments "
                       "to explain, for each recommendation, what action has been or will be taken, or why none "
                       "will be.")
    ready = "When it is ready, save it as a Word document (.docx) and "
    if email:
        ready += f"e-mail it to the tracker's maintainers at {email}."
    elif url:
        ready += f"send it to the tracker's maintainers: {url}"
    else:
        ready += ("send it to the tracker's maintainers. This tracker has no contact address set up: its page "
                  "“How to publish your response” says what to do.")
    return (
        f"This template is for the response of {owner_name}. It lists the {plural(count, 'recommendation')} of "
        f"the report addressed to {owner_name}, each with its wording as the report prints it.",
        "Type or paste only into the shaded boxes. Text typed anywhere else is not read: the tracker points it "
        "out and asks for it to be moved into a box.",
        "For each recommendation: your response to it, exactly as published; what your response says about "
        "implementation (choose from the list); and the sentence of your response that shows it, copied word "
        "for word.",
        unanswered,
        "A template with no response filled in is a draft: nothing is published from it.",
        "Keep everything else as it is: do not add or remove rows, and keep the template reference at the top.",
        ready,
    )


# --- The "Publish a response" form ------------------------------------------------------------------
#: What the form says when a field breaks one of the schema's rules (``{max}``, ``{count}``: numbers the
#: script fills in). Each is what is wrong, then how to put it right.
FORM_MESSAGES = {
    "needed": ("This is empty.", "Fill it in: the response file needs it."),
    "maxLength": ("This is {count} characters long; a response file holds at most {max} here.",
                  "Shorten it."),
    "minLength": ("This is empty.", "Fill it in: the response file needs it."),
    "pattern": ("This is not written the way the response file needs it.", "Type some text, not only spaces."),
    "enum": ("Nothing is chosen.", "Choose one of the options."),
    "format": ("This date does not exist on the calendar.", "Check the day and the month."),
    "summary": "The response file cannot be made yet: {count} things to put right.",
    "summary_one": "The response file cannot be made yet: 1 thing to put right.",
}
#: The form's other words, filled in by its script.
FORM_TEXT = {
    "choose_owner": "Choose your organisation",
    "choose_report_first": "Choose the report first",
    "loading": "Loading the report…",
    "load_failed": "The report's details could not be loaded: reload the page to try again.",
    "published_hint": "Not before the report ({date}), and not after today.",
    "documents": "{organisation} already has in the tracker: {documents}. This form makes a later document: "
                 "an update or an action plan.",
    "no_documents": "{organisation} has no response to this report in the tracker yet.",
    "must_answer": "{organisation} must answer {count} of this report's recommendations.",
    "pick_sentence": "Pick a sentence (or type the words below)",
    "paste_first": "Paste the answer first",
    "saved": "Draft kept in this browser at {time}.",
    "not_saved": "This browser does not let the form keep a draft: do not close the page until the file is made.",
    "restored": "The draft you left at {time} is back.",
    "downloaded": "Made {name}. Check it opens, then send it.",
    "copied": "The file's text is copied: paste it where you need it.",
    "copy_failed": "Copying was refused: select the text in the box and copy it.",
    "too_long_url": "The file is {count} characters long when written in a web address, more than the "
                    "{limit} the repository's page accepts: the page opens with the file's name only. Copy the "
                    "file's text (below) and paste it there.",
    "mail_attach": "Please find attached the response file {name}, to go in {path}.",
    "mail_subject": "Response file: {organisation}, {report}",
    "confirm_clear": "Delete everything typed for this report and organisation? Press again to delete.",
    "cleared": "The draft is deleted.",
    "preview_empty": "The file's text appears here once everything is filled in.",
    "file_header": "Goes in {path} in the tracker's repository. Made with the tracker's response form.",
    "unanswered_s55": "Section 55(5B) asks for an answer to each.",
}
#: The checks the validator makes in code rather than in the schema, by its problem code, as the form
#: says them: severity ("error" stops the file being made; "notice" only informs), what is wrong, and
#: how to put it right. "future-date" is the form's own (the validator does not know what day it is).
FORM_CHECKS = {
    "evidence-not-in-action": {
        "severity": "error",
        "message": "These words are not in the answer above, so they cannot be its evidence.",
        "fix": "Copy the words exactly from the answer (line breaks and curly quotes do not matter), "
               "or pick one of its sentences from the list.",
    },
    "missing-evidence": {
        "severity": "error",
        "message": "A claim of “{claim}” needs evidence: a quote from the answer that shows it.",
        "fix": "Pick the sentence of the answer that shows it, or choose “Not stated” if the answer does not say.",
    },
    "evidence-without-claim": {
        "severity": "error",
        "message": "Evidence is given, but what the answer says about progress is “Not stated”.",
        "fix": "Choose what the quote shows, or empty the evidence.",
    },
    "before-report": {
        "severity": "error",
        "message": "This date is before the report was published ({date}).",
        "fix": "Check the date: a response cannot come before the report it answers.",
    },
    "future-date": {
        "severity": "error",
        "message": "This date is in the future.",
        "fix": "Give the date the document was published: today at the latest.",
    },
    "unfilled": {
        "severity": "error",
        "message": "The document's title is empty.",
        "fix": "Copy the title of the published document.",
    },
    "draft": {
        "severity": "error",
        "message": "No answer is filled in, so the file would be a draft and nothing would be published from it.",
        "fix": "Paste the document's text for at least one recommendation.",
    },
    "duplicate-document": {
        "severity": "error",
        "message": "{organisation} already has first comments on this report in the tracker.",
        "fix": "A later document is an update or an action plan: choose that kind of document.",
    },
    "unanswered": {
        "severity": "notice",
        "message": "Not answered: recommendation(s) {numbers}. The tracker will show them as not answered.",
        "fix": "",
    },
}


# --- the site's own pages: feedback, the accessibility statement, reuse, downloads, the 404 page ----------

#: How readers reach the people who run this copy (site.yaml ``contact``), on every page and in the statement.
FEEDBACK_LEAD = "Questions, corrections or an accessibility problem:"
FEEDBACK_EMAIL = "e-mail {address}"
FEEDBACK_URL = "use the feedback page"
NO_CONTACT = "No contact has been set up for this copy of the tracker."
NO_CONTACT_LINK = "How a maintainer sets one up"
NO_CONTACT_HOW = ("A maintainer sets one in data/site.yaml: contact.email (an e-mail address) or contact.url "
                  "(a web page for feedback).")
#: The accessibility statement's compliance sentence (GOV.UK's sample wording), by site.yaml's value.
COMPLIANCE = {
    "fully": "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA "
             "standard.",
    "partially": "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 "
                 "AA standard, due to the non-compliances listed below.",
    "not": "This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. "
           "The non-compliances are listed below.",
}
COMPLIANCE_NOT_STATED = ("This copy of the tracker has not stated how far it complies with the Web Content "
                         "Accessibility Guidelines version 2.2 AA standard.")
#: Beside COMPLIANCE_NOT_STATED when no known issue names a criterion: what is known, without claiming more.
COMPLIANCE_NONE_KNOWN = ("No failure of a WCAG 2.2 AA success criterion is known: the automated tests described "
                         "at the end of this statement find none, but they cannot check every criterion, and no "
                         "full audit of this copy is recorded.")
#: The model statement's lead to the content that fails the regulations, used only when some is listed.
NON_ACCESSIBLE_LEAD = "The content listed below is non-accessible for the following reasons."
#: In its place when nothing is listed as failing (the lead would point at a list that is not there).
NONE_NON_ACCESSIBLE = "No content on this website is known to fail the accessibility regulations."
NOT_RUN_BY = "No one has been named as running this copy of the tracker."
NOT_RUN_BY_HOW = "A maintainer names them in data/site.yaml (run_by)."
#: Reuse of the data (site.yaml ``licence``): the tracker's editorial data only, never the quoted texts.
NO_LICENCE = "No licence has been chosen for this copy's editorial data."
EDITORIAL_LICENCE = "The tracker's editorial data may be reused under {licence}."
QUOTED_TEXTS = "Text quoted from reports and responses belongs to their authors and is not covered."
REUSE_LINK = "Reusing the data"
#: The kinds of download, by how the file's name ends (the longest match wins).
FILE_TYPES = {
    ".schema.json": "JSON Schema",
    "datapackage.json": "JSON (Frictionless Data Package)",
    ".json": "JSON",
    ".csv": "CSV",
    ".ics": "iCalendar",
    ".zip": "ZIP",
}
#: The ``response`` column of status.csv: has the owner answered this recommendation, and how.
RESPONSE_VALUES = {
    "answered": "the owner's published response answers this recommendation (its claim is in `implementation`)",
    "not-answered": "the owner has published a response, but it does not answer this recommendation",
    "no-response": "the owner has published no response to the report at all",
}
#: The page readers see at an address that does not exist.
NOT_FOUND_TITLE = "Page not found"
NOT_FOUND_TEXT = ("There is no page at this address. It may have been mistyped, or the page may have moved "
                  "since the link to it was made.")
NOT_FOUND_SEARCH = "Search the site"
NOT_FOUND_SECTIONS = "Or start from one of the site's sections:"


def reuse_sentence(licence: str | None) -> str:
    """The terms of reuse in one line (the footer of every page): the editorial data's licence, if any
    was chosen, and never the quoted texts."""
    editorial = EDITORIAL_LICENCE.format(licence=licence) if licence else NO_LICENCE
    return f"{editorial} {QUOTED_TEXTS}"
#: A data table's column types (Frictionless Table Schema types), in words, on the downloads page.
COLUMN_TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
                "date": "date, YYYY-MM-DD"}
