"""The improvement plan: for each rule below its target, the work that lifts it a level at a
time, each item with an owner, a forum, a metric, its evidence and a due date.

Everything an item says comes from the content: what to put in place is the question's option
at the next level, the owner is the function accountable in the RACI row the question links to,
the forum and metric are the question's links, and the evidence is its hint for that level.
Rules come in the order the advice uses (the stage's foundations first, then the largest gap,
postponed work last); within a rule, level by level, the weakest question first. Items are
placed in the earliest quarter where their owner has room (`load` items a quarter), never
before the rule's items of the level below. An item that fits nowhere goes in the last
quarter, marked as an overload: the plan is written whole, so the team sees what to drop.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from revops.advice.assessment import Assessment
from revops.advice.plan_limits import DEFAULT_LOAD, DEFAULT_QUARTERS
from revops.advice.plan_model import UNOWNED, Overload, Plan, PlanItem
from revops.advice.recommendations import focus, placing
from revops.scoring.formula import Bank, RuleResult


@dataclass(frozen=True)
class Step:
    """An item before it has a quarter: the rule, level, question and what the content says."""

    rule: RuleResult
    level: int
    question: Mapping[str, Any]


def make_plan(
    bank: Bank,
    assessment: Assessment,
    start: dt.date,
    quarters: int = DEFAULT_QUARTERS,
    load: int = DEFAULT_LOAD,
) -> Plan:
    """The plan for the assessment's rules below target, from `start`, over `quarters`
    three-month periods, at most `load` items per function per quarter."""
    steps = [
        step
        for rule in _rules_in_order(bank, assessment)
        for step in _steps(bank, rule, assessment)
    ]
    items = _placed(bank, steps, start, quarters, load)
    return Plan(start, quarters, load, tuple(items), _overloads(items, load))


def _rules_in_order(bank: Bank, assessment: Assessment) -> list[RuleResult]:
    """The scored rules below their target: foundations first, the largest gap next,
    postponed advice last; ties keep the playbook's order."""
    first, later = focus(bank, assessment.profile)
    below = [
        rule
        for rule in assessment.result.rules
        if (target := assessment.targets.get(rule.id)) and not target.met and rule.level
    ]
    return sorted(
        below, key=lambda r: (*placing(r, first, later), -(assessment.targets[r.id].gap or 0))
    )


def _steps(bank: Bank, rule: RuleResult, assessment: Assessment) -> list[Step]:
    """Level by level up to the target, each question whose mean is below that level,
    the weakest first (ties in bank order)."""
    questions = next(r["questions"] for r in bank["rules"] if r["id"] == rule.id)
    means = rule.question_means
    target = assessment.targets[rule.id].target.level
    steps = []
    for level in range(int(rule.level or 1) + 1, target + 1):
        below = [
            (mean, q)
            for q in questions
            if (mean := means.get(q["id"])) is not None and mean < level
        ]
        below.sort(key=lambda pair: pair[0])  # stable: ties keep the bank's order
        steps += [Step(rule, level, q) for _, q in below]
    return steps


def _placed(
    bank: Bank, steps: Sequence[Step], start: dt.date, quarters: int, load: int
) -> list[PlanItem]:
    """Each step in the earliest quarter its owner has room in, not before the quarter of its
    rule's level below; the last quarter, overloaded, when none has room."""
    carried: Counter[tuple[str, int]] = Counter()
    floor: dict[tuple[str, int], int] = {}  # (rule, level) -> the latest quarter used
    items = []
    for step in steps:
        owner = _owner(bank, step.question)
        earliest = max(
            [
                1,
                *(
                    q
                    for (rule, level), q in floor.items()
                    if rule == step.rule.id and level < step.level
                ),
            ]
        )
        quarter = next((q for q in range(earliest, quarters + 1) if carried[owner, q] < load), None)
        overloaded = quarter is None
        quarter = quarters if quarter is None else quarter
        carried[owner, quarter] += 1
        key = (step.rule.id, step.level)
        floor[key] = max(floor.get(key, 1), quarter)
        items.append(_item(bank, step, owner, quarter, quarter_end(start, quarter), overloaded))
    return items


def _item(
    bank: Bank, step: Step, owner: str, quarter: int, due: dt.date, overloaded: bool
) -> PlanItem:
    question, links = step.question, step.question.get("plan") or {}
    evidence = question.get("evidence")
    if isinstance(evidence, Mapping):
        evidence = evidence.get(str(step.level))
    return PlanItem(
        step.rule.id,
        step.rule.title,
        step.level,
        question["id"],
        question["text"],
        question["options"][str(step.level)],
        owner,
        links.get("forum_name"),
        links.get("metric_name"),
        evidence,
        quarter,
        due,
        overloaded,
    )


def _owner(bank: Bank, question: Mapping[str, Any]) -> str:
    owner: str = (question.get("plan") or {}).get("owner_name") or UNOWNED
    return owner


def _overloads(items: Sequence[PlanItem], load: int) -> tuple[Overload, ...]:
    """Each function and quarter that carries more than the load."""
    carried = Counter((item.owner, item.quarter) for item in items)
    return tuple(
        Overload(owner, quarter, count, load)
        for (owner, quarter), count in sorted(carried.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        if count > load
    )


def quarter_end(start: dt.date, quarter: int) -> dt.date:
    """The last day of the `quarter`-th three-month period from `start` (1-based)."""
    months = start.month - 1 + 3 * quarter
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, _days_in(year, month))
    return dt.date(year, month, day) - dt.timedelta(days=1)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]  # December 9999 too: no date after it is made
