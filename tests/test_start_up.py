"""`revops score` starts fast: with the question bank cached, scoring a team's CSV imports
neither pydantic nor dataclasses (src/revops/README.md says why its records are named
tuples). A module that brings either back fails here; `python -X importtime -m revops score
...` shows which import did."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

TEAM = ROOT / "assessment" / "examples" / "leadership-team-2026-q2.csv"
SCORE_THEN_LIST = (
    "import sys\n"
    "from revops.cli.main import main\n"
    "code = main(['score', '--format', 'json', '--output', sys.argv[1], sys.argv[2]])\n"
    "print(code, ' '.join(sorted(sys.modules)))\n"
)


@pytest.mark.slow  # two runs of a fresh Python, the first building the bank cache
def test_scoring_a_team_imports_neither_pydantic_nor_dataclasses(tmp_path):
    run = [sys.executable, "-c", SCORE_THEN_LIST, str(tmp_path / "report.json"), str(TEAM)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True)  # fills the cache
    found = subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    code, modules = found.stdout.split(" ", 1)
    imported = set(modules.split())
    assert code == "0" and "revops.answers.csv_rows" in imported
    assert not {"pydantic", "dataclasses", "inspect"} & imported
