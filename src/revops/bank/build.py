"""The question bank and scoring parameters as JSON, for the browser's scorer."""

from __future__ import annotations

import json

from revops.content.addresses import practice_path, rule_path, stage, step_path
from revops.content.playbook import Playbook


def bank(playbook: Playbook) -> dict:
    """Everything the assessment page needs to score and recommend, from the one model."""
    return {
        "version": 1,
        "parameters": playbook.scoring.model_dump(),
        "levels": [{"level": lv.level, "name": lv.name} for lv in playbook.levels],
        "rules": [
            {
                "id": rule.id,
                "title": rule.title,
                "path": rule_path(rule.id),
                "maturity": {str(n): text for n, text in rule.maturity.items()},
                "practices": [
                    {"name": p.name, "path": practice_path(rule.id, p.name)} for p in rule.practices
                ],
                "steps": [
                    {"title": s.title, "path": step_path(s.id)}
                    for s in playbook.steps_advancing(rule.id)
                ],
                "questions": [
                    {
                        "id": q.id,
                        "text": q.text,
                        "help": q.help,
                        "weight": q.weight,
                        "evidence": q.evidence,
                        "options": {str(n): text for n, text in q.options.items()},
                    }
                    for q in playbook.questions[rule.id]
                ],
            }
            for rule in playbook.rules
        ],
        "retired": {
            entry.id: {"replaced_by": entry.replaced_by, "reason": entry.reason}
            for entry in playbook.retired.values()
        },
        "profiles": profiles(playbook),
        "readings": readings(playbook),
    }


def readings(playbook: Playbook) -> dict:
    """The metrics whose reading suggests a level for a rule (their `suggests` thresholds),
    by id, in catalogue order."""
    return {
        metric.id: {
            "name": metric.name,
            "rule": found.rule,
            "higher_is_better": found.higher_is_better,
            "unit": found.unit,
            "levels": {str(n): bar for n, bar in found.levels.items()},
            "basis": found.basis,
        }
        for metric in playbook.reference.metrics.values()
        if (found := metric.suggests) is not None
    }


def profiles(playbook: Playbook) -> dict:
    """The company stages and sales motions an answer file may name, each with the rules its
    guidance puts first and the advice it postpones (playbook/stages.yaml)."""

    def guide(item) -> dict:
        focus = item.assessment
        return {
            "id": item.id,
            "name": item.name,
            "path": stage(item.id).url,
            "foundations": {
                f.rule: {"until_level": f.until_level, "reason": f.reason}
                for f in focus.foundations
            },
            "later": {
                p.rule: {"from_level": p.from_level, "reason": p.reason} for p in focus.later
            },
        }

    stages = playbook.reference.stages
    return {
        "stages": [guide(item) for item in stages.stages],
        "motions": [guide(item) for item in stages.motions],
    }


def bank_script(data: dict) -> str:
    """A bank inside a <script type="application/json"> element, safe against "</script>"."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="revops-bank">{text}</script>'
