"""Word's automatic numbering: the "Recommendation 4" or "1." that Word draws but the text lacks.

A Word paragraph says only "I am item of list N at level L"; the number is computed by counting, as
Word does when it draws the page, from ``numbering.xml`` (formats, start values, restarts) and the
paragraph styles that carry numbering. Read here from the document's XML with lxml, so a heading
numbered by Word is read exactly as a person sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    """Clark notation for a ``w:`` tag."""
    return f"{{{W}}}{tag}"


def _val(element, attr: str = "val") -> str | None:
    return None if element is None else element.get(q(attr))


@dataclass(frozen=True)
class Level:
    fmt: str  # decimal, lowerLetter, upperRoman, bullet, none...
    text: str  # "Recommendation %1", "%1.", ""
    start: int
    suffix: str  # tab | space | nothing


@dataclass(frozen=True)
class Label:
    text: str  # "Recommendation 4", "1.", "" for a bullet
    bullet: bool
    suffix: str


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    # Word's letter numbering repeats the letter: a..z, aa..zz.
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Counts list numbers through a document, paragraph by paragraph, in document order."""

    def __init__(self, numbering_xml, styles_xml) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._num_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._level_overrides: dict[str, dict[int, Level]] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._style_based: dict[str, str] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_xml is not None:
            for abstract in numbering_xml.iter(q("abstractNum")):
                self._abstract[abstract.get(q("abstractNumId"))] = self._levels(abstract)
            for num in numbering_xml.iter(q("num")):
                num_id = num.get(q("numId"))
                self._num_abstract[num_id] = _val(num.find(q("abstractNumId"))) or ""
                for override in num.iter(q("lvlOverride")):
                    ilvl = int(override.get(q("ilvl")) or 0)
                    start = override.find(q("startOverride"))
                    if start is not None:
                        self._overrides.setdefault(num_id, {})[ilvl] = int(_val(start) or 1)
                    lvl = override.find(q("lvl"))
                    if lvl is not None:
                        self._level_overrides.setdefault(num_id, {})[ilvl] = self._level(lvl)
        if styles_xml is not None:
            for style in styles_xml.iter(q("style")):
                style_id = style.get(q("styleId"))
                based = style.find(q("basedOn"))
                if based is not None:
                    self._style_based[style_id] = _val(based) or ""
                num_pr = style.find(f"{q('pPr')}/{q('numPr')}")
                if num_pr is not None:
                    style_level = _val(num_pr.find(q("ilvl")))
                    self._style_num[style_id] = (_val(num_pr.find(q("numId"))),
                                                 int(style_level) if style_level else None)

    def _levels(self, abstract) -> dict[int, Level]:
        return {int(lvl.get(q("ilvl")) or 0): self._level(lvl) for lvl in abstract.iter(q("lvl"))}

    @staticmethod
    def _level(lvl) -> Level:
        return Level(
            fmt=_val(lvl.find(q("numFmt"))) or "decimal",
            text=_val(lvl.find(q("lvlText"))) or "",
            start=int(_val(lvl.find(q("start"))) or 1),
            suffix=_val(lvl.find(q("suff"))) or "tab",
        )

    def _num_for(self, p) -> tuple[str | None, int]:
        num_pr = p.find(f"{q('pPr')}/{q('numPr')}")
        num_id = _val(num_pr.find(q("numId"))) if num_pr is not None else None
        ilvl_text = _val(num_pr.find(q("ilvl"))) if num_pr is not None else None
        style = _val(p.find(f"{q('pPr')}/{q('pStyle')}"))
        seen: set[str] = set()
        while style and style not in seen and (num_id is None or ilvl_text is None):
            seen.add(style)
            style_num, style_lvl = self._style_num.get(style, (None, None))
            num_id = num_id or style_num
            if ilvl_text is None and style_lvl is not None:
                ilvl_text = str(style_lvl)
            style = self._style_based.get(style)
        return num_id, int(ilvl_text or 0)

    def label(self, p) -> Label | None:
        """The number or bullet Word draws before paragraph ``p``, counting it; None if it has none."""
        num_id, ilvl = self._num_for(p)
        if not num_id or num_id == "0" or num_id not in self._num_abstract:
            return None
        abstract_id = self._num_abstract[num_id]
        levels = dict(self._abstract.get(abstract_id, {}))
        levels.update(self._level_overrides.get(num_id, {}))
        level = levels.get(ilvl)
        if level is None:
            return None
        # Lists that share an abstract definition share counters (Word continues the numbering),
        # unless a list restarts with a start override the first time it is used.
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for override_lvl, start in self._overrides.get(num_id, {}).items():
                counters[override_lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return Label("", True, level.suffix)
        text = level.text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                at = levels.get(k)
                value = counters.get(k, at.start if at else 1)
                text = text.replace(placeholder, format_number(value, at.fmt if at else "decimal"))
        return Label(text, False, level.suffix)
