"""Inconsistent claims: a person's answer at inconsistent_from_level or above on a question of
a rule whose foundational question (scoring.yaml `foundational`) the same person answers at
foundation_at_most or below. The levels are cumulative, so the higher answer claims a practice
that stands on one the person says is missing. Reported beside the score, never scored away.
docs/assets/revops-score.js mirrors it (Scorer.inconsistent)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import compress, islice
from typing import Any, NamedTuple, cast

from revops.answers.coded import VALUES as CODED_VALUES
from revops.answers.coded import Answers, CodedAnswers
from revops.answers.respondents import Responses
from revops.scoring.formula import Bank

CLAIM_FROM, FOUNDATION_AT_MOST = 4, 2  # scoring.yaml's defaults


class InconsistentClaim(NamedTuple):
    question_id: str
    question: str  # its text
    respondent: str  # their name, or "respondent N" in file order
    level: int
    foundation_id: str  # the first foundational question, in bank order, they answer low
    foundation: str
    foundation_level: int


class Inconsistent(NamedTuple):
    total: int  # every such answer of the rule
    claims: tuple[InconsistentClaim, ...]  # the first of them, in question then respondent order


NONE = Inconsistent(0, ())


def inconsistent(bank: Bank, rule_id: str, respondents: Responses, limit: int = 10) -> Inconsistent:
    """The rule's answers that claim more than the same person's foundation allows: how many,
    and the first `limit` of them (question, then respondent order)."""
    parameters = bank["parameters"]
    high = parameters.get("inconsistent_from_level", CLAIM_FROM)
    at_most = parameters.get("foundation_at_most", FOUNDATION_AT_MOST)
    rule = next(rule for rule in bank["rules"] if rule["id"] == rule_id)
    foundations = [
        (question, respondents.column(question["id"]))
        for question in rule["questions"]
        if question.get("foundational")
    ]
    weak = 0
    for _, answers in foundations:
        weak |= rows_where(answers, lambda level: level <= at_most)
    if not weak:
        return NONE
    count, claims = 0, list[InconsistentClaim]()
    for question in rule["questions"]:
        column = respondents.column(question["id"])
        claimed = weak & rows_where(column, lambda level: level >= high)
        count += claimed.bit_count()
        for row in islice(rows_of(claimed, len(column)), limit - len(claims)):
            foundation, level = _weak_foundation(foundations, row, at_most)
            claims.append(
                InconsistentClaim(
                    question["id"],
                    question["text"],
                    respondents[row].name or f"respondent {row + 1}",
                    cast(int, column[row]),  # a level: rows_where took it
                    foundation["id"],
                    foundation["text"],
                    level,
                )
            )
    return Inconsistent(count, tuple(claims))


def rows_where(column: Answers, accept: Callable[[int], bool]) -> int:
    """The rows whose answer is a level that `accept` takes, as an integer with one byte per
    row, 1 where taken: rows of several questions then combine with & and | in C, and a
    coded column is read without a value object per row."""
    if isinstance(column, CodedAnswers):
        table = bytes(type(value) is int and accept(value) for value in CODED_VALUES)
        return int.from_bytes(column.codes.translate(table.ljust(256, b"\0")), "big")
    return int.from_bytes(bytes(type(value) is int and accept(value) for value in column), "big")


def rows_of(taken: int, count: int) -> Iterator[int]:
    """The rows (ascending) of a rows_where integer over `count` rows."""
    return compress(range(count), taken.to_bytes(count, "big"))


def _weak_foundation(
    foundations: list[tuple[dict[str, Any], Answers]], row: int, at_most: int
) -> tuple[dict[str, Any], int]:
    """The first foundational question (bank order) the row answers at `at_most` or below,
    with that answer."""
    for question, answers in foundations:
        value = answers[row]
        if type(value) is int and value <= at_most:
            return question, value
    raise ValueError(f"row {row} answers no foundation at {at_most} or below")
