"""The downloads page in Chromium: each file's type and size as the page gives them are those of the file
the server sends, and each table's columns are the ones its files have."""

from __future__ import annotations

import csv
import io

import pytest
from rectrack import export
from rectrack.text import file_size

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

KINDS = {".csv": "CSV", ".ics": "iCalendar", ".zip": "ZIP", ".schema.json": "JSON Schema",
         "datapackage.json": "JSON (Frictionless Data Package)", ".json": "JSON"}


def kind_of(name: str) -> str:
    return next(label for suffix, label in KINDS.items() if name.endswith(suffix))


def test_every_file_on_the_downloads_page_has_its_real_type_and_size(visit) -> None:
    v = visit("/downloads/")
    entries = v.page.eval_on_selector_all(".rt-files li", """items => items.map(li => ({
        href: li.querySelector('a').href, name: li.querySelector('a').textContent,
        meta: li.querySelector('.rt-files__meta').textContent, bytes: li.querySelector('data').value,
        size: li.querySelector('data').textContent}))""")
    assert len(entries) > 30
    wrong = []
    for entry in entries:
        response = v.context.request.get(entry["href"])
        body = response.body()
        if response.status != 200 or int(entry["bytes"]) != len(body) or entry["size"] != file_size(len(body)):
            wrong.append(f"{entry['name']}: page says {entry['bytes']} bytes ({entry['size']}), "
                         f"the server sent {len(body)} (HTTP {response.status})")
        if entry["meta"] != f"({kind_of(entry['name'])}, {entry['size']})":
            wrong.append(f"{entry['name']}: {entry['meta']}")
    assert not wrong, "\n".join(wrong)
    assert not v.log.problems(), v.log.problems()


def test_each_tables_columns_on_the_page_are_its_files_columns(visit) -> None:
    v = visit("/downloads/")
    for table in dict.fromkeys(d.table for d in export.TABLES):
        listed = v.page.evaluate("""id => {
            let e = document.getElementById(id);
            while (e && !(e.tagName === 'DETAILS' && e.classList.contains('rt-columns'))) e = e.nextElementSibling;
            return e ? [...e.querySelectorAll('dt code')].map(c => c.textContent) : [];
        }""", table)
        csv_text = v.context.request.get(v.page.url + f"{table}.csv").text().lstrip("\ufeff")
        header = next(csv.reader(io.StringIO(csv_text)))
        assert listed == header, table
