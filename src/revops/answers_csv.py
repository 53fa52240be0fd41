"""CSV answer files: one respondent per row, read column by column.

A team export can hold 100,000 rows, so cells are converted a batch of rows at a time into
one list per question (the raw strings are dropped as it goes), and each row's answers are a
view into those lists rather than a dict of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from itertools import islice, repeat

from .problems import InvalidInput, Problem
from .regional import csv_date, delimiter
from .values import NOT_APPLICABLE, UNKNOWN, VALUE_HINT, Value, parse_value

CSV_FIXED = ("respondent", "role")
CSV_OPTIONAL = ("team", "date")
BATCH = 4096
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


def _batches(text: str, shown: str, delimiter: str = ","):
    """(line numbers, rows) of up to BATCH rows with content at a time; # lines skipped."""
    source = io.StringIO(text, newline="")
    if "#" in text:  # blank out comment lines, keeping the line count
        source = ("\n" if line.lstrip().startswith("#") else line for line in source)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    one_line_each = '"' not in text  # then no record spans lines, and row i is on line i
    previous = 0
    try:
        while True:
            if one_line_each:
                rows = list(islice(reader, BATCH))
                lines = range(previous + 1, previous + 1 + len(rows))
            else:
                rows, lines = [], []
                for row in islice(reader, BATCH):
                    rows.append(row)
                    lines.append(previous + 1)
                    previous = reader.line_num
            if not rows:
                return
            previous = reader.line_num
            kept = [i for i, row in enumerate(rows) if any(row) and any(map(str.strip, row))]
            if len(kept) < len(rows):
                rows, lines = [rows[i] for i in kept], [lines[i] for i in kept]
            if rows:
                yield list(lines), rows
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

    def __init__(self, header: list[str], known: dict, shown: str, date_order: str | None):
        self.shown, self.date_order = shown, date_order
        self.questions = [(i, column) for i, column in enumerate(header) if column in known]
        self.columns: dict[str, list[Value]] = {column: [] for _, column in self.questions}
        lowered = [column.lower() for column in header]
        self.extra = {name: lowered.index(name) for name in CSV_OPTIONAL if name in lowered}
        self.lines: list[int] = []
        self.names: list[str | None] = []
        self.roles: list[str | None] = []
        self.teams: list[str | None] = []
        self.dates: list[object] = []
        self.problems: list[Problem] = []
        self._dates: dict[str, object] = {}

    def add(self, lines: list[int], rows: list[list[str]]) -> None:
        cells = list(zip(*rows, strict=True))
        for i, column in self.questions:
            raw = cells[i]
            try:
                values = list(map(_COMMON.__getitem__, raw))
            except KeyError:  # an unusual spelling, or not an answer at all
                values = [_COMMON[r] if r in _COMMON else self._value(r, line, column)
                          for r, line in zip(raw, lines, strict=True)]
            self.columns[column].extend(values)
        self.names += [name.strip() or None for name in cells[0]]
        self.roles += [role.strip() or None for role in cells[1]]
        if "team" in self.extra:
            self.teams += [team.strip() or None for team in cells[self.extra["team"]]]
        if "date" in self.extra:
            raw_dates = cells[self.extra["date"]]
            for line, raw in zip(lines, raw_dates, strict=True):  # most files repeat one date
                if raw not in self._dates:
                    self._date(raw, line)
            self.dates += map(self._dates.get, raw_dates)
        self.lines += lines

    @property
    def people(self):
        """(name, role, team, date) of each row."""
        count = len(self.names)
        return zip(self.names, self.roles, self.teams or repeat(None, count),
                   self.dates or repeat(None, count), strict=True)

    def _value(self, raw: str, line: int, column: str) -> Value:
        try:
            return parse_value(raw)
        except ValueError as error:
            self.problems.append(Problem(self.shown, line, 0, f"column '{column}': {error}; "
                                         f"{VALUE_HINT}"))
            return None

    def _date(self, raw: str, line: int):
        """The date of a cell not seen before (most files repeat one date on every row)."""
        self._dates[raw] = None
        if raw.strip():
            try:
                self._dates[raw] = csv_date(raw, self.date_order)
            except ValueError as error:  # reported once per distinct wrong date
                self.problems.append(Problem(self.shown, line, 0, str(error)))
        return self._dates[raw]


def read_csv_table(text: str, shown: str, known: dict, unknown_question,
                   date_order: str | None = None) -> _Table:
    """The file's header checked and every row converted; InvalidInput lists every problem.
    The delimiter (comma, semicolon or tab) is the header's."""
    if not text.strip():
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row "
                                    "(respondent, role, question ids) and one row per person")])
    return read_table(_batches(text, shown, delimiter(text)), shown, known, unknown_question,
                      date_order)


def read_table(batches, shown: str, known: dict, unknown_question,
               date_order: str | None = None) -> _Table:
    """Rows given as (line numbers, rows) batches, the first row the header: checked and
    converted as a CSV file's are. Spreadsheets (answers_sheet.py) come through here too."""
    first = next(batches, None)
    if first is None:
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row")])
    lines, rows = first
    header_line, header = lines[0], [column.strip() for column in rows[0]]
    _check_header(header, header_line, shown, known, unknown_question)
    table = _Table(header, known, shown, date_order)
    width = len(header)
    lines, rows = lines[1:], rows[1:]
    while True:
        if any(len(row) != width for row in rows):
            for line, row in zip(lines, rows, strict=True):
                if len(row) != width:
                    table.problems.append(Problem(
                        shown, line, 0, f"row has {len(row)} fields but the header has "
                        f"{width}; check for a missing or extra comma"))
            kept = [i for i, row in enumerate(rows) if len(row) == width]
            lines, rows = [lines[i] for i in kept], [rows[i] for i in kept]
        if rows:
            table.add(lines, rows)
        batch = next(batches, None)
        if batch is None:
            break
        lines, rows = batch
    if not table.problems and not table.names:
        table.problems.append(Problem(shown, header_line, 0, "the file has no respondent rows; "
                                      "add one row per person under the header"))
    if table.problems:
        raise InvalidInput(table.problems)
    return table
