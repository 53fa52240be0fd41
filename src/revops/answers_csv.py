"""CSV answer files: one respondent per row, read column by column.

A team export can hold 100,000 rows, so cells are converted a batch of rows at a time into
one list per question (the raw strings are dropped as it goes), and each row's answers are a
view into those lists rather than a dict of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from itertools import repeat

from .problems import InvalidInput, Problem
from .values import NOT_APPLICABLE, UNKNOWN, VALUE_HINT, Value, parse_date, parse_value

CSV_FIXED = ("respondent", "role")
CSV_OPTIONAL = ("team", "date")
BATCH = 4096
_BAD = object()
_COMMON: dict[str, Value] = {"": None, NOT_APPLICABLE: NOT_APPLICABLE, UNKNOWN: UNKNOWN,
                             **{str(n): n for n in range(1, 6)}}


class RowAnswers(Mapping):
    """One respondent's answers: question id -> value, read from the file's columns."""

    __slots__ = ("_columns", "_row")

    def __init__(self, columns: dict[str, list[Value]], row: int):
        self._columns, self._row = columns, row

    def __getitem__(self, question_id: str) -> Value:
        return self._columns[question_id][self._row]

    def __iter__(self):
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


def _records(text: str, shown: str):
    """(line where the record starts, cells) of every row with content; # lines skipped."""
    source = io.StringIO(text, newline="")
    if "#" in text:  # blank out comment lines, keeping the line count
        source = ("\n" if line.lstrip().startswith("#") else line for line in source)
    reader = csv.reader(source, strict=True)
    previous = 0
    try:
        for row in reader:
            if any(row) and any(map(str.strip, row)):
                yield previous + 1, row
            previous = reader.line_num
    except csv.Error as error:
        raise InvalidInput([Problem(shown, reader.line_num, 0, f"invalid CSV: {error}")]) from None


def _check_header(header: list[str], line: int, shown: str, known: dict, unknown_question):
    problems: list[Problem] = []
    if [c.lower() for c in header[:2]] != list(CSV_FIXED):
        problems.append(Problem(shown, line, 0, "the first two columns must be "
                                "'respondent' and 'role'; run `revops template --format csv`"))
    seen: set[str] = set()
    for column in header[2:]:
        if column in seen:
            problems.append(Problem(shown, line, 0, f"duplicate column '{column[:60]}'"))
        elif column not in known and column.lower() not in CSV_OPTIONAL:
            problems.append(Problem(shown, line, 0, unknown_question(column, known)))
        seen.add(column)
    if problems:
        raise InvalidInput(problems)


class _Table:
    """The converted columns and per-row details, filled one batch of rows at a time."""

    def __init__(self, header: list[str], known: dict, shown: str):
        self.shown = shown
        self.questions = [(i, column) for i, column in enumerate(header) if column in known]
        self.columns: dict[str, list[Value]] = {column: [] for _, column in self.questions}
        lowered = [column.lower() for column in header]
        self.extra = {name: lowered.index(name) for name in CSV_OPTIONAL if name in lowered}
        self.lines: list[int] = []
        self.people: list[tuple[str | None, str | None, str | None, object]] = []
        self.problems: list[Problem] = []
        self._dates: dict[str, object] = {}

    def add(self, lines: list[int], rows: list[list[str]]) -> None:
        cells = list(zip(*rows, strict=True))
        for i, column in self.questions:
            raw = cells[i]
            values = list(map(_COMMON.get, raw, repeat(_BAD)))
            if _BAD in values:  # an unusual spelling, or not an answer at all
                values = [self._value(v, r, line, column) if v is _BAD else v
                          for v, r, line in zip(values, raw, lines, strict=True)]
            self.columns[column].extend(values)
        teams = cells[self.extra["team"]] if "team" in self.extra else repeat("")
        dates = cells[self.extra["date"]] if "date" in self.extra else repeat("")
        known_dates = self._dates
        for line, name, role, team, date in zip(lines, cells[0], cells[1], teams, dates,
                                                strict=False):  # repeat() is endless
            self.people.append((name.strip() or None, role.strip() or None,
                                team.strip() or None,
                                known_dates[date] if date in known_dates else
                                self._date(date, line)))
        self.lines += lines

    def _value(self, _, raw: str, line: int, column: str) -> Value:
        try:
            return parse_value(raw)
        except ValueError as error:
            self.problems.append(Problem(self.shown, line, 0, f"column '{column}': {error}; "
                                         f"{VALUE_HINT}"))
            return None

    def _date(self, raw: str, line: int):
        """The date of a cell not seen before (most files repeat one date on every row)."""
        if not raw.strip():
            self._dates[raw] = None
            return None
        try:
            self._dates[raw] = parse_date(raw)
        except ValueError as error:
            self.problems.append(Problem(self.shown, line, 0, str(error)))
            return None
        return self._dates[raw]


def read_csv_table(text: str, shown: str, known: dict, unknown_question) -> _Table:
    """The file's header checked and every row converted; InvalidInput lists every problem."""
    if not text.strip():
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row "
                                    "(respondent, role, question ids) and one row per person")])
    records = _records(text, shown)
    first = next(records, None)
    if first is None:
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row")])
    header_line, header = first
    header = [column.strip() for column in header]
    _check_header(header, header_line, shown, known, unknown_question)
    table = _Table(header, known, shown)
    width = len(header)
    lines: list[int] = []
    rows: list[list[str]] = []
    for line, row in records:
        if len(row) != width:
            table.problems.append(Problem(shown, line, 0, f"row has {len(row)} fields but the "
                                          f"header has {width}; check for a missing or extra "
                                          "comma"))
            continue
        lines.append(line)
        rows.append(row)
        if len(rows) == BATCH:
            table.add(lines, rows)
            lines, rows = [], []
    if rows:
        table.add(lines, rows)
    if table.problems:
        raise InvalidInput(table.problems)
    return table
