"""The wordings response documents use, one table: labels, headings, sign-offs, dates, deferrals.

Every pattern is matched case-insensitively against a whole paragraph (or its start), and each
is written as narrowly as the documents allow: a pattern that fires on ordinary prose would move
text silently, which is the one thing the importer must never do.
"""

from __future__ import annotations

import re
from datetime import date

_NUMBERS = r"\d{1,3}(?:\s*(?:,|&|and|to|-|–|—|/)\s*(?:and\s+)?\d{1,3})*"
_WHO = (r"(?:(?:the\s+)?(?:force|chief\s+constable(?:['’]s)?|pcc(?:['’]s)?|pfcc(?:['’]s)?|opcc|"
        r"(?:police(?:,?\s+fire)?\s+(?:and|&)\s+crime\s+)?commissioner(?:['’]s)?|constabulary|mayor(?:['’]s)?)\s+)?")

#: The labels that introduce a response's text, as printed (colon required).
LABEL = re.compile(
    rf"^(?P<label>{_WHO}(?:actions?\s+(?:planned|taken)(?:\s*(?:/|&|and|or)\s*(?:planned|taken))?"
    r"|responses?|comments?|update|progress(?:\s+update)?|current\s+position|action\s+plan))\s*:[ \t]*",
    re.IGNORECASE,
)
#: "Recommendation 4", "Recommendations 15 and 16", "Recommendation 4: title", and a heading that a
#: PDF merged with its next line: "Recommendation 4 By 31 October 2026, forces should:".
HEADING = re.compile(
    rf"^recommendations?\s+(?:no\.?\s*)?(?P<numbers>{_NUMBERS})(?:\s*\([^)]*\))?"
    r"(?:\s*[:.\-–—]\s*(?P<rest>.*)|\s+(?P<merged>[A-Z‘“\"'].*)|\s*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A letter's way of naming the recommendation a paragraph answers.
LEAD = re.compile(
    r"^(?:(?:in\s+(?:response|answer|reply|relation|reference|respect)\s+to|regarding|with\s+(?:regard|respect|"
    r"reference)\s+to|turning\s+to|as\s+(?:for|regards)|concerning|on|for)\s+(?:hmicfrs['’]?s?\s+)?"
    rf"recommendations?\s+(?P<numbers>{_NUMBERS})\b"
    rf"|recommendations?\s+(?P<numbers2>{_NUMBERS})\s*(?:,\s*which\s+)?(?:asks|calls|requires|recommends|"
    r"is|are|was|were|has|have|states|says|relates|concerns|seeks)\b)",
    re.IGNORECASE,
)
#: Numbers named anywhere in a sentence ("responses to recommendations 7 and 8 will follow").
MENTION = re.compile(rf"recommendations?\s+(?P<numbers>{_NUMBERS})", re.IGNORECASE)
DEFERRAL = re.compile(
    r"\b(?:will\s+follow|to\s+follow|(?:will|shall)\s+be\s+(?:provided|published|sent|shared|given|set\s+out|"
    r"submitted)\s+(?:later|separately|in\s+due\s+course|once|when|by|after)|in\s+due\s+course|at\s+a\s+later\s+date|"
    r"(?:will|shall)\s+respond\s+(?:to\s+(?:this|these|it|recommendations?[\s\d,&and]*)\s*)?(?:separately|later|"
    r"in\s+due\s+course|once|when|by|after)|not\s+yet\s+(?:able|in\s+a\s+position)\s+to\s+respond)",
    re.IGNORECASE,
)
SIGNOFF = re.compile(r"^(?:yours\s+(?:sincerely|faithfully|truly)|(?:kind|best|warm|with\s+kind)\s+regards|"
                     r"(?:with\s+)?(?:best|kind)\s+wishes|signed|signature)\b[,.:]?", re.IGNORECASE)
ROLE = re.compile(r"\b(?:police(?:,?\s+fire)?\s+(?:and|&)\s+crime\s+commissioner|commissioner|pcc|pfcc|"
                  r"chief\s+constable|mayor|chief\s+executive|chief\s+officer)\b", re.IGNORECASE)
SALUTATION = re.compile(r"^dear\s+\S", re.IGNORECASE)
CONCLUSION = re.compile(r"^(?:conclusions?|concluding\s+(?:remarks|comments)|closing\s+(?:remarks|comments|statement)|"
                        r"final\s+(?:remarks|comments|thoughts)|in\s+conclusion|next\s+steps)\s*:?$", re.IGNORECASE)
#: A paragraph that opens like this closes a document rather than answering a recommendation.
CLOSING = re.compile(r"^(?:in\s+conclusion|to\s+conclude|in\s+summary|in\s+closing|finally,\s+I\b|overall,\s+I\b|"
                     r"I\s+(?:will|shall)\s+continue|I\s+look\s+forward|I\s+hope|I\s+trust|thank\s+you)", re.IGNORECASE)
FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|my|me|myself)(?![\w'’])")
INTRODUCTION = re.compile(r"^(?:foreword|introduction|background|overview|preface|executive\s+summary|summary|"
                          r"(?:(?:the\s+)?(?:commissioner|pcc|chief\s+constable)['’]s\s+)?(?:foreword|introduction|"
                          r"statement))\s*:?$", re.IGNORECASE)

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH = "|".join(_MONTHS + [m[:3] for m in _MONTHS] + ["sept"])
DATE = re.compile(
    r"^(?:(?:date|dated|published|issued|date\s+of\s+publication)\s*:?\s*)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\.?$",
    re.IGNORECASE,
)


def numbers(text: str) -> tuple[int, ...]:
    """"15 and 16" -> (15, 16); "3 to 5" -> (3, 4, 5); "1, 2 & 4" -> (1, 2, 4)."""
    out: list[int] = []
    for match in re.finditer(r"(\d{1,3})(?:\s*(?:to|-|–|—)\s*(\d{1,3}))?", text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first or last - first > 50:
            last = first
        out += [n for n in range(first, last + 1) if n not in out]
    return tuple(out)


def parse_date(text: str) -> tuple[str | None, str] | None:
    """(ISO date or None when only month and year are printed, text as printed) for a date-only paragraph."""
    match = DATE.match(" ".join(text.split()))
    if match is None:
        return None
    month_name = match.group("month").casefold()[:3]
    month = next(i for i, m in enumerate(_MONTHS, start=1) if m.startswith(month_name))
    year = int(match.group("year"))
    if match.group("day") is None:
        return None, text.strip()
    try:
        return date(year, month, int(match.group("day"))).isoformat(), text.strip()
    except ValueError:
        return None
