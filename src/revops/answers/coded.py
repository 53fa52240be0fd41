"""A question's answers from a large table as one byte each: no object per cell.

A team CSV gives most cells as a few short texts ('', 1 to 5, n/a, unknown). Each becomes its
code in VALUES as the rows are split, a column at a time, and the column is kept as those
bytes: the fast scorer (scoring/fast.py) counts and adds them as they are, and everything
else reads the column as the values it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import TypeAlias, overload

from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Value

VALUES: tuple[Value, ...] = (None, 1, 2, 3, 4, 5, NOT_APPLICABLE, UNKNOWN)
CODES: dict[Value, int] = {value: code for code, value in enumerate(VALUES)}
# The cell texts that stand for a value as they are, and their codes
TEXT_CODES: dict[str, int] = {
    "" if value is None else str(value): code for code, value in enumerate(VALUES)
}


class CodedAnswers(Sequence[Value]):
    """A column of answers held as codes (CODES); reads as the list of values it stands for."""

    __slots__ = ("codes",)

    def __init__(self, codes: bytes | bytearray = b"") -> None:
        self.codes = bytearray(codes)

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> Value: ...

    @overload
    def __getitem__(self, index: slice) -> list[Value]: ...

    def __getitem__(self, index: int | slice) -> Value | list[Value]:
        if isinstance(index, slice):
            return list(map(VALUES.__getitem__, self.codes[index]))
        return VALUES[self.codes[index]]

    def __iter__(self) -> Iterator[Value]:
        return map(VALUES.__getitem__, self.codes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CodedAnswers):
            return self.codes == other.codes
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list is

    def __repr__(self) -> str:
        return f"CodedAnswers({list(self)!r})"

    def count(self, value: object) -> int:
        code = CODES.get(value) if isinstance(value, int | str | None) else None
        return 0 if code is None else self.codes.count(code)

    def rows(self, rows: Iterable[int]) -> CodedAnswers:
        """The answers of these rows, in this order."""
        return CodedAnswers(bytes(map(self.codes.__getitem__, rows)))


# A question's answers in respondent order, as codes or as values
Answers: TypeAlias = "CodedAnswers | list[Value]"


NO_CODE = 255  # what text_codes gives a cell that is not a value's exact text


def text_codes(texts: Iterable[str]) -> bytes:
    """Each cell's code when it is '' or the exact text of a value (1 to 5, n/a, unknown),
    else NO_CODE: one lookup a cell, in C. A batch's cells are coded in one call, row after
    row, and each column's codes are then a slice of the result."""
    return bytes(map(TEXT_CODES.get, texts, repeat(NO_CODE)))


def coded_values(values: Sequence[Value]) -> bytes | None:
    """The codes of these values, or None if one has no code (a level outside 1 to 5)."""
    try:
        return bytes(map(CODES.__getitem__, values))
    except (KeyError, TypeError):
        return None
