"""CSV answer files: one respondent per row, read column by column.

A team export can hold 100,000 rows, so cells are converted a batch of rows at a time into
one list per question (the raw strings are dropped as it goes), and each row's answers are a
view into those lists rather than a dict of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from itertools import chain
from operator import itemgetter

from revops.answers.coded import (
    NO_CODE,
    Answers,
    CodedAnswers,
    block_codes,
    coded_values,
    side_by_side,
    text_codes,
)
from revops.answers.csv_batches import csv_batches
from revops.answers.date_order import ColumnOrder
from revops.answers.exports import merged_header, unfinished_notice
from revops.answers.identity import first_filled, stripped
from revops.answers.limits import MAX_RESPONDENTS, TooManyRespondents
from revops.answers.regional import AmbiguousDate, csv_date, delimiter
from revops.answers.respondents import KnownQuestions
from revops.answers.sheet import Batch
from revops.answers.survey import Layout, layout, retired_texts, timestamp_date_text
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
from revops.foundation.wording import cell_key, option_values

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


class RowAnswers(Mapping[str, Value]):
    """One respondent's answers: question id -> value, read from the file's columns."""

    __slots__ = ("_columns", "_row")

    def __init__(self, columns: dict[str, Answers], row: int):
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


class _Columns:
    """A batch's columns, each taken from its rows (in C) the first time it is asked for:
    the name and the identity often read the same column."""

    __slots__ = ("_rows", "_taken")

    def __init__(self, rows: list[list[str]]) -> None:
        self._rows = rows
        self._taken: dict[int, list[str]] = {}

    def __getitem__(self, index: int) -> list[str]:
        if index not in self._taken:
            self._taken[index] = list(map(itemgetter(index), self._rows))
        return self._taken[index]


class _Refused:
    """A cell text refused in one column: reported once, with how many rows give it."""

    __slots__ = ("line", "message", "rows")

    def __init__(self, line: int, message: str, rows: int) -> None:
        self.line = line  # of the first row that gives it
        self.message, self.rows = message, rows


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
        self.block = side_by_side([i for i, _ in self.questions])  # as they usually are
        self.columns: dict[str, Answers] = {q: CodedAnswers() for _, q in self.questions}
        self.evidence: dict[str, list[str | None]] = {q: [] for _, q in found.evidence}
        texts = known.texts
        self.options = {
            q: option_values(texts[q][1]) if q in texts else {} for _, q in self.questions
        }
        self.lines: list[int] = []
        self.names: list[str | None] = []
        self.keys: list[str | None] = []  # who each row is: email, else name, else its id
        self.roles: list[str | None] = []
        self.teams: list[str | None] = []
        self.dates: list[dt.date | None] = []
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        self.more_problems = 0
        self._dates: dict[str, dt.date | None] = {}
        self.date_column = ColumnOrder()  # date_order.py: the order the whole column tells
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
        cells = _Columns(rows)
        # the questions' codes from one text of their cells (coded.py), else cell by cell,
        # as the rest of the table then, whose batches are most likely alike
        block = block_codes(rows, *self.block) if self.block else None
        self.block = self.block if block is not None else None
        coded = text_codes(chain.from_iterable(rows)) if block is None else block
        for place, (i, question_id) in enumerate(self.questions):
            codes = coded[i::width] if block is None else block[place :: len(self.questions)]
            if NO_CODE not in codes:
                self._extend(question_id, codes, None)
                continue
            values = [  # an unusual spelling, an option's text, or not an answer
                _COMMON[r] if r in _COMMON else self._value(r, line, i, question_id)
                for r, line in zip(cells[i], lines, strict=True)
            ]
            self._extend(question_id, coded_values(values), values)
        count, found = len(rows), self.layout
        for i, question_id in found.evidence:
            self.evidence[question_id] += stripped(cells[i])
        self.names += first_filled(cells, found.shown_as, count)  # identity.py
        self.keys += first_filled(cells, found.identity, count)
        for index, target in (
            (found.role, self.roles),
            (found.team, self.teams),
        ):
            if index is None:
                target += [None] * count
            else:
                target += stripped(cells[index])
        if found.date is not None:
            raw_dates = cells[found.date]
            first_lines = dict(zip(reversed(raw_dates), reversed(lines), strict=True))  # first row
            for raw in dict.fromkeys(raw_dates):  # each distinct cell: most files repeat one date
                if raw not in self._dates:
                    self._date(raw, first_lines[raw])
            if self.date_column.open_cells:
                self.date_column.mark_rows(len(self.dates), list(raw_dates))
            self.dates += map(self._dates.get, raw_dates)
        self.lines += lines

    def _extend(self, question_id: str, codes: bytes | None, values: list[Value] | None) -> None:
        """A question's column grown by a batch's answers, as codes while every answer has one."""
        column = self.columns[question_id]
        if codes is not None and isinstance(column, CodedAnswers):
            column.codes += codes
            return
        if isinstance(column, CodedAnswers):  # a value with no code: the column becomes a list
            column = self.columns[question_id] = list(column)
        column.extend(values if values is not None else CodedAnswers(codes or b""))

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
            if (text := cell_key(raw)) not in options:
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
                text = self._date_text(raw)
                self._dates[raw] = csv_date(text, self.date_order)
                self.date_column.note(text)
            except AmbiguousDate:  # read once the whole column is: it may tell the order
                self.date_column.open_cells[raw] = line
            except ValueError as error:  # reported once per distinct wrong date
                self.problem(line, str(error))
        return self._dates[raw]

    def _date_text(self, raw: str) -> str:
        return timestamp_date_text(raw) if self.layout.timestamp else raw

    def settle_dates(self) -> None:
        """The dates no cell's numbers told, read in the order the whole column tells."""
        column = self.date_column
        if not column.open_cells:
            return
        settled = column.settle(
            lambda raw, order: csv_date(self._date_text(raw), order), self._date_text
        )
        for raw, result in settled.items():
            if isinstance(result, ValueError):
                self.problem(column.open_cells[raw], str(result))
        for row, raw in column.open_rows:
            if isinstance(found := settled[raw], dt.date):
                self.dates[row] = found


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
    found, rest, batches = merged_header(first, batches, shown)  # exports.py
    header_line, header = found.line, found.cells
    table = Table(
        header, _header_layout(header, header_line, shown, known, ignore), known, shown, date_order
    )
    _read_rows(table, rest, batches, room)
    if found.cut_short:
        raise found.cut_short
    table.settle_dates()
    table.notices += [f"{shown}: {note}" for note in table.layout.notes]
    table.notices += unfinished_notice(found, shown)
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
        retired_texts(known.retired),
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
        if any(map(width.__ne__, map(len, rows))):  # in C
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
