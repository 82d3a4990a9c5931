"""The fixture documents, one or more per layout PCC offices publish, each with its expected answers.

The report is a small fictional one; the responses are fictional texts for Kent, Essex, Gwent,
Surrey, Dyfed-Powys, Cleveland, Lancashire and Norfolk. Each case says exactly what an import must give: the
answers (by recommendation numbers, verbatim), what the document's columns say, the foreword,
what will follow, the date offered, and the exit status (or the error for a scanned PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from import_fixtures.render import Layout, final_text

REC_DATA = [
    {"number": 1, "owners": ["forces"], "text": "By 31 October 2026, forces should:",
     "actions": ["review how referrals are prioritised so that every suspect is assessed for risk;",
                 "make sure intelligence about suspects is reviewed throughout the investigation."]},
    {"number": 2, "owners": ["forces"],
     "text": "By 30 April 2027, forces should review staffing levels in online child abuse teams to make "
             "sure that they have enough officers and that workloads are manageable.", "actions": []},
    {"number": 3, "owners": ["college-of-policing"],
     "text": "By 31 December 2026, the College of Policing should create authorised professional practice "
             "for investigating online child abuse.", "actions": []},
    {"number": 4, "owners": ["forces"], "text": "By 31 October 2026, forces should:",
     "actions": ["review their procedures so that arrest and bail are considered and recorded for all suspects; and",
                 "make sure bail conditions are checked at least once per applicable bail period."]},
    {"number": 5, "owners": ["forces"],
     "text": "By 31 March 2027, forces should make sure that every registered sex offender has a risk management "
             "plan that is reviewed after every home visit.", "actions": []},
    {"number": 6, "owners": ["forces"],
     "text": "By 31 March 2027, forces should give the families of suspects information about support services "
             "when a suspect is arrested.", "actions": []},
]


def quote(number: int) -> list[tuple[str, object]]:
    rec = REC_DATA[number - 1]
    out: list[tuple[str, object]] = [("p", rec["text"])]
    if rec["actions"]:
        out.append(("bullets", list(rec["actions"])))
    return out


@dataclass
class Case:
    name: str
    layout: str  # the layout of the issue this case stands for (grouping for the measurement)
    fmt: str  # pdf | docx | odt | html | md | scanned
    blocks: list
    answers: dict[tuple[int, ...], str]
    options: Layout = field(default_factory=Layout)
    force: str = "kent"
    exit_code: int = 0
    foreword: str | None = None
    as_printed: dict[tuple[int, ...], dict[str, str]] = field(default_factory=dict)
    deferred: tuple[int, ...] = ()
    published: str | None = None
    error: str | None = None  # for documents that cannot be imported: words the error must contain
    weak: tuple[str, ...] = ()  # words each reported doubt must contain, in order
    scanned: dict = field(default_factory=dict)


# --- Shared fictional answers ---------------------------------------------------------------------


def _times(sentence: str, count: int) -> str:
    return " ".join([sentence] * count)


ESSEX = {
    1: ["Essex Police uses the ‘referral prioritisation tool’ for every referral it receives, and its "
        "manage{-}ment of each suspect is reviewed by a detective sergeant.",
        "Intelligence about every suspect is reviewed every three months until the investigation ends. The "
        "force’s intelligence unit produces a monthly report for each officer in charge, so that any change "
        "in a suspect’s circumstances is acted on quickly and the management of the case is kept up to date "
        "throughout the whole of the investigation, from the first referral to the final outcome of the case."],
    2: ["Staffing in the online child abuse team was increased in 2025 – from 18 to 26 officers – and "
        "workloads are now below 15 investigations per officer.",
        "The force will:",
        "- recruit four more investigators by March 2027;\n- review workloads every quarter."],
    4: ["Arrest and bail plans are recorded for every suspect, and bail conditions are checked weekly by the "
        "supervising sergeant as part of the team’s daily manage{-}ment meeting. " + _times(
            "Each check is recorded on the custody system, and any breach of a condition is reported to the "
            "officer in charge on the same day so that the suspect can be arrested again where that is needed", 7)
        + "."],
    5: [_times("Every registered sex offender in Essex has a risk management plan. Offender managers review the "
               "plan after each home visit, and a sergeant checks a sample of the reviews every week.", 3),
        _times("The force’s audit in December 2026 found that 97% of plans had been reviewed after the most recent "
               "visit; the remaining plans were reviewed within a week of the audit.", 2)],
    6: [_times("Families of suspects are given a leaflet about support services at the time of arrest, and the "
               "safeguarding officer telephones each family within two days to offer help from the charity that "
               "the force works with.", 3)],
}


def _final(paragraphs: list[str]) -> str:
    return "\n\n".join(final_text(p.replace("{-}", "")) for p in paragraphs)


def _paragraph_blocks(paragraphs: list[str]) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for text in paragraphs:
        if text.startswith("- "):
            out.append(("bullets", [line[2:] for line in text.split("\n")]))
        else:
            out.append(("p", text))
    return out


def _headed(answers: dict[int, list[str]], label: str = "Force response: ", with_quote: bool = True) -> list:
    out: list = []
    for number, paragraphs in answers.items():
        out.append(("h", f"Recommendation {number}"))
        if with_quote:
            out += quote(number)
        first, *rest = paragraphs
        out.append(("p", f"{label}{first}"))
        out += _paragraph_blocks(rest)
    return out


ESSEX_TITLE = "Response of the Police, Fire and Crime Commissioner for Essex to the online child abuse inspection"
ESSEX_FOREWORD = ["I welcome this inspection and the inspectorate’s focus on protecting children from online abuse.",
                  "The force has made real progress – but there is more to do, and I will hold the Chief Constable "
                  "to account for it."]


def _pdf_word() -> Case:
    blocks = [("title", ESSEX_TITLE)] + [("p", p) for p in ESSEX_FOREWORD] + _headed(ESSEX)
    return Case(
        "pdf-exported-from-word", "PDF exported from Word", "pdf", blocks,
        {(n,): _final(p) for n, p in ESSEX.items()},
        Layout(header=("OFFICIAL", "Police, Fire and Crime Commissioner for Essex"), footer="Page {page} of {pages}",
               heading_gap=False),
        force="essex", foreword="\n\n".join(ESSEX_FOREWORD),
    )


GWENT = {
    1: ["Gwent Police reviewed its referral process in 2026. Every referral is now assessed with the national "
        "prioritisation tool, and a detective inspector checks the assessment within two working days of the "
        "referral arriving in the team.",
        "Intelligence about suspects is reviewed at least every three months."],
    2: ["The online child abuse team has 22 officers. Its workloads are reviewed every month by the detective "
        "chief inspector, who moves cases between teams when any investigator has more than 14 cases."],
    5: ["Every registered sex offender in Gwent has a risk management plan. Offender managers review the plan "
        "after each home visit and record the review on ViSOR the same day."],
    6: ["Families of suspects are given a leaflet about support services at the time of arrest."],
}


def _pdf_two_columns() -> Case:
    blocks = [("title", "Gwent Police and Crime Commissioner: response to the inspection")]
    blocks += [("p", "This is the Commissioner’s response, published as required by the Police Act 1996.")]
    blocks += _headed(GWENT, label="Response: ", with_quote=False)
    return Case(
        "pdf-two-columns", "PDF exported from Word", "pdf", blocks, {(n,): _final(p) for n, p in GWENT.items()},
        Layout(footer="{page}", columns=2), force="gwent",
        foreword="This is the Commissioner’s response, published as required by the Police Act 1996.",
    )


def _pdf_unknown_hyphen() -> Case:
    answers = {2: ["The team’s case{-}loads are reviewed by the detective inspector every month."]}
    blocks = [("title", "Kent PCC response to the inspection")] + _headed(answers, label="Response: ")
    return Case("pdf-unresolvable-hyphen", "PDF exported from Word", "pdf", blocks,
                {(2,): "The team’s caseloads are reviewed by the detective inspector every month."},
                exit_code=1, weak=("case-loads",))


# --- Action plans ----------------------------------------------------------------------------------

PLAN_HEADER = ["No.", "HMICFRS recommendation", "Force response / action", "RAG status", "Target date", "Lead"]
PLAN_ROWS = [
    ["1", REC_DATA[0]["text"] + " review how referrals are prioritised […]",
     "All referrals are prioritised with the national tool.\n\nA monthly audit checks the prioritisation.",
     "Green", "Completed", "DCI Amos"],
    ["2", REC_DATA[1]["text"], "Four investigators will join the team in January 2027.", "Amber", "April 2027",
     "Det Supt Patel"],
    ["4", REC_DATA[3]["text"], "Bail conditions are checked weekly.", "Green", "October 2026", "DCI Amos"],
    ["5 & 6", "Risk management plans; support for families", "A new offender management policy covers both.",
     "Amber", "March 2027", "Ch Supt Lowe"],
]


def _plan_expected() -> tuple[dict, dict]:
    answers, printed = {}, {}
    for row in PLAN_ROWS:
        numbers = tuple(int(n) for n in row[0].replace("&", " ").split())
        answers[numbers] = row[2]
        printed[numbers] = {"status": row[3], "target_date": row[4], "lead": row[5]}
    return answers, printed


def _docx_action_plan() -> Case:
    answers, printed = _plan_expected()
    blocks = [("title", "Surrey Police action plan: online child abuse inspection"),
              ("p", "This plan sets out how the force is responding to each recommendation."),
              ("table", [PLAN_HEADER] + PLAN_ROWS)]
    return Case("docx-action-plan", "Action-plan tables", "docx", blocks, answers, force="kent",
                as_printed=printed, foreword="This plan sets out how the force is responding to each recommendation.")


def _pdf_action_plan() -> Case:
    answers, printed = _plan_expected()
    # Long enough that the table continues on the next page, where fpdf2 repeats the header row.
    long_rows = [list(r) for r in PLAN_ROWS]
    long_rows[1][2] = " ".join(["Four investigators will join the team in January 2027."] * 1) + (
        " The detective superintendent reviews the team’s workloads every month with the force’s "
        "resourcing board, which has agreed the funding for the new posts until March 2029.")
    answers[(2,)] = long_rows[1][2]
    filler = [("p", _times("The Commissioner will publish an update on this plan every six months.", 3))] * 9
    blocks = [("title", "Cleveland action plan: online child abuse inspection")] + filler + [
        ("table", [PLAN_HEADER] + long_rows)]
    return Case("pdf-action-plan", "Action-plan tables", "pdf", blocks, answers, Layout(footer="Page {page}"),
                as_printed=printed)


# --- Word specifics --------------------------------------------------------------------------------


def _docx_numbering() -> Case:
    answers = {1: ["Lancashire Constabulary prioritises every referral with the national tool.",
                   "It has also:",
                   "a) added a weekly review of intelligence;\nb) trained all investigators in the tool."],
               2: ["The online child abuse team has 24 officers, and workloads are reviewed monthly."]}
    blocks = [("title", "Lancashire PCC response")]
    for number, paragraphs in answers.items():
        blocks += [("h", f"Recommendation {number}")] + quote(number)
        blocks.append(("p", f"Response: {paragraphs[0]}"))
        for extra in paragraphs[1:]:
            if extra.startswith("a) "):
                blocks.append(("lettered", [line[3:] for line in extra.split("\n")]))
            else:
                blocks.append(("p", extra))
    return Case("docx-automatic-numbering", "Word automatic numbering", "docx", blocks,
                {(n,): "\n\n".join(p) for n, p in answers.items()}, Layout(numbered_headings=True))


def _docx_tracked() -> Case:
    answers = {
        2: ["Staffing was increased in [-2024-][+2025+] and workloads are now below 15 investigations per "
            "officer.[#Check this figure with HR#]",
            "[+The force will recruit four more investigators by March 2027.+]"],
        5: ["Every offender has a risk management plan[- that is reviewed yearly-], reviewed after each visit."],
    }
    blocks = [("title", "Norfolk PCC response to the inspection")] + _headed(answers, label="Update: ")
    return Case("docx-tracked-changes", "Tracked changes and comments", "docx", blocks,
                {(n,): _final(p) for n, p in answers.items()})


# --- Letters, quotes, groups, labels ---------------------------------------------------------------


def _letter() -> Case:
    paragraphs = [
        "In response to recommendation 1, Dyfed-Powys Police now assesses every referral with the national "
        "prioritisation tool and reviews intelligence on each suspect every three months.",
        "In response to recommendation 2, the force has reviewed the staffing of its online child abuse team "
        "and added three investigators.",
        "The team’s workloads are now reviewed every month.",
        "With regard to recommendation 6, families of suspects are given information about support services "
        "at the time of arrest.",
    ]
    blocks = [("p", "Dear Ms Example,"),
              ("p", "Thank you for the inspectorate’s report, which I have discussed with the Chief Constable."),
              *[("p", p) for p in paragraphs],
              ("p", "I look forward to the inspectorate’s next visit."),
              ("p", "Yours sincerely,"), ("p", "Dafydd Example"),
              ("p", "Police and Crime Commissioner for Dyfed-Powys"), ("p", "14 January 2027")]
    return Case("docx-letter", "Letters in prose", "docx", blocks,
                {(1,): paragraphs[0], (2,): paragraphs[1] + "\n\n" + paragraphs[2], (6,): paragraphs[3]},
                foreword="Thank you for the inspectorate’s report, which I have discussed with the Chief Constable.",
                published="2027-01-14")


def _quoted() -> Case:
    blocks = [("title", "Kent Police response to the online child abuse inspection")]
    blocks += [("p", REC_DATA[1]["text"].replace("to make sure that they have enough officers and", "[…]")),
               ("p", "Force response: Kent Police has 30 officers in its online child abuse team.")]
    blocks += [("p", REC_DATA[4]["text"]),
               ("p", "Force response: Every plan is reviewed after each visit by the offender manager.")]
    blocks += [("p", REC_DATA[5]["text"]),
               ("p", "Force response: Families receive a support leaflet from the arresting officer.")]
    return Case("docx-quoted-recommendations", "Recommendation quoted before each answer", "docx", blocks,
                {(2,): "Kent Police has 30 officers in its online child abuse team.",
                 (5,): "Every plan is reviewed after each visit by the offender manager.",
                 (6,): "Families receive a support leaflet from the arresting officer."})


def _grouped_partial() -> Case:
    blocks = [("title", "Essex PFCC response to the inspection"),
              ("p", "This response covers recommendations 1, 5 and 6. The response to recommendation 4 will follow "
                    "once the force’s bail review concludes."),
              ("h", "Recommendation 1"), *quote(1),
              ("p", "Response: Every referral is prioritised with the national tool."),
              ("h", "Recommendations 5 and 6"),
              ("p", "Response: A new offender management policy covers risk plans and support for families."),
              ("h", "Recommendation 2"), ("p", "Response: To follow.")]
    return Case("docx-grouped-and-partial", "Grouped and partial answers", "docx", blocks,
                {(1,): "Every referral is prioritised with the national tool.",
                 (5, 6): "A new offender management policy covers risk plans and support for families."},
                force="essex", deferred=(2, 4),
                foreword=blocks[1][1])


def _labels() -> Case:
    blocks = [("title", "Surrey response to the inspection"),
              ("h", "Recommendation 1"), ("p", "Chief Constable's response: Every referral is prioritised."),
              ("p", "PCC comment: I will review progress at my accountability board."),
              ("h", "Recommendation 2"), ("p", "Update: Four investigators have joined the team."),
              ("h", "Recommendation 4"), ("p", "Progress: Bail conditions are checked weekly."),
              ("h", "Recommendation 5"), ("p", "Action taken/planned: Plans are reviewed after each visit."),
              ("h", "Recommendation 6"), ("p", "Force response: Families receive a support leaflet.")]
    return Case("md-other-labels", "Other label wordings", "md", blocks,
                {(1,): "Every referral is prioritised.\n\nPCC comment: I will review progress at my accountability "
                       "board.",
                 (2,): "Four investigators have joined the team.", (4,): "Bail conditions are checked weekly.",
                 (5,): "Plans are reviewed after each visit.", (6,): "Families receive a support leaflet."})


def _around() -> Case:
    blocks = [("title", "Kent PCC response to the online child abuse inspection"), ("p", "March 2027"),
              ("h", "Foreword"), ("p", "I asked the Chief Constable to respond to each recommendation."),
              ("h", "Recommendation 2"), ("p", "Response: The team now has 30 officers."),
              ("p", "Workloads are reviewed every month."),
              ("h", "Recommendation 5"), ("p", "Response: Plans are reviewed after each visit."),
              ("h", "Conclusion"), ("p", "I am satisfied that the force is making progress."),
              ("p", "Yours sincerely,"), ("p", "A. Example"), ("p", "Police and Crime Commissioner for Kent"),
              ("p", "2 March 2027")]
    return Case("docx-foreword-conclusion-signoff", "Forewords, conclusions and sign-offs", "docx", blocks,
                {(2,): "The team now has 30 officers.\n\nWorkloads are reviewed every month.",
                 (5,): "Plans are reviewed after each visit."},
                foreword="I asked the Chief Constable to respond to each recommendation.", published="2027-03-02")


# --- Other formats ---------------------------------------------------------------------------------

KENT = {
    1: ["Kent Police uses the national tool (see the [NPCC] guidance) for every referral – 100% in 2026.",
        "Intelligence is reviewed every 3 months.",
        "- weekly review meetings;\n- a monthly audit by the #1 team."],
    4: ["Bail conditions are checked weekly. Arrest plans are recorded for every suspect (no exceptions)."],
}


def _gdocs() -> Case:
    blocks = [("title", "Kent PCC response")] + _headed(KENT, label="Force response: ")
    return Case("md-google-docs", "Markdown exported from Google Docs", "md", blocks,
                {(n,): "\n\n".join(p) for n, p in KENT.items()})


def _odt() -> Case:
    blocks = [("title", "Gwent PCC response"), ("p", "This response was agreed with the Chief Constable.")]
    blocks += _headed({n: GWENT[n] for n in (1, 2)}, label="Response: ")
    return Case("odt-headings", "OpenDocument", "odt", blocks, {(n,): "\n\n".join(GWENT[n]) for n in (1, 2)},
                force="gwent", foreword="This response was agreed with the Chief Constable.")


def _html(main: bool) -> Case:
    blocks = [("title", "Our response to the online child abuse inspection"),
              ("p", "The Commissioner has published this response under section 55 of the Police Act 1996.")]
    blocks += _headed({n: KENT[n] for n in (1, 4)}, label="Response: ")
    return Case("html-saved-page" if main else "html-without-main-landmark", "Web pages", "html", blocks,
                {(n,): "\n\n".join(KENT[n]) for n in (1, 4)}, Layout(extra={"main": main}),
                foreword="The Commissioner has published this response under section 55 of the Police Act 1996.",
                exit_code=0 if main else 1, weak=() if main else ("no main content landmark",))


def _scanned(cover: bool) -> Case:
    return Case("pdf-scanned-with-typed-cover" if cover else "pdf-scanned", "Scanned PDFs", "scanned", [], {},
                exit_code=1,
                error="pages 2-3 of 3 have no text layer" if cover else "pages 1-2 of 2 have no text layer",
                scanned={"pages": ["Recommendation 1\nResponse: scanned text", "Recommendation 2\nResponse: more"],
                         "cover": "Kent PCC response (cover page)" if cover else None})


CASES: list[Case] = [
    _pdf_word(), _pdf_two_columns(), _pdf_unknown_hyphen(), _docx_action_plan(), _pdf_action_plan(),
    _docx_numbering(), _docx_tracked(), _letter(), _quoted(), _grouped_partial(), _labels(), _around(),
    _gdocs(), _odt(), _html(True), _html(False), _scanned(False), _scanned(True),
]
