"""Built at test time rather than committed (too big, binary or invisible).

Lock, backup and swap files that editors leave beside the files they edit, made as the editors make
them (an Office lock file is binary, an Emacs lock is a dangling symbolic link). Each is ignored with a
warning; none blocks the check. The only error is the response's own (recommendation 17).
"""

from __future__ import annotations

import shutil
from pathlib import Path


def make(data: Path) -> None:
    responses = data / "force_responses" / "hmicfrs-2026-ocsa-mosovo"
    (responses / "~$kent.yaml").write_bytes(b"\x08J. Smith" + b"\x00" * 45 + b"\x08\x00J\x00.\x00")
    (responses / ".#kent.yaml").symlink_to("jsmith@laptop.4242:1780000000")
    shutil.copyfile(responses / "kent.yaml", responses / "kent.yaml~")
    (responses / ".kent.yaml.swp").write_bytes(b"b0VIM 9.0\x00\x00\x00\x00" + b"\x00" * 40)
    (data / "force_responses" / "~$kent.yaml").write_bytes(b"\x08J. Smith" + b"\x00" * 45)  # beside the folders
    assessments = data / "assessments" / "hmicfrs-2023-online-csae.yaml"
    shutil.copyfile(assessments, assessments.with_name(assessments.name + "~"))
    (data / "~$recommendations.yaml").write_bytes(b"\x08J. Smith" + b"\x00" * 45)
    shutil.copyfile(data / "recommendations.yaml", data / "recommendations.yaml~")
