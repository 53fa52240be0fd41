"""Survey exports whose header spans several rows, told by their shape rather than a flag.

SurveyMonkey writes two header rows: the question texts, then what each column holds
("Response", "Open-Ended Response", or an option's text under a question with several
columns). Qualtrics writes three: its own column ids (StartDate, Q1, Q2, ...), the question
texts, then an ImportId JSON object per column. `merged_header` turns either into the one
header row the CSV reader maps (survey.py), and leaves out the responses Qualtrics marks as
unfinished. A header cut short, or a second header row shorter than the first, is refused
with the row it is on.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from revops.answers.sheet import Batch
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.wording import normalise

# What SurveyMonkey's second header row says over a question's answers.
SURVEYMONKEY_MARKS = ("response", "open ended response", "other please specify")
# Columns SurveyMonkey adds before the questions, by their normalised text.
SURVEYMONKEY_COLUMNS = (
    "respondent id",
    "collector id",
    "start date",
    "end date",
    "ip address",
    "email address",
    "first name",
    "last name",
    "custom data 1",
)
# Columns Qualtrics adds, by the id in its first header row.
QUALTRICS_COLUMNS = (
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
)
UNFINISHED = ("false", "0", "no")
_IMPORT_ID = '{"importid"'


class Header:
    """The header as one row, the line it ends on, and what was noticed reading it."""

    def __init__(self, cells: list[str], line: int, tool: str | None = None) -> None:
        self.cells, self.line, self.tool = cells, line, tool
        self.notices: list[str] = []
        self.left_out_rows: list[int] = []  # unfinished responses
        self.cut_short: InvalidInput | None = None  # raised once the rows are read


def merged_header(
    first: Batch, batches: Iterator[Batch], shown: str
) -> tuple[Header, Batch, Iterator[Batch]]:
    """The header of a file (its first batch's first rows) as one row, and the rows under it:
    (header, the rest of the first batch, the batches after it). Raises InvalidInput naming
    the row when the header rows do not fit together."""
    lines, rows = first
    top = [cell.strip() for cell in rows[0]]
    if depth := _qualtrics_depth(top, rows):
        header = _qualtrics_header(top, rows[1], lines[:depth], shown)
        rest: Batch = (lines[depth:], rows[depth:])
        return header, ([], []), _unfinished_left_out(header, rest, batches)
    _refuse_second_row_alone(top, lines[0], shown)
    if len(rows) > 1 and _is_surveymonkey(top, rows[1]):
        header = _surveymonkey_header(top, rows[1], lines, shown)
        return header, (lines[2:], rows[2:]), batches
    header = Header(top, lines[0])
    header.cut_short = _cut_short(header, (lines[1:], rows[1:]), shown)
    return header, (lines[1:], rows[1:]), batches


def _qualtrics_depth(top: list[str], rows: list[list[str]]) -> int:
    """How many header rows a Qualtrics export has: 3 (its ids, the question texts, the
    ImportId objects), 2 when the third was removed; 0 for any other file."""
    if len(rows) < 2 or "ResponseId" not in top:
        return 0
    second = rows[1]
    at = top.index("ResponseId")
    if at >= len(second) or normalise(second[at]) != "response id":
        return 0
    third = [cell.strip().lower().replace(" ", "") for cell in rows[2]] if len(rows) > 2 else []
    return 3 if any(cell.startswith(_IMPORT_ID) for cell in third) else 2


def _refuse_second_row_alone(top: list[str], line: int, shown: str) -> None:
    """A SurveyMonkey export whose first header row (the question texts) was removed: its
    header says only "Response" over every question."""
    if not _any_mark(top):
        return
    marks = [normalise(cell) for cell in top if cell.strip()]
    if marks and sum(mark in SURVEYMONKEY_MARKS for mark in marks) * 2 > len(marks):
        raise InvalidInput(
            [
                Problem(
                    shown,
                    line,
                    0,
                    "this looks like a SurveyMonkey export whose first header row (the "
                    "question texts) was removed: the header says 'Response' over the "
                    "answers; download the export again and keep both header rows",
                )
            ]
        )


def _any_mark(cells: list[str]) -> bool:
    """Whether any cell could be one of SurveyMonkey's marks: each holds one of these words,
    which normalising leaves whole. Saves normalising a million cells that hold none."""
    return any("response" in low or "specify" in low for low in map(str.lower, cells))


def _is_surveymonkey(top: list[str], second: list[str]) -> bool:
    """A second row that says what each question column holds (most of its filled cells
    say "Response"), and is empty under the columns before the questions."""
    if not _any_mark(second):
        return False
    marks = [normalise(cell) for cell in second]
    filled = [mark for mark in marks if mark]
    if sum(mark in SURVEYMONKEY_MARKS for mark in filled) * 2 <= len(filled):
        return False
    return all(
        not mark
        for column, mark in zip(top, marks, strict=False)
        if normalise(column) in SURVEYMONKEY_COLUMNS
    )


def _second_row_whole(
    top: list[str], second: list[str], lines: list[int], shown: str, cut_short: str
) -> None:
    """Refuse a second header row with fewer cells than the first, naming the tool's fix."""
    if len(second) < len(top):
        raise InvalidInput(
            [
                Problem(
                    shown,
                    lines[1],
                    0,
                    f"the second header row has {len(second)} cells but the first has "
                    f"{len(top)}; this {cut_short}",
                )
            ]
        )


def _surveymonkey_header(top: list[str], second: list[str], lines: list[int], shown: str) -> Header:
    """One name per column: the question's text; an option's text follows the question's
    where a question spreads over several columns (the first row is empty after the first)."""
    _second_row_whole(
        top,
        second,
        lines,
        shown,
        "SurveyMonkey export was cut short: download it again "
        "(Analyze Results, Save as, All responses data, CSV)",
    )
    cells, question = [], ""
    for column, mark in zip(top, second, strict=False):
        if column:
            question = column
            cells.append(column)
        else:
            cells.append(f"{question} - {mark.strip()}" if question else mark.strip())
    return Header(cells, lines[1], "SurveyMonkey")


def _qualtrics_header(top: list[str], texts: list[str], lines: list[int], shown: str) -> Header:
    """Qualtrics' own columns by their id (first row), questions by their text (second)."""
    _second_row_whole(top, texts, lines, shown, "Qualtrics export was cut short: export it again")
    cells = [
        column if column in QUALTRICS_COLUMNS or not text.strip() else text.strip()
        for column, text in zip(top, texts, strict=False)
    ]
    return Header(cells, lines[-1], "Qualtrics")


def _cut_short(header: Header, rest: Batch, shown: str) -> InvalidInput | None:
    """A header shorter than every row under it was cut short: one message on its line,
    raised once the rows are read (a limit they pass is said first), in place of a message
    on every row."""
    widths = [len(row) for row in rest[1]]
    if len(widths) > 1 and min(widths) > len(header.cells) > 1:  # one long row is that row's
        return InvalidInput(
            [
                Problem(
                    shown,
                    header.line,
                    0,
                    f"the header row has {len(header.cells)} cells but the rows under it have "
                    f"{min(widths)}; the header was cut short: copy it again from the export "
                    "or the template",
                )
            ]
        )
    return None


def _unfinished_left_out(header: Header, first: Batch, batches: Iterator[Batch]) -> Iterator[Batch]:
    """The batches with the responses Qualtrics marks as unfinished left out, counted in
    the header's notices once all are read."""
    if "Finished" not in header.cells:
        yield first
        yield from batches
        return
    finished = header.cells.index("Finished")
    for lines, rows in chain((first,), batches):
        keep = [
            i
            for i, row in enumerate(rows)
            if len(row) <= finished or row[finished].strip().lower() not in UNFINISHED
        ]
        if len(keep) < len(rows):
            kept = set(keep)
            header.left_out_rows += [line for i, line in enumerate(lines) if i not in kept]
        yield [lines[i] for i in keep], [rows[i] for i in keep]


def unfinished_notice(header: Header, shown: str) -> list[str]:
    """The note on the responses left out as unfinished, if any were."""
    rows = header.left_out_rows
    if not rows:
        return []
    listed = ", ".join(map(str, rows[:10]))
    listed += f" and {len(rows) - 10:,} more" if len(rows) > 10 else ""
    were = "response was" if len(rows) == 1 else "responses were"
    return [
        f"{shown}: {len(rows):,} unfinished {were} left out (Finished is False; rows {listed})"
        if len(rows) > 1
        else f"{shown}: 1 unfinished {were} left out (Finished is False; row {listed})"
    ]
