"""Every survey tool's export of the questionnaire `revops form` writes, scored as it comes.

tests/fixtures/exports holds the same four people's answers as each tool writes them (built
by build.py there, from each tool's documentation: see README.md there) and as the id CSV
`revops template --format csv` lays out (answers.csv). Each export must give the id CSV's
numbers, in the CLI, with no flag saying which tool wrote it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, revops

EXPORTS = ROOT / "tests/fixtures/exports"
TOOLS = [
    "google-forms.csv",
    "google-forms.csv.zip",
    "google-sheets-uk.csv",
    "google-sheets-de.csv",
    "microsoft-forms.xlsx",
    "microsoft-forms-excel.csv",
    "surveymonkey.csv",
    "qualtrics.csv",
    "typeform.csv",
]
PEOPLE = ["Dana Okafor", "Lee Chen", "Sam Ruiz", "Priya Nair"]


def scored(path: Path, *options: str) -> tuple[dict, str]:
    """The JSON report of one file, and what the CLI said on stderr."""
    result = revops("score", str(path), "--format", "json", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def numbers(report: dict) -> dict:
    """What the answers decide: the overall score and each rule's numbers."""
    rules = {
        rule["id"]: {
            key: rule.get(key)
            for key in ("score", "level", "answered", "not_applicable", "unknown", "by_role")
        }
        for rule in report["rules"]
    }
    return {"overall": report["overall"], "rules": rules, "team": report["team"]}


@pytest.fixture(scope="module")
def id_csv() -> dict:
    report, _ = scored(EXPORTS / "answers.csv")
    return report


@pytest.mark.parametrize("name", TOOLS)
def test_each_export_scores_as_it_comes_with_the_id_csvs_numbers(name, id_csv):
    report, said = scored(EXPORTS / name)
    assert numbers(report) == numbers(id_csv)
    assert [person["name"] for person in report["respondents"]] == PEOPLE
    assert report["date"] == id_csv["date"] == "2026-07-02"
    assert "match no question" not in said and "warning" not in said, said


def test_qualtrics_leaves_an_unfinished_response_out_with_a_note():
    _, said = scored(EXPORTS / "qualtrics.csv")
    assert "1 unfinished response was left out (Finished is False; row 8)" in said


def test_the_same_person_twice_counts_once_with_the_later_answers(id_csv):
    """Dana sends the form twice, the second time as "Dana O.": her email says who she is."""
    report, said = scored(EXPORTS / "google-forms-twice.csv")
    assert numbers(report) == numbers(id_csv)  # her first answers (all level 1) are left out
    assert said.count("answered twice") == 1, said
    assert "rows 2 and 6" in said and "only the later answers, in row 6, count" in said


def write(folder: Path, name: str, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path = folder / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def read_csv(name: str) -> list[list[str]]:
    with open(EXPORTS / name, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_without_email_the_same_name_counts_once(tmp_path, id_csv):
    rows = read_csv("typeform.csv")
    again = [*rows[1][:-3], "2026-07-03 10:00:00", "z9", ""]  # Dana again, a day later
    first = [*rows[1]]
    first[4:-4] = ["" for _ in first[4:-4]]  # her first try left every question empty
    path = write(tmp_path, "typeform.csv", [rows[0], first, *rows[2:], again])
    report, said = scored(path)
    assert numbers(report) == numbers(id_csv)
    assert "Dana Okafor answered twice" in said and "rows 2 and 6" in said


def test_microsofts_name_column_and_the_typed_name(tmp_path):
    """Lee left the form's name question empty: Microsoft's own Name stands in; Priya
    answered anonymously, her typed name counts."""
    report, said = scored(EXPORTS / "microsoft-forms-excel.csv")
    assert [p["name"] for p in report["respondents"]] == PEOPLE
    rows = read_csv("microsoft-forms-excel.csv")
    rows[1][6] = "Dana O."  # typed differently from the Name Microsoft records: the typed wins
    report, _ = scored(write(tmp_path, "ms.csv", rows))
    assert report["respondents"][0]["name"] == "Dana O."


def google_sheet(folder: Path, stamps: list[str]) -> Path:
    rows = read_csv("google-sheets-uk.csv")
    for row, stamp in zip(rows[1:], stamps, strict=True):
        row[0] = stamp
    return write(folder, "sheet.csv", rows)


def test_a_us_date_on_days_1_to_12_is_told_by_the_rest_of_its_column(tmp_path):
    path = google_sheet(
        tmp_path, ["6/29/2026 17:59:02", "6/30/2026 9:01:40", "7/1/2026 8:12:05", "7/2/26 14:15"]
    )
    report, said = scored(path)
    assert report["date"] == "2026-07-02", said
    day_first = google_sheet(
        tmp_path, ["29/06/2026 17:59", "30/06/2026 9:01", "01/07/2026 8:12", "02/07/2026 14:15"]
    )
    assert scored(day_first)[0]["date"] == "2026-07-02"


def test_a_column_no_row_decides_is_ambiguous(tmp_path):
    path = google_sheet(
        tmp_path, ["7/1/2026 8:00", "7/2/2026 9:00", "7/1/2026 10:00", "6/5/26 1:00"]
    )
    result = revops("score", str(path))
    assert result.returncode == 1
    assert f"{path}:2: ambiguous date '7/1/2026'" in result.stderr, result.stderr
    assert "--date-order" in result.stderr
    assert revops("score", str(path), "--date-order", "mdy").returncode == 0
    both = google_sheet(
        tmp_path, ["13/1/2026 8:00", "1/13/2026 9:00", "7/1/2026 10:00", "1/1/26 1:00"]
    )
    result = revops("score", str(both))
    assert "put the day first and some put the month first" in result.stderr, result.stderr


def test_a_leaders_shorthand_in_cells(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "respondent,role,insights-decision-first,insights-data-quality,insights-analysis-to-action\n"
        "Ann,sales,?,-,dk\nBo,cs,don't know,Not applicable,2\n",
        encoding="utf-8",
    )
    report, said = scored(path, "--team", "T")
    rule = next(r for r in report["rules"] if r["id"] == "data-and-insights")
    assert (rule["unknown"], rule["not_applicable"]) == (3, 2), said


def refused(path: Path, *where: str, tmp_path: Path) -> str:
    """Exit 1 with one message naming the file and row; no report written."""
    output = tmp_path / "report.md"
    result = revops("score", str(path), "--team", "T", "--output", str(output))
    assert result.returncode == 1, result.stderr
    assert not output.exists()
    assert "Traceback" not in result.stderr
    for part in where:
        assert part in result.stderr, result.stderr
    return result.stderr


def test_a_header_row_cut_short(tmp_path):
    rows = read_csv("google-forms.csv")
    path = write(tmp_path, "cut.csv", [rows[0][:20], *rows[1:]])
    refused(path, f"{path}:1: the header row has 20 cells", "cut short", tmp_path=tmp_path)


def test_a_second_header_row_with_fewer_cells(tmp_path):
    rows = read_csv("surveymonkey.csv")
    path = write(tmp_path, "monkey.csv", [rows[0], rows[1][:12], *rows[2:]])
    refused(path, f"{path}:2: the second header row has 12 cells", tmp_path=tmp_path)


def test_a_surveymonkey_export_without_its_question_row(tmp_path):
    rows = read_csv("surveymonkey.csv")
    path = write(tmp_path, "monkey.csv", rows[1:])
    said = refused(path, f"{path}:1: this looks like a SurveyMonkey export", tmp_path=tmp_path)
    assert "first header row" in said and "delete" not in said


def test_a_surveymonkey_export_without_its_second_header_row_still_scores(tmp_path, id_csv):
    rows = read_csv("surveymonkey.csv")
    report, _ = scored(write(tmp_path, "monkey.csv", [rows[0], *rows[2:]]))
    assert numbers(report) == numbers(id_csv)


def test_a_qualtrics_file_whose_rows_are_shorter_than_its_header(tmp_path):
    rows = read_csv("qualtrics.csv")
    path = write(tmp_path, "q.csv", [*rows[:3], rows[3][:30], *rows[4:]])
    refused(path, f"{path}:4: row has 30 fields but the header has", tmp_path=tmp_path)


def zipped(folder: Path, members: dict[str, bytes]) -> Path:
    path = folder / "responses.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_of_several_csvs_or_none(tmp_path):
    data = (EXPORTS / "google-forms.csv").read_bytes()
    several = zipped(tmp_path, {"a.csv": data, "b.csv": data})
    refused(several, "zip archive holding 2 CSV files", "'a.csv', 'b.csv'", tmp_path=tmp_path)
    none = zipped(tmp_path, {"notes.txt": b"hello"})
    refused(none, "zip archive with no CSV file in it", "'notes.txt'", tmp_path=tmp_path)


def test_a_zip_under_a_csv_name_is_read_as_the_zip_it_is(tmp_path, id_csv):
    path = tmp_path / "responses.csv"
    path.write_bytes((EXPORTS / "google-forms.csv.zip").read_bytes())
    report, said = scored(path)
    assert numbers(report) == numbers(id_csv)
    assert "UTF-8" not in said


def test_a_workbook_with_no_data_rows(tmp_path):
    from openpyxl import Workbook, load_workbook

    book = load_workbook(EXPORTS / "microsoft-forms.xlsx")
    header = [cell.value for cell in next(book.active.iter_rows(max_row=1))]
    empty = Workbook()
    empty.active.append(header)
    path = tmp_path / "empty.xlsx"
    empty.save(path)
    refused(path, str(path), "no respondent rows", tmp_path=tmp_path)


def test_an_export_of_an_earlier_form_still_scores_with_a_note(tmp_path, id_csv):
    """A column headed by a retired question's wording: left out, with what replaced it."""
    rows = read_csv("google-forms.csv")
    retired = "How are revenue decisions informed by data?"  # insights-decisions-use-data
    rows = [
        [*row[:5], cell, *row[5:]]
        for row, cell in zip(rows, [retired, "x", "y", "z", "w"], strict=True)
    ]
    report, said = scored(write(tmp_path, "earlier.csv", rows))
    assert numbers(report) == numbers(id_csv)
    assert f"note: {tmp_path / 'earlier.csv'}: column '{retired}' left out: question " in said
    assert "'insights-decisions-use-data' was retired" in said
