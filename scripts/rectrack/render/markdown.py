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

import posixpath
import re
from collections.abc import Iterable

from markupsafe import Markup

#: Characters Markdown, attr_list, abbr, snippets, tables or the pymdownx inline extensions read as
#: syntax, plus the HTML specials. ``&`` comes first in spirit: it is replaced before anything else
#: can introduce an ampersand.
_SPECIAL = "&<>\"'\\`*_[](){}#+!|~^="
_REFERENCES = {c: f"&#{ord(c)};" for c in _SPECIAL}
_REFERENCES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_TABLE = str.maketrans(_REFERENCES)

#: Control characters other than tab/newline. Python-Markdown marks stashed HTML with \x02...\x03,
#: so a data string containing those bytes could otherwise smuggle a placeholder in.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\n]+")
#: What would start a block construct at the beginning of a line once the text is inline:
#: a list bullet "-", or an ordered-list number "12." ("+" and "*" are always escaped).
_LEADING_DASH = re.compile(r"^-")
_LEADING_NUMBER = re.compile(r"^(\d+)\.")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_BULLET = re.compile(r"^\s*- ")


def md(text: object) -> str:
    """Escape ``text`` into inline Markdown/HTML that renders exactly as the literal characters.

    Whitespace runs (including newlines) become one space, so the result is a single line that
    cannot open a heading, list, quote, table or code block wherever a template puts it.
    """
    if text is None:
        return ""
    plain = _CONTROL.sub("", str(text))
    plain = _SPACES.sub(" ", plain).strip()
    escaped = plain.translate(_TABLE)
    escaped = _LEADING_DASH.sub("&#45;", escaped)
    return _LEADING_NUMBER.sub(r"\1&#46;", escaped)


def safe(text: str) -> Markup:
    """Mark Markdown that *this package* wrote (never data text) as already safe."""
    return Markup(text)


def check_slug(value: str) -> str:
    """Refuse anything but a validated id before it becomes part of a path or URL."""
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(f"not a slug, refusing to build a link from it: {value!r}")
    return value


def relative(target: str, here: str) -> str:
    """The link from page ``here`` to page ``target`` (both paths under the docs dir, '.md' files).

    MkDocs resolves and validates Markdown links relative to the source file, so links are to .md
    files and ``mkdocs build --strict`` catches any that break.
    """
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def link(text: object, target: str, here: str) -> Markup:
    """A Markdown link with escaped text to a generated page (``target`` built from slugs only)."""
    return Markup(f"[{md(text)}]({relative(target, here)})")


def external_link(text: object, url: str) -> Markup:
    """An inline HTML link to a source document on another site (a response's published URL).

    The schema allows only http(s) URLs; the scheme is checked again here because this is the one
    place a data string becomes an href. Inline HTML (not ``[..](..)``) so the escaped URL survives:
    the browser decodes the character references inside the attribute.
    """
    if not re.match(r"^https?://[^\s]+$", url or "", re.IGNORECASE):
        return Markup(md(text))
    return Markup(f'<a href="{md(url)}" rel="external">{md(text)}</a>')


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
    """Multi-paragraph verbatim text as Markdown blocks: each paragraph and each bullet escaped."""
    out = []
    for block in blocks(text):
        if isinstance(block, list):
            out.append("\n".join(f"- {md(item)}" for item in block))
        else:
            out.append(md(block))
    return Markup("\n\n".join(out))


def quote(text: str | None, source: str, *, css: str = "rt-quote") -> Markup:
    """Verbatim text as a labelled quotation: a ``<figure>`` whose caption says where it is from.

    The label is visible text, so a screen reader user hears that the words are quoted, not ours.
    """
    return Markup(
        f'<figure class="{css}" markdown="1">\n<blockquote markdown="1">\n\n{paragraphs(text)}\n\n'
        f'</blockquote>\n<figcaption markdown="span">{source}</figcaption>\n</figure>'
    )


def quote_list(lead: str, items: Iterable[str], source: str) -> Markup:
    """A verbatim lead-in sentence and its verbatim bullets (a recommendation) as one quotation."""
    bullets = "\n".join(f"- {md(item)}" for item in items)
    body = md(lead) + (f"\n\n{bullets}" if bullets else "")
    return Markup(
        f'<figure class="rt-quote" markdown="1">\n<blockquote markdown="1">\n\n{body}\n\n'
        f'</blockquote>\n<figcaption markdown="span">{source}</figcaption>\n</figure>'
    )
