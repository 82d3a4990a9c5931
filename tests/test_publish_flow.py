"""The PCC office's path end to end: template, fill two entries by hand, validate, build, see them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from constants import RECTRACK, REPO

REPORT = "hmicfrs-2026-ocsa-mosovo"
RESPONSE = Path("data") / "force_responses" / REPORT / "kent.yaml"

ACTION_1 = "Kent Police has reviewed its referral process and now uses KIRAT for every referral."
ACTION_4 = "Bail conditions are checked every month by the OCSAE team <script>alert(1)</script>."


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(RECTRACK), *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for name in ("content", "overrides", "data"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def fill_two_entries(path: Path) -> None:
    """What a person does in an editor: paste two actions, claim one, quote the evidence."""
    text = path.read_text("utf-8")
    text = text.replace('source:\n  title: ""', 'source:\n  title: "Kent PCC response to the spotlight report"')
    text = text.replace(
        '- recommendation: 1\n    action: ""\n    implementation: not-stated\n    evidence: null',
        f'- recommendation: 1\n    action: "{ACTION_1}"\n    implementation: implemented\n'
        '    evidence: "now uses KIRAT for every referral"')
    text = text.replace('- recommendation: 4\n    action: ""', f'- recommendation: 4\n    action: "{ACTION_4}"')
    assert text.count('action: ""') == len(re.findall(r"- recommendation: \d+", text)) - 2
    path.write_text(text, "utf-8")


@pytest.mark.xdist_group("build")
def test_new_response_filled_by_hand_validates_and_is_shown(project: Path) -> None:
    made = run("new-response", "kent", "--report", REPORT, cwd=project)
    assert made.returncode == 0, made.stderr
    response = project / RESPONSE
    assert response.read_text("utf-8").startswith("# yaml-language-server: $schema=")
    again = run("new-response", "kent", "--report", REPORT, cwd=project)
    assert again.returncode == 1 and "exists" in (again.stdout + again.stderr)

    fill_two_entries(response)
    checked = run("validate", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert "notice[unanswered]" in checked.stdout  # the unfilled entries still owe an answer (s55(5B))
    assert run("validate", "--strict", cwd=project).returncode == 0  # a notice is a fact, not a defect

    built = run("build", "--as-of", "2026-11-23", "--no-search", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (project / "site" / "reports" / REPORT / "organisations" / "kent" / "index.html").read_text("utf-8")
    words = re.sub(r"<[^>]+>", "", page)  # abbreviations are wrapped in <abbr> for hover explanations
    assert "Kent Police has reviewed its referral process" in words
    assert "now uses KIRAT for every referral" in words
    assert "Bail conditions are checked every month by the OCSAE team &lt;script&gt;" in words
    assert "<script>alert" not in page
    # The address from before the tracker held many reports still leads there.
    old = (project / "site" / "forces" / "kent" / "index.html").read_text("utf-8")
    assert f"reports/{REPORT}/organisations/kent/" in old


def test_wrong_recommendation_number_is_one_line_with_file_line_and_hint(project: Path) -> None:
    assert run("new-response", "kent", "--report", REPORT, cwd=project).returncode == 0
    response = project / RESPONSE
    fill_two_entries(response)
    lines = response.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "- recommendation: 4")
    lines[index] = lines[index].replace("4", "17")
    response.write_text("\n".join(lines) + "\n", "utf-8")
    result = run("validate", cwd=project)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if " error[" in line]
    column = lines[index].index("17") + 1
    assert errors == [
        f"{RESPONSE}:{index + 1}:{column}: error[unknown-reference] "
        f"responses[3].recommendation: recommendation 17 of report '{REPORT}' does not exist (known: 1-16) "
        "Hint: use a number from 1-16"
    ]
