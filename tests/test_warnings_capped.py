"""Warnings and messages stay short whatever the file: a few of a kind, then a count. One
"answered twice" line per repeated row once gave 680 MB of warnings from a 19.9 MB CSV, and a
header of a million unknown columns a 10.9 MB message.

The builders (one_person_many_times, unknown_columns) make each file in a folder the test
owns, so that a fuzz suite can reuse them."""

from __future__ import annotations

from pathlib import Path

from revops.answers.documents import MAX_WARNINGS
from revops.answers.survey import MAX_LISTED

from .conftest import revops

QUESTION = "insights-decision-first"


def one_person_many_times(folder: Path, rows: int) -> Path:
    """A CSV in which one person answers `rows` times."""
    path = folder / "repeated.csv"
    path.write_text(f"respondent,{QUESTION}\n" + "Dana Okafor,3\n" * rows, encoding="utf-8")
    return path


def unknown_columns(folder: Path, count: int) -> Path:
    """A CSV whose header holds one question and `count` columns that match none."""
    path = folder / "wide.csv"
    header = [QUESTION, *(f"x{n}" for n in range(count))]
    path.write_text(
        ",".join(header) + "\n" + ",".join(["3"] * len(header)) + "\n", encoding="utf-8"
    )
    return path


def test_repeated_answers_are_warned_of_a_few_times_then_counted(tmp_path):
    path = one_person_many_times(tmp_path, 1000)
    result = revops("score", str(path), "--format", "json", "--team", "T")
    assert result.returncode == 0, result.stderr
    one = "".join(  # each names the two rows: the one left out and the one that counts
        f"warning: Dana Okafor answered twice ({path} rows {row} and 1001); only the later "
        "answers, in row 1001, count\n"
        for row in range(2, 2 + MAX_WARNINGS)
    )
    rest = 1000 - 1 - MAX_WARNINGS
    assert result.stderr == one + (
        f"warning: ... and {rest:,} more answers from people who answered twice; only the "
        "later answers of each person count\n"
    )


def test_a_few_repeats_are_each_warned_of(tmp_path):
    path = one_person_many_times(tmp_path, MAX_WARNINGS + 1)
    result = revops("score", str(path), "--team", "T")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("answered twice") == MAX_WARNINGS
    assert "more answers" not in result.stderr


def test_columns_that_match_no_question_are_named_a_few_then_counted(tmp_path):
    path = unknown_columns(tmp_path, 5000)
    result = revops("score", str(path), "--team", "T")
    assert result.returncode == 1
    listed = ", ".join(f"'x{n}'" for n in range(MAX_LISTED))
    assert result.stderr.startswith(
        f"{path}:1: columns that match no question: {listed} and "
        f"{5000 - MAX_LISTED:,} more; leave a column out with "
        "--ignore-column NAME"
    )
    assert result.stderr.endswith("\n1 problem found\n") and len(result.stderr) < 2000
