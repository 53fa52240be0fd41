"""Question weights as a team sees them: each rule's plain mean beside its weighted score in
every report format, and the sentence that says the weights moved the score only when they
changed the rounded score."""

from __future__ import annotations

import json

import pytest

from .test_score_cli import score, write

HEAD = "team: Northwind\ndate: 2026-06-30\nrespondent: {name: Ann, role: sales}\nanswers:\n"
# measurement: four questions of weight 1, then quota setting and forecast accuracy of weight 2
MOVED = """  measure-kpi-definitions: 4
  measure-target-setting: 4
  measure-early-warning: 3
  measure-reporting: 4
  measure-quota-setting: 1
  measure-forecast-accuracy: 2
"""
# the same level everywhere: the weights cannot move the mean
UNMOVED = "".join(line.split(":")[0] + ": 3\n" for line in MOVED.splitlines())
SENTENCE = "weights moved this score from 3.00 to 2.63"


def report(tmp_path, answers: str, fmt: str) -> str:
    result = score(write(tmp_path, "ann.yaml", HEAD + answers), "--format", fmt)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_each_format_says_when_the_weights_moved_a_score(tmp_path, fmt):
    # (4 + 4 + 3 + 4 + 2 x 1 + 2 x 2) / 8 = 2.625 -> 2.63; plainly (4 + 4 + 3 + 4 + 1 + 2) / 6
    out = " ".join(report(tmp_path, MOVED, fmt).split())
    assert SENTENCE in out or SENTENCE[:1].upper() + SENTENCE[1:] in out
    assert "weights moved" not in report(tmp_path, UNMOVED, fmt).lower()


def test_the_json_report_gives_the_plain_mean_beside_the_score(tmp_path):
    rules = {r["id"]: r for r in json.loads(report(tmp_path, MOVED, "json"))["rules"]}
    assert (rules["measurement"]["score"], rules["measurement"]["unweighted"]) == (2.63, 3.0)
    assert rules["alignment"]["score"] is None and rules["alignment"]["unweighted"] is None
    rules = {r["id"]: r for r in json.loads(report(tmp_path, UNMOVED, "json"))["rules"]}
    assert rules["measurement"]["score"] == rules["measurement"]["unweighted"] == 3.0
