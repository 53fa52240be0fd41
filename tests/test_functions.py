"""Gaps between functions, and anonymous reports, in every format `revops score` writes."""

from __future__ import annotations

import json

import pytest

from revops.content.playbook import load_playbook

from .conftest import ROOT, revops

PLAYBOOK = load_playbook(ROOT)
FIRST = PLAYBOOK.rules[0]
NAMES = ("Dana Okafor", "Luis Romero", "Mei Chen")


def team_file(tmp_path):
    """Sales rates the first rule 5 throughout, marketing 2 and customer success 3: a gap
    of 3.00, over the misalignment gap."""
    ids = [q.id for q in PLAYBOOK.questions[FIRST.id]]
    rows = [
        ("Dana Okafor", "sales", "5"),
        ("Luis Romero", "marketing", "2"),
        ("Mei Chen", "customer success", "3"),
    ]
    path = tmp_path / "dana-luis-mei.csv"
    path.write_text(
        "respondent,role,team,date,"
        + ",".join(ids)
        + "\n"
        + "".join(
            f"{name},{role},Northwind,2026-06-30," + ",".join([level] * len(ids)) + "\n"
            for name, role, level in rows
        ),
        encoding="utf-8",
    )
    return path


def report(path, *options: str, fmt: str = "json") -> str:
    result = revops("score", str(path), "--format", fmt, *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_largest_gap_between_functions_is_reported_in_every_format(tmp_path):
    path = team_file(tmp_path)
    rules = {rule["id"]: rule for rule in json.loads(report(path))["rules"]}
    gap = rules[FIRST.id]["role_gap"]
    assert gap == {
        "high": {"role": "sales", "score": 5.0},
        "low": {"role": "marketing", "score": 2.0},
        "difference": 3.0,
        "flagged": True,
    }
    assert rules[PLAYBOOK.rules[1].id]["role_gap"] is None  # no answers there
    for fmt in ("terminal", "markdown", "html"):
        assert "sales 5.00 vs marketing 2.00" in report(path, fmt=fmt), fmt


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_an_anonymous_report_names_no_one(tmp_path, fmt):
    path = team_file(tmp_path)
    text = report(path, "--anonymous", fmt=fmt)
    words = [word for name in NAMES for word in name.split()]
    for hidden in (*NAMES, *words, path.stem):
        assert hidden not in text, (fmt, hidden)
    if fmt == "json":
        people = json.loads(text)["respondents"]
        assert [p["name"] for p in people] == ["sales 1", "marketing 1", "customer success 1"]
        assert {p["source"] for p in people} == {"answer file 1"}
        assert "Dana Okafor" in report(path)  # without --anonymous the names are there


def test_the_same_person_twice_counts_once_with_the_later_answers(tmp_path):
    q1 = ROOT / "assessment" / "examples" / "leadership-team-2026-q1.csv"
    q2 = ROOT / "assessment" / "examples" / "leadership-team-2026-q2.csv"
    both = revops("score", str(q2), str(q1), "--format", "json")  # the later file first
    assert both.returncode == 0, both.stderr
    assert both.stderr.count("answered twice") == 5
    assert f"only the later answers, in {q2} row " in both.stderr  # the file and its row
    only_q2 = json.loads(report(q2))
    combined = json.loads(both.stdout)
    assert combined["rules"] == only_q2["rules"]
    assert len(combined["respondents"]) == len(only_q2["respondents"])
    renamed = tmp_path / "renamed.csv"  # case and spacing do not make another person
    renamed.write_text(
        q1.read_text(encoding="utf-8").replace("Dana Okafor", "dana  OKAFOR"), encoding="utf-8"
    )
    result = revops("score", str(renamed), str(q2))
    assert "dana  OKAFOR answered twice" in result.stderr
    unnamed = tmp_path / "anonymous.csv"  # as Microsoft Forms exports unsigned answers
    unnamed.write_text(
        "Name,role,insights-data-quality\nAnonymous,sales,2\nAnonymous,sales,4\n", encoding="utf-8"
    )
    result = revops("score", str(unnamed), "--format", "json", "--team", "T")
    assert "answered twice" not in result.stderr
    assert len(json.loads(result.stdout)["respondents"]) == 2
