"""A user who installs the built wheel can score from any folder: the wheel carries the
question bank, the levels, the scoring parameters and the report templates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT, revops

EXAMPLE = ROOT / "assessment" / "examples" / "single-leader.yaml"


def run(args: list, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_the_wheel_scores_from_an_empty_folder_outside_the_project(tmp_path):
    # Built with this environment's setuptools and installed without fetching its
    # dependencies again: the fresh environment borrows them from this one through a .pth
    # line (directories named there are only searched, so this project's editable install
    # stays out). What is tested is what the wheel carries.
    built = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            tmp_path / "dist",
            ROOT,
        ],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("revops_playbook-*.whl"))
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    site = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp_path
        ).stdout.strip()
    )
    installed = run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    where = run([python, "-c", "import revops; print(revops.__file__)"], cwd=tmp_path)
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    folder = tmp_path / "somewhere-else"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "answers.yaml")
    command = venv / "bin" / "revops"

    sheet = run([command, "template"], cwd=folder)
    assert sheet.returncode == 0, sheet.stderr
    first = json.loads(revops("score", str(EXAMPLE), "--format", "json").stdout)
    assert f"{next(iter(first['rules'][0]['question_means']))}: null" in sheet.stdout
    assert run([command, "template", "--format", "csv"], cwd=folder).returncode == 0
    overlay = run(
        [command, "validate", "--overlay", str(ROOT / "overlays" / "example.yaml")], cwd=folder
    )
    assert overlay.returncode == 0, overlay.stderr
    assert "OK: overlay example.yaml fits the question bank of revops" in overlay.stdout
    form = run([command, "form"], cwd=folder)
    assert form.returncode == 0, form.stderr
    assert form.stdout == revops("form").stdout

    scored = run([command, "score", "answers.yaml", "--format", "json"], cwd=folder)
    assert scored.returncode == 0, scored.stderr
    report = json.loads(scored.stdout)
    here = json.loads(revops("score", str(EXAMPLE), "--format", "json").stdout)
    assert report["overall"] == here["overall"] and report["rules"] == here["rules"]
    assert report["content"]["source"].startswith("the question bank of revops")
    assert report["content"]["bank"] == here["content"]["bank"]

    html = run(
        [command, "score", "answers.yaml", "--format", "html", "--output", "r.html"], cwd=folder
    )
    assert html.returncode == 0 and "<svg" in (folder / "r.html").read_text(encoding="utf-8")
    validate = run([command, "validate"], cwd=folder)
    assert validate.returncode == 1 and "no playbook/ and assessment/ folders" in validate.stderr
