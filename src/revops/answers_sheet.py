"""Spreadsheet answer files (.xlsx, .xlsm, .ods): one sheet read as rows of text, which the CSV
reader then checks and converts, so both give the same answers and the same messages.

python-calamine reads them: it handles both Excel and OpenDocument files (openpyxl reads no
.ods), it is maintained, and it ships as a wheel with no further dependencies.
"""

from __future__ import annotations

import datetime as dt
import io

from .problems import InvalidInput, Problem

SPREADSHEETS = (".xlsx", ".xlsm", ".ods")
BATCH = 4096


def cell_text(value: object) -> str:
    """A cell as the CSV file saved from it would hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def sheet_rows(data: bytes, shown: str, sheet: str | None) -> tuple[str, list[list[str]]]:
    """(how to name the sheet in messages, its rows as text), from the file's bytes.
    InvalidInput says what is wrong with a file that cannot be read."""
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        if not names:
            raise InvalidInput([Problem(shown, 0, 0, "the workbook has no sheets")])
        name = sheet if sheet is not None else names[0]
        if name not in names:
            listed = ", ".join(f"'{n}'" for n in names)
            raise InvalidInput([Problem(shown, 0, 0, f"no sheet named '{name}'; its sheets "
                                        f"are {listed}; choose one with --sheet NAME")])
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except calamine.PasswordError:
        raise InvalidInput([Problem(shown, 0, 0, "the workbook is password-protected; save a "
                                    "copy without a password and score that")]) from None
    except (calamine.CalamineError, OSError, ValueError) as error:
        raise InvalidInput([Problem(shown, 0, 0, "cannot read this spreadsheet: it is damaged "
                                    f"or not an .xlsx or .ods file ({str(error)[:80]})")]
                           ) from None
    label = f"{shown} (sheet '{name}')"
    text_rows = [[cell_text(cell) for cell in row] for row in rows]
    if not any(any(cell.strip() for cell in row) for row in text_rows):
        raise InvalidInput([Problem(label, 0, 0, "the sheet is empty; it needs a header row "
                                    "(respondent, role, question ids) and one row per person")])
    return label, text_rows


def row_batches(rows: list[list[str]]):
    """(row numbers, rows) of the rows with content, BATCH at a time, as the CSV reader's.
    Blank cells past the last header are dropped; a value there stays, and is reported."""
    numbered = [(i, row) for i, row in enumerate(rows, 1) if any(c.strip() for c in row)]
    header = numbered[0][1]
    width = max(i + 1 for i, cell in enumerate(header) if cell.strip())
    fitted = [(i, row[:width] if not any(c.strip() for c in row[width:]) else row)
              for i, row in numbered]
    for start in range(0, len(fitted), BATCH):
        part = fitted[start:start + BATCH]
        yield [i for i, _ in part], [row for _, row in part]
