"""Hostile text in the data must reach readers as inert literal text, never as markup or script.

Every text field of the real dataset is replaced with an attack string, the pages are rendered and
converted by Python-Markdown with the site's own extensions (plus the abbreviations snippet), and the
HTML is parsed: no script element, no event-handler attribute, no javascript: URL, no image.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from constants import AS_OF
from constants import REPO as ROOT
from rectrack.data.check import load_and_validate
from rectrack.derive import derive
from rectrack.render import render_pages
from rectrack.render.markdown import md, paragraphs
from rectrack.render.urls import check_slug, external_link, link, relative

ATTACK = (
    "[x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)> "
    '**bold** `code` {: onclick="alert(1)" } *[HTML]: hover <svg onload=alert(1)> '
    '<a href="javascript:alert(2)">y</a> &lt;script&gt;alert(3)&lt;/script&gt; '
    '--8<-- "mkdocs.yml" \x02wzxhzdk:0\x03 | a | b | ![i](x.png) ==m== ~~s~~ <!-- c -->'
)
#: Starts with constructs that only work at the beginning of a line, and spans paragraphs and bullets.
BLOCK_ATTACK = (
    f"# heading {ATTACK}\n\n- bullet <script>alert(4)</script>\n1. one\n> quote\n\n"
    f"    indented code\n\n=====\n\n!!! note\n    admonition\n\n<div onclick=alert(5)>div</div>\n\n{ATTACK}"
)


def hostile(text: object) -> object:
    return BLOCK_ATTACK if isinstance(text, str) and "\n" in text else ATTACK if isinstance(text, str) else text


def _replace_texts(obj, fields: tuple[str, ...], **extra):
    changes = {name: hostile(getattr(obj, name)) for name in fields if getattr(obj, name) is not None}
    return dataclasses.replace(obj, **changes, **extra)


@pytest.fixture(scope="module")
def hostile_dataset():
    checked = load_and_validate(ROOT / "data")
    assert checked.dataset is not None
    ds = checked.dataset
    reports = tuple(
        dataclasses.replace(
            _replace_texts(r, ("title", "series", "published_as_printed", "author"),
                           sections=tuple(_replace_texts(s, ("chapter", "title")) for s in r.sections)),
            summary=BLOCK_ATTACK,
            known_from=dataclasses.replace(r.known_from, quote=BLOCK_ATTACK) if r.known_from else None)
        for r in ds.reports)
    organisations = tuple(
        _replace_texts(o, ("name", "region", "description"), other_names=(ATTACK,),
                       abbreviation="NPCC" if o.id == "npcc" else o.abbreviation,
                       governance=tuple(dataclasses.replace(g, title=ATTACK) for g in o.governance))
        for o in ds.organisations)
    groups = tuple(_replace_texts(g, ("name",)) for g in ds.groups)
    recs = tuple(
        _replace_texts(r, ("short_title", "deadline_as_printed", "text"),
                       actions=tuple(ATTACK for _ in r.actions) or (ATTACK,),
                       summary_variant=(dataclasses.replace(r.summary_variant, text=ATTACK, actions=(ATTACK,),
                                                            differences=ATTACK) if r.summary_variant else None))
        for r in ds.recommendations
    )
    cases = tuple(_replace_texts(c, ("title",), text=BLOCK_ATTACK) for c in ds.case_studies)
    documents = tuple(
        dataclasses.replace(
            d, author=ATTACK, foreword=BLOCK_ATTACK,
            source=dataclasses.replace(d.source, title=ATTACK, url="javascript:alert(6)//http://x"),
            answers=tuple(dataclasses.replace(a, action=BLOCK_ATTACK, evidence=ATTACK, note=ATTACK)
                          for a in d.answers),
        )
        for d in ds.documents
    )
    verdicts = tuple(
        dataclasses.replace(v, note=ATTACK, evidence=dataclasses.replace(
            v.evidence, title=ATTACK, quote=BLOCK_ATTACK, url="javascript:alert(7)//http://x"))
        for v in ds.verdicts)
    glossary = tuple(_replace_texts(t, ("term", "definition")) for t in ds.glossary)
    statistics = tuple(_replace_texts(s, ("label", "period", "quote")) for s in ds.statistics)
    figures = tuple(
        _replace_texts(f, ("title", "source"), series=tuple(ATTACK + str(i) for i in range(len(f.series))),
                       rows=tuple(_replace_texts(row, ("label", "quote")) for row in f.rows))
        for f in ds.figures
    )
    return type(ds).build(
        site=dataclasses.replace(ds.site, name=ATTACK, description=ATTACK),
        organisations=organisations, groups=groups, reports=reports, recommendations=recs, case_studies=cases,
        documents=documents, verdicts=verdicts, revisions=ds.revisions, glossary=glossary, statistics=statistics,
        figures=figures,
    )


@pytest.fixture(scope="module")
def tracker(hostile_dataset):
    return derive(hostile_dataset, AS_OF)


#: One page of each kind (every index page, and detail pages that exercise each template branch).
#: Converting all of them takes a minute: the attack string is long and full of escapes.
RID = "hmicfrs-2026-ocsa-mosovo"
SAMPLE_DETAIL_PAGES = (f"reports/{RID}/recommendations/1.md", f"reports/{RID}/recommendations/4.md",
                       f"reports/{RID}/recommendations/9.md", f"reports/{RID}/organisations/devon-and-cornwall.md",
                       f"reports/{RID}/organisations/kent.md", f"reports/{RID}/organisations/npcc.md",
                       "organisations/hmicfrs/index.md", "organisations/kent/index.md",
                       f"reports/{RID}/matrix.md", f"reports/{RID}/statistics.md",
                       "reports/creedon-2023-rso-review/recommendations/review-shpos.md",
                       "reports/creedon-2023-rso-review/organisations/kent.md",
                       "case-studies/cheshire-electronic-planner.md", "changes/2026-11.md")


@pytest.fixture(scope="module")
def markdown_pages(tracker) -> dict[str, str]:
    return render_pages(tracker)


@pytest.fixture(scope="module")
def html_pages(tracker, markdown_pages, tmp_path_factory) -> dict[str, str]:
    """Sample pages as HTML, through the same Markdown extensions the site uses."""
    extensions, configs = _site_extensions()
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    out = {}
    for path, text in markdown_pages.items():
        if not path.endswith(".md") or ("/" in path and not path.endswith("index.md")
                                         and path not in SAMPLE_DETAIL_PAGES):
            continue
        converter.reset()
        out[path] = converter.convert(_strip_front_matter(text))
    return out


def test_every_page_keeps_hostile_text_escaped_in_its_markdown(markdown_pages) -> None:
    """A cheap check on all pages (the sample below goes through the whole Markdown pipeline)."""
    pages = {p: t for p, t in markdown_pages.items() if p.endswith(".md")}
    showing = {p for p, text in pages.items() if "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in text}
    # every page shows data text but downloads, search, and changes pages whose events name no data text
    # (a recommendation "became overdue for 42 organisations")
    assert set(pages) - showing <= {"downloads.md", "search.md"} | {p for p in pages if p.startswith("changes/")}
    for path, text in pages.items():
        front, _, text = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
        assert "<" not in front and ">" not in front, path  # the declared title is inert text (render/titles.py)
        for live in ("<script>alert", "<img", "onerror=", "onload=", "onclick=", "](javascript:", "**bold**",
                     "`code`", '--8<-- "', "\x02", "*[HTML]"):
            assert live not in text, (path, live)


def _site_extensions() -> tuple[list[str], dict[str, dict]]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        names.append(name)
        configs[name] = dict(options or {})
    return names, configs


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


class _Audit(HTMLParser):
    """Collects everything that could run script or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        # The only forms are our own filter, search and response forms; pages carry no <script>
        # (rectrack.js is added by the theme, outside the page content).
        if tag in ("script", "img", "iframe", "object", "embed", "style", "base", "meta", "form") and not (
            tag == "form" and dict(attrs).get("class") in ("rt-filters", "rt-search__form", "rt-response__form")):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    value.strip().lower().replace("\x00", "").startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{tag}[{name}={value}]")

    def handle_data(self, data):
        self.text.append(data)


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit


def test_hostile_data_renders_no_active_markup(html_pages) -> None:
    assert len(html_pages) >= 15
    for path, html in html_pages.items():
        audit = _audit(html)
        assert audit.problems == [], (path, audit.problems[:5])
        assert "<strong>bold</strong>" not in html, path
        assert "<code>code</code>" not in html, path
        assert "<h1>heading" not in html.replace("\n", ""), path
        assert "\x02" not in html and "\x03" not in html, path  # no smuggled stash placeholder


def test_hostile_text_is_shown_literally(html_pages) -> None:
    """Escaping must keep the words: the reader sees exactly what the data says."""
    text = "".join(_audit(html_pages[f"reports/{RID}/recommendations/4.md"]).text)
    assert "[x](javascript:alert(1))" in text
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "**bold**" in text
    assert '--8<-- "mkdocs.yml"' in text
    force_page = "".join(_audit(html_pages[f"reports/{RID}/organisations/devon-and-cornwall.md"]).text)
    assert "- bullet <script>alert(4)</script>" not in force_page  # a bullet became a list item...
    assert "bullet <script>alert(4)</script>" in force_page  # ...with its text intact


def test_snippet_line_in_data_does_not_include_files(html_pages) -> None:
    for html in html_pages.values():
        assert "markdown_extensions" not in html  # mkdocs.yml was not pulled in


def test_javascript_source_url_is_not_linked(html_pages) -> None:
    """The one data string that may become an href (a response's URL) is dropped unless http(s)."""

    class Links(HTMLParser):
        hrefs: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.hrefs += [v for k, v in attrs if k == "href" and v]

    for path in (f"reports/{RID}/organisations/devon-and-cornwall.md", f"reports/{RID}/organisations/npcc.md",
                 "reports/creedon-2023-rso-review/organisations/kent.md"):
        parser = Links()
        parser.hrefs = []
        parser.feed(html_pages[path])
        assert parser.hrefs, path
        assert not [h for h in parser.hrefs if "javascript" in h.lower()], path
        assert "javascript:alert(6)//http://x" not in "".join(_audit(html_pages[path]).text)


def test_feed_and_redirects_keep_hostile_text_inert(markdown_pages) -> None:
    """The files that are not pages: the Atom feed (XML, escaped by ElementTree) and the redirect pages."""
    from xml.etree import ElementTree as ET

    feed = markdown_pages["changes.xml"]
    ET.fromstring(feed)  # well-formed whatever the data says
    assert "<script>" not in feed
    for path, text in markdown_pages.items():
        if path.endswith("index.html"):
            problems = _audit(text.replace("<script>location.replace(", "<x>(")).problems
            assert [p for p in problems if p != "<meta>"] == [], path


def test_md_escapes_every_markdown_and_html_special() -> None:
    escaped = md("\\`*_[](){}#+!|<>&\"'~^=")
    assert not any(c in escaped for c in "\\`*_[](){}+!|<>\"'~^=")
    assert md("- item") == "&#45; item"
    assert md("12. item") == "12&#46; item"
    assert md("a\n\n# b") == "a &#35; b"
    assert md("a\x02b\x03c\x00") == "abc"
    assert md(None) == ""


def test_paragraphs_keep_paragraphs_and_bullets() -> None:
    out = paragraphs("First *one*.\n\nSecond:\n\n- a [x](y)\n- b\n\nThird")
    assert out.split("\n") == ["<p>First &#42;one&#42;.</p>", "<p>Second:</p>",
                                "<ul><li>a &#91;x&#93;&#40;y&#41;</li><li>b</li></ul>", "<p>Third</p>"]


def test_links_only_from_slugs_and_http_urls() -> None:
    with pytest.raises(ValueError):
        check_slug("../etc/passwd")
    with pytest.raises(ValueError):
        check_slug("javascript:alert(1)")
    assert link("<b>", "organisations/kent/index.md", "reports/x/index.md") == \
        '<a href="../../organisations/kent/">&lt;b&gt;</a>'
    assert "href" not in external_link("t", "javascript:alert(1)")
    assert 'href="https://example.org/a&#95;b?x&#61;1&amp;y&#61;&quot;"' in external_link("t", 'https://example.org/a_b?x=1&y="')


@pytest.mark.skipif(shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="mkdocs not installed beside this Python")
def test_page_title_stays_text_in_the_built_html(tmp_path) -> None:
    """Material writes ``page.title | striptags`` into <title>, and striptags decodes &lt;...&gt;.

    overrides/main.html re-escapes it; without that override this page would contain a live script.
    """
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "p.md").write_text(f"# {md('</title><script>alert(1)</script>')}\n\ntext\n", encoding="utf-8")
    config = {"site_name": "T", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "plugins": [],
              "theme": {"name": "material", "font": False, "custom_dir": str(ROOT / "overrides")}}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "p" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - T</title>" in html


@pytest.mark.parametrize(("target", "here", "href"), [
    ("forces/kent.md", "recommendations/4.md", "../../forces/kent/"),
    ("forces/kent.md#recommendation-4", "forces/kent.md", "./#recommendation-4"),
    ("index.md", "forces/kent.md", "../../"),
    ("index.md", "index.md", "./"),
    ("recommendations/index.md", "index.md", "recommendations/"),
    ("recommendations/4.md", "recommendations/index.md", "4/"),
    ("matrix.md", "case-studies/index.md", "../matrix/"),
    ("about.md#section-55", "glossary.md", "../about/#section-55"),
])
def test_relative_links_are_directory_urls(target: str, here: str, href: str) -> None:
    """Generated links are final URLs (use_directory_urls), because MkDocs no longer rewrites them."""
    assert relative(target, here) == href


def test_relative_links_refuse_non_pages() -> None:
    with pytest.raises(ValueError):
        relative("forces/kent.html", "index.md")


@pytest.mark.skipif(shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="mkdocs not installed beside this Python")
@pytest.mark.parametrize("override", [True, False])
def test_page_title_stays_text_with_any_theme_config(tmp_path, override: bool) -> None:
    """Without our override too: the page declares an inert title (render/titles.py) that Material's
    ``striptags`` cannot turn into a tag, nor a theme printing it raw."""
    from rectrack.render.titles import with_title

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    hostile = "</title><script>alert(1)</script> Fire & Rescue"
    (docs / "p.md").write_text(with_title(f"# {md(hostile)}\n\ntext\n"), encoding="utf-8")
    theme = {"name": "material", "font": False}
    if override:
        theme["custom_dir"] = str(ROOT / "overrides")
    config = {"site_name": "T", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "plugins": [],
              "theme": theme}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "p" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "‹/title›‹script›alert(1)‹/script›" in title and "&amp;" in title
