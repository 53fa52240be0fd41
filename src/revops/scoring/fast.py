"""The formula's tally for large teams: answers as one byte per respondent, so that counting
and adding run in C. It gives exactly what formula.plain_tally gives (tests/test_scoring.py
holds them equal on random teams); `score` here is formula.score with it.

A question's answers become a bytes object of small codes. Counting a value is bytes.count.
A rule's sums per respondent (points, weights, answered questions) come from translating each
question's codes to that question's contribution, reading the bytes as one large integer,
and adding the integers: each respondent keeps one byte of the sum, as long as no sum can
reach 256 (checked by fits()). A respondent's sums are then read as one integer, so that
each distinct set is scored once; where the weights are light, weights and answers share a
byte (weights + 16 x answers) and the integer is short enough to index a list. Counts per
role come from counting each code in the question's bytes after adding the role's number to
it (code + role x codes, still a byte when the roles are few), and a level's count is the
sum of the roles' counts; past that many roles, sums per role come from running totals over
the rows sorted by role.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from itertools import accumulate, count
from operator import itemgetter, mul, sub

from revops.answers.coded import VALUES as CODED_VALUES
from revops.answers.coded import CodedAnswers
from revops.answers.documents import Responses
from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Value
from revops.scoring import formula
from revops.scoring.formula import Bank, Question, Result, Roles, Scale, Score, Spread, Tally

FIELD_LIMIT = 256  # a byte per respondent
KEY_SIZE = 8  # bytes of memoryview.cast("Q"), an unsigned 64-bit integer: three sums a key
SHORT_KEY = 1 << 16  # keys from 0 to under it index a table of their own (spread_of_keys)
TALLY = 16  # weights under it and answers are added in one byte: weights + TALLY x answers
LITTLE_ENDIAN = sys.byteorder == "little"  # how memoryview.cast reads the keys' bytes
# (id(roles), codes a question takes) -> (the roles, kept alive; role_bases read as one
# integer; per role, the bytes of the other roles)
RoleBases = dict[tuple[int, int], tuple[Roles, int, list[bytes]]]
LevelCounts = list[list[list[int]]]  # per question, per role, how often each level was given


class Coder:
    """Codes for one ladder of levels: 0 unanswered, the levels, then n/a and unknown."""

    def __init__(self, levels: Sequence[int]):
        self.levels = list(levels)
        self.code: dict[Value, int] = {None: 0}
        self.code.update((level, i + 1) for i, level in enumerate(self.levels))
        self.code[NOT_APPLICABLE] = len(self.levels) + 1
        self.code[UNKNOWN] = len(self.levels) + 2
        # A bytes.translate table from a CodedAnswers' codes to these; None when a value
        # coded there has no code here (a level this ladder lacks)
        self.from_codes: bytes | None = None
        if all(value in self.code for value in CODED_VALUES):
            table = bytearray(256)
            table[: len(CODED_VALUES)] = bytes(self.code[value] for value in CODED_VALUES)
            self.from_codes = bytes(table)

    def encode(self, column: Sequence[Value]) -> bytes:
        if isinstance(column, CodedAnswers) and self.from_codes is not None:
            return bytes(column.codes.translate(self.from_codes))  # coded as read, in C
        return bytes(map(self.code.__getitem__, column))

    def counts(self, codes: bytes, levels: Sequence[int] | None = None) -> dict[Value, int]:
        """How often each value was given; levels: how often each level was, when known."""
        found = dict(zip(self.levels, levels, strict=True)) if levels is not None else {}
        return {
            value: found[value] if value in found else codes.count(code)
            for value, code in self.code.items()
        }

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
    found: RoleBases | None = None,
) -> Tally:
    """formula.plain_tally, computed a byte per respondent. found keeps each Roles' bytes
    for the next rule of the same scoring run."""
    coder = Coder(scale.levels)
    coded = [coder.encode(column) for column in columns]
    if roles is None:
        return Tally(tuple(coder.counts(codes) for codes in coded))
    by_role = level_counts_by_role(coder, coded, roles, {} if found is None else found)
    if by_role is None or not roles.groups:
        counts = tuple(map(coder.counts, coded))
    else:  # a level's count is the sum of the roles' counts: each respondent has one role
        levels = (list(map(sum, zip(*question, strict=True))) for question in by_role)
        counts = tuple(map(coder.counts, coded, levels))
    return Tally(
        counts,
        own_spread(scale, coder, questions, coded),
        scores_by_role(scale, coder, questions, coded, roles, by_role),
    )


def score(bank: Bank, respondents: Responses) -> Result:
    """formula.score with the packed tally."""
    found: RoleBases = {}

    def tally(
        scale: Scale,
        questions: Sequence[Question],
        columns: Sequence[Sequence[Value]],
        roles: Roles | None,
    ) -> Tally:
        return packed_tally(scale, questions, columns, roles, found)

    return formula.score(bank, respondents, tally)


def own_spread(
    scale: Scale, coder: Coder, questions: Sequence[Question], coded: Sequence[bytes]
) -> Spread | None:
    """formula.spread_of the respondents' own rule scores (rule_score on their answers
    alone). The sums are taken a byte per respondent and each distinct (points, weights,
    answered) is scored once."""
    weights = [q["weight"] for q in questions]
    if not fits([w * max(scale.levels) for w in weights]):  # too large to add a byte each
        return formula.spread_of(scale, own_scores_one_by_one(scale, coder, questions, coded))
    table = coder.table
    points = column_sums(coded, [table(_times(w)) for w in weights])
    if sum(weights) < TALLY and fits([w + TALLY for w in weights]):  # as a rule's usually do
        both = column_sums(coded, [table(_always(w + TALLY)) for w in weights])
        keys, sums_of = _keys(points, both), _short_sums
    else:
        answered = column_sums(coded, [table(_always(1)) for _ in weights])
        keys = _keys(points, column_sums(coded, [table(_always(w)) for w in weights]), answered)
        sums_of = _sums
    score = _own_scorer(scale, len(questions))
    return spread_of_keys(scale, keys, lambda key: score(*sums_of(key)))


def spread_of_keys(
    scale: Scale, keys: list[int], score_of: Callable[[int], Score]
) -> Spread | None:
    """formula.spread_of(scale, [score_of(key) for key in keys]) to the last bit, with
    score_of called once per distinct key. Each key has a place in a list (itself when the
    keys are short, else the first row with it); itemgetter then takes the entry of every
    respondent's key in C, and sum adds them in respondent order as spread_of does, with
    0.0 where there is no score: adding 0.0 leaves a sum of floats exactly as it was."""
    if len(keys) < 2:
        return None
    distinct = set(keys)
    if 0 <= min(distinct) and max(distinct) < SHORT_KEY:  # each key its own place in tables
        places = {key: key for key in distinct}
        pick, size = itemgetter(*keys), max(distinct) + 1
    else:  # each key placed at its first row
        places = {}
        pick, size = itemgetter(*map(places.setdefault, keys, count())), len(keys)
    scores = {row: score_of(key) for key, row in places.items()}
    scored = {row: score for row, score in scores.items() if score is not None}
    table, ones = [0.0] * size, [0] * size
    for row, score in scored.items():
        table[row], ones[row] = score, 1
    answered = sum(pick(ones))
    if answered < 2:
        return None
    mean = sum(pick(table)) / answered
    for row, score in scored.items():
        table[row] = (score - mean) * (score - mean)
    stdev = math.sqrt(sum(pick(table)) / answered)
    values = scored.values()
    return Spread(min(values), max(values), scale.round(stdev), answered)


def _keys(*sums: bytes) -> list[int]:
    """Per respondent, its sums (a byte each) as one integer, filled and read in C: of two
    sums, a short key (under SHORT_KEY) of (points, weights + TALLY x answers); of three, a
    key of KEY_SIZE bytes of (points, weights, answers)."""
    size = 2 if len(sums) == 2 else KEY_SIZE
    packed = bytearray(size * len(sums[0]))
    for offset, field in enumerate(sums):
        packed[offset::size] = field
    view = memoryview(packed)
    return view.cast("H").tolist() if size == 2 else view.cast("Q").tolist()


def _sums(key: int) -> tuple[int, int, int]:
    """The (points, weights, answered) a key of KEY_SIZE bytes from _keys holds."""
    points, weights, answered = key.to_bytes(KEY_SIZE, sys.byteorder)[:3]
    return points, weights, answered


def _short_sums(key: int) -> tuple[int, int, int]:
    """The (points, weights, answered) a short key from _keys holds."""
    first, second = key & 255, key >> 8  # the key's bytes in memory, on a little-endian machine
    points, both = (first, second) if LITTLE_ENDIAN else (second, first)
    return points, both % TALLY, both // TALLY


def _times(weight: int) -> Callable[[int], int]:
    return lambda level: weight * level


def _always(value: int) -> Callable[[int], int]:
    return lambda level: value


def own_scores_one_by_one(
    scale: Scale, coder: Coder, questions: Sequence[Question], coded: Sequence[bytes]
) -> list[Score]:
    """Each respondent's own score, for a rule whose sums do not fit a byte: one by one."""
    levels = {code: level for level, code in coder.code.items() if isinstance(level, int)}
    score = _own_scorer(scale, len(questions))
    result = []
    for row in zip(*coded, strict=True):
        points = weights = answered = 0
        for question, code in zip(questions, row, strict=True):
            if code in levels:
                points += question["weight"] * levels[code]
                weights += question["weight"]
                answered += 1
        result.append(score(points, weights, answered))
    return result


def _own_scorer(scale: Scale, questions: int) -> Callable[[int, int, int], Score]:
    """A respondent's own score from their (points, weights, answered) on a rule of this
    many questions, as formula.rule_score gives it, with the parameters read once."""
    needed = scale.parameters["min_answered_fraction"] * questions
    factor: int = 10 ** scale.parameters["decimals"]
    floor = math.floor

    def score(points: int, weights: int, answered: int) -> Score:
        if not answered or answered < needed:
            return None
        return floor(points / weights * factor + 0.5) / factor  # as Scale.round, exactly

    return score


def scores_by_role(
    scale: Scale,
    coder: Coder,
    questions: Sequence[Question],
    coded: Sequence[bytes],
    roles: Roles,
    by_role: LevelCounts | None,
) -> dict[str, Score]:
    """The rule's score per role, each distinct set of sums scored once (as own_spread
    does), from the levels counted per role (level_counts_by_role). A file may give every
    respondent a role of their own: past a byte's worth of roles and codes, there are no
    such counts, and the sums come from running totals over the rows sorted by role."""
    if by_role is None:
        sums = sums_sorted_by_role(coder, coded, roles)
    else:
        sums = role_sums(coder, by_role, roles)
    scores = {
        key: scale.rule_score(
            questions,
            [
                total / count if count else None
                for total, count in zip(key[::2], key[1::2], strict=True)
            ],
        )
        for key in set(sums)
    }
    return dict(zip(roles.groups, map(scores.__getitem__, sums), strict=True))


def role_sums(coder: Coder, by_role: LevelCounts, roles: Roles) -> list[tuple[int, ...]]:
    """Per role, the sum of its levels and the count of its answers, question by question
    and alternating, from the counts level_counts_by_role gives."""
    levels = coder.levels
    sums: list[list[int]] = [[] for _ in roles.groups]
    for question in by_role:
        for role, counts in zip(sums, question, strict=True):
            role += (sum(map(mul, levels, counts)), sum(counts))
    return list(map(tuple, sums))


def level_counts_by_role(
    coder: Coder, coded: Sequence[bytes], roles: Roles, found: RoleBases
) -> LevelCounts | None:
    """Per question, per role in role order, how often each level was given: each code
    counted in the question's bytes with the role's base added. None past a byte's worth
    of roles and codes."""
    width = len(coder.code)
    if len(roles.groups) * width > FIELD_LIMIT:
        return None
    offsets = range(0, len(roles.groups) * width, width)
    if (id(roles), width) not in found:  # the same for every rule of a scoring run
        bases = int.from_bytes(role_bases(roles, width), "big")
        # per role, the bytes of the other roles: deleted, they leave the role's own codes
        others = [bytes(sorted(set(range(256)) - set(range(o, o + width)))) for o in offsets]
        found[id(roles), width] = (roles, bases, others)
    _, bases, others = found[id(roles), width]
    codes_of_levels = [coder.code[level] for level in coder.levels]
    counted: LevelCounts = []
    for codes in coded:
        merged = (int.from_bytes(codes, "big") + bases).to_bytes(len(codes), "big")
        question = []
        for offset, deleted in zip(offsets, others, strict=True):
            own = merged.translate(None, deleted)  # one pass, then counts over the role alone
            question.append([own.count(offset + code) for code in codes_of_levels])
        counted.append(question)
    return counted


def role_bases(roles: Roles, width: int) -> bytes:
    """Per respondent, its role's place in role order times width."""
    bases = bytearray(len(roles.order))
    for index, rows in enumerate(roles.groups.values()):
        base = index * width
        for row in rows:
            bases[row] = base
    return bytes(bases)


def sums_sorted_by_role(
    coder: Coder, coded: Sequence[bytes], roles: Roles
) -> list[tuple[int, ...]]:
    """What role_sums gives, from running totals over the rows sorted by role
    (taken in C), for any number of roles."""
    levels = coder.table(_times(1))
    answered = coder.table(_always(1))
    sums = []
    for codes in coded:
        grouped = bytes(map(codes.__getitem__, roles.order))
        for table in (levels, answered):
            totals = list(accumulate(grouped.translate(table), initial=0))
            ends = map(totals.__getitem__, roles.ends)
            sums.append(list(map(sub, ends, map(totals.__getitem__, roles.starts))))
    return list(zip(*sums, strict=True)) if sums else [()] * len(roles.groups)
