"""`revops form --tool NAME`: for each survey tool, how to set the questions up and which
export to take, in the questionnaire before its questions; without --tool the questionnaire
stays as it was (tests/golden/form.txt)."""

from __future__ import annotations

import pytest

from revops.bank.form_tools import TOOLS

from .conftest import revops

# For each tool, a step of its setup and a step of its export that the output must hold.
EXPECTED = {
    "google": ("Short answer questions", "Download the responses as a CSV file"),
    "microsoft": ("Choice, with multiple answers off", "take the Excel workbook"),
    "surveymonkey": ("one text box each", "two header rows"),
    "qualtrics": ("Text Entry questions", "choose Export Data and pick CSV"),
    "typeform": ("short text questions", "Download all the responses"),
}


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_tool_has_its_expectations():
    assert set(EXPECTED) == set(TOOLS)


@pytest.mark.parametrize("tool", sorted(EXPECTED))
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_each_tool_says_how_to_set_up_and_export(tool, fmt):
    result = revops("form", "--tool", tool, "--format", fmt)
    assert result.returncode == 0, result.stderr
    text = one_line(result.stdout)
    setup, export = EXPECTED[tool]
    name = TOOLS[tool].name
    assert f"Setting it up in {name}" in text and setup in text
    assert f"Exporting the answers from {name}" in text and export in text
    assert "revops score FILE" in text
    # The steps come before the questions, which stay as without --tool.
    assert text.index(export) < text.index("1. What is your name?")
    plain = revops("form", "--format", fmt).stdout
    assert result.stdout.endswith(plain[plain.index("1. What is your name?") :])
    if fmt == "text":
        section = result.stdout[: result.stdout.index("1. What is your name?")]
        assert max(len(line) for line in section.splitlines()) <= 92


def test_qualtrics_asks_for_the_options_words_and_every_header_row():
    text = one_line(revops("form", "--tool", "qualtrics").stdout)
    assert "Use choice text" in text and "not numeric values" in text
    assert "three header rows" in text


def test_an_unknown_tool_exits_2_with_the_choices():
    result = revops("form", "--tool", "excel")
    assert result.returncode == 2 and not result.stdout
    assert (
        "argument --tool: invalid choice: 'excel' (choose from 'google', 'microsoft', "
        "'surveymonkey', 'qualtrics', 'typeform')" in result.stderr
    )
