"""Survey-tool exports: a Google Forms CSV and a Microsoft Forms workbook, built from what
`revops form` prints, score to the same numbers as the team's id-based CSV."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re

import openpyxl

from .conftest import ROOT, revops

TEAM = ROOT / "assessment" / "examples" / "leadership-team-2026-q2.csv"
NUMBERED = re.compile(r"^(\d+)\. (.+)$")


@functools.cache
def form_questions() -> list[tuple[str, list[str]]]:
    """(question text, options) in the order `revops form` prints them."""
    printed = revops("form")
    assert printed.returncode == 0, printed.stderr
    questions: list[tuple[str, list[str]]] = []
    for line in printed.stdout.splitlines():
        if match := NUMBERED.match(line):
            questions.append((match.group(2), []))
        elif line.startswith("   - "):
            questions[-1][1].append(line[5:])
    return questions


def team_rows() -> tuple[list[str], list[dict[str, str]]]:
    with TEAM.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return list(rows[0]), rows


def as_option(cell: str, options: list[str]) -> str:
    """A cell of the id CSV as a survey tool exports the chosen option."""
    if cell in ("1", "2", "3", "4", "5"):
        return options[int(cell) - 1]
    return {"n/a": options[5], "unknown": options[6], "": ""}[cell]


def survey_answers(questions, rows) -> tuple[list[str], list[list[str]]]:
    """Question-text headers and option-text cells, in the form's order, for each row."""
    header, ids = team_rows()[0], []
    asked = questions[3:]
    ids = header[4:]
    assert len(asked) == len(ids), "the form asks every question of the template, in order"
    texts = [text for text, _ in asked]
    cells = [
        [
            as_option(row[question_id], options)
            for question_id, (_, options) in zip(ids, asked, strict=True)
        ]
        for row in rows
    ]
    return texts, cells


def score_json(*args: str) -> dict:
    result = revops("score", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    report.pop("content")
    for respondent in report["respondents"]:  # the file's path
        respondent.pop("source")
    return report


def test_form_lists_the_intro_questions_then_every_question_with_its_options():
    questions = form_questions()
    assert [text for text, _ in questions[:3]] == [
        "What is your name?",
        "Which function do you work in?",
        "Which business or team do your answers describe?",
    ]
    assert all(len(options) == 7 for _, options in questions[3:])
    markdown = revops("form", "--format", "markdown")
    assert markdown.returncode == 0
    assert markdown.stdout.count("\n### ") == len(questions)


def test_a_google_forms_export_scores_as_the_id_csv(tmp_path):
    questions = form_questions()
    _, rows = team_rows()
    texts, cells = survey_answers(questions, rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Timestamp",
            "Email address",
            *[f"{n}. {text}" for n, (text, _) in enumerate(questions[1:3], 2)],
            *texts,
        ]
    )
    for row, answers in zip(rows, cells, strict=True):
        year, month, day = row["date"].split("-")
        writer.writerow(
            [
                f"{year}/{month}/{day} 10:15:22 AM GMT+1",
                row["respondent"],
                row["role"],
                row["team"],
                *answers,
            ]
        )
    export = tmp_path / "Assessment (Responses) - Form responses 1.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    assert score_json(str(export)) == score_json(str(TEAM))


def test_a_microsoft_forms_workbook_scores_as_the_id_csv(tmp_path):
    questions = form_questions()
    _, rows = team_rows()
    texts, cells = survey_answers(questions, rows)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            questions[1][0],
            questions[2][0],
            *texts,
        ]
    )
    for number, (row, answers) in enumerate(zip(rows, cells, strict=True), 1):
        done = dt.datetime.fromisoformat(row["date"] + "T16:40:00")
        sheet.append(
            [
                number,
                done - dt.timedelta(minutes=12),
                done,
                "anonymous",
                row["respondent"],
                None,
                row["role"],
                row["team"],
                *answers,
            ]
        )
    export = tmp_path / "RevOps assessment(1-5).xlsx"
    book.save(export)
    assert score_json(str(export)) == score_json(str(TEAM))


def test_unknown_columns_are_listed_together_and_can_be_left_out(tmp_path):
    questions = form_questions()
    _, rows = team_rows()
    texts, cells = survey_answers(questions, rows[:1])
    export = tmp_path / "export.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "How did you hear of the playbook?", *texts, "Comments"])
        writer.writerow(["Dana", "a colleague", *cells[0], "none"])
    refused = revops("score", str(export), "--team", "Northwind")
    assert refused.returncode == 1
    assert refused.stderr.count("columns that match no question") == 1
    assert "'How did you hear of the playbook?', 'Comments'" in refused.stderr
    assert "--ignore-column NAME" in refused.stderr
    accepted = revops(
        "score",
        str(export),
        "--team",
        "Northwind",
        "--ignore-column",
        "comments",
        "--ignore-column",
        "How did you hear of the playbook?",
    )
    assert accepted.returncode == 0, accepted.stderr
    assert "1 respondent" in accepted.stdout
    assert "matched no column" not in accepted.stderr
    typo = revops(
        "score",
        str(export),
        "--team",
        "Northwind",
        "--ignore-column",
        "comments",
        "--ignore-column",
        "How did you hear of the playbook?",
        "--ignore-column",
        "Commments",
    )
    assert typo.returncode == 0, typo.stderr
    assert "note: --ignore-column 'Commments' matched no column" in typo.stderr


def test_an_option_text_that_matches_no_option_names_the_line_and_column(tmp_path):
    questions = form_questions()
    text, options = questions[3]
    export = tmp_path / "export.csv"
    export.write_text(
        f'Name,"{text}"\nDana,"{options[0]}"\nLuis,Something else\n', encoding="utf-8"
    )
    result = revops("score", str(export), "--team", "Northwind")
    assert result.returncode == 1
    assert f"{export}:3: column '{text[:60]}': 'Something else' is not an answer" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_question_of_the_bank_is_told_apart_by_its_text_and_options():
    from revops.foundation.wording import header_key, normalise

    questions = form_questions()[3:]
    keys = [header_key(text) for text, _ in questions]
    assert len(set(keys)) == len(keys)
    for text, options in questions:
        assert len({normalise(option) for option in options}) == 7, text
