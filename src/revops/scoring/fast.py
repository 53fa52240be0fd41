"""The formula's tally for large teams: answers as one byte per respondent, so that counting
and adding run in C. It gives exactly what formula.plain_tally gives (tests/test_scoring.py
holds them equal on random teams); `score` here is formula.score with it.

A question's answers become a bytes object of small codes. Counting a value is bytes.count.
A rule's sums per respondent (points, weights, answered questions) come from translating each
question's codes to that question's contribution, reading the bytes as one large integer,
and adding the integers: each respondent keeps one byte of the sum, as long as no sum can
reach 256 (checked by fits()). Sums per role are running totals over the rows sorted by role.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import accumulate
from operator import sub

from revops.answers.documents import Responses
from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Value
from revops.scoring import formula
from revops.scoring.formula import Bank, Question, Result, Roles, Scale, Score, Tally

FIELD_LIMIT = 256  # a byte per respondent


class Coder:
    """Codes for one ladder of levels: 0 unanswered, the levels, then n/a and unknown."""

    def __init__(self, levels: Sequence[int]):
        self.levels = list(levels)
        self.code: dict[Value, int] = {None: 0}
        self.code.update((level, i + 1) for i, level in enumerate(self.levels))
        self.code[NOT_APPLICABLE] = len(self.levels) + 1
        self.code[UNKNOWN] = len(self.levels) + 2

    def encode(self, column: Sequence[Value]) -> bytes:
        return bytes(map(self.code.__getitem__, column))

    def counts(self, codes: bytes) -> dict[Value, int]:
        """How often each value was given."""
        return {value: codes.count(code) for value, code in self.code.items()}

    def table(self, per_level: Callable[[int], int]) -> bytes:
        """A bytes.translate table: a level's code becomes per_level(level), anything else 0."""
        table = bytearray(256)
        for level in self.levels:
            table[self.code[level]] = per_level(level)
        return bytes(table)


def fits(contributions: Sequence[int]) -> bool:
    """Whether a sum of these largest contributions per question stays within one byte."""
    return sum(contributions) < FIELD_LIMIT


def column_sums(coded: Sequence[bytes], tables: Sequence[bytes]) -> bytes:
    """Per respondent, the sum over questions of each code translated by its table."""
    count = len(coded[0]) if coded else 0
    total = 0
    for codes, table in zip(coded, tables, strict=True):
        total += int.from_bytes(codes.translate(table), "big")
    return total.to_bytes(count, "big")


def packed_tally(
    scale: Scale,
    questions: Sequence[Question],
    columns: Sequence[Sequence[Value]],
    roles: Roles | None,
) -> Tally:
    """formula.plain_tally, computed a byte per respondent."""
    coder = Coder(scale.levels)
    coded = [coder.encode(column) for column in columns]
    counts = tuple(coder.counts(codes) for codes in coded)
    if roles is None:
        return Tally(counts)
    return Tally(
        counts,
        tuple(own_scores(scale, coder, questions, coded)),
        scores_by_role(scale, coder, questions, coded, roles),
    )


def score(bank: Bank, respondents: Responses) -> Result:
    """formula.score with the packed tally."""
    return formula.score(bank, respondents, packed_tally)


def own_scores(
    scale: Scale, coder: Coder, questions: Sequence[Question], coded: Sequence[bytes]
) -> list[Score]:
    """Each respondent's rule score: rule_score on their answers alone. The sums are taken
    a byte per respondent and each distinct (points, weights, answered) is scored once."""
    weights = [q["weight"] for q in questions]
    if not fits([w * max(scale.levels) for w in weights]):  # too large to add a byte each
        return own_scores_one_by_one(scale, coder, questions, coded)
    table = coder.table
    sums = list(
        zip(
            column_sums(coded, [table(_times(w)) for w in weights]),
            column_sums(coded, [table(_always(w)) for w in weights]),
            column_sums(coded, [table(_always(1)) for _ in weights]),
            strict=True,
        )
    )
    scores = {key: _own_score(scale, *key, len(questions)) for key in set(sums)}
    return list(map(scores.__getitem__, sums))


def _times(weight: int) -> Callable[[int], int]:
    return lambda level: weight * level


def _always(value: int) -> Callable[[int], int]:
    return lambda level: value


def own_scores_one_by_one(
    scale: Scale, coder: Coder, questions: Sequence[Question], coded: Sequence[bytes]
) -> list[Score]:
    """own_scores for a rule whose sums do not fit a byte: each respondent in turn."""
    levels = {code: level for level, code in coder.code.items() if isinstance(level, int)}
    result = []
    for row in zip(*coded, strict=True):
        points = weights = answered = 0
        for question, code in zip(questions, row, strict=True):
            if code in levels:
                points += question["weight"] * levels[code]
                weights += question["weight"]
                answered += 1
        result.append(_own_score(scale, points, weights, answered, len(questions)))
    return result


def _own_score(scale: Scale, points: int, weights: int, answered: int, questions: int) -> Score:
    if not answered or answered < scale.parameters["min_answered_fraction"] * questions:
        return None
    factor: int = 10 ** scale.parameters["decimals"]
    return math.floor(points / weights * factor + 0.5) / factor  # as Scale.round, exactly


def scores_by_role(
    scale: Scale,
    coder: Coder,
    questions: Sequence[Question],
    coded: Sequence[bytes],
    roles: Roles,
) -> dict[str, Score]:
    """The rule's score per role. A file may give every respondent a role of their own, so
    the sums per role come from running totals over the rows sorted by role, taken in C, and
    each distinct set of sums is scored once (as own_scores does)."""
    levels = coder.table(_times(1))
    answered = coder.table(_always(1))
    sums = []
    for codes in coded:
        grouped = bytes(map(codes.__getitem__, roles.order))
        for table in (levels, answered):
            totals = list(accumulate(grouped.translate(table), initial=0))
            ends = map(totals.__getitem__, roles.ends)
            sums.append(list(map(sub, ends, map(totals.__getitem__, roles.starts))))
    keys = list(zip(*sums, strict=True)) if sums else [()] * len(roles.groups)
    scores = {
        key: scale.rule_score(
            questions,
            [
                total / count if count else None
                for total, count in zip(key[::2], key[1::2], strict=True)
            ],
        )
        for key in set(keys)
    }
    return dict(zip(roles.groups, map(scores.__getitem__, keys), strict=True))
