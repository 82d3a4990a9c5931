"""The Jinja2 environment for page templates: every ``{{ value }}`` goes through :func:`md`.

Jinja's own autoescape would apply markupsafe's HTML escaping, which leaves Markdown syntax
(``[x](javascript:...)``, ``**``, ``|``) live. So autoescape is off and ``finalize`` does the
escaping instead: any value that is not already :class:`Markup` (built by ``render`` helpers from
escaped text and validated ids) is passed through ``md``. With autoescape off, filters and ``~``
return plain ``str``, so they are escaped too: a mistake shows escaped markup, never live markup.

Templates are files beside this module; data text is only ever a template *value*, never source.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from rectrack.render.markdown import md, raw_block
from rectrack.text import long_date, plural

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(md(value))


def environment(cache_dir: Path | None = None) -> Environment:
    """The template environment; with ``cache_dir``, compiled templates are kept there between builds.

    Compiling our templates is about a fifth of the render time of the shipped site. Jinja's bytecode
    cache is keyed on each template's source checksum, so an edited template is simply recompiled.
    """
    cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(cache_dir))
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=cache,
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # attr_list ids ("## Heading {#id}") would otherwise open Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["long_date"] = long_date
    # A macro's output is our template text around values that ``finalize`` already escaped, so it is
    # marked safe as a whole; without autoescape Jinja would hand it back as a plain str, escaped again.
    env.filters["macro"] = Markup
    # Finished HTML the engine passes through unparsed (render/markdown.raw_block, site/raw_blocks.py).
    env.filters["raw"] = raw_block
    env.globals["plural"] = plural
    return env
