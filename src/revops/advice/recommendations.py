"""What to do next: the recommendations a scored assessment leads to, ordered by the company's
stage and motion guidance, each with its next level and weakest questions. Functions of the
bank and the scored rules; docs/assets/revops-score.js mirrors them (Scorer.focus and
Scorer.recommend)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from revops.advice.evidence import Unevidenced
from revops.bank.profile import KINDS
from revops.scoring.formula import Bank, RuleResult, Scale

Guide = Mapping[str, Any]  # one stage's or motion's guidance in the bank's profiles
Placed = dict[str, tuple[Mapping[str, Any], Guide]]  # rule id -> (its entry, the guide)


class Action(NamedTuple):
    question_id: str
    question: str
    current: float
    next_option: str


class Recommendation(NamedTuple):
    rule_id: str
    title: str
    score: float
    level: int
    next_level: int
    next_level_name: str
    next_level_description: str
    misaligned: bool
    actions: tuple[Action, ...]
    practices: tuple[tuple[str, str], ...]  # (name, site path)
    steps: tuple[tuple[str, str], ...]  # (title, site path)
    path: str
    unevidenced: Unevidenced | None = None  # answers without proof, once looked up
    reason: str = ""  # why it is here, and in this place
    later: bool = False  # the company's stage or motion guidance says this can wait
    guidance: str | None = None  # site path of that guidance


def focus(bank: Bank, profile: Mapping[str, str | None] | None) -> tuple[Placed, Placed]:
    """What the guidance for the company's stage, then its motion, puts first and
    postpones: rule id -> (entry, guide) for each. The first guide to name a rule decides."""
    first: Placed = {}
    later: Placed = {}
    guides = bank.get("profiles") or {}
    for key, kind in KINDS:
        chosen = (profile or {}).get(key)
        for guide in guides.get(kind, []):
            if guide["id"] == chosen:
                for rule_id, entry in guide["foundations"].items():
                    first.setdefault(rule_id, (entry, guide))
                for rule_id, entry in guide["later"].items():
                    later.setdefault(rule_id, (entry, guide))
    return first, later


def recommend(
    bank: Bank,
    rules: Sequence[RuleResult],
    top: int,
    profile: Mapping[str, str | None] | None = None,
) -> tuple[Recommendation, ...]:
    """The rules below the top level: the company's foundations first (while their advice
    aims no higher than the foundation's until_level), then the lowest scores, and advice
    its guidance postpones last (ties keep the playbook's order)."""
    first, later = focus(bank, profile)
    scale = Scale.of(bank)
    candidates = [
        r
        for r in rules
        if r.score is not None and r.level is not None and r.level < scale.levels[-1]
    ]
    candidates.sort(key=lambda r: (*placing(r, first, later), r.score))
    return tuple(
        _placed(_recommendation(bank, scale, result), result, first, later)
        for result in candidates[:top]  # the sort is stable: ties keep the playbook's order
    )


def placing(result: RuleResult, first: Placed, later: Placed) -> tuple[bool, bool]:
    """(postponed, not put first): the part of the advice order the guidance decides,
    before scores or gaps; False sorts first."""
    return _waits(result, first, later), not _leads(result, first)


def _leads(result: RuleResult, first: Placed) -> bool:
    """Whether the guidance puts the rule first: until its advice aims past until_level."""
    if result.id not in first or result.level is None:
        return False
    until = first[result.id][0]["until_level"]
    return until is None or result.level + 1 <= until


def _waits(result: RuleResult, first: Placed, later: Placed) -> bool:
    """Whether the guidance postpones the rule's advice (and no guidance puts it first)."""
    return (
        result.id in later
        and result.id not in first
        and result.level is not None
        and result.level + 1 >= later[result.id][0]["from_level"]
    )


def _placed(
    advice: Recommendation, result: RuleResult, first: Placed, later: Placed
) -> Recommendation:
    """The advice with the reason for its place, when the company's guidance placed it."""
    if _waits(result, first, later):
        entry, guide = later[result.id]
        return advice._replace(
            later=True,
            guidance=guide["path"],
            reason=f"Later for {guide['name'].lower()} companies: {entry['reason']}",
        )
    if _leads(result, first):
        entry, guide = first[result.id]
        return advice._replace(
            guidance=guide["path"],
            reason=f"First for {guide['name'].lower()} companies: {entry['reason']}",
        )
    return advice


def _recommendation(bank: Bank, scale: Scale, result: RuleResult) -> Recommendation:
    """The advice for one scored rule below the top level, placed by score alone."""
    assert result.score is not None and result.level is not None  # as recommend chose it
    rule = next(rule for rule in bank["rules"] if rule["id"] == result.id)
    next_level = result.level + 1
    top = scale.levels[-1]
    weakest = sorted(
        (
            (m, i, q)
            for i, q in enumerate(rule["questions"])
            if (m := result.question_means[q["id"]]) is not None and m < top
        ),
        key=lambda item: (item[0], item[1]),
    )[:2]
    actions = tuple(
        Action(q["id"], q["text"], m, q["options"][str(min(math.floor(m) + 1, top))])
        for m, _, q in weakest
    )
    return Recommendation(
        rule["id"],
        rule["title"],
        result.score,
        result.level,
        next_level,
        scale.names[next_level],
        rule["maturity"][str(next_level)],
        result.misaligned,
        actions,
        tuple((p["name"], p["path"]) for p in rule["practices"]),
        tuple((s["title"], s["path"]) for s in rule["steps"]),
        rule["path"],
        reason=f"Among your lowest scores ({result.score:.2f}).",
    )
