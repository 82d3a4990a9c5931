"""What every page builder gets: the tracker, its dataset, and a way to render a template.

One :class:`Site` per build; page builders (in ``*_pages.py``) take it and return Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment
from markupsafe import Markup

from rectrack.data.model import Dataset, Organisation, Report, Section
from rectrack.derive import Tracker
from rectrack.render.markdown import md
from rectrack.render.templating import environment
from rectrack.render.urls import Linker
from rectrack.text import long_date
from rectrack.wording import publishers_text


@dataclass(frozen=True)
class Site:
    tracker: Tracker
    env: Environment = field(default_factory=environment, repr=False, compare=False)

    @property
    def dataset(self) -> Dataset:
        return self.tracker.dataset

    @property
    def as_of(self) -> str:
        return long_date(self.tracker.as_of)

    @property
    def name(self) -> str:
        return self.dataset.site.name

    def organisation(self, org_id: str) -> Organisation:
        return self.dataset.organisation(org_id)

    def section(self, report: Report, section_id: str | None) -> Section | None:
        return report.section(section_id)

    def publishers(self, report: Report) -> str:
        return publishers_text(report, [self.dataset.organisation(p).name for p in report.publishers])

    def publisher_links(self, report: Report, here: str) -> Markup:
        if not report.publishers:
            return Markup(md(publishers_text(report, [])))
        linker = self.linker(here)
        return Markup(", ").join(linker.organisation(p) for p in report.publishers)

    def linker(self, here: str) -> Linker:
        return Linker(self.dataset, here)

    def render(self, template: str, here: str, **context: object) -> str:
        """Fill ``template`` for the page at ``here``; every template gets ``site`` and a linker ``L``."""
        return self.env.get_template(template).render(site=self, L=self.linker(here), here=here, **context)
