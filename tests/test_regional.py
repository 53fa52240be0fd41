"""A CSV as a spreadsheet saves it in Europe or the US scores as the plain CSV does."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.answers import csv_batches
from revops.answers.regional import is_comment
from revops.answers.sheet import Batch
from revops.foundation.problems import InvalidInput

from .conftest import ROOT, examples, revops

TEAM = ROOT / "assessment" / "examples" / "leadership-team-2026-q2.csv"


def scores(*args: str) -> tuple[dict, str]:
    result = revops("score", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    keys = ("team", "date", "overall", "rules", "recommendations")
    return {key: report[key] for key in keys}, result.stderr


def test_a_semicolon_windows_1252_csv_with_dotted_dates_scores_like_the_plain_csv(tmp_path):
    text = TEAM.read_text(encoding="utf-8").replace(",", ";").replace("2026-06-30", "30.06.2026")
    text = text.replace("Northwind Software", "Nordwind Söftware")
    europe = tmp_path / "europe.csv"
    europe.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    plain = tmp_path / "plain.csv"
    plain.write_text(
        TEAM.read_text(encoding="utf-8").replace("Northwind Software", "Nordwind Söftware"),
        encoding="utf-8",
    )
    got, notes = scores(str(europe))
    assert got == scores(str(plain))[0] and got["team"] == "Nordwind Söftware"
    assert f"note: {europe}: not UTF-8; read as Windows-1252" in notes


def test_an_ambiguous_date_asks_for_the_date_order(tmp_path):
    path = tmp_path / "us.csv"
    text = TEAM.read_text(encoding="utf-8").replace("2026-06-30", "06/07/2026")
    path.write_text(text, encoding="utf-16")
    result = revops("score", str(path))
    assert result.returncode == 1
    assert (
        "ambiguous date '06/07/2026': the day could come first or second; pass "
        "--date-order dmy or mdy, or write YYYY-MM-DD"
    ) in result.stderr
    assert result.stderr.count("ambiguous date") == 1  # once per distinct date, not per row
    assert scores(str(path), "--date-order", "mdy")[0]["date"] == "2026-06-07"
    assert scores(str(path), "--date-order", "dmy")[0]["date"] == "2026-07-06"


LINE_TEXT = st.text(alphabet=",;\t \r\n#a1é\u2028\u2029\x0b\x0c\x1c\x85", max_size=60)


def _batches_or_problem(read, *args):
    try:
        return list(read(*args))
    except InvalidInput as error:
        return error.problems


def _csv_reader_batches(text: str, delimiter: str) -> Iterator[Batch]:
    """What csv.reader gives for the text, comment lines blanked as csv_batches blanks them."""
    lines = ("\n" if is_comment(line) else line for line in io.StringIO(text, newline=""))
    return csv_batches.parsed_batches(lines, "x.csv", delimiter)


@settings(max_examples=examples(300), deadline=None)
@given(text=LINE_TEXT, delimiter=st.sampled_from([",", ";", "\t"]), limit=st.sampled_from([5, 0]))
def test_a_file_without_quotes_is_split_as_csv_reader_splits_it(text, delimiter, limit):
    """Without quotes or NUL each line is one record, split at its breaks and delimiter by
    str.split, faster than csv.reader: the two give the same rows and line numbers, the
    breaks csv does not know (U+2028, form feed) and a lone CR included; past csv's field
    limit, csv.reader's refusal."""
    before = csv.field_size_limit()
    csv.field_size_limit(limit or before)
    try:
        split = _batches_or_problem(csv_batches.csv_batches, text, "x.csv", delimiter)
        parsed = _batches_or_problem(_csv_reader_batches, text, delimiter)
    finally:
        csv.field_size_limit(before)
    assert split == parsed


@settings(max_examples=examples(300), deadline=None)
@given(text=LINE_TEXT, size=st.integers(1, 4), chunk=st.integers(0, 12))
def test_lines_are_cut_where_csv_reader_cuts_them(text, size, chunk):
    """line_batches cuts a text into lines from slices of about `chunk` characters, in
    batches of `size`: a slice or a batch may end anywhere, as in a large file, and the
    lines are still those io.StringIO gives csv.reader, without their breaks."""
    lines = [line.rstrip("\r\n") for line in io.StringIO(text, newline="")]
    batches = list(csv_batches.line_batches(text, size, chunk))
    assert [line for batch in batches for line in batch] == lines
    assert all(len(batch) == size for batch in batches[:-1]) and all(batches)
