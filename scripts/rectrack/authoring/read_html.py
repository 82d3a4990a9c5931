"""Read a web page saved from a PCC's site with lxml's HTML parser: the main content only.

A saved page carries the site around the response: navigation, a cookie banner, the header and
footer, share buttons. The response is the page's main landmark (``<main>``, ``role="main"``, or a
single ``<article>``); without one the importer falls back to the body minus the usual furniture,
and says so, because it cannot then be sure that what comes before the answers is a foreword.
"""

from __future__ import annotations

import re
from pathlib import Path

from rectrack.authoring.blocks import DocumentError, Doubt, Location, Paragraph, ReadDocument, Removed, Table
from rectrack.authoring.text import reflow

_FURNITURE = "nav, header, footer, aside, form, script, style, noscript, template, svg, iframe, button"
_FURNITURE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog")
_FURNITURE_NAMES = re.compile(r"cookie|consent|gdpr|banner|skip|breadcrumb|share|social|newsletter|menu|"
                              r"masthead|site-header|site-footer|promo|related", re.IGNORECASE)
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "ul", "ol", "blockquote", "div", "section",
           "article", "main", "dl", "dt", "dd", "pre", "figure", "figcaption", "address", "hr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def read_html(path: Path) -> ReadDocument:
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    try:
        raw = path.read_bytes()
        root = lxml.html.document_fromstring(raw)
    except (lxml.etree.ParserError, ValueError, OSError) as exc:
        raise DocumentError(path, f"not a readable web page ({exc.__class__.__name__}: {exc})",
                            "Save the page again from the browser ('Save page as', HTML only).") from exc
    return _Reader().read(root)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.removed: list[Removed] = []
        self.doubts: list[Doubt] = []
        self.count = 0
        self.tables = 0

    def read(self, root) -> ReadDocument:
        main = root.xpath("//main | //*[@role='main']")
        articles = root.xpath("//article")
        container = main[0] if main else (articles[0] if len(articles) == 1 else None)
        if container is None:
            body = root.find("body")
            container = body if body is not None else root
            self.doubts.append(Doubt("", Location("page"), "the page has no main content landmark (<main>, "
                                     "role=\"main\" or one <article>); the site's own text around the response "
                                     "may have been taken for part of it"))
        for element in list(container.iter()):
            if not isinstance(element.tag, str):
                continue
            if self._furniture(element) and element.getparent() is not None:
                text = " ".join(element.text_content().split())
                if text:
                    self.removed.append(Removed(text[:120], Location(f"<{element.tag}>"), "site furniture"))
                element.drop_tree()
        self._walk(container)
        return ReadDocument(tuple(self.blocks), tuple(self.removed), tuple(self.doubts), paragraphs_final=True)

    @staticmethod
    def _furniture(element) -> bool:
        if element.tag in _FURNITURE.split(", ") or element.get("hidden") is not None:
            return True
        if element.get("aria-hidden") == "true" or element.get("role") in _FURNITURE_ROLES:
            return True
        names = f"{element.get('id', '')} {element.get('class', '')}"
        return bool(_FURNITURE_NAMES.search(names)) and element.tag not in ("main", "article", "body")

    def _walk(self, element) -> None:
        inline: list[str] = [element.text or ""]
        for child in element:
            if not isinstance(child.tag, str):
                inline.append(child.tail or "")
                continue
            if child.tag in _BLOCKS:
                self._emit("".join(inline))
                inline = []
                self._block(child)
                inline.append(child.tail or "")
            else:
                inline.append(_raw_inline(child) + (child.tail or ""))
        self._emit("".join(inline))

    def _block(self, element) -> None:
        tag = element.tag
        if tag in _HEADINGS:
            self._emit(_inline(element), heading=True)
        elif tag == "p" or tag == "dt" or tag == "dd" or tag == "address" or tag == "figcaption":
            self._emit(_inline(element))
        elif tag == "pre":
            self._emit(element.text_content())
        elif tag in ("ul", "ol"):
            start = int(element.get("start") or 1) if (element.get("start") or "").isdigit() else 1
            lines = []
            for index, item in enumerate(element.findall("li")):
                text = " ".join(_inline(item).split())
                if text:
                    lines.append(f"- {text}" if tag == "ul" else f"{start + index}. {text}")
            if lines:
                self.count += 1
                self.blocks.append(Paragraph("\n".join(lines), Location(f"paragraph {self.count}")))
        elif tag == "table":
            self.tables += 1
            rows, locations = [], []
            for number, tr in enumerate(element.iter("tr"), start=1):
                cells = []
                for cell in tr:
                    if cell.tag in ("td", "th"):
                        parts = [p for p in (reflow(_inline(x).split("\n"))
                                             for x in (cell.findall("p") or [cell])) if p]
                        cells.append("\n\n".join(parts))
                rows.append(tuple(cells))
                locations.append(Location(f"table {self.tables}, row {number}"))
            self.blocks.append(Table(tuple(rows), Location(f"table {self.tables}"), tuple(locations)))
        elif tag == "hr":
            return
        else:
            self._walk(element)

    def _emit(self, text: str, heading: bool = False) -> None:
        text = "\n".join(re.sub(r"\s+", " ", piece) for piece in text.split("\x00"))
        body = reflow(text.split("\n"))
        if body:
            self.count += 1
            self.blocks.append(Paragraph(body, Location(f"paragraph {self.count}"), heading=heading))


def _inline(element, keep_tail: bool = False) -> str:
    """Text of an inline element as a browser shows it: whitespace collapsed, <br> a line break."""
    text = _raw_inline(element)
    return "\n".join(" ".join(piece.split(" ")) for piece in re.sub(r"\s+", " ", text).split("\x00")).replace(
        " \n", "\n").replace("\n ", "\n")


def _raw_inline(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        parts.append("\x00" if child.tag == "br" else _raw_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
