"""Who answered a row of a survey export: the first filled of several columns.

A Microsoft Forms export holds the tool's own Name (empty when anonymous) beside the form's
"What is your name?"; the name typed in the form wins where both are filled. A person is
known by their email address when there is one, then by their name, then by the tool's id of
the response: the same person answering twice is counted once (people.py).
"""

from __future__ import annotations

from collections.abc import Sequence

Cells = Sequence[Sequence[str]]  # the cells of a batch, column by column


def first_filled(cells: Cells, columns: list[int], count: int) -> list[str | None]:
    """Per row, the stripped text of the first of `columns` that is filled, else None."""
    if not columns:
        return [None] * count
    found: list[str | None] = [text.strip() or None for text in cells[columns[0]]]
    for column in columns[1:]:
        if all(found):
            break
        others = cells[column]
        found = [text or (other.strip() or None) for text, other in zip(found, others, strict=True)]
    return found
