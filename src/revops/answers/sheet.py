"""Spreadsheet answer files (.xlsx, .xlsm, .ods): one sheet read as rows of text, which the CSV
reader then checks and converts, so both give the same answers and the same messages.

The workbook is read a part and a row at a time within fixed limits (sheet_reading.py), with
the standard library's zipfile and expat. python-calamine, used before, builds in memory the
whole grid a sheet spans (one value at XFD1048576 asks for 17 billion cells) and every text
whole; checking a file before handing it over would mean parsing it as closely as reading
it, at the same cost, and trusting two parsers to agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from revops.foundation.characters import REFUSED, refused_problem
from revops.foundation.problems import InvalidInput, Problem

if TYPE_CHECKING:
    from revops.answers.sheet_reading import Row

SPREADSHEETS = (".xlsx", ".xlsm", ".ods")
# Rows converted at a time: a batch's cells are still in the processor's cache when they are
# coded (measured on 10,000 rows: 4,096 took a fifth longer to read than 256 or 512).
BATCH = 512
Batch = tuple[list[int], list[list[str]]]


def sheet_rows(data: bytes, shown: str, sheet: str | None) -> tuple[str, Iterator[Batch]]:
    """(how to name the sheet in messages, its rows with content as (row numbers, rows)
    batches, as the CSV reader takes them). A cell holding a refused character (characters.py)
    is refused. InvalidInput says what is wrong with a file that cannot be read."""
    from revops.answers.sheet_ods import read_ods  # here: reading a CSV needs none of this
    from revops.answers.sheet_reading import Package, damaged
    from revops.answers.sheet_xlsx import read_xlsx

    package = Package(data, shown)
    if "content.xml" in package and "mimetype" in package:
        rows = read_ods(package, sheet, lambda name: sheet_label(shown, name))
    elif "xl/workbook.xml" in package or "_rels/.rels" in package:
        rows = read_xlsx(package, sheet, lambda name: sheet_label(shown, name))
    else:
        raise damaged(shown, "it holds no workbook part")
    label = next(rows)
    assert isinstance(label, str)  # each reader yields the sheet's label first, then rows only
    return label, row_batches(cast("Iterator[Row]", rows), label)


def sheet_label(shown: str, name: str) -> str:
    """How messages name a sheet: its name cut to 40 characters (Excel allows 31), since the
    name comes from the file and every message about a row repeats it."""
    return f"{shown} (sheet '{name[:40]}{'…' if len(name) > 40 else ''}')"


def row_batches(rows: Iterator[Row], label: str) -> Iterator[Batch]:
    """(row numbers, rows) of the rows with content, BATCH at a time, as the CSV reader's.
    Blank cells past the last header are dropped; a value there stays, and is reported."""
    width = 0
    numbers: list[int] = []
    fitted: list[list[str]] = []
    for number, cells, repeat in rows:
        if REFUSED.search("\t".join(cells)):  # tab is allowed, so it cannot hide a match
            refuse_character(label, number, cells)
        if not any(cell.strip() for cell in cells):
            continue
        if not width:
            width = max(i + 1 for i, cell in enumerate(cells) if cell.strip())
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        for offset in range(repeat):
            numbers.append(number + offset)
            fitted.append(cells)
            if len(fitted) == BATCH:
                yield numbers, fitted
                numbers, fitted = [], []
    if not width:
        raise InvalidInput(
            [
                Problem(
                    label,
                    0,
                    0,
                    "the sheet is empty; it needs a header row "
                    "(respondent, role, question ids) and one row per person",
                )
            ]
        )
    if fitted:
        yield numbers, fitted


def refuse_character(label: str, number: int, cells: list[str]) -> None:
    """The refused character's problem at its row and column."""
    column, found = next(
        (i, match) for i, cell in enumerate(cells, 1) if (match := REFUSED.search(cell))
    )
    raise InvalidInput([refused_problem(label, number, column, found.group())])
