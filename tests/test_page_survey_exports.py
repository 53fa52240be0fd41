"""Survey-tool exports imported on the assessment page in headless Chromium, as they come from
the tools (tests/fixtures/exports): the same rule scores as `revops score --format json` for the
same file, one person who submitted twice counted once with a warning naming both rows, and a
date column whose order no row tells read in the order the person chooses in place."""

from __future__ import annotations

import pytest

from . import test_assessment_page
from .conftest import ROOT
from .test_assessment_page import IDS, KEY, assert_same_results, cli_report, page_report

page = test_assessment_page.page  # the same fixture: a fresh tab on the assessment page

EXPORTS = ROOT / "tests/fixtures/exports"


def imported(page, path, expected: str) -> str:
    """Give a file to the team import and wait until the status line says how it went (it was
    added or refused, so a refusal fails at once); return it after checking it starts with
    `expected`."""
    page.set_input_files("#revops-import-team", str(path))
    page.wait_for_function(
        "/^(Added|Could not import)/"
        ".test(document.getElementById('revops-import-status').textContent)"
    )
    status = page.inner_text("#revops-import-status")
    assert status.startswith(expected), status
    return status


def rule_scores(report: dict) -> dict:
    return {rule["id"]: rule["score"] for rule in report["rules"]}


@pytest.mark.parametrize("name", ["surveymonkey.csv", "microsoft-forms-excel.csv"])
def test_an_export_as_it_comes_scores_as_the_cli_scores_it(page, site_url, tmp_path, name):
    path = EXPORTS / name
    imported(page, path, "Added 4 colleagues")
    on_page, cli = page_report(page), cli_report(tmp_path, str(path), "--site-url", site_url)
    assert rule_scores(on_page) == rule_scores(cli)
    assert any(score is not None for score in rule_scores(on_page).values())
    assert_same_results(on_page, cli)
    colleagues = page.inner_text("#revops-colleagues")
    assert colleagues.startswith("Colleagues loaded (4): Dana Okafor (Sales), Lee Chen (Marketing)")
    assert "--" not in page.inner_text("#revops-import-status")


def test_one_person_who_submitted_twice_is_one_respondent_with_a_warning(page, site_url, tmp_path):
    path = EXPORTS / "google-forms-twice.csv"
    status = imported(page, path, "Added 4 colleagues")
    assert (
        "Dana Okafor and Dana O. are one person (the same email address; rows 2 and 6 of "
        "google-forms-twice.csv): only the later answers count, Dana O.'s" in status
    ), status
    colleagues = page.inner_text("#revops-colleagues")
    assert colleagues.startswith("Colleagues loaded (4): ")
    assert "Dana O. (Sales)" in colleagues and "Dana Okafor" not in colleagues
    assert_same_results(page_report(page), cli_report(tmp_path, str(path), "--site-url", site_url))


def test_dates_no_row_settles_are_read_in_the_order_chosen_and_saved_answers_stay(page, tmp_path):
    page.check(f"input[name='{IDS[0]}'][value='4']")
    page.wait_for_function(f"localStorage.getItem('{KEY}') !== null")
    saved = page.evaluate(f"localStorage.getItem('{KEY}')")
    path = tmp_path / "sheet.csv"
    path.write_text(
        f"respondent,role,date,{IDS[1]}\nAnn,Sales,7/1/2026,3\nBo,Finance,6/3/2026,2\n",
        encoding="utf-8",
    )
    status = imported(page, path, "Could not import")
    assert "ambiguous date '7/1/2026': the day could come first or second; choose" in status
    assert "--" not in status and "revops " not in status
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == saved  # nothing was changed
    choice = page.locator("#revops-date-order button", has_text="Month first")
    choice.click()
    page.wait_for_function(
        "document.getElementById('revops-import-status').textContent.startsWith('Added 2')"
    )
    assert page.inner_text("#revops-import-status").endswith(
        "Dates were read with the month first (12/31/2026), as you chose."
    )
    assert page.locator("#revops-date-order").is_hidden()
    assert page.is_checked(f"input[name='{IDS[0]}'][value='4']")  # the page's own answers stay
    state = page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")
    assert [c["date"] for c in state["colleagues"]] == ["2026-07-01", "2026-06-03"]
    assert state["answers"][IDS[0]] == 4


def test_a_qualtrics_export_says_which_unfinished_response_was_left_out(page, tmp_path):
    path = EXPORTS / "qualtrics.csv"
    assert imported(page, path, "Added 4 colleagues").endswith(
        "Note: qualtrics.csv: 1 unfinished response was left out (Finished is False; row 8)."
    )
