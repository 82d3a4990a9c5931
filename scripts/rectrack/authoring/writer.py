"""Write a response document's file as YAML text that people edit by hand afterwards.

The layout is fixed and written here line by line, so that every generated file looks the same,
keeps the recommendation's wording as a comment where the editor needs it, and diffs cleanly. Each
*value* is emitted by PyYAML's own emitter, never by string formatting: PyYAML knows exactly when
"yes", "2026-10-31", "012", ": " or "#" need quoting, and when a literal block cannot hold a string.
The one promise this module makes is that ``yaml.safe_load`` gives back exactly the values given.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml

from rectrack.data.model import Recommendation

#: First line of every response file (three folders down: force_responses/REPORT/OWNER.yaml): editors'
#: YAML plugins validate against the schema as they type.
SCHEMA_POINTER = "# yaml-language-server: $schema=../../../schemas/response.schema.json"
NOT_STATED = "not-stated"
_COMMENT_WIDTH = 100


@dataclass(frozen=True)
class DraftEntry:
    """One response entry to write; an import or a scaffold has not judged implementation yet."""

    #: The recommendation answered (its number), or several when one answer was given for all of them.
    recommendations: tuple[int | str, ...]
    action: str
    implementation: str = NOT_STATED
    evidence: str | None = None
    note: str | None = None
    #: What the document's own columns say, verbatim: (("status", "Green"), ("lead", "DCI Smith")).
    as_printed: tuple[tuple[str, str], ...] = ()
    #: Extra comment lines above the entry.
    remarks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseDraft:
    """The content of a response document's file, in the order the file presents it."""

    owner: str
    report: str
    author: str
    source_title: str
    kind: str = "first-comments"
    foreword: str | None = None
    published: str | None = None
    source_url: str | None = None
    source_document: str | None = None
    responses: tuple[DraftEntry, ...] = ()


def render_response(
    draft: ResponseDraft, recommendations: Sequence[Recommendation], header: Iterable[str] = ()
) -> str:
    """The complete file text: schema pointer, ``header`` comment lines, then the fields.

    ``recommendations`` supplies the wording shown as a comment above each entry; an entry whose
    number is not among them is written without one.
    """
    by_number = {rec.local: rec for rec in recommendations}
    lines = [SCHEMA_POINTER]
    lines += comment_lines(header, indent=0)
    lines += [
        _field("owner", draft.owner, 0),
        _field("report", draft.report, 0),
        _field("kind", draft.kind, 0),
        _field("author", draft.author, 0, text=True),
        _field("published", draft.published, 0),
        "source:",
        _field("title", draft.source_title, 2, text=True),
        _field("url", draft.source_url, 2),
        _field("document", draft.source_document, 2),
        _field("foreword", draft.foreword, 0, text=True),
    ]
    if not draft.responses:
        lines.append("responses: []")
    else:
        lines.append("responses:")
    for entry in draft.responses:
        for number in entry.recommendations:
            rec = by_number.get(str(number))
            if rec is not None:
                lines += comment_lines(recommendation_comment(rec), indent=2)
        lines += comment_lines(entry.remarks, indent=2)
        numbers = entry.recommendations
        which = scalar(numbers[0]) if len(numbers) == 1 else "[" + ", ".join(scalar(n) for n in numbers) + "]"
        lines += [
            f"  - recommendation: {which}",
            _field("action", entry.action, 4, text=True),
            _field("implementation", entry.implementation, 4),
            _field("evidence", entry.evidence, 4, text=True),
            _field("note", entry.note, 4, text=True),
        ]
        if entry.as_printed:
            lines.append("    as_printed:")
            lines += [_field(key, value, 6, text=True) for key, value in entry.as_printed]
        else:
            lines.append("    as_printed: null")
    return "\n".join(lines) + "\n"


def recommendation_comment(rec: Recommendation) -> list[str]:
    """The recommendation as printed (lead-in, then its bullets), for an editor to read beside the answer."""
    lines = [f"Recommendation {rec.local}: {rec.text}"]
    lines += [f"- {action}" for action in rec.actions]
    return lines


def comment_lines(lines: Iterable[str], indent: int) -> list[str]:
    """``#`` comment lines, wrapped for reading; bullets keep a hanging indent."""
    out: list[str] = []
    prefix = " " * indent + "# "
    for line in lines:
        line = _comment_safe(line)
        if not line.strip():
            out.append(prefix.rstrip())
            continue
        hanging = "  " if line.startswith("- ") else ""
        wrapped = textwrap.wrap(
            line, width=max(_COMMENT_WIDTH - len(prefix), 40), subsequent_indent=hanging,
            break_long_words=False, break_on_hyphens=False,
        )
        out += [prefix + part for part in wrapped]
    return out


def _comment_safe(line: str) -> str:
    # YAML ends a comment at any line break (including U+2028 and U+0085) and rejects non-printable
    # characters anywhere, so a comment must not carry them: the rest would be parsed as data.
    return re.sub(r"[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]", " ", line)


def _field(key: str, value: str | int | None, indent: int, *, text: bool = False) -> str:
    """``key: value`` at ``indent`` spaces, the value from :func:`scalar`."""
    return f"{' ' * indent}{key}: {scalar(value, indent, text=text)}"


# --- Scalars ---------------------------------------------------------------------------------------


class _Literal(str):
    """A string to write as a literal block (``|``), if YAML can hold it in one."""


class _Quoted(str):
    """A string to write double-quoted, the style that can hold any character."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="|"))
_Dumper.add_representer(_Quoted, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style='"'))

#: Characters YAML treats as line breaks. In a literal block each is read back as "\n" (or kept
#: as a break), so only "\n" may appear in one.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
#: Strings that may be left unquoted (ids, enum values) if PyYAML agrees. Starting with a letter rules
#: out what YAML 1.2 readers, such as editors' schema plugins, would take for a number ("1e3", "0o12",
#: ".inf") although PyYAML's YAML 1.1 would not; PyYAML itself still quotes "yes", "null" and the like.
_PLAIN_CANDIDATE = re.compile(r"[A-Za-z][A-Za-z0-9_./-]*")


def scalar(value: str | int | bool | None, indent: int = 0, *, text: bool = False) -> str:
    """The YAML for ``value`` as it appears after ``key: `` in a mapping indented by ``indent``.

    Multi-line strings become literal blocks; ``text=True`` asks for double quotes on one-line
    strings (how the house data files write prose). Otherwise an id-like string stays plain unless
    PyYAML sees it could be misread ("yes", "null"), and anything else ("012", "2026-10-31",
    "a: b", "1e3") is double-quoted.
    """
    if value is None or isinstance(value, (bool, int)):
        data: object = value
    elif "\n" in value and not _OTHER_BREAKS.search(value):
        data = _Literal(value)
    elif text or _OTHER_BREAKS.search(value) or not _PLAIN_CANDIDATE.fullmatch(value):
        data = _Quoted(value)
    else:
        data = str(value)
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, width=float("inf"), sort_keys=False)
    lines = dumped.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines and lines[-1] == "...":  # document end marker after an open-ended top-level scalar
        lines.pop()
    # PyYAML indents a top-level block's content relative to column 0; under a key at ``indent`` the
    # same content (and any indentation indicator, which is relative) must move right by ``indent``.
    shift = " " * indent
    return "\n".join([lines[0]] + [shift + line if line else line for line in lines[1:]])
