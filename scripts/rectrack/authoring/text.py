"""Text rules shared by every reader: joining wrapped lines, list markers, Markdown markup.

Each rule removes presentation only. The output goes into VERBATIM fields, so nothing here may
change a word: a rule that cannot tell layout from wording leaves the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Bullet glyphs: the usual Unicode ones, and the private-use code points that Word's Symbol and
#: Wingdings fonts put in a PDF's text layer (U+F0B7 is Symbol's bullet, U+F0A7 Wingdings' square...).
BULLET_CHARS = "-*+•▪◦‣●○■□◆◇➢➤►✓✔❖" + "".join(chr(c) for c in (
    0xF0B7, 0xF0A7, 0xF076, 0xF0D8, 0xF0FC, 0xF0A8, 0xF06E, 0xF0E0, 0xF0D9, 0xF0F0, 0xF0FE, 0xF0B2, 0xF0A4,
))
_BULLET = re.compile(rf"^[ \t]*[{re.escape(BULLET_CHARS)}][ \t]+")
#: A bullet glyph from a symbol font may be followed directly by the text, with no space.
_PUA_BULLET = re.compile(r"^[ \t]*[\uf000-\uf0ff][ \t]*")
_NUMBERED = re.compile(r"^[ \t]*(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)][ \t]+")


def is_private_use(char: str) -> bool:
    return "\ue000" <= char <= "\uf8ff"


def bullet_item(line: str) -> str | None:
    """The item text if ``line`` starts with a bullet glyph, else None."""
    match = _BULLET.match(line) or _PUA_BULLET.match(line)
    return line[match.end():].strip() if match else None


def is_numbered_item(line: str) -> bool:
    return bool(_NUMBERED.match(line))


def reflow(lines: Iterable[str]) -> str:
    """Join hard-wrapped lines into one line each, keeping list items as separate lines.

    A line break inside a paragraph is layout, not wording (Markdown, PDF and Word's soft breaks all
    render it as a space), but a bullet list's lines are structure and must survive.
    """
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        item = bullet_item(raw)
        if item is not None:
            out.append("- " + item)
        elif is_numbered_item(raw):
            out.append(line)  # "1. ..." / "a) ...": a numbered list keeps its own lines and numbers
        elif out:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# --- Markdown ------------------------------------------------------------------------------------

# A Markdown link or image: [text](url "title"). The url may contain one level of parentheses.
_LINK = re.compile(r"!?\[((?:[^\]])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
#: CommonMark: any ASCII punctuation character may be backslash-escaped. Google Docs' Markdown
#: export escapes liberally ("1\.", "\-", "\(NPCC\)"), and the backslashes are not wording.
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
                     r"|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_HTML_EMPHASIS = re.compile(r"</?(?:b|strong|i|em|u)>", re.IGNORECASE)
_ENTITIES = {"&nbsp;": "\u00a0", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
#: Escaped characters are set aside in a private plane while markup is removed, so that "\*\*" is
#: never taken for bold, then put back as the plain characters.
_HIDE = 0x100000


def clean_markup(text: str) -> str:
    """Remove Markdown link and emphasis markup and backslash escapes, keeping every other character.

    ``[National Police Chiefs' Council \\(NPCC\\)](#)`` becomes ``National Police Chiefs' Council (NPCC)``.
    """
    text = _ESCAPE.sub(lambda m: chr(_HIDE + ord(m.group(1))), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _BOLD.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _HTML_EMPHASIS.sub("", text)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return "".join(chr(ord(c) - _HIDE) if ord(c) >= _HIDE else c for c in text)


def all_bold(text: str) -> bool:
    """True for a paragraph that is one bold span: ``**Recommendation 4**`` or ``__Update__``."""
    stripped = text.strip()
    for mark in ("**", "__"):
        inner = stripped[2:-2]
        if stripped.startswith(mark) and stripped.endswith(mark) and inner.strip() and mark not in inner:
            return True
    return False


# --- Hyphenation at line ends --------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def vocabulary(texts: Iterable[str]) -> set[str]:
    """Every word and hyphenated compound in ``texts``, lower case: the evidence for hyphenation."""
    words: set[str] = set()
    for text in texts:
        for match in re.finditer(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*", text):
            token = match.group(0).casefold()
            words.add(token)
    return words


def split_word(before: str, after: str) -> tuple[str, str] | None:
    """The two halves of a word hyphenated across a line end, or None if this is not one."""
    left = re.search(r"([A-Za-z]+)-$", before)
    right = re.match(r"([a-z][A-Za-z]*)", after)
    if left is None or right is None:
        return None
    return left.group(1), right.group(1)
