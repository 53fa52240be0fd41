"""The rows of one sheet of an OpenDocument spreadsheet (.ods), read by sheet_reading's limits.

All sheets are in content.xml. A row or cell may stand for many (number-rows-repeated,
number-columns-repeated): they count as what they expand to, except the empty ones at the
end of a row or sheet, which LibreOffice writes up to its last row and column.

As for .xlsx sheets (sheet_cells.py), the callbacks are closures with names compared as
written: the prefixes come from the root element's declarations, read first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NoReturn

from revops.answers.sheet_reading import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_SHEETS,
    PASSWORD,
    Grid,
    Handler,
    Labeller,
    Package,
    Row,
    damaged,
    no_sheet,
    number_text,
    refused,
    too_many_sheets,
    whole_number,
)
from revops.foundation.problems import InvalidInput

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
# Shapes anchored to a cell sit inside it; their text is not the cell's (LibreOffice's CSV
# leaves it out).
SHAPES = (
    "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0",
)
DURATION = re.compile(r"^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?$", re.ASCII)
NUMBERS = ("float", "percentage", "currency")


class _Root(Handler):
    """The prefixes the root element declares: namespace -> "prefix:"."""

    class Found(Exception):
        pass

    def __init__(self) -> None:
        super().__init__()
        self.prefixes: dict[str, str] = {}

    def start(self, name: str, attrs: dict[str, str]) -> NoReturn:
        for key, uri in attrs.items():
            if key == "xmlns" or key.startswith("xmlns:"):
                self.prefixes[uri] = f"{key[6:]}:" if ":" in key else ""
        raise self.Found


class Names:
    """Element and attribute names as the content writes them."""

    def __init__(self, prefixes: dict[str, str]):
        office, table, text = (prefixes.get(uri, "?") for uri in (OFFICE, TABLE, TEXT))
        self.table, self.row = f"{table}table", f"{table}table-row"
        self.cells = (f"{table}table-cell", f"{table}covered-table-cell")
        self.paragraphs = (f"{text}p", f"{text}h")
        self.spaces = {f"{text}s": " ", f"{text}tab": "\t", f"{text}line-break": "\n"}
        self.count = f"{text}c"
        self.note = f"{office}annotation"
        self.shapes = tuple(
            prefix for uri in SHAPES if (prefix := prefixes.get(uri, ""))
        )  # never "": it matches all
        self.name = f"{table}name"
        self.rows_repeated = f"{table}number-rows-repeated"
        self.columns_repeated = f"{table}number-columns-repeated"
        self.kind, self.value = f"{office}value-type", f"{office}value"
        self.date, self.time = f"{office}date-value", f"{office}time-value"
        self.boolean, self.string = f"{office}boolean-value", f"{office}string-value"


class _Content:
    """start, end, data and after_chunk for Package.stream: the chosen table's rows into a
    Grid, and every table's name for a message. As in sheet_cells.py, the callbacks are
    methods over slotted state, and names are compared as the content writes them."""

    __slots__ = (
        "names", "shown", "sheet", "label_of", "tables", "grid", "row", "text", "data",
        "clear", "table_tag", "row_tag", "note", "spaces", "shapes", "cell_a", "cell_b",
        "paragraph_a", "paragraph_b", "kind_name", "value_name", "string_name",
        "repeat_name", "cell", "paragraphs", "reading", "capture", "depth", "nested",
        "elements", "ended", "length", "mark", "spaced",
    )  # fmt: skip

    def __init__(self, names: Names, shown: str, sheet: str | None, label_of: Labeller) -> None:
        self.names, self.shown, self.sheet, self.label_of = names, shown, sheet, label_of
        self.tables: list[str] = []
        self.grid: Grid | None = None
        self.row = _Row(self)
        self.text: list[str] = []
        self.data, self.clear = self.text.append, self.text.clear
        self.table_tag, self.row_tag, self.note = names.table, names.row, names.note
        self.spaces, self.shapes = names.spaces, names.shapes
        self.cell_a, self.cell_b = names.cells
        self.paragraph_a, self.paragraph_b = names.paragraphs
        self.kind_name, self.value_name = names.kind, names.value
        self.string_name, self.repeat_name = names.string, names.columns_repeated
        self.cell: dict[str, str] | None = None  # the attributes of the cell being read
        self.paragraphs: list[str] = []
        self.reading = self.capture = False
        self.depth = self.nested = self.elements = self.ended = 0
        self.length = self.mark = self.spaced = 0

    def table(self, attrs: dict[str, str]) -> bool:
        """Whether a sheet is the one to read."""
        name = attrs.get(self.names.name, "")
        self.tables.append(name)
        if len(self.tables) > MAX_SHEETS:
            raise too_many_sheets(self.shown)
        if self.grid is None and self.sheet in (None, name):
            self.grid = Grid(self.label_of(name))
            return True
        return False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if not self.reading:
            if name == self.table_tag:
                self.depth += 1
                self.reading = self.depth == 1 and self.table(attrs)
        elif self.nested:
            self.nested += self.apart(name)
        elif name == self.cell_a or name == self.cell_b:
            self.cell, self.paragraphs, self.length = attrs, [], 0
        elif name == self.paragraph_a or name == self.paragraph_b:
            if self.cell is not None:
                self.clear()
                self.capture, self.spaced = True, 0
        elif name == self.row_tag:
            self.row.begin(attrs.get(self.names.rows_repeated))
        elif name in self.spaces:
            if self.capture:
                self.space(name, attrs)
        elif self.apart(name):
            self.nested, self.mark = (
                1,
                len(self.text),
            )  # what follows until its end is not the cell's

    def apart(self, name: str) -> bool:
        """Whether an element holds text that is not its cell's: a table, a note, a shape."""
        return name == self.table_tag or name == self.note or name.startswith(self.shapes)

    def space(self, name: str, attrs: dict[str, str]) -> None:
        """Spaces, a tab or a line break written as an element, in a paragraph being read."""
        count = min(whole_number(attrs.get(self.names.count)) or 1, MAX_CELL_CHARS + 1)
        self.spaced += count  # counted at once: many in one chunk add up
        if self.spaced + self.length > MAX_CELL_CHARS:
            raise self.too_long()
        self.text.append(self.spaces[name] * count)

    def end(self, name: str) -> None:
        self.ended += 1
        if not self.reading:
            self.depth -= name == self.table_tag
        elif self.nested:
            self.nested -= self.apart(name)
            if not self.nested:
                del self.text[self.mark :]
        elif name == self.paragraph_a or name == self.paragraph_b:
            if self.capture:
                self.capture = False
                self.paragraphs.append(paragraph := "".join(self.text))
                self.length += len(paragraph) + 1
                if self.length > MAX_CELL_CHARS:
                    raise self.too_long()
        elif name == self.cell_a or name == self.cell_b:
            if (cell := self.cell) is not None:
                self.end_cell(cell)
        elif name == self.row_tag:
            self.row.finish()
        elif name == self.table_tag:
            self.reading, self.depth = False, self.depth - 1

    def end_cell(self, cell: dict[str, str]) -> None:
        """A cell's text into the row: the common cases (a whole number, one paragraph of
        text, the next column) inline."""
        kind = cell.get(self.kind_name)
        if kind == "float":
            found = cell.get(self.value_name, "")
            if not (found.isdigit() and len(found) < 16 and found[0] != "0"):
                found = number_text(found)
        elif kind == "string" and len(self.paragraphs) == 1 and self.string_name not in cell:
            found = self.paragraphs[0]
        else:
            found = self.cell_text(cell, self.paragraphs)
        repeat, self.cell = cell.get(self.repeat_name), None
        row = self.row
        cells = row.cells
        if (
            repeat is None
            and found
            and not row.empty
            and len(cells) < MAX_COLUMNS
            and len(found) <= MAX_CELL_CHARS
        ):
            cells.append(found)
        else:
            row.place(found, repeat)

    def after_chunk(self) -> tuple[int, int]:
        if not self.capture:
            self.clear()
        elif sum(map(len, self.text)) + self.length > MAX_CELL_CHARS:
            raise self.too_long()
        counted = self.elements, self.ended
        self.elements = self.ended = 0
        return counted

    def too_long(self) -> InvalidInput:
        assert self.grid is not None  # cells are read only inside the chosen table
        return self.grid.cell_too_long(self.row.number)

    def cell_text(self, attrs: dict[str, str], paragraphs: list[str]) -> str:
        """A cell as the CSV saved from it holds it: by its value, else its text."""
        names = self.names
        kind = attrs.get(names.kind)
        if kind in NUMBERS:
            return number_text(attrs.get(names.value, ""))
        if kind == "date":
            value = attrs.get(names.date, "")
            return value[:10] if len(value) >= 10 else value
        if kind == "time":
            return duration_text(attrs.get(names.time, ""))
        if kind == "boolean":
            return "true" if attrs.get(names.boolean) == "true" else "false"
        if kind == "string" and names.string in attrs:
            return attrs[names.string][: MAX_CELL_CHARS + 1]
        return "\n".join(paragraphs)


class _Row:
    """The row being read: its number, how many times it repeats, its cells so far, and the
    empty cells not yet placed (nothing, if no value follows them)."""

    def __init__(self, content: _Content):
        self.content = content
        self.number = 1  # the next row's
        self.repeat = 1
        self.cells: list[str] = []
        self.empty = 0

    def begin(self, repeat: str | None) -> None:
        self.cells, self.empty, self.repeat = [], 0, repeated(repeat)

    def place(self, text: str, repeat: str | None) -> None:
        times = repeated(repeat)
        if not text:
            self.empty += times
            return
        grid = self.content.grid
        assert grid is not None  # rows are read only inside the chosen table
        first = len(self.cells) + self.empty + 1
        if first + times - 1 > MAX_COLUMNS:
            raise grid.column_past(self.number, max(first, MAX_COLUMNS + 1))
        if len(text) > MAX_CELL_CHARS:
            raise grid.cell_too_long(self.number)
        self.cells.extend([""] * self.empty)
        self.cells.extend([text] * times)
        self.empty = 0

    def finish(self) -> None:
        if self.cells:
            assert self.content.grid is not None  # rows are read only inside the chosen table
            self.content.grid.add(self.number, self.cells, self.repeat)
        self.number += self.repeat
        self.cells = []


def repeated(count: str | None) -> int:
    return whole_number(count) or 1


def duration_text(value: str) -> str:
    """PT10H15M00S as 10:15:00 (a time of day, as the sheet shows it)."""
    found = DURATION.match(value.strip())
    if not found:
        return value
    days, hours, minutes, seconds = (float(part or 0) for part in found.groups())
    if max(days, hours, minutes, seconds) > 1e9:
        return value
    return f"{int(hours + days * 24):02d}:{int(minutes):02d}:{int(seconds):02d}"


class _Encryption(Handler):
    def __init__(self) -> None:
        super().__init__()
        self.encrypted = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        self.encrypted = self.encrypted or name.endswith(" encryption-data")


def password_protected(package: Package) -> bool:
    """Whether the manifest says that content.xml is encrypted."""
    manifest = "META-INF/manifest.xml"
    if manifest not in package:
        return False
    found = _Encryption()
    package.parse(manifest, found)
    return found.encrypted


def declared_prefixes(package: Package) -> dict[str, str]:
    root = _Root()
    try:
        package.parse("content.xml", root, namespaces=False)  # to see the declarations
    except _Root.Found:
        return root.prefixes
    raise damaged(package.shown, "content.xml holds no document")


def read_ods(package: Package, sheet: str | None, label_of: Labeller) -> Iterator[str | Row]:
    """A generator: the chosen sheet's label, then its rows (as Grid holds them)."""
    if password_protected(package):
        raise refused(package.shown, PASSWORD)
    content = _Content(Names(declared_prefixes(package)), package.shown, sheet, label_of)
    labelled = False
    for _ in package.stream("content.xml", content, namespaces=False):
        if content.grid is not None:
            if not labelled:
                labelled = True
                yield content.grid.label
            yield from content.grid.take()
    if content.grid is None:
        raise no_sheet(package.shown, content.tables, sheet)
    if not labelled:
        yield content.grid.label
    yield from content.grid.take()
    package.check_rest()
