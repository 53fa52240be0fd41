"""The order of day and month, told by the whole date column rather than cell by cell.

`7/1/2026` alone could be the 7th of January or the 1st of July; in a column that also holds
`6/29/2026` it is the 1st of July. Any date whose first number is over 12 says the day comes
first, any whose second is, that the month does; a cell the numbers leave open is read once
the column is read, in the order the column settles. Only a column that no row settles (or
that settles both ways) leaves its open cells ambiguous: `--date-order` decides them then.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SLASHED = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})$")


def settles(text: str) -> str | None:
    """'dmy' or 'mdy' when a slashed date's numbers tell the order, else None."""
    if match := _SLASHED.match(text.strip()):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
    return None


class ColumnOrder:
    """The orders the column's dates have shown, and its cells left open until it is read."""

    def __init__(self) -> None:
        self.shown: set[str] = set()
        self.open_cells: dict[str, int] = {}  # cell text -> its first line
        self.open_rows: list[tuple[int, str]] = []  # (row index, cell text)

    def note(self, text: str) -> None:
        """A date read: note the order it shows, if it shows one."""
        if order := settles(text):
            self.shown.add(order)

    @property
    def order(self) -> str | None:
        """The order the column settles, if it settles exactly one."""
        return next(iter(self.shown)) if len(self.shown) == 1 else None

    def mark_rows(self, start: int, cells: list[str]) -> None:
        """Remember which rows of a batch (the first at row `start`) hold an open cell."""
        self.open_rows += [
            (start + offset, cell) for offset, cell in enumerate(cells) if cell in self.open_cells
        ]

    def settle(
        self, read: Callable[[str, str | None], object], date_of: Callable[[str], str]
    ) -> dict[str, object]:
        """Each open cell read in the column's order: cell -> its date, or the ValueError it
        raises (still ambiguous, or a column holding both orders). `date_of` gives the
        date part of a cell (a timestamp's), for the message."""
        order, settled = self.order, {}
        for cell in self.open_cells:
            try:
                settled[cell] = read(cell, order)
            except ValueError as error:
                settled[cell] = _both_ways(date_of(cell)) if len(self.shown) > 1 else error
        return settled


def _both_ways(cell: str) -> ValueError:
    return ValueError(
        f"ambiguous date '{cell.strip()[:40]}': other dates in this column put the day first "
        "and some put the month first; pass --date-order dmy or mdy, or write YYYY-MM-DD"
    )
