"""The answer readers' registry: every kind of file has one reader, chosen in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from revops.answers.documents import READERS, reader_for

from .conftest import BIN, ROOT, run


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("team.csv", "team table (CSV)"),
        ("TEAM.CSV", "team table (CSV)"),
        ("team.xlsx", "spreadsheet"),
        ("team.xlsm", "spreadsheet"),
        ("team.ods", "spreadsheet"),
        ("dana.yaml", "answer document (YAML or JSON)"),
        ("dana.json", "answer document (YAML or JSON)"),
        ("dana.txt", "answer document (YAML or JSON)"),
        ("dana", "answer document (YAML or JSON)"),
    ],
)
def test_each_file_goes_to_the_reader_of_its_kind(name, kind):
    assert reader_for(Path(name)).kind == kind


def test_no_suffix_is_claimed_twice_and_one_reader_takes_the_rest():
    claimed = [suffix for reader in READERS for suffix in reader.suffixes]
    assert len(claimed) == len(set(claimed))
    assert [reader.suffixes for reader in READERS].count(()) == 1
    assert READERS[-1].suffixes == ()


def test_an_upper_case_csv_is_scored_as_a_team_table(tmp_path):
    team = tmp_path / "TEAM.CSV"
    team.write_bytes((ROOT / "assessment/examples/leadership-team-2026-q1.csv").read_bytes())
    result = run([str(BIN / "revops"), "score", str(team)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "5 respondents" in result.stdout + result.stderr
