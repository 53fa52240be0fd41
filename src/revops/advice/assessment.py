"""An assessment: the scored result with everything advised from it, which the report shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from revops.advice.calibration import Calibration, calibrate_all
from revops.advice.consistency import Inconsistent, inconsistent
from revops.advice.evidence import unevidenced
from revops.advice.recommendations import Recommendation, recommend
from revops.advice.targets import RuleTarget, Target, rule_targets
from revops.scoring.formula import Bank, Result

if TYPE_CHECKING:  # history.py and the plan are imported when there are earlier assessments
    # or targets
    from revops.advice.history import Comparison, Earlier, History
    from revops.advice.plan_model import Plan

Profile = Mapping[str, str | None]  # 'stage' and 'motion' -> a guidance id, or None
KINDS = (("stage", "stages"), ("motion", "motions"))


class Assessment(NamedTuple):
    result: Result
    profile: Profile  # the stage and motion the recommendations are ordered for
    readings: Mapping[str, float]  # metric id -> the company's reading
    calibration: Mapping[str, Calibration]  # rule id -> what its readings suggest
    recommendations: tuple[Recommendation, ...]
    inconsistent: Mapping[str, Inconsistent]  # rule id -> claims that skip their foundation
    targets: Mapping[str, RuleTarget]  # rule id -> its target, gap and progress, when it has one
    comparison: Comparison | None = None  # the change since the latest earlier assessment
    history: History | None = None  # every earlier assessment, and what moved most
    plan: Plan | None = None  # the improvement plan, once some rule has a target (plan.py)


def advise(
    bank: Bank,
    result: Result,
    *,
    top: int = 3,
    profile: Profile | None = None,
    readings: Mapping[str, float] | None = None,
    earlier: Sequence[Earlier] = (),
    targets: Mapping[str, Target] | None = None,
) -> Assessment:
    """The result with its calibration, `top` recommendations (each with the claims to check
    first) for the profile, and the change since the earlier assessments (oldest first)."""
    readings = {metric: float(value) for metric, value in (readings or {}).items()}
    by_id = {rule.id: rule for rule in result.rules}
    recommendations = tuple(
        advice._replace(unevidenced=unevidenced(bank, by_id[advice.rule_id], result.respondents))
        for advice in recommend(bank, result.rules, top, profile)
    )
    since = None
    if earlier:
        from revops.advice.history import history

        since = history(bank, result, earlier)
    return Assessment(
        result,
        named_profile(bank, profile or {}),
        readings,
        calibrate_all(bank, result, readings),
        recommendations,
        {rule.id: inconsistent(bank, rule.id, result.respondents) for rule in result.rules},
        rule_targets(bank, result, targets or {}, earlier),
        *(since or (None, None)),
    )


def named_profile(bank: Bank, profile: Profile) -> dict[str, str | None]:
    """The stage and motion ids with the names their guidance gives them, for a reader."""
    named: dict[str, str | None] = {}
    for key, kinds in KINDS:
        chosen = profile.get(key)
        guides = (bank.get("profiles") or {}).get(kinds, [])
        names = [guide["name"] for guide in guides if guide["id"] == chosen]
        named[key] = chosen
        named[f"{key}_name"] = names[0] if names else None
    return named
