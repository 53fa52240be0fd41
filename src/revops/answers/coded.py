"""A question's answers from a large table as one byte each: no object per cell.

A team CSV gives most cells as a few short texts ('', 1 to 5, n/a, unknown). Each becomes its
code in VALUES as the rows are split, a column at a time, and the column is kept as those
bytes: the fast scorer (scoring/fast.py) counts and adds them as they are, and everything
else reads the column as the values it stands for. A batch's cells are coded by a lookup
each (text_codes), or, where the questions' columns stand side by side as they usually do,
all together from one text of them (block_codes), which took a third fewer instructions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter
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


# block_codes: the cells of a block joined by SEPARATOR, then n/a and unknown made one mark
# each by deleting their other letters (str.translate), and empty cells marked in their place
SEPARATOR, EMPTY, NOT_APPLICABLE_MARK, UNKNOWN_MARK = "\x1f", "\x1c", "\x1d", "\x1e"
_COLLAPSE = str.maketrans(
    {
        "n": None,
        "/": None,
        "k": None,
        "o": None,
        "w": None,
        "a": NOT_APPLICABLE_MARK,
        "u": UNKNOWN_MARK,
    }
)
_MARKED = {"": EMPTY, NOT_APPLICABLE: NOT_APPLICABLE_MARK, UNKNOWN: UNKNOWN_MARK}
_CODE_OF_MARK = bytearray([NO_CODE]) * 256
for _text, _code in TEXT_CODES.items():
    _CODE_OF_MARK[ord(_MARKED.get(_text, _text))] = _code
CODE_OF_MARK = bytes(_CODE_OF_MARK)


def block_codes(rows: Sequence[list[str]], start: int, stop: int) -> bytes | None:
    """text_codes of each row's cells start to stop, row after row, worked out on one text
    of them all: a few passes in C where text_codes looks up each cell. None when a cell
    is neither '' nor a value's exact text nor a single ASCII character that the marking
    leaves alone (an option's text, N/A, 'a', a mark): then the caller codes cell by cell."""
    count = len(rows) * len(range(start, stop))
    if not count:
        return b""
    text = SEPARATOR.join(map(SEPARATOR.join, map(itemgetter(slice(start, stop)), rows)))
    if len(text) >= 8 * count:  # longer than 'unknown' in every cell: options' texts
        return None
    if EMPTY in text or NOT_APPLICABLE_MARK in text or UNKNOWN_MARK in text:
        return None
    marked = SEPARATOR + text.translate(_COLLAPSE) + SEPARATOR
    written_back = marked.replace(NOT_APPLICABLE_MARK, NOT_APPLICABLE)
    if written_back.replace(UNKNOWN_MARK, UNKNOWN) != SEPARATOR + text + SEPARATOR:
        return None  # a cell lost or changed a letter, so it was none of these texts
    pair, filled = SEPARATOR * 2, SEPARATOR + EMPTY + SEPARATOR
    marked = marked.replace(pair, filled).replace(pair, filled)  # twice: runs of empty cells
    # Each cell has a character or more now, between count + 1 separators: the text is
    # 2 x count + 1 long, its odd places the cells, exactly when each has one. A cell that
    # held a separator shows as more cells, and makes the text longer.
    singles = marked[1::2]
    if len(singles) != count or not singles.isascii():
        return None  # a cell of more than one character after marking, or one holding SEPARATOR
    return singles.encode("ascii").translate(CODE_OF_MARK)


def side_by_side(indexes: list[int]) -> tuple[int, int] | None:
    """(start, stop) of these columns when they stand side by side in order, else None:
    block_codes codes such a block of a table's columns."""
    if indexes and indexes == list(range(indexes[0], indexes[0] + len(indexes))):
        return indexes[0], indexes[0] + len(indexes)
    return None
