"""CSV files the project writes, made safe to open in a spreadsheet (OWASP, CSV injection).

A spreadsheet takes a cell that starts with =, +, -, @, tab or carriage return as a formula,
which can fetch an address or run a command. Such a cell is written with a leading single
quote, so it shows as text, and quoted. Every CSV the project writes goes through csv_text,
so that a later export cannot forget it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Delimiters a spreadsheet may split on in other locales: a cell holding one is quoted, so
# that no part of it becomes a cell of its own there.
_OTHER_DELIMITERS = (";", "\t")
_LABEL = re.compile(r"# [^,;\"\t\r\n]+")  # '#' and a delimiter would start a cell, not a comment


def neutralised(cell: str) -> str:
    """The cell as a spreadsheet should show it: text, never a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _needs_quotes(cell: str, written: str) -> bool:
    return written != cell or any(mark in cell for mark in _OTHER_DELIMITERS)


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV text with CRLF line ends, as spreadsheets save it. Every cell is
    neutralised; a row that holds a neutralised cell or another locale's delimiter is quoted
    whole, other rows only where the csv module must."""
    out = io.StringIO()
    minimal = csv.writer(out, lineterminator="\r\n")
    quoted = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        cells = ["" if cell is None else str(cell) for cell in row]
        written = [neutralised(cell) for cell in cells]
        writer = quoted if any(map(_needs_quotes, cells, written)) else minimal
        writer.writerow(written)
    return out.getvalue()


def csv_comment(label: str, text: str) -> str:
    """A comment line, which the answer readers skip as it starts with '#': the label as it
    is, then the text as one quoted, neutralised cell. A spreadsheet that splits on
    semicolons does not see those quotes, so each part after a semicolon is neutralised too."""
    if not _LABEL.fullmatch(label):
        raise ValueError(f"a comment label is '# ' and text without delimiters: {label!r}")
    first, *rest = text.split(";")
    parts = [
        neutralised(first),
        *("'" + part if part.lstrip().startswith(FORMULA_STARTS) else part for part in rest),
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerow([";".join(parts)])
    return f"{label},{out.getvalue()}"
