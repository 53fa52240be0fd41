"""CSV answer files: one respondent per row, read column by column.

A team export can hold 100,000 rows, so cells are converted a batch of rows at a time into
one list per question (the raw strings are dropped as it goes), and each row's answers are a
view into those lists rather than a dict of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain

from revops.answers.csv_batches import csv_batches
from revops.answers.regional import csv_date, delimiter
from revops.answers.respondents import KnownQuestions
from revops.answers.sheet import Batch
from revops.answers.survey import Layout, layout, timestamp_date_text
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.values import (
    NOT_APPLICABLE,
    UNKNOWN,
    VALUE_HINT,
    Evidence,
    Value,
    parse_value,
    retired_message,
)
from revops.foundation.wording import normalise, option_values

# Respondents read in one run, over all files (spreadsheets count against it too). Sized by
# scripts/bench_scoring.py: the costliest file of this many rows scores within 10 s and 1 GiB.
MAX_RESPONDENTS = 100_000
# Problems kept per file; past it they are only counted (a file of 4 million wrong cells
# would otherwise hold a message for each; the CLI shows 50 anyway).
MAX_PROBLEMS = 200
EMPTY_FILE = (
    "file is empty; it needs a header row (respondent, role, question ids) and one row per person"
)
NO_ROWS = "the file has no respondent rows; add one row per person under the header"
_COMMON: dict[str, Value] = {
    "": None,
    NOT_APPLICABLE: NOT_APPLICABLE,
    UNKNOWN: UNKNOWN,
    **{str(n): n for n in range(1, 6)},
}


class TooManyRespondents(InvalidInput):
    """Raised as soon as the rows read pass MAX_RESPONDENTS: nothing further is read."""

    def __init__(self, shown: str, line: int):
        super().__init__(
            [
                Problem(
                    shown,
                    line,
                    0,
                    f"the files hold more than "
                    f"{MAX_RESPONDENTS:,} respondents, more than revops scores "
                    "in one run; score a sample of them, or each team or "
                    "function in a run of its own",
                )
            ]
        )

    @classmethod
    def after(cls, problems: list[Problem]) -> TooManyRespondents:
        """The same stop, carrying the problems of the files read before it as well."""
        error = cls.__new__(cls)
        InvalidInput.__init__(error, problems)
        return error


class RowAnswers(Mapping[str, Value]):
    """One respondent's answers: question id -> value, read from the file's columns."""

    __slots__ = ("_columns", "_row")

    def __init__(self, columns: dict[str, list[Value]], row: int):
        self._columns, self._row = columns, row

    def __getitem__(self, question_id: str) -> Value:
        return self._columns[question_id][self._row]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


class RowEvidence(Mapping[str, Evidence]):
    """One respondent's evidence (question id -> Evidence), read from the file's
    "<id>:evidence" columns, holding only the answers that name it."""

    __slots__ = ("_texts", "_row")

    def __init__(self, texts: dict[str, list[str | None]], row: int):
        self._texts, self._row = texts, row

    def __getitem__(self, question_id: str) -> Evidence:
        if (text := self._texts[question_id][self._row]) is None:
            raise KeyError(question_id)
        return Evidence(text)

    def __iter__(self) -> Iterator[str]:
        return (
            question_id
            for question_id, texts in self._texts.items()
            if texts[self._row] is not None
        )

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(slots=True)
class _Refused:
    """A cell text refused in one column: reported once, with how many rows give it."""

    line: int  # of the first row that gives it
    message: str
    rows: int


class Table:
    """The converted columns and per-row details, filled one batch of rows at a time."""

    def __init__(
        self,
        header: list[str],
        found: Layout,
        known: KnownQuestions,
        shown: str,
        date_order: str | None,
    ) -> None:
        self.shown, self.date_order, self.header = shown, date_order, header
        self.layout = found
        self.questions = [(i, question_id) for i, question_id in found.questions]
        self.columns: dict[str, list[Value]] = {q: [] for _, q in self.questions}
        self.evidence: dict[str, list[str | None]] = {q: [] for _, q in found.evidence}
        texts = known.texts
        self.options = {
            q: option_values(texts[q][1]) if q in texts else {} for _, q in self.questions
        }
        self.lines: list[int] = []
        self.names: list[str | None] = []
        self.roles: list[str | None] = []
        self.teams: list[str | None] = []
        self.dates: list[dt.date | None] = []
        self.problems: list[Problem] = []
        self.more_problems = 0
        self._dates: dict[str, dt.date | None] = {}
        self._read: dict[str, dict[str, Value]] = {q: {} for _, q in self.questions}
        self._refused: dict[tuple[str, str], _Refused] = {}  # by (question id, cell text)

    def problem(self, line: int, message: str) -> None:
        """A problem kept, or only counted once MAX_PROBLEMS are kept."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.shown, line, 0, message))
        else:
            self.more_problems += 1

    def all_problems(self) -> list[Problem]:
        """Every problem: each refused cell text once per column with how many rows hold it,
        and a count of those past MAX_PROBLEMS."""
        for refused in self._refused.values():
            more = f" ({refused.rows - 1:,} more rows give it)" if refused.rows > 1 else ""
            self.problem(refused.line, refused.message + more)
        self._refused.clear()
        if self.more_problems:
            last = self.lines[-1] if self.lines else 1
            self.problems.append(
                Problem(
                    self.shown,
                    last,
                    0,
                    f"... and {self.more_problems:,} "
                    "more problems in this file; fix the ones above "
                    "first",
                )
            )
            self.more_problems = 0
        return self.problems

    def add(self, lines: list[int], rows: list[list[str]]) -> None:
        """Rows of the header's width, converted a column at a time."""
        width = len(self.header)
        flat = list(chain.from_iterable(rows))  # then each column is a slice, taken in C
        cells = [flat[i::width] for i in range(width)]
        for i, question_id in self.questions:
            texts = cells[i]
            try:
                values = list(map(_COMMON.__getitem__, texts))
            except KeyError:  # an unusual spelling, an option's text, or not an answer at all
                values = [
                    _COMMON[r] if r in _COMMON else self._value(r, line, i, question_id)
                    for r, line in zip(texts, lines, strict=True)
                ]
            self.columns[question_id].extend(values)
        count, found = len(rows), self.layout
        for i, question_id in found.evidence:
            self.evidence[question_id] += [text.strip() or None for text in cells[i]]
        for index, target in (
            (found.respondent, self.names),
            (found.role, self.roles),
            (found.team, self.teams),
        ):
            if index is None:
                target += [None] * count
            else:
                target += [text.strip() or None for text in cells[index]]
        if found.date is not None:
            raw_dates = cells[found.date]
            for line, raw in zip(lines, raw_dates, strict=True):  # most files repeat one date
                if raw not in self._dates:
                    self._date(raw, line)
            self.dates += map(self._dates.get, raw_dates)
        self.lines += lines

    def _value(self, raw: str, line: int, index: int, question_id: str) -> Value:
        """A cell the fast path did not know: a spelling such as N/A, a survey tool's option
        text, or a problem. What was read is kept, as a column repeats a few texts."""
        known = self._read[question_id]
        if raw in known:
            return known[raw]
        if refused := self._refused.get((question_id, raw)):
            refused.rows += 1  # reported once, with how many rows give it
            return None
        try:
            value = parse_value(raw)
        except ValueError as error:
            options = self.options[question_id]
            if (text := normalise(raw)) not in options:
                column = self.header[index][:60]
                message = f"column '{column}': {error}; {VALUE_HINT}, or an option's text"
                if len(self._refused) < MAX_PROBLEMS:
                    self._refused[question_id, raw] = _Refused(line, message, 1)
                else:
                    self.more_problems += 1
                return None
            value = options[text]
        known[raw] = value
        return value

    def _date(self, raw: str, line: int) -> dt.date | None:
        """The date of a cell not seen before (most files repeat one date on every row)."""
        self._dates[raw] = None
        if raw.strip():
            try:
                text = timestamp_date_text(raw) if self.layout.timestamp else raw
                self._dates[raw] = csv_date(text, self.date_order)
            except ValueError as error:  # reported once per distinct wrong date
                self.problem(line, str(error))
        return self._dates[raw]


def read_csv_table(
    text: str,
    shown: str,
    known: KnownQuestions,
    date_order: str | None = None,
    ignore: tuple[str, ...] = (),
    room: int = MAX_RESPONDENTS,
) -> Table:
    """The file's header checked and every row converted; InvalidInput lists every problem.
    The delimiter (comma, semicolon or tab) is the header's. More than `room` respondents
    raise TooManyRespondents."""
    if not text.strip():
        raise InvalidInput([Problem(shown, 1, 0, EMPTY_FILE)])
    return read_table(
        csv_batches(text, shown, delimiter(text)), shown, known, date_order, ignore, room
    )


def read_table(
    batches: Iterator[Batch],
    shown: str,
    known: KnownQuestions,
    date_order: str | None = None,
    ignore: tuple[str, ...] = (),
    room: int = MAX_RESPONDENTS,
) -> Table:
    """Rows given as (line numbers, rows) batches, the first row the header: checked and
    converted as a CSV file's are. Spreadsheets (answers_sheet.py) come through here too.
    Raises TooManyRespondents at the first row past `room`, reading no further."""
    first = next(batches, None)
    if first is None:
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row")])
    lines, rows = first
    header_line, header = lines[0], [column.strip() for column in rows[0]]
    table = Table(
        header, _header_layout(header, header_line, shown, known, ignore), known, shown, date_order
    )
    _read_rows(table, (lines[1:], rows[1:]), batches, room)
    problems = table.all_problems()
    if not problems and not table.names:
        problems.append(Problem(shown, header_line, 0, NO_ROWS))
    if problems:
        raise InvalidInput(problems)
    return table


def _header_layout(
    header: list[str], line: int, shown: str, known: KnownQuestions, ignore: tuple[str, ...]
) -> Layout:
    """Which column holds what; InvalidInput when the header cannot be read."""
    set_aside = known.set_aside  # columns of questions a company overlay hid
    found = layout(
        header,
        known.texts,
        (*ignore, *set_aside, *set_aside.values()),
        {
            question_id: retired_message(question_id, entry)
            for question_id, entry in known.retired.items()
        },
    )
    if found.problems:
        raise InvalidInput([Problem(shown, line, 0, p) for p in found.problems])
    return found


def _read_rows(table: Table, first: Batch, batches: Iterator[Batch], room: int) -> None:
    """Every row under the header into the table; a row of the wrong width is a problem.
    Raises TooManyRespondents at the first row past `room`, reading no further."""
    width, shown = len(table.header), table.shown
    lines, rows = first
    count = 0
    while True:
        if rows and count + len(rows) > room:  # counted as read: the rest of the file is never read
            raise TooManyRespondents(shown, lines[max(room - count, 0)])
        count += len(rows)
        if any(len(row) != width for row in rows):
            for line, row in zip(lines, rows, strict=True):
                if len(row) != width:
                    table.problem(
                        line,
                        f"row has {len(row)} fields but the header has "
                        f"{width}; check for a missing or extra comma",
                    )
            kept = [i for i, row in enumerate(rows) if len(row) == width]
            lines, rows = [lines[i] for i in kept], [rows[i] for i in kept]
        if rows:
            table.add(lines, rows)
        batch = next(batches, None)
        if batch is None:
            return
        lines, rows = batch
