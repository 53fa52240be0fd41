"""Every command's output for the example answer sets, byte for byte, as recorded in
tests/golden/. A refactor must leave these unchanged; a deliberate change of output
rewrites them with `REVOPS_RECORD_GOLDEN=1 pytest tests/test_golden_outputs.py` and the
diff is reviewed in the pull request."""

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import conftest
from .in_process import run_in_process

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = "assessment/examples"
SINGLE = f"{EXAMPLES}/single-leader.yaml"
Q1 = f"{EXAMPLES}/leadership-team-2026-q1.csv"
Q2 = f"{EXAMPLES}/leadership-team-2026-q2.csv"

SCORE_RUNS = {
    "single": [SINGLE],
    "single-stage": [SINGLE, "--stage", "early", "--motion", "product-led", "--top", "5"],
    "q1": [Q1],
    "q1-anonymous": [Q1, "--anonymous", "--reading", "forecast-accuracy=0.82"],
    "q2": [Q2],
    "q2-previous": [Q2, "--previous", Q1, "--stage", "scale-up"],
    "q2-report-previous": [Q2, "--previous", str(GOLDEN / "score-q1.json"), "--team", "Northwind"],
    "teams-together": [Q1, SINGLE, "--reading", "data-completeness=0.9"],
}
FORMATS = {"terminal": "txt", "markdown": "md", "html": "html", "json": "json"}

CASES = [
    (f"score-{name}.{suffix}", ["score", *args, "--format", fmt])
    for name, args in SCORE_RUNS.items()
    for fmt, suffix in FORMATS.items()
] + [
    ("template.yaml", ["template"]),
    ("template.csv", ["template", "--format", "csv"]),
    ("form.txt", ["form"]),
    ("form.md", ["form", "--format", "markdown"]),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy under a fixed folder name, which reports name as the content's source."""
    copy = tmp_path_factory.mktemp("golden") / "revops-playbook"
    for folder in ("playbook", "assessment"):
        shutil.copytree(ROOT / folder, copy / folder)
    return copy


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The command's output as bytes: from a subprocess, or with --cli-in-process (make
    check) from this process, which writes the same bytes."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    command = str(Path(sys.executable).parent / "revops")
    if conftest.IN_PROCESS:
        return run_in_process(command, args, cwd, env, text=False)
    return subprocess.run(
        [command, *args],
        cwd=cwd,
        capture_output=True,
        env=env,
        timeout=300,
    )


TODAY = b"<today>"  # the blank sheet is dated the day it is printed


def dated_today(output: bytes) -> bytes:
    """The output with today's date (the day the command ran) as a placeholder."""
    return output.replace(dt.date.today().isoformat().encode(), TODAY)


@pytest.mark.parametrize(("name", "args"), CASES, ids=[name for name, _ in CASES])
def test_output_is_unchanged(name, args, project):
    done = run_cli(args, project)
    assert done.returncode == 0, done.stderr.decode()
    output = dated_today(done.stdout)
    recorded = GOLDEN / name
    if os.environ.get("REVOPS_RECORD_GOLDEN") == "1":
        recorded.write_bytes(output)
    assert recorded.exists(), f"no recording for {name}: run with REVOPS_RECORD_GOLDEN=1"
    assert output == recorded.read_bytes(), f"{name} differs from tests/golden/{name}"


def test_only_the_blank_sheet_carries_today():
    """A report dated by the clock would make every recording stale the next day."""
    dated = [
        name
        for name in sorted(p.name for p in GOLDEN.iterdir())
        if TODAY in (GOLDEN / name).read_bytes()
    ]
    assert dated == ["template.yaml"]
