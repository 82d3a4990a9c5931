"""What every page builder gets: the tracker, its dataset, and a way to render a template.

One :class:`Site` per build; page builders (in ``*_pages.py``) take it and return Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment

from rectrack.data.model import Dataset, Report, Section
from rectrack.derive import Tracker
from rectrack.render.templating import environment
from rectrack.render.urls import Linker
from rectrack.text import long_date


@dataclass(frozen=True)
class Site:
    tracker: Tracker
    env: Environment = field(default_factory=environment, repr=False, compare=False)

    @property
    def dataset(self) -> Dataset:
        return self.tracker.dataset

    @property
    def report(self) -> Report:
        return self.dataset.report

    @property
    def publisher(self) -> str:
        return self.dataset.body(self.report.publisher).name

    @property
    def as_of(self) -> str:
        return long_date(self.tracker.as_of)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.report.sections if s.id == section_id)

    def linker(self, here: str) -> Linker:
        return Linker(self.dataset, here)

    def render(self, template: str, here: str, **context: object) -> str:
        """Fill ``template`` for the page at ``here``; every template gets ``site`` and a linker ``L``."""
        return self.env.get_template(template).render(site=self, L=self.linker(here), here=here, **context)
