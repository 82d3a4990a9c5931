"""Read one YAML data file strictly, keeping the line and column of every value.

Why not ``yaml.safe_load``: it accepts duplicate keys silently (the last one wins), applies YAML 1.1
typing (``no`` becomes False, ``012`` becomes 10, ``2026-10-31`` becomes a date object) and drops the
positions people need in error messages. Here PyYAML only *composes* the node graph; values are built by
a small resolver in which only ``true``/``false``, ``null``/``~``/empty, and plain decimal numbers are
typed, and everything else stays the text the person wrote. The JSON Schema then says whether that
text is acceptable, with the position of the node.

Every failure is returned as :class:`~rectrack.data.problems.Problem` objects: a broken file never raises.
"""

from __future__ import annotations

import math
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rectrack.data.problems import Code, Problem

try:  # the C composer is several times faster and behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Data files are hand-written text; anything larger is a mistake or an attack.
MAX_FILE_BYTES = 2_000_000
#: Nesting deeper than this is never legitimate in Rectrack data and protects the recursion below.
MAX_DEPTH = 40

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STD_TAG = "tag:yaml.org,2002:"

Path_ = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """A parsed file: plain Python values plus where each value (and each key) was written."""

    path: Path
    display: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The closest known position for ``path``: walk up to the parent when the value is missing."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


def load_file(path: Path, display: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Parse ``path``; on failure return ``None`` and the problems, never an exception."""
    def problem(code: Code, message: str, hint: str, line: int = 1, column: int = 1) -> Problem:
        return Problem(display, line, column, code, message, hint)

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a folder, or a pipe or device that would block or never end
            return None, [problem(Code.UNREADABLE_FILE, "this is not an ordinary file (a folder, pipe or device)",
                                  "replace it with the YAML text file it should be")]
        size = status.st_size
        if size <= MAX_FILE_BYTES:
            with path.open("rb") as stream:  # bounded: the file may grow between stat() and read()
                raw = stream.read(MAX_FILE_BYTES + 1)
            size = max(size, len(raw))
        if size > MAX_FILE_BYTES:
            return None, [problem(Code.FILE_TOO_LARGE, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                                  "a data file holds text typed by people: check that the right file was saved here")]
    except OSError as exc:
        return None, [problem(Code.UNREADABLE_FILE, f"cannot read the file ({exc.strerror or exc})",
                              "check the file exists and you have permission to read it")]
    if _utf16(raw):
        return None, [problem(Code.NOT_UTF8, "the file is UTF-16 text (what Windows Notepad calls 'Unicode'), "
                              "not UTF-8", "save it as UTF-8: in Notepad, File > Save As, Encoding: UTF-8")]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [problem(Code.BINARY_FILE, "the file contains binary data (NUL bytes), not YAML text",
                              "save the file as plain text (UTF-8) from your editor", line)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [problem(Code.NOT_UTF8, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                              "save the file with UTF-8 encoding (in Word or Excel exports choose 'UTF-8')",
                              line, column)]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [problem(Code.EMPTY_FILE, "the file is empty (or holds only comments)",
                              "fill in the fields; `rectrack new-response FORCE` writes a template")]
    odd = _YAML11_BREAK.search(text)
    if odd:
        line, column = _line_column(text, odd.start())
        return None, [problem(Code.YAML_SYNTAX, f"invisible character U+{ord(odd.group()):04X} would be read as a "
                              "line break (YAML 1.1), silently changing the text around it",
                              "replace it with a space or an ordinary line break; it usually comes from text "
                              "pasted from Word or a PDF", line, column)]
    indent = _ODD_INDENT.search(text)
    if indent:
        line, column = _line_column(text, indent.start(1))
        space = indent.group(1)
        return None, [problem(Code.YAML_SYNTAX, f"a {_space_name(space)} (U+{ord(space):04X}) is used as "
                              "indentation; YAML indents only with ordinary spaces, so the line would be read as text",
                              "replace it with an ordinary space; it usually comes from text pasted from Word, a "
                              "PDF or a web page", line, column)]
    try:
        early = _prescan(text, display)
        if early:
            return None, early
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, display)]
    except yaml.YAMLError as exc:
        bad = _NOT_PRINTABLE.search(text)
        line, column = _line_column(text, bad.start()) if bad else (1, 1)
        hint = ("remove the invisible control character: retype the text or paste it as plain text" if bad
                else "check indentation and quoting")
        return None, [problem(Code.YAML_SYNTAX, f"YAML syntax error: {exc}".split("\n")[0], hint, line, column)]
    except RecursionError:
        return None, [problem(Code.TOO_DEEP, "the file is nested too deeply to be a Rectrack data file",
                              "check for runaway brackets")]
    if root is None:  # only whitespace YAML sees as line breaks (e.g. U+2028) but Python did not strip
        return None, [problem(Code.EMPTY_FILE, "the file is empty (or holds only comments)",
                              "fill in the fields; `rectrack new-response FORCE` writes a template")]
    builder = _Builder(display)
    data = builder.build(root, (), 0)
    loaded = LoadedFile(path, display, data, builder.positions, builder.key_positions)
    if builder.problems:
        return (None if any(p.code in _FATAL for p in builder.problems) else loaded), builder.problems
    return loaded, []


_FATAL = {Code.ALIAS, Code.TOO_DEEP, Code.DUPLICATE_KEY, Code.COMPLEX_KEY, Code.UNSUPPORTED_TAG}
#: Characters YAML refuses (its reader error gives no line): found here to point at them.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


#: A line whose indentation holds a space character other than the ordinary one (no-break, en, em,
#: thin, ideographic...): YAML does not see it as indentation but as the start of the text.
_ODD_INDENT = re.compile("^[ \t]*([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff])", re.MULTILINE)


def _space_name(char: str) -> str:
    return "non-breaking space" if char in "\u00a0\u202f" else unicodedata.name(char, "space character").lower()


def _utf16(raw: bytes) -> bool:
    """UTF-16 text: a byte-order mark, or (without one) ASCII characters each followed or led by a NUL."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:200]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return (not any(odd) and all(even)) or (not any(even) and all(odd))


def visible(text: str, ascii_only: bool = False) -> str:
    """``text`` with every invisible character (and, with ``ascii_only``, every non-ASCII one) written
    as ``\\uXXXX``, so that a message shows what the file holds: ``'k\\u0435nt'``, ``'ke\\u200bnt'``.

    ``ascii_only`` is for values that can only be ASCII (ids, dates, file names, field names), where
    a letter from another alphabet is a look-alike that would otherwise print as the letter it imitates.
    """
    return "".join(_escape(ch) if _invisible(ch) or (ascii_only and ord(ch) > 0x7E) else ch for ch in text)


def odd_characters_hint(text: str, hint: str) -> str:
    """``hint``, preceded by the names of the invisible and non-ASCII characters ``text`` holds, if any."""
    odd = [ch for ch in dict.fromkeys(text) if _invisible(ch) or ord(ch) > 0x7E]
    if not odd:
        return hint
    named = []
    for ch in odd[:3]:
        what = ("an invisible character" if _invisible(ch) else
                "a letter from another alphabet that looks like a Latin one" if unicodedata.category(ch)[0] == "L"
                else "a character that looks like an ordinary one")
        named.append(f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')} ({what})")
    return f"it contains {', '.join(named)}: retype the value; {hint}" if hint else \
        f"it contains {', '.join(named)}: retype the value"


def _invisible(ch: str) -> bool:
    return ch != " " and (unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Zs")
                          or ch in _BLANK_LETTERS)


#: Letters that print as nothing (Hangul fillers, the blank Braille pattern): invisible in practice.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


#: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to YAML 1.1 (so a quoted value containing one
#: is folded), but not to editors, people or YAML 1.2.
_YAML11_BREAK = re.compile("[\x85\u2028\u2029]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _prescan(text: str, display: str) -> list[Problem]:
    """Aliases and runaway nesting, found in the parser's event stream before anything is composed.

    Composing must not see either: libyaml's composer recurses in C, so ``[[[[...`` or ``- - - ...`` a
    hundred thousand levels deep crashes the interpreter (segfault) instead of raising RecursionError,
    and its scanner slows quadratically with flow depth; the stream is lazy, so this stops early. An
    alias is reported here, where its own ``*name`` is: the composed node only knows its anchor's line.
    """
    problems: list[Problem] = []
    # One frame per open collection: [is_mapping, children seen, last key]; in a mapping children
    # alternate key, value.
    frames: list[list[Any]] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            _advance(frames, None)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(frames) >= MAX_DEPTH:
                problems.append(Problem(display, line, column, Code.TOO_DEEP,
                                        f"values are nested more than {MAX_DEPTH} levels deep",
                                        "check for runaway brackets or indentation", _dotted(_frame_path(frames))))
                break
            frames.append([isinstance(event, yaml.MappingStartEvent), 0, None])
            continue
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(display, line, column, Code.ALIAS,
                                    f"anchors and aliases (&name, *name) are not supported (*{event.anchor})",
                                    "write the value out in full where it is needed", _dotted(_frame_path(frames))))
            if len(problems) >= _MAX_ALIAS_PROBLEMS:
                break
        _advance(frames, event.value if isinstance(event, yaml.ScalarEvent) else None)
    return problems


_MAX_ALIAS_PROBLEMS = 100


def _advance(frames: list[list[Any]], value: str | None) -> None:
    """A child node of the innermost collection is complete; remember it if it was a mapping key."""
    if frames:
        frame = frames[-1]
        if frame[0] and frame[1] % 2 == 0:
            frame[2] = value
        frame[1] += 1


def _frame_path(frames: list[list[Any]]) -> Path_:
    """The field path of the node about to start (a key is reported at its mapping's path)."""
    path: list[str | int] = []
    for is_mapping, seen, key in frames:
        if not is_mapping:
            path.append(seen)
        elif seen % 2 == 1 and key is not None:
            path.append(key)
        else:
            break
    return tuple(path)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    source_line = text.splitlines()[line - 1] if mark and line - 1 < len(text.splitlines()) else ""
    what = exc.problem or "syntax error"
    if exc.context:
        what = f"{exc.context}, {what}"
    hint = "check the indentation and that text containing ': ' or '#' is in quotes"
    if "\t" in source_line or "\t" in (what or ""):
        hint = "YAML does not allow tab characters for indentation: replace tabs with spaces"
    elif "mapping values are not allowed" in what:
        hint = "a value containing ': ' must be quoted, e.g. note: \"Update: done\""
    elif "found character '%'" in what or "found character '@'" in what or "found character '`'" in what:
        hint = "text starting with %, @ or ` must be quoted"
    return Problem(display, line, column, Code.YAML_SYNTAX, f"YAML syntax error: {what}", hint)


class _Builder:
    """Turn a composed node graph into plain values, collecting problems instead of raising."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def _problem(self, node: yaml.Node, code: Code, message: str, hint: str, path: Path_) -> None:
        self.problems.append(Problem(self.display, node.start_mark.line + 1, node.start_mark.column + 1,
                                     code, message, hint, _dotted(path)))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        # An alias makes the composer hand back the *same* node object twice; expanding it is how
        # "billion laughs" documents explode, so any second visit is refused before recursing.
        if id(node) in self._seen:
            self._problem(node, Code.ALIAS, "anchors and aliases (&name, *name) are not supported",
                          "write the value out in full where it is needed", path)
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._problem(node, Code.TOO_DEEP, f"values are nested more than {MAX_DEPTH} levels deep",
                          "check for runaway brackets or indentation", path)
            return None
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if _explicit_tag(node):
            self._problem(node, Code.UNSUPPORTED_TAG, f"YAML tag {_short_tag(node.tag)!r} is not allowed",
                          "remove the '!' tag: data files hold plain text, numbers and lists", path)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, Code.COMPLEX_KEY, "a key must be a plain name, not a list or mapping",
                              "write keys as simple words followed by ':'", path)
                continue
            if key_node.value == "<<" and not key_node.style:
                self._problem(key_node, Code.ALIAS, "merge keys ('<<') are not supported",
                              "write the fields out in full", path)
                continue
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in first_seen:
                self._problem(key_node, Code.DUPLICATE_KEY,
                              f"key '{key}' appears twice (first on line {first_seen[key]})",
                              "delete one of them: YAML would silently keep only the last", path + (key,))
                continue
            first_seen[key] = key_line
            self.key_positions[path + (key,)] = (key_line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result


def _explicit_tag(node: yaml.Node) -> bool:
    """True when the author wrote a tag (``!!str 12``, ``!!binary``, ``!!set``, ``!x``).

    Values are typed only by :func:`_scalar`; honouring a standard tag would silently change what was
    typed (``!!str 12`` would still become the number 12) and an unknown one is never legitimate.
    """
    if isinstance(node, yaml.ScalarNode):
        implicit = (True, False) if not node.style else (False, True)
        return node.tag != _Loader.resolve(_Loader, yaml.ScalarNode, node.value, implicit)  # type: ignore[arg-type]
    default = _STD_TAG + ("seq" if isinstance(node, yaml.SequenceNode) else "map")
    return node.tag != default


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD_TAG):] if tag.startswith(_STD_TAG) else tag


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text, exactly as written (plain is None or "")
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (4300): leave it to the schema as text
            return value
    if _FLOAT.fullmatch(value):
        number = float(value)
        return number if math.isfinite(number) else value  # 1e400 digits overflow to inf: keep the text
    # Everything else (yes/no/on/off, 2026-10-31, 012, 1e3, .inf) stays the text that was typed: the
    # schema decides whether it is acceptable and says so with this node's position.
    return value


def _dotted(path: Path_) -> str:
    """``('responses', 2, 'evidence')`` -> ``responses[3].evidence`` (1-based, as people count)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted = _dotted
