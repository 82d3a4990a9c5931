"""Finished HTML blocks pass through the engine unparsed (site/raw_blocks.py), and the page is the same."""

from __future__ import annotations

import re
from datetime import date

import markdown
import yaml
from constants import REPO
from rectrack.render.markdown import RAW_END, RAW_START, md, quote, raw_block
from rectrack.site import engine

#: The project's own Markdown extensions (mkdocs.yml), as the engine gets them.
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in
              yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]]


def convert(text: str, *, raw_blocks: bool) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS + ([engine.RAW_BLOCKS] if raw_blocks else []))


def tags_and_text(html: str) -> str:
    """The HTML with the white space between tags dropped: what a browser makes of both is the same."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


TWO_PARAGRAPHS = "First paragraph.\n\nSecond, with <angle> & ampersand."
PAGE = f"""# A heading {{: #top }}

Some *Markdown* text.

{quote(TWO_PARAGRAPHS, "Quoted from somewhere")}

<div class="rt-answer" data-pagefind-ignore="all">
<p class="rt-answer__head"><strong>First comments</strong></p>

{quote("Inside a raw block of the template.", "Quoted")}

<details class="rt-details">
<summary>Full text</summary>

{quote("Inside details.", "Quoted")}

</details>
</div>

{raw_block('<div class="outer">' + str(raw_block("<p>nested</p>")) + "</div>")}

## After {{: #after }}

- a list item
"""


def test_a_page_comes_out_the_same_with_its_finished_html_passed_through() -> None:
    plain, passed = convert(PAGE, raw_blocks=False), convert(PAGE, raw_blocks=True)
    assert tags_and_text(passed) == tags_and_text(plain).replace(RAW_START, "").replace(RAW_END, "")
    assert RAW_START not in passed and RAW_END not in passed
    assert '<h2 id="after">After</h2>' in passed and "<em>Markdown</em>" in passed


def test_a_marked_block_is_not_parsed_as_html() -> None:
    """The proof that the HTML parser does not see it: an unclosed tag, which Python-Markdown's parser
    would take as a raw block running on past the heading below, leaves the heading a heading."""
    text = f"{raw_block('<div class=x><p>never closed')}\n\n## Still a heading\n"
    heading = re.compile(r"<h2[^>]*>Still a heading</h2>")
    assert heading.search(convert(text, raw_blocks=True))
    assert not heading.search(convert(text, raw_blocks=False))


def test_marks_that_do_not_pair_up_leave_the_page_parsed_as_before() -> None:
    for text in (f"{RAW_START}<p>a</p>\n\nText\n", f"<p>a</p>{RAW_END}\n\nText\n",
                 f"{RAW_START}<p>a</p>{RAW_END}{RAW_END}\n\nText\n"):
        assert convert(text, raw_blocks=True) == convert(text, raw_blocks=False)


def test_data_text_cannot_make_a_mark() -> None:
    assert RAW_START not in md(RAW_START) and RAW_END not in md(RAW_END)
    assert RAW_START not in str(quote(RAW_START + "<script>x</script>", "Quoted"))[len(RAW_START):]


def test_the_engine_always_runs_the_extension(tmp_path) -> None:
    for base in ({}, {"markdown_extensions": ["attr_list"]}, {"markdown_extensions": [engine.RAW_BLOCKS]}):
        settings = engine.settings_for(base, docs_dir=tmp_path, site_dir=tmp_path, overrides=None, nav=[],
                                       as_of=date(2026, 1, 1), site_name="s",
                                       site_description="d")
        assert settings["markdown_extensions"].count(engine.RAW_BLOCKS) == 1, settings["markdown_extensions"]


def test_every_generated_page_comes_out_the_same_with_its_finished_html_passed_through(tracker) -> None:
    """The templates and helpers mark whole blocks only (render/markdown.raw_block, the ``raw`` filter):
    each generated page of the shipped data converts to the same HTML with the extension as without it,
    white space between tags aside."""
    from rectrack.render import render_pages

    pages = {path: text for path, text in render_pages(tracker).items() if path.endswith(".md")}
    marked = [path for path, text in pages.items() if RAW_START in text]
    assert len(marked) > len(pages) / 2, "most pages have tables or quotations"
    differ = []
    for path in marked:
        body = pages[path].split("\n---\n", 1)[-1] if pages[path].startswith("---\n") else pages[path]
        plain = tags_and_text(convert(body, raw_blocks=False)).replace(RAW_START, "").replace(RAW_END, "")
        if tags_and_text(convert(body, raw_blocks=True)) != plain:
            differ.append(path)
    assert not differ, f"pages that come out differently: {differ[:10]}"


def test_the_faster_whitespace_clean_up_changes_the_same_lines_as_python_markdowns() -> None:
    """Python-Markdown's ``NormalizeWhitespace`` against the extension's, on every text of up to 7 characters
    from the ones that matter (spaces, line breaks, tabs, carriage returns, a letter) and on the pages of
    the shipped site's content: the same lines come out."""
    import itertools

    from markdown.preprocessors import NormalizeWhitespace
    from rectrack.site.raw_blocks import _NormalizeWhitespace

    page = markdown.Markdown(extensions=[engine.RAW_BLOCKS])
    assert type(page.preprocessors["normalize_whitespace"]) is _NormalizeWhitespace
    theirs, ours = NormalizeWhitespace(page), _NormalizeWhitespace(page)
    texts = ["".join(chars) for n in range(8) for chars in itertools.product(" \n\t\ra", repeat=n)]
    texts += [path.read_text("utf-8") for path in (REPO / "content").rglob("*.md")]
    differ = [text for text in texts if ours.run(text.split("\n")) != theirs.run(text.split("\n"))]
    assert not differ, differ[:5]
