"""How a workbook's cells become text, pinned by tests/cases/sheet-cells.json for the CLI's
readers here and for the page's (tests/js/answer-workbook.test.js runs the same rows)."""

from __future__ import annotations

import json

import pytest

from revops.answers.sheet_cells import serial_text
from revops.answers.sheet_reading import number_text
from revops.answers.sheet_xlsx import format_kind

from .conftest import ROOT

CELLS = json.loads((ROOT / "tests/cases/sheet-cells.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("raw", "text"), CELLS["number_text"])
def test_a_number_as_a_csv_holds_it(raw, text):
    assert number_text(raw) == text


@pytest.mark.parametrize(("raw", "kind", "date1904", "text"), CELLS["serial_text"])
def test_a_date_formatted_number_as_what_it_shows(raw, kind, date1904, text):
    serial_text.cache_clear()
    assert serial_text(raw, kind, date1904) == text


@pytest.mark.parametrize(("code", "kind"), CELLS["format_kind"])
def test_which_number_formats_show_dates_and_durations(code, kind):
    assert format_kind(code) == kind
