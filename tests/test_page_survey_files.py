"""The survey tools' binary downloads on the assessment page, in headless Chromium: Google
Forms' .zip (also under a .csv name) and Microsoft Forms' .xlsx workbook score as the CLI
scores the same file; their readers (the vendored fflate among them) load only when such a
file is imported; a zip or workbook the page cannot read is refused in a leader's words, and
the saved answers stay."""

from __future__ import annotations

import zipfile

import pytest

from . import test_assessment_page
from .conftest import ROOT
from .test_assessment_page import IDS, KEY, cli_report, page_report
from .test_page_import_limits import final_status, import_team, saved

page = test_assessment_page.page  # the same fixture: a fresh tab on the assessment page

EXPORTS = ROOT / "tests/fixtures/exports"
ZIP_READERS = ("vendor/fflate/index.js", "answer-zip.js", "answer-workbook.js")
LOADED = "performance.getEntriesByType('resource').map(entry => entry.name)"


def zip_readers_loaded(page) -> list[str]:
    return sorted(
        name.split("/assets/", 1)[1] for name in page.evaluate(LOADED) if name.endswith(ZIP_READERS)
    )


def scores(report: dict) -> dict:
    """What the answers decide: the overall score and each rule's numbers."""
    return {
        "overall": report["overall"],
        "rules": {
            rule["id"]: (rule["score"], rule["level"], rule["answered"]) for rule in report["rules"]
        },
    }


@pytest.mark.parametrize("name", ["google-forms.csv.zip", "responses.csv"])
def test_a_google_forms_download_scores_as_the_cli_scores_it(page, tmp_path, name):
    path = tmp_path / name
    path.write_bytes((EXPORTS / "google-forms.csv.zip").read_bytes())  # responses.csv: a zip
    assert zip_readers_loaded(page) == []
    import_team(page, str(path))
    assert final_status(page) == f"Added 4 colleagues from {name}."
    assert scores(page_report(page)) == scores(cli_report(tmp_path, str(path)))
    assert zip_readers_loaded(page) == sorted(ZIP_READERS)
    assert page.inner_text("#revops-colleagues") == (
        "Colleagues loaded (4): Dana Okafor (Sales), Lee Chen (Marketing), Sam Ruiz (Finance),"
        " Priya Nair (Customer success)."
    )


def test_a_microsoft_forms_workbook_scores_as_the_cli_scores_it(page, tmp_path):
    path = EXPORTS / "microsoft-forms.xlsx"
    import_team(page, str(path))
    # the name typed in the form is read first and Microsoft's own Name column fills a row
    # that left it empty (Lee Chen), as in the CLI: no column is offered to leave out
    assert final_status(page) == "Added 4 colleagues from microsoft-forms.xlsx."
    assert page.inner_text("#revops-colleagues") == (
        "Colleagues loaded (4): Dana Okafor (Sales), Lee Chen (Marketing), Sam Ruiz (Finance),"
        " Priya Nair (Customer success)."
    )
    # the dates came from the workbook's date cells: the latest is the assessment's
    assert page.input_value("#revops-date") == "2026-07-02"
    assert scores(page_report(page)) == scores(cli_report(tmp_path, str(path)))


def test_a_zip_of_two_csv_files_is_refused_and_the_answers_stay(page, tmp_path):
    page.check(f"input[name='{IDS[0]}'][value='2']")
    before = saved(page)
    path = tmp_path / "responses.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for member in ("a.csv", "b.csv"):
            archive.writestr(member, (EXPORTS / "google-forms.csv").read_bytes())
    import_team(page, str(path))
    assert final_status(page) == (
        "Could not import: responses.zip: file is a zip archive holding 2 CSV files (it holds"
        " 'a.csv', 'b.csv'); import the one with the answers, unzipped, or a zip holding only"
        " it. Nothing was changed."
    )
    assert saved(page) == before
    assert page.is_checked(f"input[name='{IDS[0]}'][value='2']")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before


def test_a_workbook_with_no_data_rows_is_refused_in_a_leaders_words(page, tmp_path):
    from openpyxl import Workbook

    page.check(f"input[name='{IDS[0]}'][value='2']")
    before = saved(page)
    empty = Workbook()
    empty.active.append(["respondent", "role", IDS[0]])
    path = tmp_path / "empty.xlsx"
    empty.save(path)
    import_team(page, str(path))
    assert final_status(page) == (
        "Could not import: empty.xlsx (sheet 'Sheet'): line 1: no respondent rows; add one row"
        " per person under the header. Nothing was changed."
    )
    assert saved(page) == before
