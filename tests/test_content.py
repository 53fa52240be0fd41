"""The content model loaded from the real YAML files."""

from __future__ import annotations

import pytest

from revops.content.playbook import load_playbook

from .conftest import ROOT

PLAYBOOK = load_playbook(ROOT)


def test_levels_run_one_to_five():
    assert [level.level for level in PLAYBOOK.levels] == [1, 2, 3, 4, 5]
    assert all(level.name and level.description for level in PLAYBOOK.levels)


def test_ten_rules_in_file_order():
    assert len(PLAYBOOK.rules) == 10
    numbers = [PLAYBOOK.rule_files[rule.id].split("/")[-1][:2] for rule in PLAYBOOK.rules]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("rule", PLAYBOOK.rules, ids=lambda rule: rule.id)
def test_rule_is_complete(rule):
    assert PLAYBOOK.rule_files[rule.id].endswith(f"-{rule.id}.yaml")
    assert len(rule.practices) >= 3 and len(rule.metrics) >= 3
    assert len(rule.warning_signs) >= 3 and len(rule.benefits) >= 3
    assert sorted(rule.maturity) == [1, 2, 3, 4, 5]
    targets = [link.rule for link in rule.interlocks]
    assert rule.id not in targets and len(targets) == len(set(targets))
    assert all(PLAYBOOK.rule(other) for other in targets)
    assert set(rule.metrics) <= set(PLAYBOOK.reference.metrics)


def test_roadmap_has_five_steps_that_advance_known_rules():
    ids = [step.id for step in PLAYBOOK.roadmap.steps]
    assert ids == [
        "evaluate-processes",
        "unify-tech-stack",
        "bridge-silos",
        "metrics-and-dashboards",
        "feedback-and-adaptation",
    ]
    rule_ids = {rule.id for rule in PLAYBOOK.rules}
    assert all(set(step.advances) <= rule_ids for step in PLAYBOOK.roadmap.steps)


def test_revops_components_and_operating_model():
    assert [c.id for c in PLAYBOOK.revops.components] == [
        "data-management",
        "process-optimisation",
        "technology-synchronisation",
    ]
    network = PLAYBOOK.operating_model.network
    assert {f.id for f in network.functions} == {
        "sales",
        "marketing",
        "customer-success",
        "data",
        "product",
    }
    assert {k.id for k in network.keeping_the_power_on} == {
        "monitoring",
        "maintenance",
        "fixing-breaks",
        "extending-the-network",
    }
    central = PLAYBOOK.operating_model.centralisation
    assert central.centralise and central.leave_to_teams and central.decision_guide


def test_summary_counts_what_was_loaded():
    assert PLAYBOOK.summary().startswith("10 rules, ")
