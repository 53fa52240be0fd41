"""Targets: the stage's default per rule, a given target over it, the gap, and progress since
each earlier assessment; each figure below worked out by hand."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from revops.advice.history import Earlier
from revops.advice.targets import (
    OPTION,
    STAGE,
    Target,
    choose_targets,
    given_targets,
    rule_targets,
    stage_targets,
)
from revops.foundation.problems import InvalidInput

from .conftest import revops

RULES = ["pipeline", "handoffs", "tooling", "pricing"]
GUIDE = {
    "id": "growing",
    "name": "Growing",
    "path": "stages/#growing",
    "target_level": 3,
    "target_reason": "written down with an owner",
    "foundations": {
        "handoffs": {"until_level": 4, "reason": "handoffs first"},
        "tooling": {"until_level": None, "reason": "at every level"},
    },
    "later": {"pricing": {"from_level": 3, "reason": "pricing can wait"}},
}
BANK = {
    "parameters": {"decimals": 2, "min_answered_fraction": 0.5, "misaligned_gap": 2},
    "levels": [{"level": n, "name": f"L{n}"} for n in range(1, 6)],
    "rules": [{"id": rule, "questions": []} for rule in RULES],
    "profiles": {"stages": [GUIDE], "motions": []},
}


def test_the_stage_sets_each_rules_default_target():
    """Level 3 for all; handoffs raised to its foundation's 4; tooling's foundation has no
    level, so 3; pricing capped below its postponement from 3, so 2."""
    targets = stage_targets(BANK, "growing")
    assert {rule: t.level for rule, t in targets.items()} == {
        "pipeline": 3,
        "handoffs": 4,
        "tooling": 3,
        "pricing": 2,
    }
    assert targets["handoffs"] == Target(4, STAGE, "handoffs first")
    assert targets["pricing"].reason == "pricing can wait"
    assert stage_targets(BANK, None) == {} == stage_targets(BANK, "unknown")


def test_a_given_target_replaces_the_stage_default():
    targets = choose_targets(BANK, {"pipeline": 5}, "growing")
    assert targets["pipeline"] == Target(5, OPTION)
    assert targets["handoffs"].source == STAGE
    assert choose_targets(BANK, {"pipeline": 5}, None) == {"pipeline": Target(5, OPTION)}


def result(scores: dict) -> SimpleNamespace:
    return SimpleNamespace(rules=[SimpleNamespace(id=rule, score=s) for rule, s in scores.items()])


def earlier(date: str, scores: dict) -> Earlier:
    return Earlier(source=date, date=date, overall=None, rules=scores)


def test_progress_toward_the_target_over_three_earlier_assessments():
    """Target 4 on pipeline, now 3.40. Then: 2.20 (gap 1.80, closed 1.20), 3.00 (gap 1.00,
    closed 0.40), 3.70 (gap 0.30, now 0.30 further away: -0.30). Handoffs met at 4.10;
    since 3.90 it closed the whole 0.10, not 0.20. Tooling has no score in the oldest."""
    now = result({"pipeline": 3.4, "handoffs": 4.1, "tooling": 2.5})
    history = [
        earlier("2026-01-31", {"pipeline": 2.2, "handoffs": 3.9, "tooling": None}),
        earlier("2026-03-31", {"pipeline": 3.0, "handoffs": 3.9, "tooling": 2.0}),
        earlier("2026-06-30", {"pipeline": 3.7, "handoffs": 3.9, "tooling": 2.0}),
    ]
    targets = {
        "pipeline": Target(4, OPTION),
        "handoffs": Target(4, STAGE),
        "tooling": Target(3, STAGE),
    }
    found = rule_targets(BANK, now, targets, history)
    pipeline = found["pipeline"]
    assert (pipeline.gap, pipeline.met) == (0.6, False)
    assert [(p.date, p.gap, p.closed) for p in pipeline.progress] == [
        ("2026-01-31", 1.8, 1.2),
        ("2026-03-31", 1.0, 0.4),
        ("2026-06-30", 0.3, -0.3),
    ]
    handoffs = found["handoffs"]
    assert (handoffs.gap, handoffs.met) == (0.0, True)
    assert [p.closed for p in handoffs.progress] == [0.1, 0.1, 0.1]
    assert [(p.gap, p.closed) for p in found["tooling"].progress][0] == (None, None)
    assert "pricing" not in found  # no target, nothing reported


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["pipelin=3"], "'pipelin=3': unknown rule 'pipelin'; did you mean 'pipeline'?"),
        (["pipeline=6"], "'pipeline=6': the target must be a level from 1 to 5"),
        (["pipeline=two"], "'pipeline=two': the target must be a level from 1 to 5"),
        (["pipeline"], "'pipeline=': the target must be a level from 1 to 5"),
        ({"pipeline": 2.5}, "'pipeline=2.5': the target must be a level from 1 to 5"),
    ],
)
def test_a_bad_target_is_refused_by_name(given, message):
    with pytest.raises(InvalidInput) as raised:
        given_targets(given, BANK)
    assert [p.message for p in raised.value.problems] == [message]


def test_targets_are_read_from_the_options():
    assert given_targets(["pipeline=4", "tooling=2"], BANK) == {"pipeline": 4, "tooling": 2}
    assert given_targets({"handoffs": 5}, BANK) == {"handoffs": 5}


Q1 = "assessment/examples/leadership-team-2026-q1.csv"
Q2 = "assessment/examples/leadership-team-2026-q2.csv"


def test_the_report_shows_targets_and_progress():
    """Scale-up's default is 3, and 4 for its foundations; alignment is set to 4 here: 2.14
    then, 2.89 now, so 0.75 of 1.86 closed; measurement is set to 3, met at 3.22."""
    out = revops(
        "score", Q2, "--previous", Q1, "--stage", "scale-up",
        "--target", "alignment=4", "--target", "measurement=3",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert (
        "- Alignment is the North Star: target 4 (set for this assessment): 2.89 now, 1.11 to go;"
        " closed 0.75 of 1.86 since 2026-03-31" in text
    )
    assert "- Measurement is the Compass: target 3 (set for this assessment): met at 3.22" in text
    assert (
        "- Data is King, but Insights are Emperor: target 3 (the stage's default): 2.69 now, "
        "0.31 to go" in text
    )


def test_a_bad_target_option_exits_2_with_the_choices():
    out = revops("score", Q2, "--target", "alignmnt=4")
    assert out.returncode == 2
    assert (
        "--target: 'alignmnt=4': unknown rule 'alignmnt'; did you mean 'alignment'?" in out.stderr
    )
    assert out.stdout == ""


def answer_file(folder, name: str, targets: str) -> str:
    """An answer file with three alignment answers at 2, three measurement answers at 3
    and the given `targets:` block."""
    path = folder / name
    path.write_text(
        "team: Northwind\ndate: 2026-06-30\n"
        f"{targets}"
        "answers:\n  alignment-shared-funnel: 2\n  alignment-shared-targets: 2\n"
        "  alignment-lead-handoff: 2\n  measure-kpi-definitions: 3\n"
        "  measure-target-setting: 3\n  measure-early-warning: 3\n",
        encoding="utf-8",
    )
    return str(path)


def test_an_answer_files_targets_are_used_and_the_option_wins(tmp_path):
    """alignment 2.00 now: the file's 4 leaves 2.00 to go; --target alignment=3 leaves 1.00."""
    file = answer_file(tmp_path, "a.yaml", "targets:\n  alignment: 4\n  measurement: null\n")
    out = revops("score", file)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "Alignment is the North Star: target 4 (set for this assessment): 2.00 now," in text
    assert "2.00 to go" in text
    assert "Measurement is the Compass: target" not in text  # null: no target
    out = revops("score", file, "--target", "alignment=3")
    assert "target 3 (set for this assessment): 2.00 now, 1.00 to go" in " ".join(
        out.stdout.split()
    )


def test_answer_files_that_disagree_on_a_target_are_refused_unless_the_option_settles_it(
    tmp_path,
):
    first = answer_file(tmp_path, "a.yaml", "targets: {alignment: 4}\n")
    second = answer_file(tmp_path, "b.yaml", "targets: {alignment: 5, measurement: 4}\n")
    out = revops("score", first, second)
    assert out.returncode == 1
    assert (
        f"the answer files give alignment different targets ({first} says 4; {second} says "
        "5); choose one with --target alignment=LEVEL"
    ) in out.stderr
    assert out.stdout == ""
    out = revops("plan", first, second, "--target", "alignment=4", "--format", "json")
    assert out.returncode == 0, out.stderr
    plan_rules = {item["rule_id"] for item in json.loads(out.stdout)["items"]}
    assert plan_rules == {"alignment", "measurement"}


def test_a_bad_target_in_an_answer_file_is_located(tmp_path):
    file = answer_file(tmp_path, "a.yaml", "targets:\n  alignmnt: 4\n  measurement: 9\n")
    out = revops("score", file)
    assert out.returncode == 1
    assert "a.yaml:4: unknown rule 'alignmnt'; did you mean 'alignment'?" in out.stderr
    assert "a.yaml:5: target for 'measurement': a target is a level from 1 to 5, not 9" in (
        out.stderr
    )
