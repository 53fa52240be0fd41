"""The company profile (stage and sales motion) as a leader gives it: in the answer file or
with --stage and --motion, and what it does to the order of the advice."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.advice.recommendations import recommend
from revops.bank.build import bank
from revops.content.playbook import load_playbook
from revops.scoring.formula import RuleResult, Scale

from .conftest import ROOT
from .test_score_cli import LEADER, score, write

PLAYBOOK = load_playbook(ROOT)
BANK = bank(PLAYBOOK)
SCALE = Scale.of(BANK)
STAGES = {stage.id: stage for stage in PLAYBOOK.reference.stages.stages}
MOTIONS = {motion.id: motion for motion in PLAYBOOK.reference.stages.motions}


def report_of(*args: str) -> dict:
    result = score(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PROFILE = "profile:\n  stage: scale-up\n  motion: sales-led\n"  # the example's own
assert PROFILE in LEADER.read_text(encoding="utf-8")


def with_profile(tmp_path, profile: str, name: str = "leader.yaml") -> str:
    """The example leader's answers with another profile (or none)."""
    text = LEADER.read_text(encoding="utf-8").replace(PROFILE, profile, 1)
    return write(tmp_path, name, text)


def test_the_stage_puts_its_foundations_first_with_their_reason(tmp_path):
    leader = with_profile(tmp_path, "")
    plain = report_of(leader, "--top", "10")
    early = report_of(leader, "--top", "10", "--stage", "early")
    levels = {r["rule"]: r["level"] for r in plain["recommendations"]}
    foundations = [
        f.rule
        for f in STAGES["early"].assessment.foundations
        if f.rule in levels and (f.until_level is None or levels[f.rule] + 1 <= f.until_level)
    ]
    assert foundations  # the example leads with at least one
    order = [r["rule"] for r in early["recommendations"]]
    chosen = [rule for rule in order if rule in foundations]
    assert order[: len(chosen)] == chosen  # every foundation before every other rule
    assert sorted(order) == sorted(r["rule"] for r in plain["recommendations"])
    first = early["recommendations"][0]
    reason = next(
        f.reason for f in STAGES["early"].assessment.foundations if f.rule == first["rule"]
    )
    assert first["reason"] == f"First for founder-led or early companies: {reason}"
    assert first["guidance"].endswith("/reference/stages/#early")
    assert early["profile"] == {
        "stage": "early",
        "stage_name": "Founder-led or early",
        "motion": None,
        "motion_name": None,
    }
    assert plain["profile"] == dict.fromkeys(("stage", "stage_name", "motion", "motion_name"))
    assert all(r["reason"].startswith("Among your lowest scores") for r in plain["recommendations"])


def test_the_answer_file_names_the_profile_and_the_options_override_it(tmp_path):
    answers = with_profile(tmp_path, "profile: {stage: scale-up, motion: product-led}\n")
    from_file = report_of(answers)
    assert from_file["profile"] == {
        "stage": "scale-up",
        "stage_name": "Scale-up",
        "motion": "product-led",
        "motion_name": "Product-led",
    }
    overridden = report_of(answers, "--stage", "enterprise")
    assert overridden["profile"] == {
        "stage": "enterprise",
        "stage_name": "Enterprise",
        "motion": "product-led",
        "motion_name": "Product-led",
    }
    terminal = score(answers).stdout
    assert "What to do next, for the Scale-up stage, the Product-led motion" in terminal


def test_an_unknown_stage_or_motion_gets_one_message_and_nothing_is_written(tmp_path):
    out = tmp_path / "report.html"
    result = score(
        with_profile(tmp_path, ""), "--stage", "scaleup", "--format", "html", "--output", str(out)
    )
    assert result.returncode == 2 and not out.exists()
    assert "--stage: unknown stage 'scaleup'; did you mean 'scale-up'?" in result.stderr
    answers = with_profile(tmp_path, "profile:\n  stage: early\n  motion: freemium\n")
    result = score(answers)
    line = LEADER.read_text(encoding="utf-8").split("\n").index("profile:") + 3
    assert result.returncode == 1
    assert (
        f"{answers}:{line}: unknown motion 'freemium'; use one of sales-led, product-led, "
        "hybrid" in result.stderr
    )
    result = score(with_profile(tmp_path, "profile: {region: emea}\n"))
    assert result.returncode == 1
    assert "unknown key 'region' in profile; allowed keys: stage, motion" in result.stderr
    result = score(with_profile(tmp_path, "profile: scale-up\n"))
    assert "'profile' must be a mapping with stage and motion" in result.stderr


def test_files_that_disagree_on_the_stage_are_refused_unless_an_option_decides(tmp_path):
    one = with_profile(tmp_path, "profile: {stage: early}\n")
    other = tmp_path / "other.yaml"
    other.write_text(
        Path(with_profile(tmp_path, "profile: {stage: enterprise}\n", "o.yaml"))
        .read_text(encoding="utf-8")
        .replace("Priya Shah", "Sam Lee"),
        encoding="utf-8",
    )
    result = score(one, str(other))
    assert result.returncode == 1
    assert "the answer files name different stages" in result.stderr
    assert "choose one with --stage" in result.stderr
    assert report_of(one, str(other), "--stage", "early")["profile"]["stage"] == "early"


def test_a_foundation_leads_only_up_to_its_until_level():
    """An early company at data-and-insights level 3 is not told first to build predictive
    models: its foundation stops at level 3, and the rule takes its place by score."""
    bounded = next(f for f in STAGES["early"].assessment.foundations if f.until_level)

    def advice(level: int) -> list:
        rules = [
            RuleResult(
                rule.id,
                rule.title,
                level + (0.0 if rule.id == bounded.rule else -0.5),
                level - (0 if rule.id == bounded.rule else 1),
                None,
                4,
                4,
                "scored",
                0,
                0,
                0,
                {q.id: float(level) for q in PLAYBOOK.questions[rule.id]},
            )
            for rule in PLAYBOOK.rules
        ]
        return recommend(BANK, rules, len(rules), {"stage": "early"})

    def placed(advised: list) -> tuple[int, object, list]:
        mine = next(r for r in advised if r.rule_id == bounded.rule)
        by_score = [i for i, r in enumerate(advised) if r.reason.startswith("Among")]
        return advised.index(mine), mine, by_score

    # Its advice aims for until_level: first, before every rule with a lower score.
    index, mine, by_score = placed(advice(bounded.until_level - 1))
    assert mine.reason == f"First for founder-led or early companies: {bounded.reason}"
    assert by_score and index < min(by_score)
    # One level up, it aims higher: in its place by score, after every lower one.
    index, mine, by_score = placed(advice(bounded.until_level))
    assert mine.reason.startswith("Among your lowest scores") and index == max(by_score)


def test_postponed_advice_comes_last_and_says_why():
    postponed = STAGES["early"].assessment.later[0]
    level = postponed.from_level - 1  # the advice to move up from here waits
    rules = [
        RuleResult(
            rule.id,
            rule.title,
            level + (0.0 if rule.id == postponed.rule else 0.5),
            level,
            None,
            4,
            4,
            "scored",
            0,
            0,
            0,
            {q.id: float(level) for q in PLAYBOOK.questions[rule.id]},
        )
        for rule in PLAYBOOK.rules
    ]
    recommendations = recommend(BANK, rules, len(rules), {"stage": "early"})
    later = [r for r in recommendations if r.later]
    assert {r.rule_id for r in later} == {
        p.rule for p in STAGES["early"].assessment.later if p.from_level <= level + 1
    }
    assert list(recommendations[-len(later) :]) == later  # all of them last
    mine = next(r for r in later if r.rule_id == postponed.rule)
    assert mine.reason == f"Later for founder-led or early companies: {postponed.reason}"
    assert recommend(BANK, rules, 1)[0].rule_id == postponed.rule  # lowest without a profile


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    scores=st.lists(
        st.sampled_from([1.0, 1.5, 2.0, 2.75, 3.0, 4.25, 5.0]),
        min_size=len(PLAYBOOK.rules),
        max_size=len(PLAYBOOK.rules),
    ),
    stage=st.sampled_from([None, *STAGES]),
    motion=st.sampled_from([None, *MOTIONS]),
    top=st.integers(0, 10),
)
def test_the_order_holds_for_any_scores(scores, stage, motion, top):
    """Foundations, then the rest by score, then what waits; nothing is dropped or invented."""
    rules = [
        RuleResult(
            rule.id,
            rule.title,
            value,
            SCALE.level_of(value),
            None,
            4,
            4,
            "scored",
            0,
            0,
            0,
            {q.id: value for q in PLAYBOOK.questions[rule.id]},
        )
        for rule, value in zip(PLAYBOOK.rules, scores, strict=True)
    ]
    chosen = recommend(BANK, rules, top, {"stage": stage, "motion": motion})
    plain = recommend(BANK, rules, len(rules))
    assert len(chosen) == min(top, len(plain))
    assert {r.rule_id for r in chosen} <= {r.rule_id for r in plain}
    ranks = [(r.later, not r.reason.startswith("First"), r.score) for r in chosen]
    assert ranks == sorted(ranks)
    if stage is None and motion is None:
        assert [r.rule_id for r in chosen] == [r.rule_id for r in plain[:top]]
