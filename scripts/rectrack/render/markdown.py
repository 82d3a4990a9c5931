"""The one way data text reaches a page: escaped so that it can only ever be literal text.

Every string from a data file is untrusted (a contributor, or an imported PDF, could put
``[x](javascript:...)``, ``<script>`` or ``**bold**`` in it). :func:`md` is the single escaping
function: it HTML-escapes ``& < > " '`` and turns every character that Markdown or one of our
extensions could read as syntax into a numeric character reference.

Why character references rather than backslash escapes: generated pages mix Markdown with HTML
blocks (tables, figures, forms). Inside a raw HTML block Python-Markdown leaves backslashes alone, so
``\\(`` would show a stray backslash there; ``&#40;`` means "(" in Markdown text, in ``md_in_html``
spans, in raw HTML and in attribute values alike. The browser decodes it, and Pagefind indexes the
decoded text.

Everything else here builds *trusted* Markdown (links, quotes, paragraphs) out of :func:`md` output
and validated ids, and returns :class:`markupsafe.Markup` so the template layer knows not to escape
it a second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup

#: Characters Markdown, attr_list, abbr, snippets, tables or the pymdownx inline extensions read as
#: syntax, plus the HTML specials. ``&`` comes first in spirit: it is replaced before anything else
#: can introduce an ampersand.
_SPECIAL = "&<>\"'\\`*_[](){}#+!|~^="
_REFERENCES: dict[str, str | None] = {c: f"&#{ord(c)};" for c in _SPECIAL}
_REFERENCES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
#: Control characters other than tab/newline are dropped. Python-Markdown marks stashed HTML with
#: \x02...\x03, so a data string containing those bytes could otherwise smuggle a placeholder in.
_REFERENCES.update({chr(c): None for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)})
#: Tab and line breaks become spaces (runs of spaces are collapsed afterwards).
_REFERENCES.update({"\t": " ", "\n": " ", "\r": " "})
#: Every character of the table, as one character class (each written \xHH, so no class syntax can leak in).
_ESCAPED = re.compile("[" + "".join(f"\\x{ord(c):02x}" for c in _REFERENCES) + "]")
_REPLACEMENTS = {c: r or "" for c, r in _REFERENCES.items()}
_SPACE_RUNS = re.compile(r" {2,}")
#: What would start an ordered list at the beginning of a line once the text is inline: "12."
#: (a leading "-" bullet is handled directly; "+" and "*" are always escaped).
_LEADING_NUMBER = re.compile(r"^(\d+)\.")
_BULLET = re.compile(r"^\s*- ")


def _replacement(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def md(text: object) -> str:
    """Escape ``text`` into inline Markdown/HTML that renders exactly as the literal characters.

    Whitespace runs (including newlines) become one space, so the result is a single line that
    cannot open a heading, list, quote, table or code block wherever a template puts it.
    """
    if text is None:
        return ""
    return _escape(text if type(text) is str else str(text))


#: The marks around a block of finished HTML (a table, a quotation) that the engine passes through as
#: it is, unparsed (``rectrack.site.raw_blocks``). Data text cannot make them: ``md`` escapes ``<``.
RAW_START = "<!--rt-raw-->"
RAW_END = "<!--/rt-raw-->"


def raw_block(html: str) -> Markup:
    """Finished HTML the engine must not parse: Python-Markdown otherwise runs Python's HTML parser over
    every raw block to find where it ends (60% of a large build's MkDocs time), only to pass it through."""
    return Markup(f"{RAW_START}{html}{RAW_END}")


#: Distinct texts kept escaped: md() runs for every value on every page (2.4 million calls at 8,000
#: pages), and 96% of the calls repeat a text already seen (names, labels, titles), so each is
#: escaped once. Bounded, as ``rectrack serve`` keeps one process across many builds.
@lru_cache(maxsize=65_536)
def _escape(text: str) -> str:
    """One substitution does the escaping, dropping and spacing. The characters it replaces are rare
    in prose, so a regular expression that visits only them is about three times faster than
    ``str.translate``, which looks up every character."""
    escaped = _ESCAPED.sub(_replacement, text)
    if "  " in escaped:
        escaped = _SPACE_RUNS.sub(" ", escaped)
    escaped = escaped.strip()
    if escaped[:1] == "-":
        return "&#45;" + escaped[1:]
    if escaped[:1].isdigit():
        return _LEADING_NUMBER.sub(r"\1&#46;", escaped, count=1)
    return escaped


def blocks(text: str | None) -> list[str | list[str]]:
    """Split verbatim text into paragraphs (blank-line separated) and bullet lists ("- " lines).

    Returns each paragraph as a string and each list as a list of item strings, unescaped: the
    callers escape every piece with :func:`md`.
    """
    result: list[str | list[str]] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        prose: list[str] = []
        items: list[str] = []
        for line in chunk.splitlines():
            if _BULLET.match(line):
                if prose:
                    result.append(" ".join(prose))
                    prose = []
                items.append(_BULLET.sub("", line, count=1))
            elif items and line.startswith((" ", "\t")):
                items[-1] += " " + line.strip()  # a wrapped bullet continues the item
            else:
                if items:
                    result.append(items)
                    items = []
                if line.strip():
                    prose.append(line.strip())
        if prose:
            result.append(" ".join(prose))
        if items:
            result.append(items)
    return result


def paragraphs(text: str | None) -> Markup:
    """Multi-paragraph verbatim text as HTML: ``<p>`` per paragraph, ``<ul>`` per bullet list, all escaped.

    HTML rather than Markdown so a quote is one raw block the engine passes through unparsed.
    """
    out = []
    for block in blocks(text):
        if isinstance(block, list):
            out.append("<ul>" + "".join(f"<li>{md(item)}</li>" for item in block) + "</ul>")
        else:
            out.append(f"<p>{md(block)}</p>")
    return Markup("\n".join(out))


def quote(text: str | None, source: str, *, css: str = "rt-quote", context: str | None = None) -> Markup:
    """Verbatim text as a labelled quotation: a ``<figure>`` whose caption says where it is from.

    The label is visible text, so a screen reader user hears that the words are quoted, not ours.
    ``source`` is trusted markup (our words around escaped names); ``context`` (trusted markup too) is
    the link to the passage in the copy of the document, or the words saying no copy is kept
    (:meth:`rectrack.render.urls.Linker.passage`).
    """
    return _figure(paragraphs(text), source, css, context)


def quote_list(lead: str, items: Iterable[str], source: str, *, context: str | None = None) -> Markup:
    """A verbatim lead-in sentence and its verbatim bullets (a recommendation) as one quotation."""
    bullets = "".join(f"<li>{md(item)}</li>" for item in items)
    body = f"<p>{md(lead)}</p>" + (f"\n<ul>{bullets}</ul>" if bullets else "")
    return _figure(Markup(body), source, "rt-quote", context)


def inline_quote(text: str, context: str) -> Markup:
    """A short verbatim quote in a sentence or a table cell: in quotation marks, then its ``context`` link."""
    return Markup(f'<span class="rt-cited"><span class="rt-quoted">“{md(text)}”</span> {context}</span>')


def md_run(text: object) -> str:
    """Escape a run of text that sits between others on one line: as :func:`md`, but its edges kept.

    ``md`` strips the text and guards a leading "-" or "1." (which would start a list at the start of
    a line); a run inside a line (a word in bold, a link's text) needs neither, but must keep the
    spaces that separate it from its neighbours.
    """
    if text is None:
        return ""
    escaped = _ESCAPED.sub(_replacement, str(text))
    return _SPACE_RUNS.sub(" ", escaped) if "  " in escaped else escaped


def _figure(body: str, source: str, css: str, context: str | None = None) -> Markup:
    """The quotation's figure. Its caption is never indexed for search: "Quoted from the first comments
    by ..." under every answer would put the same words in the index once per answer (hundreds of
    thousands of times in a national tracker), making every search for them slower to download and no
    better at finding anything."""
    caption = f"{source}. {context}" if context else source
    return raw_block(f'<figure class="{css}">\n<blockquote>\n{body}\n</blockquote>\n'
                     f'<figcaption data-pagefind-ignore>{caption}</figcaption>\n</figure>')
