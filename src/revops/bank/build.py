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
from revops.content.reference_schema import Guidance
from revops.content.schema import Rule

BANK_VERSION = 1


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
        parameters=playbook.scoring.model_dump(),
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
            BankQuestion(
                id=q.id,
                text=q.text,
                help=q.help,
                weight=q.weight,
                evidence=None
                if q.evidence is None
                else {str(n): text for n, text in q.evidence.items()},
                options={str(n): text for n, text in q.options.items()},
            )
            for q in playbook.questions[rule.id]
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
