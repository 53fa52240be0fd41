"""Metric readings that check a self-rating, as a leader gives them in an answer file."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.answers.readings import level_for
from revops.bank.build import bank
from revops.content.playbook import load_playbook

from .conftest import ROOT, examples
from .test_score_cli import LEADER, TEAM_Q2, score, write

SPECS = bank(load_playbook(ROOT))["readings"]
HEAD = "team: Northwind\ndate: 2026-06-30\nrespondent: {name: Ann}\n"
# measurement: four questions of weight 1, rated 4, 4, 5 and 4 -> 4.25, level 4
RATED_FOUR = """answers:
  measure-kpi-definitions: 4
  measure-target-setting: 4
  measure-early-warning: 5
  measure-reporting: 4
"""


def measurement(report: dict) -> dict:
    return next(rule for rule in report["rules"] if rule["id"] == "measurement")


def test_a_rating_well_above_its_readings_is_flagged_in_every_format(tmp_path):
    bars = SPECS["kpi-coverage"]["levels"]
    assert SPECS["kpi-coverage"]["rule"] == "measurement"
    reading = round(bars["2"] + (bars["3"] - bars["2"]) / 2, 3)  # reaches level 2, not 3
    answers = write(
        tmp_path, "ann.yaml", HEAD + f"metrics:\n  kpi-coverage: {reading}\n" + RATED_FOUR
    )
    report = json.loads(score(answers, "--format", "json").stdout)
    rule = measurement(report)
    assert (
        rule["level"],
        rule["readings_level"],
        rule["calibration_gap"],
        rule["miscalibrated"],
    ) == (4, 2, 2, True)
    assert rule["readings"] == [
        {"metric": "kpi-coverage", "name": "KPI coverage", "value": reading, "suggests": 2}
    ]
    assert report["metrics"] == {"kpi-coverage": reading}
    assert "RATED 4, READINGS SUGGEST 2" in score(answers).stdout
    for fmt in ("markdown", "html"):
        text = score(answers, "--format", fmt).stdout
        assert "rated 4, readings suggest 2" in text.lower(), fmt
        assert f"KPI coverage</span> {reading:g} suggests level 2" in text or (
            f"[KPI coverage](https://revops-playbook.github.io/revops-playbook/reference/metrics/"
            f"#kpi-coverage) {reading:g} suggests level 2" in text
        ), fmt
        assert '<span title="kpi-coverage">' in text or fmt == "markdown"


def test_readings_that_back_the_rating_raise_no_flag(tmp_path):
    answers = write(
        tmp_path,
        "ann.yaml",
        HEAD + f"metrics:\n  kpi-coverage: {SPECS['kpi-coverage']['levels']['4']}\n" + RATED_FOUR,
    )
    rule = measurement(json.loads(score(answers, "--format", "json").stdout))
    assert (rule["readings_level"], rule["calibration_gap"], rule["miscalibrated"]) == (4, 0, False)
    assert "READINGS SUGGEST" not in score(answers).stdout


def test_bad_readings_get_their_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "report.md"
    answers = write(
        tmp_path,
        "ann.yaml",
        HEAD + "metrics:\n  forecast-acuracy: 0.8\n"
        "  data-completeness: 74\n  active-adoption-rate: high\n" + RATED_FOUR,
    )
    result = score(answers, "--format", "markdown", "--output", str(out))
    assert result.returncode == 1 and not out.exists()
    assert (
        f"{answers}:5: no metric 'forecast-acuracy' takes a reading; did you mean "
        "'forecast-accuracy'?" in result.stderr
    )
    assert (
        f"{answers}:6: 'data-completeness' is a ratio from 0 to 1: write 74% as 0.74"
        in result.stderr
    )
    assert f"{answers}:7: reading of 'active-adoption-rate': a reading is a number" in result.stderr


def test_two_files_with_different_readings_are_refused(tmp_path):
    one = write(tmp_path, "ann.yaml", HEAD + "metrics:\n  forecast-accuracy: 0.8\n" + RATED_FOUR)
    other = write(
        tmp_path,
        "bo.yaml",
        HEAD.replace("Ann", "Bo") + "metrics:\n  forecast-accuracy: 0.7\n" + RATED_FOUR,
    )
    result = score(one, other)
    assert result.returncode == 1
    assert "'forecast-accuracy' reads 0.7 here but 0.8 in" in result.stderr
    same = write(
        tmp_path,
        "cy.yaml",
        HEAD.replace("Ann", "Cy") + "metrics:\n  forecast-accuracy: 0.8\n" + RATED_FOUR,
    )
    assert score(one, same).returncode == 0


def test_the_example_leader_gives_readings():
    report = json.loads(score(str(LEADER), "--format", "json").stdout)
    assert set(report["metrics"]) == {"forecast-accuracy", "data-completeness"}


@settings(max_examples=examples(300), deadline=None, derandomize=True)
@given(metric=st.sampled_from(sorted(SPECS)), low=st.floats(0, 1), high=st.floats(0, 1))
def test_a_better_reading_never_suggests_a_lower_level(metric, low, high):
    spec = SPECS[metric]
    low, high = sorted((low, high))
    worse, better = (low, high) if spec["higher_is_better"] else (high, low)
    assert 1 <= level_for(spec, worse) <= level_for(spec, better) <= 5
    for level, bar in spec["levels"].items():  # a threshold itself reaches its level
        assert level_for(spec, bar) >= int(level)


def test_a_team_csv_takes_its_readings_from_the_command_line(tmp_path):
    report = json.loads(
        score(str(TEAM_Q2), "--reading", "kpi-coverage=0.7", "--format", "json").stdout
    )
    assert report["metrics"] == {"kpi-coverage": 0.7}
    assert measurement(report)["readings"][0]["suggests"] == level_for(SPECS["kpi-coverage"], 0.7)
    result = score(str(TEAM_Q2), "--reading", "data-completeness=82", "--reading", "x=")
    assert result.returncode == 2  # a bad option value: a usage error
    assert (
        "--reading: 'data-completeness' is a ratio from 0 to 1: write 82% as 0.82" in result.stderr
    )
    assert "--reading: 'x=' is not METRIC=NUMBER" in result.stderr
