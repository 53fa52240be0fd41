"""The cells of an .xlsx worksheet, row by row, into a Grid (sheet_reading.py).

A team of 100,000 people is five million cells, and expat calls back four times for each,
so the callbacks are closures over local state with the common cases (a number, a shared
text, the next column) inline, and names are compared as written, prefix and all (namespace
processing would add a fifth to the time). Text is gathered by the list's own append and
held to the cell limit after each chunk of XML (`after_chunk`).

A cell comes out as the CSV saved from it would hold it: numbers without a trailing .0,
dates as YYYY-MM-DD (the number format says which numbers are dates), booleans as
true/false, errors and formulas without a saved result as empty.
"""

from __future__ import annotations

import datetime as dt
import functools

from revops.answers.sheet_reading import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    Grid,
    column_name,
    damaged,
    number_text,
    unescaped,
    whole_number,
)

DIGITS = "0123456789"
COLUMNS = {column_name(n): n for n in range(1, MAX_COLUMNS + 1)}  # "A" -> 1
DAY_MS = 86_400_000


def column_number(letters: str) -> int:
    """AB -> 28; 0 when the letters are not a column's (XFD, 16,384, is the last)."""
    if len(letters) > 3:
        return 0
    number = 0
    for letter in letters.upper():
        if not "A" <= letter <= "Z":
            return 0
        number = number * 26 + ord(letter) - 64
    return number


class Worksheet:
    """start, end, data and after_chunk for Package.stream, over one sheet's cells."""

    def __init__(self, grid: Grid, strings: list[str], kinds: dict[str, str], date1904: bool):
        self.grid, self.strings, self.kinds, self.date1904 = grid, strings, kinds, date1904
        self.row = _Row(grid)
        text: list[str] = []
        self.data = text.append
        self.start, self.end, self.after_chunk = self._callbacks(text)

    def _callbacks(self, text: list[str]):  # one long function: each call saved counts
        row, strings, kinds, convert = self.row, self.strings, self.kinds, self.convert
        clear, join, limit, widest = text.clear, "".join, MAX_CELL_CHARS, MAX_COLUMNS
        cell = value = text_run = row_tag = phonetic_tag = None
        kind = style = None
        raw = ""
        cells: list[str] = []
        phonetic = capture = False
        elements = ended = column = 0

        def start(name, attrs):
            nonlocal kind, style, raw, phonetic, capture, elements, cells, column
            nonlocal cell, value, text_run, row_tag, phonetic_tag
            elements += 1
            if name == cell:
                reference = attrs.get("r")
                if reference:
                    letters = reference.rstrip(DIGITS)
                    column = COLUMNS.get(letters) or column_number(letters)
                else:
                    column += 1
                kind, style, raw = attrs.get("t"), attrs.get("s"), ""
            elif name == value or name == text_run:
                if not phonetic:
                    clear()
                    capture = True
            elif name == row_tag:
                cells, column = row.begin(attrs.get("r")), 0
            elif name == phonetic_tag:
                phonetic = True
            elif cell is None:  # the root: the sheet's names take its prefix, if any
                prefix = name[: name.index(":") + 1] if ":" in name else ""
                cell, value, text_run, row_tag, phonetic_tag = (
                    prefix + tag for tag in ("c", "v", "t", "row", "rPh")
                )

        def end(name):
            nonlocal raw, phonetic, capture, ended
            ended += 1
            if name == value or (name == text_run and not phonetic):
                raw += join(text)
                clear()
                capture = False
                if len(raw) > limit:
                    raise row.grid.cell_too_long(row.number)
            elif name == cell:
                if not raw:
                    return
                if kind == "s":
                    index = whole_number(raw)
                    if index is None or index >= len(strings):
                        raise damaged(
                            row.grid.label,
                            f"row {row.number} names a text the workbook does not hold",
                        )
                    found = strings[index]
                elif (
                    kind is None
                    and raw.isdigit()
                    and len(raw) < 16
                    and raw[0] != "0"
                    and (style is None or style not in kinds)
                ):
                    found = raw
                else:
                    found = convert(raw, kind, style)
                if column == len(cells) + 1 <= widest:
                    cells.append(found)
                elif found:
                    row.place(cells, column, found)
            elif name == row_tag:
                row.finish(cells)
            elif name == phonetic_tag:
                phonetic = False

        def after_chunk() -> tuple[int, int]:
            nonlocal elements, ended
            if not capture:
                clear()
            elif sum(map(len, text)) > limit:
                raise row.grid.cell_too_long(row.number)
            counted = elements, ended
            elements = ended = 0
            return counted

        return start, end, after_chunk

    def convert(self, raw: str, kind: str | None, style: str | None) -> str:
        raw = unescaped(raw)
        if kind is None or kind == "n":
            shown = self.kinds.get(style) if style else None
            return number_text(raw) if shown is None else serial_text(raw, shown, self.date1904)
        if kind == "b":
            return "true" if raw.strip() in ("1", "true") else "false"
        if kind == "d":
            return iso_date_text(raw)
        if kind == "e":
            return ""
        return raw  # inlineStr, str


class _Row:
    """The number of the row being read and of the one before, and what to do with a row's
    cells when they are not simply the next column's."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.number = self.previous = 0

    def begin(self, number: str | None) -> list[str]:
        """A row without a number (rare) comes after the one before it."""
        self.number = whole_number(number) or 0
        return []

    def place(self, cells: list[str], column: int, value: str) -> None:
        """A value that is not in the next column: after a gap, or out of place."""
        if not self.number:
            self.number = self.previous + 1
        if column <= len(cells):
            raise damaged(self.grid.label, f"row {self.number} lists its cells out of order")
        if column > MAX_COLUMNS:
            raise self.grid.column_past(self.number, column)
        cells.extend([""] * (column - len(cells) - 1))
        cells.append(value)

    def finish(self, cells: list[str]) -> None:
        if not self.number:
            self.number = self.previous + 1
        elif self.number <= self.previous:
            raise damaged(self.grid.label, f"row {self.number} comes after row {self.previous}")
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            self.grid.add(self.number, cells)
        self.previous, self.number = self.number, 0


@functools.lru_cache(maxsize=65_536)  # a column of dates repeats a few values
def serial_text(raw: str, kind: str, date1904: bool) -> str:
    """A date-formatted number as the date (or time, or duration) it shows."""
    try:
        milliseconds = round(float(raw) * DAY_MS)
        if kind == "duration":
            return str(dt.timedelta(milliseconds=milliseconds))
        days, rest = divmod(milliseconds, DAY_MS)
        if days == 0:
            return str((dt.datetime.min + dt.timedelta(milliseconds=rest)).time())
        if date1904:
            return (dt.date(1904, 1, 1) + dt.timedelta(days=days)).isoformat()
        if days > 60:
            return (dt.date(1899, 12, 30) + dt.timedelta(days=days)).isoformat()
        # Excel counts a 29 February 1900 that never was (serial 60): it shows the 28th.
        return (dt.date(1899, 12, 31) + dt.timedelta(days=min(days, 59))).isoformat()
    except (ValueError, OverflowError):
        return number_text(raw)


def iso_date_text(raw: str) -> str:
    try:
        return dt.datetime.fromisoformat(raw.strip()).date().isoformat()
    except ValueError:
        return raw
