"""Checks on the planning model (playbook/planning-model.yaml): its inputs make sense and the
plan computed from them reconciles. The rules themselves are in planning_rules.py, where a
company overlay's planning changes are held to them too."""

from __future__ import annotations

from collections.abc import Iterator

from revops.content import planning_rules as rules
from revops.content.known import Found
from revops.content.loaded import Content

PLANNING = "playbook/planning-model.yaml"


def _located(content: Content, found: list[rules.Located]) -> Iterator[Found]:
    for loc, message in found:
        yield content.at(PLANNING, loc), message


def planning_inputs_in_range(content: Content) -> Iterator[Found]:
    """Every planning input is within what it can mean: no negative amount, no share over 1."""
    if model := content.one("planning-model"):
        yield from _located(content, [*rules.values_in_range(model), *rules.margin_possible(model)])


def planning_ramps_rise_to_full(content: Content) -> Iterator[Found]:
    """A ramp curve runs at most 12 months, never falls, and ends at full productivity."""
    if model := content.one("planning-model"):
        yield from _located(content, list(rules.ramps_rise_to_full(model)))


def planning_pay_mix_whole(content: Content) -> Iterator[Found]:
    """A segment's base and variable shares of on-target earnings add up to 100%."""
    if model := content.one("planning-model"):
        yield from _located(content, list(rules.pay_mix_whole(model)))


def planning_split_adds_up(content: Content) -> Iterator[Found]:
    """Segments split new bookings whole, and renewals plus expansion leave room for new."""
    if model := content.one("planning-model"):
        yield from _located(content, list(rules.split_adds_up(model)))


def planning_model_reconciles(content: Content) -> Iterator[Found]:
    """The plan computed from sound inputs reconciles: every total is the sum of its parts."""
    if model := content.one("planning-model"):
        yield from _located(content, rules.reconciliation_problems(model))
