"""Answers as one byte per respondent, so that counting and adding run in C.

A question's answers become a bytes object of small codes. Counting a value is bytes.count.
A rule's sum per respondent (points, weights, answered questions) comes from translating each
question's codes to that question's contribution, reading the bytes as one large integer,
and adding the integers: each respondent keeps one byte of the sum, as long as no sum can
reach 256 (checked by fits()).
"""

from __future__ import annotations

from collections.abc import Sequence

from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Value

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

    def table(self, per_level) -> bytes:
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
