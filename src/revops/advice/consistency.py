"""Inconsistent claims: a person's answer at inconsistent_from_level or above on a question of
a rule whose foundational question (scoring.yaml `foundational`) the same person answers at
foundation_at_most or below. The levels are cumulative, so the higher answer claims a practice
that stands on one the person says is missing. Reported beside the score, never scored away.
docs/assets/revops-score.js mirrors it (Scorer.inconsistent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from revops.answers.respondents import Responses
from revops.scoring.formula import Bank

CLAIM_FROM, FOUNDATION_AT_MOST = 4, 2  # scoring.yaml's defaults


@dataclass(frozen=True)
class InconsistentClaim:
    question_id: str
    question: str  # its text
    respondent: str  # their name, or "respondent N" in file order
    level: int
    foundation_id: str  # the first foundational question, in bank order, they answer low
    foundation: str
    foundation_level: int


@dataclass(frozen=True)
class Inconsistent:
    count: int  # every such answer of the rule
    claims: tuple[InconsistentClaim, ...]  # the first of them, in question then respondent order


NONE = Inconsistent(0, ())


def inconsistent(bank: Bank, rule_id: str, respondents: Responses, limit: int = 10) -> Inconsistent:
    """The rule's answers that claim more than the same person's foundation allows: how many,
    and the first `limit` of them."""
    parameters = bank["parameters"]
    high = parameters.get("inconsistent_from_level", CLAIM_FROM)
    rule = next(rule for rule in bank["rules"] if rule["id"] == rule_id)
    weak = _weak_foundations(
        rule, respondents, parameters.get("foundation_at_most", FOUNDATION_AT_MOST)
    )
    if not weak:
        return NONE
    rows = sorted(weak)
    count, claims = 0, list[InconsistentClaim]()
    for question in rule["questions"]:
        column = respondents.column(question["id"])
        for row in rows:
            value = column[row]
            if type(value) is not int or value < high:
                continue
            count += 1
            if len(claims) < limit:
                foundation, level = weak[row]
                person = respondents[row].name or f"respondent {row + 1}"
                claims.append(
                    InconsistentClaim(
                        question["id"],
                        question["text"],
                        person,
                        value,
                        foundation["id"],
                        foundation["text"],
                        level,
                    )
                )
    return Inconsistent(count, tuple(claims))


def _weak_foundations(
    rule: dict[str, Any], respondents: Responses, at_most: int
) -> dict[int, tuple[dict[str, Any], int]]:
    """Row -> the first foundational question (bank order) the row answers at `at_most` or
    below, with that answer."""
    weak: dict[int, tuple[dict[str, Any], int]] = {}
    for question in rule["questions"]:
        if not question.get("foundational"):
            continue
        for row, value in enumerate(respondents.column(question["id"])):
            if type(value) is int and value <= at_most and row not in weak:
                weak[row] = (question, value)
    return weak
