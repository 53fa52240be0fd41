"""The rows of one sheet of an OpenDocument spreadsheet (.ods), read by sheet_reading's limits.

All sheets are in content.xml. A row or cell may stand for many (number-rows-repeated,
number-columns-repeated): they count as what they expand to, except the empty ones at the
end of a row or sheet, which LibreOffice writes up to its last row and column.

As for .xlsx sheets (sheet_cells.py), the callbacks are closures with names compared as
written: the prefixes come from the root element's declarations, read first.
"""

from __future__ import annotations

import re

from revops.answers.sheet_reading import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_SHEETS,
    PASSWORD,
    Grid,
    Handler,
    Package,
    damaged,
    no_sheet,
    number_text,
    refused,
    too_many_sheets,
    whole_number,
)

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

    def __init__(self):
        super().__init__()
        self.prefixes: dict[str, str] = {}

    def start(self, name, attrs):
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
    Grid, and every table's name for a message."""

    def __init__(self, names: Names, shown: str, sheet: str | None, label_of):
        self.names, self.shown, self.sheet, self.label_of = names, shown, sheet, label_of
        self.tables: list[str] = []
        self.grid: Grid | None = None
        self.row = _Row(self)
        text: list[str] = []
        self.data = text.append
        self.start, self.end, self.after_chunk = self._callbacks(text)

    def table(self, attrs: dict) -> bool:
        """Whether a sheet is the one to read."""
        name = attrs.get(self.names.name, "")
        self.tables.append(name)
        if len(self.tables) > MAX_SHEETS:
            raise too_many_sheets(self.shown)
        if self.grid is None and self.sheet in (None, name):
            self.grid = Grid(self.label_of(name))
            return True
        return False

    def _callbacks(self, text: list[str]):  # one long function, as in sheet_cells.py
        names, row, cell_text = self.names, self.row, self.cell_text
        table, row_tag, note, spaces = names.table, names.row, names.note, names.spaces
        shapes = names.shapes
        cell_a, cell_b = names.cells
        paragraph_a, paragraph_b = names.paragraphs
        clear, join, limit, widest = text.clear, "".join, MAX_CELL_CHARS, MAX_COLUMNS
        kind_name, value_name, string_name = names.kind, names.value, names.string
        repeat_name = names.columns_repeated
        cell = None
        paragraphs: list[str] = []
        reading = capture = False
        depth = nested = elements = ended = length = mark = spaced = 0

        def start(name, attrs):
            nonlocal cell, paragraphs, reading, capture, depth, nested, elements, length, mark
            nonlocal spaced
            elements += 1
            if not reading:
                if name == table:
                    depth += 1
                    reading = depth == 1 and self.table(attrs)
            elif nested:
                nested += name == table or name == note or name.startswith(shapes)
            elif name == cell_a or name == cell_b:
                cell, paragraphs, length = attrs, [], 0
            elif name == paragraph_a or name == paragraph_b:
                if cell is not None:
                    clear()
                    capture, spaced = True, 0
            elif name == row_tag:
                row.begin(attrs.get(names.rows_repeated))
            elif name in spaces:
                if capture:
                    count = min(whole_number(attrs.get(names.count)) or 1, limit + 1)
                    spaced += count  # counted at once: many in one chunk add up
                    if spaced + length > limit:
                        raise self.grid.cell_too_long(row.number)
                    text.append(spaces[name] * count)
            elif name == table or name == note or name.startswith(shapes):
                nested, mark = 1, len(text)  # what follows until its end is not the cell's

        def end(name):
            nonlocal cell, reading, capture, depth, nested, ended, length
            ended += 1
            if not reading:
                depth -= name == table
            elif nested:
                nested -= name == table or name == note or name.startswith(shapes)
                if not nested:
                    del text[mark:]
            elif name == paragraph_a or name == paragraph_b:
                if capture:
                    capture = False
                    paragraphs.append(join(text))
                    length += len(paragraphs[-1]) + 1
                    if length > limit:
                        raise self.grid.cell_too_long(row.number)
            elif name == cell_a or name == cell_b:
                if cell is None:
                    return
                kind = cell.get(kind_name)
                if kind == "float":
                    found = cell.get(value_name, "")
                    if not (found.isdigit() and len(found) < 16 and found[0] != "0"):
                        found = number_text(found)
                elif kind == "string" and len(paragraphs) == 1 and string_name not in cell:
                    found = paragraphs[0]
                else:
                    found = cell_text(cell, paragraphs)
                repeat, cell = cell.get(repeat_name), None
                cells = row.cells
                if (
                    repeat is None
                    and found
                    and not row.empty
                    and len(cells) < widest
                    and len(found) <= limit
                ):
                    cells.append(found)
                else:
                    row.place(found, repeat)
            elif name == row_tag:
                row.finish()
            elif name == table:
                reading, depth = False, depth - 1

        def after_chunk() -> tuple[int, int]:
            nonlocal elements, ended
            if not capture:
                clear()
            elif sum(map(len, text)) + length > limit:
                raise self.grid.cell_too_long(row.number)
            counted = elements, ended
            elements = ended = 0
            return counted

        return start, end, after_chunk

    def cell_text(self, attrs: dict, paragraphs: list[str]) -> str:
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
    def __init__(self):
        super().__init__()
        self.encrypted = False

    def start(self, name, attrs):
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


def read_ods(package: Package, sheet: str | None, label_of):
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
