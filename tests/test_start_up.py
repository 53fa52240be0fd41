"""`revops score` starts fast: with the question bank cached, scoring a team's CSV imports
neither pydantic nor dataclasses (src/revops/README.md says why its records are named
tuples), nor shutil (argparse would import it to find the terminal's width), nor OpenSSL
(the cached bank's name carries its fingerprint, bank/cache.py). A module that
brings one back fails here; `python -X importtime -m revops score ...` shows which import
did."""

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
def test_scoring_a_team_imports_none_of_the_slow_modules(tmp_path):
    run = [sys.executable, "-c", SCORE_THEN_LIST, str(tmp_path / "report.json"), str(TEAM)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True)  # fills the cache
    found = subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    code, modules = found.stdout.split(" ", 1)
    imported = set(modules.split())
    assert code == "0" and "revops.answers.csv_rows" in imported
    assert not {"pydantic", "dataclasses", "inspect", "shutil", "_hashlib"} & imported
    # nor the readers of YAML answer files, nor the survey tools `form` lists
    assert not {"revops.answers.fast_path", "revops.bank.form_tools"} & imported


@pytest.mark.parametrize("columns", [None, "60", "200", "0", "-3", "wide", ""])
def test_help_wraps_to_the_width_shutil_gives(monkeypatch, columns):
    import shutil

    from revops.cli.help_width import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
