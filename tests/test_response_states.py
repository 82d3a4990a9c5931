"""A draft, an incomplete and a complete response, from the file to the built site, with and without --strict.

Three police forces on the 2026 report, each started with ``rectrack new-response``: Kent's file left
as the template made it (a draft: nothing published, not counted), Essex's with two answers (recorded
and shown as published and incomplete, naming what it leaves out), Surrey's with every answer. And the
check the help pages tell editors to run gives the same verdict as the checks CI runs, on each of them
and on files with a real defect.
"""

from __future__ import annotations

import html
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from constants import AS_OF_ISO, RECTRACK, REPO
from rectrack.cli import cli

REPORT = "hmicfrs-2026-ocsa-mosovo"
FOLDER = Path("data") / "force_responses" / REPORT
OWED = [1, 2, 4, 5, 6, 8, 10, 15, 16]
ESSEX_ANSWERS = (4, 10)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(RECTRACK), *args], cwd=cwd, capture_output=True, text=True, check=False)


def fill(path: Path, numbers: tuple[int, ...] | list[int], title: str) -> None:
    """What an editor does: the document's title, and the text of each answer given (claims left not-stated)."""
    text = path.read_text("utf-8").replace('source:\n  title: ""', f'source:\n  title: "{title}"')
    for number in numbers:
        text = text.replace(f'- recommendation: {number}\n    action: ""',
                            f'- recommendation: {number}\n    action: "Our answer to recommendation {number}."')
    path.write_text(text, "utf-8")


def make_project(root: Path) -> Path:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "overrides", "data"):
        shutil.copytree(REPO / name, root / name)
    for force in ("kent", "essex", "surrey"):
        made = run("new-response", force, "--report", REPORT, cwd=root)
        assert made.returncode == 0, made.stderr
    fill(root / FOLDER / "essex.yaml", ESSEX_ANSWERS, "Essex PCC response")
    fill(root / FOLDER / "surrey.yaml", OWED, "Surrey PCC response")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("states"))


def test_untouched_partial_and_complete_files_as_validate_reports_them(project: Path) -> None:
    for options in ((), ("--strict",)):
        checked = run("validate", *options, cwd=project)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        lines = checked.stdout.splitlines()
        kent = [line for line in lines if "/kent.yaml" in line]
        assert kent == [
            f"{FOLDER}/kent.yaml:20:1: notice[draft] responses: no answer is filled in yet: this is a draft, and "
            "nothing is published from it Hint: paste the document's text for each recommendation into `action`",
            f"Draft, not published: {FOLDER}/kent.yaml has no answer filled in, so nothing is published from it.",
        ]
        essex = [line for line in lines if "/essex.yaml" in line]
        assert sum("notice[unfilled]" in line for line in essex) == len(OWED) - len(ESSEX_ANSWERS)
        assert any("notice[unanswered] responses: no answer to recommendation(s) 1-2, 5-6, 8, 15-16 Hint: Police "
                   "Act 1996 s55(5B)" in line for line in essex), essex
        assert not [line for line in essex if "warning[" in line or "error[" in line]
        assert not [line for line in lines if "/surrey.yaml" in line]
        assert lines[-2].startswith("OK: 0 error(s), 0 warning(s)")


@pytest.mark.xdist_group("build")
def test_the_built_site_counts_and_shows_each_as_it_is(project: Path) -> None:
    built = run("build", "--as-of", AS_OF_ISO, "--no-search", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr

    def words(path: str) -> str:
        page = (project / "site" / path / "index.html").read_text("utf-8")
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())

    home = words("")
    # Devon and Cornwall's (shipped), Essex's and Surrey's: Kent's draft is not a response.
    assert re.search(r"\d+ organisations must act on at least one recommendation\. Of them, by the responses "
                     "recorded here to any report: 3 with a published response;", home), home[:2000]

    kent = words(f"reports/{REPORT}/organisations/kent")
    assert "Response No response published" in kent
    assert "No published response from Kent Police to this report is recorded here" in kent
    assert "Published 3" not in kent and "incomplete" not in kent

    essex = words(f"reports/{REPORT}/organisations/essex")
    assert "Response Published (date not stated); incomplete: it answers 2 of the 9 recommendations" in essex
    assert ("The published documents answer 2 of the 9 recommendations addressed to Essex Police. The response is "
            "incomplete: it does not answer recommendations 1, 2, 5, 6, 8, 15 and 16. Section 55(5B) of the "
            "Police Act 1996 requires the comments to explain, for each recommendation") in essex
    assert "Our answer to recommendation 4." in essex and "Our answer to recommendation 10." in essex
    assert essex.count("Not answered in the published documents.") == len(OWED) - len(ESSEX_ANSWERS)

    surrey = words(f"reports/{REPORT}/organisations/surrey")
    assert "answer 9 of the 9 recommendations addressed to Surrey Police." in surrey
    assert "incomplete" not in surrey and "Not answered in the published documents" not in surrey

    report = (project / "site" / "reports" / REPORT / "index.html").read_text("utf-8")
    rows = {name: row for name, row in re.findall(r'<tr[^>]*><th scope="row"[^>]*><a [^>]*>([^<]+)</a></th>(.*?)</tr>',
                                                    report)}
    assert "No response published" in rows["Kent Police"]
    assert "No response published" not in rows["Essex Police"] + rows["Surrey Police"]


# --- The editor's check and CI's agree ------------------------------------------------------------------


def commands(text: str) -> list[list[str]]:
    """Every ``rectrack validate ...`` command line in ``text`` (a page, a workflow, make's dry run)."""
    found = []
    for match in re.finditer(r"(?:^|[\s/])rectrack (validate[^\n`]*)", text):
        found.append(shlex.split(match.group(1).strip()))
    return found


def editors_checks() -> list[list[str]]:
    pages = [REPO / "content" / "publish.md", REPO / "content" / "maintainers.md"]
    return [c for page in pages if page.exists() for c in commands(page.read_text("utf-8"))]


def ci_checks() -> list[list[str]]:
    workflow = commands((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    make = subprocess.run(["make", "-n", "--no-print-directory", "validate", "site"], cwd=REPO, capture_output=True,
                          text=True, check=False, env={"PATH": "/usr/bin:/bin"})
    return workflow + commands(make.stdout)


def test_the_help_pages_and_ci_run_the_same_check() -> None:
    editors, ci = editors_checks(), ci_checks()
    assert editors and len(ci) >= 3, (editors, ci)  # the workflow's, and make validate's and make site's
    verdict = {"--strict"}  # the options that change what passes; --format only changes how it is printed
    for command in editors + ci:
        assert verdict <= set(command), f"`rectrack {' '.join(command)}` does not fail on warnings as CI does"


def _write_defects(data: Path) -> dict[str, Path]:
    """One file per case: a draft, an incomplete response, a complete one, one with a warning, one with an error."""
    cases = {}
    for case in ("draft", "partial", "complete", "warning", "error"):
        copy = data.parent / case
        shutil.copytree(data, copy)
        kent = copy / "force_responses" / REPORT / "kent.yaml"
        if case != "draft":
            fill(kent, OWED if case != "partial" else ESSEX_ANSWERS, "Kent PCC response")
        text = kent.read_text("utf-8")
        if case == "warning":  # evidence given with no claim: a defect --strict refuses
            text = text.replace('implementation: not-stated\n    evidence: null',
                                'implementation: not-stated\n    evidence: "Our answer"', 1)
        if case == "error":
            text = text.replace("- recommendation: 16\n", "- recommendation: 17\n")
        kent.write_text(text, "utf-8")
        cases[case] = copy
    return cases


def test_a_file_that_passes_the_editor_s_check_passes_ci_and_only_real_defects_fail(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    assert CliRunner().invoke(cli, ["new-response", "kent", "--report", REPORT, "--data", str(data)]).exit_code == 0
    expected = {"draft": 0, "partial": 0, "complete": 0, "warning": 1, "error": 1}
    for case, copy in _write_defects(data).items():
        verdicts = set()
        for command in editors_checks() + ci_checks():
            args = [a for a in command if not a.startswith("--data")] + ["--data", str(copy)]
            verdicts.add(CliRunner().invoke(cli, args).exit_code)
        assert verdicts == {expected[case]}, (case, verdicts)
    parsed = yaml.safe_load((tmp_path / "warning" / "force_responses" / REPORT / "kent.yaml").read_text("utf-8"))
    assert parsed["responses"][0]["evidence"] == "Our answer"


def test_incomplete_is_one_decision_for_the_lists_and_the_page_s_words(tracker) -> None:
    """An organisation whose only document is an update that leaves a recommendation unanswered is
    "incomplete" in the lists and filters (OwnerReport.response) and says so on its page
    (wording.completeness_text): before, the words looked at first comments only and said nothing."""
    import dataclasses

    from rectrack.wording import completeness_text

    owner = next(o for s in tracker.reports for o in s.owners if o.documents)
    update_only = dataclasses.replace(
        owner, documents=tuple(dataclasses.replace(d, kind="update") for d in owner.documents),
        duties=(dataclasses.replace(owner.duties[0], history=()), *owner.duties[1:]))
    assert update_only.first_comments is None
    assert update_only.response == "incomplete"
    assert completeness_text(update_only) == (f"incomplete: it answers {len(owner.duties) - 1} of the "
                                              f"{len(owner.duties)} recommendations addressed to it")
    assert completeness_text(owner) is None and owner.response == "complete"
