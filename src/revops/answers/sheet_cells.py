"""The cells of an .xlsx worksheet, row by row, into a Grid (sheet_reading.py).

A team of 100,000 people is five million cells, and expat calls back four times for each,
so the callbacks are the methods of one slotted class, which expat looks up once, with the
common cases (a number, a shared text, the next column) inline, and names are compared as
written, prefix and all (namespace processing would add a fifth to the time). Text is
gathered by the list's own append and held to the cell limit after each chunk of XML
(`after_chunk`).

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
from revops.foundation.problems import InvalidInput

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
    """start, end, data and after_chunk for Package.stream, over one sheet's cells.

    The state of the cell being read is kept in slots, and Package.stream looks each bound
    method up once: the common cases (a number, a shared text, the next column) stay inline."""

    __slots__ = (
        "row", "strings", "kinds", "date1904", "text", "data", "clear",
        "cell", "value", "text_run", "row_tag", "phonetic_tag",
        "kind", "style", "raw", "cells", "column", "phonetic", "capture", "elements", "ended",
    )  # fmt: skip

    def __init__(
        self, grid: Grid, strings: list[str], kinds: dict[str, str], date1904: bool
    ) -> None:
        self.row, self.strings, self.kinds, self.date1904 = _Row(grid), strings, kinds, date1904
        self.text: list[str] = []
        self.data, self.clear = self.text.append, self.text.clear
        # the sheet's element names, with the root's prefix once it is read
        self.cell: str | None = None
        self.value = self.text_run = self.row_tag = self.phonetic_tag = ""
        self.kind: str | None = None
        self.style: str | None = None
        self.raw = ""
        self.cells: list[str] = []
        self.column = self.elements = self.ended = 0
        self.phonetic = self.capture = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if name == self.cell:
            reference = attrs.get("r")
            if reference:
                letters = reference.rstrip(DIGITS)
                self.column = COLUMNS.get(letters) or column_number(letters)
            else:
                self.column += 1
            self.kind, self.style, self.raw = attrs.get("t"), attrs.get("s"), ""
        elif name == self.value or name == self.text_run:
            if not self.phonetic:
                self.clear()
                self.capture = True
        elif name == self.row_tag:
            self.cells, self.column = self.row.begin(attrs.get("r")), 0
        elif name == self.phonetic_tag:
            self.phonetic = True
        elif self.cell is None:  # the root: the sheet's names take its prefix, if any
            prefix = name[: name.index(":") + 1] if ":" in name else ""
            self.cell, self.value, self.text_run, self.row_tag, self.phonetic_tag = (
                prefix + tag for tag in ("c", "v", "t", "row", "rPh")
            )

    def end(self, name: str) -> None:
        self.ended += 1
        if name == self.value or (name == self.text_run and not self.phonetic):
            self.raw += "".join(self.text)
            self.clear()
            self.capture = False
            if len(self.raw) > MAX_CELL_CHARS:
                raise self.row.grid.cell_too_long(self.row.number)
        elif name == self.cell:
            if not (raw := self.raw):
                return
            kind, style = self.kind, self.style
            if kind == "s":
                index = whole_number(raw)
                if index is None or index >= len(strings := self.strings):
                    raise self.no_such_text()
                found = strings[index]
            elif (
                kind is None
                and raw.isdigit()
                and len(raw) < 16
                and raw[0] != "0"
                and (style is None or style not in self.kinds)
            ):
                found = raw
            else:
                found = self.convert(raw, kind, style)
            cells = self.cells
            if self.column == len(cells) + 1 <= MAX_COLUMNS:
                cells.append(found)
            elif found:
                self.row.place(cells, self.column, found)
        elif name == self.row_tag:
            self.row.finish(self.cells)
        elif name == self.phonetic_tag:
            self.phonetic = False

    def after_chunk(self) -> tuple[int, int]:
        if not self.capture:
            self.clear()
        elif sum(map(len, self.text)) > MAX_CELL_CHARS:
            raise self.row.grid.cell_too_long(self.row.number)
        counted = self.elements, self.ended
        self.elements = self.ended = 0
        return counted

    def no_such_text(self) -> InvalidInput:
        row = self.row
        return damaged(row.grid.label, f"row {row.number} names a text the workbook does not hold")

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
