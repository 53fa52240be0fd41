"""Who answered a row of a survey export: the first filled of several columns.

A Microsoft Forms export holds the tool's own Name (empty when anonymous) beside the form's
"What is your name?"; the name typed in the form wins where both are filled. A person is
known by their email address when there is one, then by their name, then by the tool's id of
the response: the same person answering twice is counted once (people.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Cells(Protocol):
    """The cells of a batch, column by column."""

    def __getitem__(self, column: int, /) -> Sequence[str]: ...


def stripped(texts: Sequence[str]) -> list[str | None]:
    """Each text stripped, None where nothing is left: taken in C when every one is filled,
    as a name, role or team column usually is."""
    found: list[str | None] = list(map(str.strip, texts))
    return found if all(found) else [text or None for text in found]


def first_filled(cells: Cells, columns: list[int], count: int) -> list[str | None]:
    """Per row, the stripped text of the first of `columns` that is filled, else None."""
    if not columns:
        return [None] * count
    found = stripped(cells[columns[0]])
    for column in columns[1:]:
        if all(found):
            break
        others = cells[column]
        found = [text or (other.strip() or None) for text, other in zip(found, others, strict=True)]
    return found
