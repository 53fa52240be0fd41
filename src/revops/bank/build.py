"""The question bank and scoring parameters, built as the typed `Bank` (bank/model.py) and
dumped to the JSON document the browser's scorer, the wheel and the cache all hold."""

from __future__ import annotations

import json
from typing import Any

from revops.bank.model import (
    Bank,
    BankFoundation,
    BankGuide,
    BankLevel,
    BankPlan,
    BankPostponed,
    BankProfiles,
    BankQuestion,
    BankReading,
    BankRetired,
    BankRule,
    Page,
)
from revops.content.addresses import practice_path, rule_path, stage, step_path
from revops.content.playbook import Playbook
from revops.content.reference_schema import AssessmentFocus, Guidance
from revops.content.schema import PlanLinks, Question, Rule

BANK_VERSION = 1
# scoring.yaml fields the bank holds elsewhere than in its parameters: on the questions
# (their foundations, and the weights the weight rules give them)
ON_QUESTIONS = {"foundational", "weight_rules"}


def bank(playbook: Playbook) -> dict[str, Any]:
    """Everything the assessment page needs to score and recommend, as the dict the scorer
    reads: `bank_model(playbook)` dumped. Only the fields given are dumped (exclude_unset),
    so a practice's page has no title, a step's no name, and a bank carries no `overlay`
    until an overlay adds one."""
    return bank_model(playbook).model_dump(exclude_unset=True)


def bank_model(playbook: Playbook) -> Bank:
    """The typed bank of the playbook's content."""
    return Bank(
        version=BANK_VERSION,
        parameters=playbook.scoring.model_dump(exclude=ON_QUESTIONS),
        levels=[BankLevel(level=lv.level, name=lv.name) for lv in playbook.levels],
        rules=[_rule(playbook, rule) for rule in playbook.rules],
        retired={
            entry.id: BankRetired(
                replaced_by=entry.replaced_by, reason=entry.reason, text=entry.text
            )
            for entry in playbook.retired.values()
        },
        profiles=_profiles(playbook),
        readings=_readings(playbook),
    )


def _rule(playbook: Playbook, rule: Rule) -> BankRule:
    foundations = playbook.scoring.foundational.get(rule.id, [])
    return BankRule(
        id=rule.id,
        title=rule.title,
        path=rule_path(rule.id),
        maturity={str(n): text for n, text in rule.maturity.items()},
        practices=[Page(name=p.name, path=practice_path(rule.id, p.name)) for p in rule.practices],
        steps=[
            Page(title=step.title, path=step_path(step.id))
            for step in playbook.steps_advancing(rule.id)
        ],
        questions=[
            _question(playbook, q, q.id in foundations) for q in playbook.questions[rule.id]
        ],
    )


def readings(playbook: Playbook) -> dict[str, Any]:
    """The metrics whose reading suggests a level for a rule (their `suggests` thresholds),
    by id, in catalogue order, as the bank holds them."""
    return {key: found.model_dump() for key, found in _readings(playbook).items()}


def _readings(playbook: Playbook) -> dict[str, BankReading]:
    return {
        metric.id: BankReading(
            name=metric.name,
            rule=found.rule,
            higher_is_better=found.higher_is_better,
            unit=found.unit,
            levels={str(n): bar for n, bar in found.levels.items()},
            basis=found.basis,
        )
        for metric in playbook.reference.metrics.values()
        if (found := metric.suggests) is not None
    }


def _question(playbook: Playbook, question: Question, foundational: bool) -> BankQuestion:
    """A question as the bank holds it: `foundational` and `plan` set only when they say
    something, so a bank without them dumps as it always did."""
    made = BankQuestion(
        id=question.id,
        text=question.text,
        help=question.help,
        weight=question.weight,
        evidence=None
        if question.evidence is None
        else {str(n): text for n, text in question.evidence.items()},
        options={str(n): text for n, text in question.options.items()},
    )
    if foundational:
        made.foundational = True
    if question.plan:
        made.plan = _plan(playbook, question.plan)
    return made


def _plan(playbook: Playbook, links: PlanLinks) -> BankPlan:
    """A question's plan links with the names a plan shows: the RACI row's accountable
    function, the forum and the metric."""
    reference = playbook.reference
    row = next(row for row in reference.team.raci if row.id == links.process)
    owner = next(function for function, letter in row.roles.items() if letter == "A")
    return BankPlan(
        process=row.id,
        owner=owner,
        owner_name=next(f.name for f in reference.team.functions if f.id == owner),
        forum=links.forum,
        forum_name=reference.forums[links.forum].name,
        metric=links.metric,
        metric_name=reference.metrics[links.metric].name,
    )


def _target(focus: AssessmentFocus) -> dict[str, Any]:
    """A stage's default target, set on its guide only when the stage gives one."""
    if focus.target_level is None:
        return {}
    return {"target_level": focus.target_level, "target_reason": focus.target_reason}


def _profiles(playbook: Playbook) -> BankProfiles:
    """The company stages and sales motions an answer file may name, each with the rules its
    guidance puts first and the advice it postpones (playbook/stages.yaml)."""

    def guide(item: Guidance) -> BankGuide:
        focus = item.assessment
        return BankGuide(
            id=item.id,
            name=item.name,
            path=stage(item.id).url,
            foundations={
                f.rule: BankFoundation(until_level=f.until_level, reason=f.reason)
                for f in focus.foundations
            },
            later={
                p.rule: BankPostponed(from_level=p.from_level, reason=p.reason) for p in focus.later
            },
            **_target(focus),
        )

    stages = playbook.reference.stages
    return BankProfiles(
        stages=[guide(item) for item in stages.stages],
        motions=[guide(item) for item in stages.motions],
    )


def bank_script(data: dict[str, Any]) -> str:
    """A bank inside a <script type="application/json"> element, safe against "</script>"."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="revops-bank">{text}</script>'
