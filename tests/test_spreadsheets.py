"""Answers kept in a spreadsheet (.xlsx or .ods) score as the same answers saved as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from .conftest import ROOT, revops

TEAM = ROOT / "assessment" / "examples" / "leadership-team-2026-q2.csv"


def typed_rows() -> list[list[object]]:
    """The example team as a spreadsheet holds it: levels as numbers, dates as dates."""
    with TEAM.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    typed: list[list[object]] = [rows[0]]
    for row in rows[1:]:
        typed.append(
            [
                int(c)
                if c.isdigit()
                else dt.date.fromisoformat(c)
                if c[:2] == "20"
                else (c or None)
                for c in row
            ]
        )
    return typed


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Responses")
    for row in rows:
        line = TableRow()
        for value in row:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
            if value is not None:
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def scores(*args: str) -> dict:
    result = revops("score", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return {key: report[key] for key in ("team", "date", "overall", "rules", "recommendations")}


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_spreadsheet_scores_like_the_same_answers_as_csv(tmp_path, kind):
    path = tmp_path / f"team.{kind}"
    if kind == "xlsx":
        write_xlsx(path, {"Responses": typed_rows()})
    else:
        write_ods(path, typed_rows())
    assert scores(str(path)) == scores(str(TEAM))


def test_sheet_chooses_among_several_and_an_unknown_name_lists_them(tmp_path):
    path = write_xlsx(
        tmp_path / "book.xlsx", {"Notes": [["written by hand"]], "Responses": typed_rows()}
    )
    assert scores(str(path), "--sheet", "Responses") == scores(str(TEAM))
    result = revops("score", str(path), "--sheet", "Answers")
    assert result.returncode == 1
    assert (
        f"{path}: no sheet named 'Answers'; its sheets are 'Notes', 'Responses'; choose "
        "one with --sheet NAME"
    ) in result.stderr


def test_a_bad_cell_is_named_by_sheet_and_row(tmp_path):
    rows = typed_rows()
    rows[2][5] = 9
    path = write_xlsx(tmp_path / "team.xlsx", {"Responses": rows})
    result = revops("score", str(path))
    assert result.returncode == 1
    assert (
        f"{path} (sheet 'Responses'):3: column '{rows[0][5]}': 9 is out of range" in result.stderr
    )


def test_damaged_and_empty_spreadsheets_say_so(tmp_path):
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    empty = write_xlsx(tmp_path / "empty.xlsx", {"Responses": []})
    out = tmp_path / "report.html"
    out.write_text("the earlier report", encoding="utf-8")
    result = revops("score", str(damaged), str(empty), "--output", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{damaged}: cannot read this spreadsheet: it is damaged" in result.stderr
    assert f"{empty} (sheet 'Responses'): the sheet is empty" in result.stderr
    assert out.read_text(encoding="utf-8") == "the earlier report"
