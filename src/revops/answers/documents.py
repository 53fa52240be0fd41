"""Read answer files (YAML, JSON, CSV or spreadsheets) into respondents, reporting every
problem by line: each file goes to the reader of its kind (READERS: answer_file.py, csv_rows.py,
sheet.py) and their respondents are combined (people.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, cast

from revops.answers.csv_rows import (
    RowAnswers,
    RowEvidence,
    Table,
    read_csv_table,
    read_table,
)
from revops.answers.limits import MAX_RESPONDENTS, TooManyRespondents
from revops.answers.people import MAX_WARNINGS, combine, drop_repeats
from revops.answers.regional import decode
from revops.answers.respondents import (
    KnownQuestions,
    QuestionSource,
    Respondent,
    Responses,
    question_ids,
)
from revops.answers.sheet import SPREADSHEETS
from revops.answers.zipped import is_zip, the_csv_inside
from revops.foundation.characters import refused_in
from revops.foundation.files import read_bytes, read_text
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Evidence, Value, parse_value
from revops.foundation.wording import same_column

__all__ = [
    "MAX_ANSWER_FILES",
    "MAX_RESPONDENTS",
    "MAX_WARNINGS",
    "READERS",
    "NOT_APPLICABLE",
    "UNKNOWN",
    "KnownQuestions",
    "Respondent",
    "Responses",
    "TooManyRespondents",
    "Value",
    "drop_repeats",
    "load_answer_files",
    "parse_csv",
    "parse_sheet",
    "parse_value",
    "question_ids",
    "reader_for",
]
# A CSV holds a whole team (100,000 respondents fit); a YAML or JSON file holds one person.
MAX_CSV_BYTES = 20_000_000
# Each YAML or JSON file costs a parse of its own; a team gives its answers in one CSV file.
MAX_ANSWER_FILES = 10_000


def load_answer_files(
    paths: list[Path],
    source: QuestionSource,
    sheet: str | None = None,
    date_order: str | None = None,
    ignore_columns: tuple[str, ...] = (),
    earlier: bool = False,
    given: dict[str, Any] | None = None,
    room: int = MAX_RESPONDENTS,
) -> Responses:
    """All respondents from all files, checked against a Playbook or a bank mapping; `sheet`
    names the sheet to read in spreadsheets (default: the first), `date_order` ('dmy' or
    'mdy') settles dates such as 01/02/2026, and `ignore_columns` names CSV or sheet columns
    to leave out. An `earlier` assessment may answer questions since retired: those answers
    are left out. `given` holds the team and date that options give for a YAML or JSON file
    that leaves them empty. More than `room` respondents raise TooManyRespondents. Raises
    InvalidInput listing every problem."""
    known = _answerable(question_ids(source), earlier)
    if len(paths) > MAX_ANSWER_FILES:
        raise InvalidInput([Problem(str(paths[MAX_ANSWER_FILES]), 0, 0, TOO_MANY_FILES)])
    how = _How(sheet, date_order, ignore_columns, given)
    parts: list[Responses] = []
    problems: list[Problem] = []
    read = 0  # respondents so far, over all files
    for path in paths:
        try:
            parts.append(_read_file(path, known, how, room - read))
            read += len(parts[-1])
        except TooManyRespondents as error:  # the files past it are not read
            raise TooManyRespondents.after(problems + error.problems) from None
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    result = combine(parts, known)
    result.left_out = [column for part in parts for column in part.left_out]
    result.notices += [
        f"--ignore-column '{name}' matched no column"
        for name in ignore_columns
        if not any(same_column(name, column) for column in result.left_out)
    ]
    return result


TOO_MANY_FILES = (
    f"more than {MAX_ANSWER_FILES:,} answer files in one run; give a team's answers in one "
    "CSV file, a row per person (`revops template --format csv`)"
)


class _How(NamedTuple):
    """How to read the files: the options of load_answer_files."""

    sheet: str | None
    date_order: str | None
    ignore_columns: tuple[str, ...]
    given: dict[str, Any] | None


def _answerable(known: KnownQuestions, earlier: bool) -> KnownQuestions:
    """The known questions, with retired ones set aside when reading an earlier assessment."""
    if not earlier or not known.retired:
        return known
    return KnownQuestions(
        known.items(),
        known.texts,
        {**known.set_aside, **dict.fromkeys(known.retired, "")},
        known.retired,
        known.profiles,
        known.readings,
    )


class Reader(NamedTuple):
    """The reader of one kind of answer file: what the file is, how to tell it, how to read
    it. A new input shape is a new entry in READERS, not a new branch in the loader."""

    kind: str
    suffixes: tuple[str, ...]  # empty: every file no other reader takes
    read: Callable[[Path, str, KnownQuestions, _How, int], Responses]


def _read_csv(path: Path, shown: str, known: KnownQuestions, how: _How, room: int) -> Responses:
    data = read_bytes(path, shown, MAX_CSV_BYTES)
    if is_zip(data):  # a Google Forms download saved under a .csv name
        shown, data = the_csv_inside(data, shown, MAX_CSV_BYTES)
    return _csv_of(data, shown, known, how, room)


def _read_zip(path: Path, shown: str, known: KnownQuestions, how: _How, room: int) -> Responses:
    """A Google Forms download: the one CSV file inside the zip (zipped.py)."""
    inside, data = the_csv_inside(read_bytes(path, shown, MAX_CSV_BYTES), shown, MAX_CSV_BYTES)
    return _csv_of(data, inside, known, how, room)


def _csv_of(data: bytes, shown: str, known: KnownQuestions, how: _How, room: int) -> Responses:
    text, notice = decode(data, shown)
    part = parse_csv(text, shown, known, how.date_order, how.ignore_columns, room)
    part.notices += [notice] if notice else []
    return part


def _read_sheet(path: Path, shown: str, known: KnownQuestions, how: _How, room: int) -> Responses:
    return parse_sheet(path, shown, known, how.sheet, how.date_order, how.ignore_columns, room)


def _read_document(
    path: Path, shown: str, known: KnownQuestions, how: _How, room: int
) -> Responses:
    if room < 1:
        raise TooManyRespondents(shown, 0)
    from revops.answers.answer_file import parse_answer_document  # here: a CSV needs none

    part = Responses()
    text = read_text(path, shown)
    part.append(parse_answer_document(text, shown, known, part.left_out, how.given))
    return part


READERS = (
    Reader("team table (CSV)", (".csv",), _read_csv),
    Reader("Google Forms download (zip of one CSV)", (".zip",), _read_zip),
    Reader("spreadsheet", SPREADSHEETS, _read_sheet),
    Reader("answer document (YAML or JSON)", (), _read_document),
)


def reader_for(path: Path) -> Reader:
    """The reader for a file: the first whose suffixes take it, else the last (YAML or
    JSON, whatever the name: an answer file's name is the person's choice)."""
    suffix = path.suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), READERS[-1])


def _read_file(path: Path, known: KnownQuestions, how: _How, room: int) -> Responses:
    """The respondents of one file, by the reader of its kind; more than `room` raise
    TooManyRespondents."""
    return reader_for(path).read(path, str(path), known, how, room)


def parse_sheet(
    path: Path,
    shown: str,
    known: QuestionSource,
    sheet: str | None = None,
    date_order: str | None = None,
    ignore: tuple[str, ...] = (),
    room: int = MAX_RESPONDENTS,
) -> Responses:
    """One respondent per row of a spreadsheet's sheet, laid out as the CSV file is; more
    than `room` rows raise TooManyRespondents, and the rows past it are never read."""
    from revops.answers.sheet import sheet_rows

    known = question_ids(known)
    label, batches = sheet_rows(read_bytes(path, shown, MAX_CSV_BYTES), shown, sheet)
    return _responses(read_table(batches, label, known, date_order, ignore, room), shown)


def parse_csv(
    text: str,
    shown: str,
    known: QuestionSource,
    date_order: str | None = None,
    ignore: tuple[str, ...] = (),
    room: int = MAX_RESPONDENTS,
) -> Responses:
    """One respondent per row: respondent, role, team, date and one column per question,
    named by id or, as survey tools export them, by the question's text (survey.py). Lines
    starting with # are comments (the template lists questions so)."""
    known = question_ids(known)
    if refused := refused_in(text, shown):
        raise InvalidInput([refused])
    return _responses(read_csv_table(text, shown, known, date_order, ignore, room), shown)


def _responses(table: Table, shown: str) -> Responses:
    """A respondent per row, made by map over the table's columns (a large team has many)."""
    evidence, count = table.evidence, len(table.names)
    rows = range(count)
    marks: Iterable[Mapping[str, Evidence]] = (
        map(RowEvidence, repeat(evidence, count), rows)
        if evidence
        else repeat(Respondent._field_defaults["evidence"], count)  # none: an empty mapping
    )
    columns: dict[str, Iterable[Any]] = {
        "source": repeat(shown, count),
        "team": table.teams,
        "date": table.dates or repeat(None, count),
        "name": table.names,
        "role": table.roles,
        "answers": map(RowAnswers, repeat(table.columns, count), rows),
        "evidence": marks,
        "profile": repeat(None, count),  # a table gives none per row
        "readings": repeat(None, count),  # likewise
        "targets": repeat(None, count),  # likewise
        "key": table.keys,  # who each row is (identity.py)
        "line": table.lines,
    }
    # Each row's fields, in Respondent's order (a field added there and not here is a
    # KeyError), made a Respondent by tuple.__new__ in C: Respondent(*fields) would run the
    # named tuple's __new__ in Python for every row.
    fields = zip(*(columns[name] for name in Respondent._fields), strict=True)
    made = map(tuple.__new__, repeat(Respondent), fields)
    responses = Responses(cast(Iterator[Respondent], made))
    responses.columns, responses.evidence_texts = table.columns, evidence
    responses.left_out = table.layout.left_out
    responses.notices += table.notices
    return responses
