"""A Python-Markdown extension: blocks of finished HTML pass through the engine unparsed.

Python-Markdown finds where each raw HTML block ends by running Python's HTML parser over the whole
page, every tag of every table row included, and then passes the block through unchanged. On a large
tracker that was 60% of MkDocs' time (cProfile of a 12-report set: 15.9 of 26.5 s CPU in
``html.parser``), and it grows with the size of the pages. The renderer knows which blocks are finished
HTML (tables, quotations, facts, filter forms, pagers, links to more: ``rectrack.render.markdown.raw_block``
and the templates' ``raw`` filter) and marks them; this extension stores
each marked block in Python-Markdown's own stash before the HTML parser runs, leaving the stash's
placeholder in its place, exactly as Python-Markdown does for the raw blocks it finds itself. So the
page comes out the same, and only the rest of the page is parsed.

A marked block inside another (a quotation in a table cell) goes with the outer one. A mark without
its partner is left as it is: the HTML comment it is stays in the page, harmless, and the page is
parsed as before.

The extension also gives Python-Markdown's first step, its whitespace clean-up, a faster pattern for the
same substitution. That step runs over the whole page, finished HTML included, and its pattern
``(?<=\n) +\n`` (a line of spaces becomes empty) tries a look-behind at every character: 14 ms for a
550 KB page, against 0.7 ms for ``\n +(?=\n)``, which starts with a plain character the regex engine
searches for. Both replace exactly the same lines (``tests/test_raw_blocks.py`` compares them).
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown, util
from markdown.preprocessors import NormalizeWhitespace, Preprocessor

from rectrack.render.markdown import RAW_END, RAW_START

#: Python-Markdown's whitespace clean-up runs at 30 and its raw HTML parser at 20: in between.
_PRIORITY = 25


class _StashMarked(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if RAW_START not in text:
            return lines
        out: list[str] = []
        done = 0
        for start, end in _outermost(text):
            inner = text[start + len(RAW_START):end - len(RAW_END)]
            out += [text[done:start], self.md.htmlStash.store(inner.replace(RAW_START, "").replace(RAW_END, ""))]
            done = end
        out.append(text[done:])
        return "".join(out).split("\n")


def _outermost(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost marked block, marks included; none if the marks do not pair up."""
    spans: list[tuple[int, int]] = []
    depth, opened, at = 0, 0, 0
    while True:
        start, end = text.find(RAW_START, at), text.find(RAW_END, at)
        if start < 0 and end < 0:
            return spans if depth == 0 else []
        if start >= 0 and (end < 0 or start < end):
            if depth == 0:
                opened = start
            depth, at = depth + 1, start + len(RAW_START)
        else:
            if depth == 0:
                return []
            depth, at = depth - 1, end + len(RAW_END)
            if depth == 0:
                spans.append((opened, at))


#: Python-Markdown's own name and priority for its whitespace clean-up (``markdown.preprocessors``).
_WHITESPACE, _WHITESPACE_PRIORITY = "normalize_whitespace", 30
#: A line of spaces alone, with the line break before it: Python-Markdown's ``(?<=\n) +\n``, matched from its
#: first character instead of behind it.
SPACES_LINE = re.compile(r"\n +(?=\n)")


class _NormalizeWhitespace(NormalizeWhitespace):
    """Python-Markdown's ``NormalizeWhitespace.run`` (3.x), step for step, with :data:`SPACES_LINE`."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        return SPACES_LINE.sub("\n", source).split("\n")


class RawBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_StashMarked(md), "rectrack_raw_blocks", _PRIORITY)
        if _WHITESPACE in md.preprocessors and type(md.preprocessors[_WHITESPACE]) is NormalizeWhitespace:
            md.preprocessors.register(_NormalizeWhitespace(md), _WHITESPACE, _WHITESPACE_PRIORITY)


def makeExtension(**kwargs: object) -> RawBlocks:  # noqa: N802 (the name Python-Markdown looks for)
    return RawBlocks(**kwargs)
