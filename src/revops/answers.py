"""Read answer files (YAML, JSON or CSV) into respondents, reporting every problem by line."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from .content import Playbook
from .problems import InvalidInput, Problem
from .yamlsource import Located, parse_yaml, read_text

NOT_APPLICABLE, UNKNOWN = "n/a", "unknown"
Value = int | str | None  # 1..5, "n/a", "unknown", or None for unanswered
ANSWER_KEYS = ("team", "date", "respondent", "answers")
RESPONDENT_KEYS = ("name", "role")
MAX_CSV_BYTES = 50_000_000


@dataclass
class Respondent:
    source: str
    team: str | None
    date: dt.date | None
    name: str | None
    role: str | None
    answers: dict[str, Value] = field(default_factory=dict)


def load_answer_files(paths: list[Path], playbook: Playbook) -> list[Respondent]:
    """All respondents from all files. Raises InvalidInput listing every problem found."""
    respondents: list[Respondent] = []
    problems: list[Problem] = []
    for path in paths:
        shown = str(path)
        try:
            if path.suffix.lower() == ".csv":
                respondents += parse_csv(read_text(path, shown, MAX_CSV_BYTES), shown, playbook)
            else:
                respondents.append(parse_answer_document(read_text(path, shown), shown, playbook))
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return respondents


def _problem(located: Located, loc: tuple, message: str) -> Problem:
    line, _ = located.where(loc)
    return Problem(located.path, line, 0, message)


def _unknown_question(question_id: str, known: dict) -> str:
    close = difflib.get_close_matches(question_id, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else "run `revops template` for the list"
    return f"unknown question id '{question_id}'; {hint}"


_COMMON: dict[object, Value] = {"": None, NOT_APPLICABLE: NOT_APPLICABLE, UNKNOWN: UNKNOWN,
                                **{str(n): n for n in range(1, 6)}}


def parse_value(raw: object) -> Value:
    """An answer as given in a file. Raises ValueError with the reason if it is not one."""
    if raw.__class__ is str and raw in _COMMON:  # the fast path for large CSV files
        return _COMMON[raw]
    if raw is None:
        return None
    if isinstance(raw, bool) or isinstance(raw, float):
        raise ValueError(f"{raw!r} is not an answer")
    if isinstance(raw, int):
        if 1 <= raw <= 5:
            return raw
        raise ValueError(f"{raw} is out of range")
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in ("", "~", "null"):
            return None
        if text in (NOT_APPLICABLE, UNKNOWN):
            return text
        if text.isdigit():
            return parse_value(int(text))
        raise ValueError(f"'{raw}' is not an answer")
    raise ValueError(f"a {type(raw).__name__} is not an answer")


VALUE_HINT = "use 1 to 5, n/a, unknown, or leave it empty"


def _date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        return dt.date.fromisoformat(raw.strip())
    raise ValueError


def parse_answer_document(text: str, shown: str, playbook: Playbook) -> Respondent:
    """One respondent from a YAML or JSON answer file (JSON is read as YAML)."""
    located, problems = parse_yaml(text, shown)
    if located is None:
        raise InvalidInput([Problem(p.path, p.line, 0, p.message) for p in problems])
    problems = [Problem(p.path, p.line, 0, p.message) for p in problems]
    data = located.data
    if not isinstance(data, dict):
        raise InvalidInput([Problem(shown, 1, 0, "an answer file is a mapping with team, date "
                                    "and answers; run `revops template` for an example")])
    for key in data:
        if key not in ANSWER_KEYS:
            problems.append(_problem(located, (key,), f"unknown key '{key}'; allowed keys: "
                                     f"{', '.join(ANSWER_KEYS)}"))
    team = data.get("team")
    if not isinstance(team, str) or not team.strip():
        problems.append(_problem(located, ("team",), "'team' is required: the team's name, "
                                 "as text"))
    date = None
    if "date" not in data:
        problems.append(_problem(located, (), "'date' is required, as YYYY-MM-DD"))
    else:
        try:
            date = _date(data["date"])
        except ValueError:
            problems.append(_problem(located, ("date",), f"bad date {data['date']!r}; "
                                     "write it as YYYY-MM-DD, e.g. 2026-03-31"))
    name = role = None
    person = data.get("respondent")
    if person is not None:
        if not isinstance(person, dict):
            problems.append(_problem(located, ("respondent",), "'respondent' must be a mapping "
                                     "with name and role"))
        else:
            for key, value in person.items():
                if key not in RESPONDENT_KEYS:
                    problems.append(_problem(located, ("respondent", key), f"unknown key "
                                             f"'{key}' in respondent; allowed: name, role"))
                elif value is not None and not isinstance(value, str):
                    problems.append(_problem(located, ("respondent", key),
                                             f"respondent {key} must be text"))
            name, role = person.get("name"), person.get("role")
    answers: dict[str, Value] = {}
    raw_answers = data.get("answers")
    known = playbook_questions(playbook)
    if raw_answers is None and "answers" not in data:
        problems.append(_problem(located, (), "'answers' is required: a mapping of question id "
                                 "to answer"))
    elif raw_answers is not None and not isinstance(raw_answers, dict):
        problems.append(_problem(located, ("answers",), "'answers' must be a mapping of "
                                 "question id to answer"))
    else:
        for question_id, raw in (raw_answers or {}).items():
            if question_id not in known:
                problems.append(_problem(located, ("answers", question_id),
                                         _unknown_question(str(question_id), known)))
                continue
            try:
                answers[question_id] = parse_value(raw)
            except ValueError as error:
                problems.append(_problem(located, ("answers", question_id),
                                         f"answer to '{question_id}': {error}; {VALUE_HINT}"))
    if problems:
        raise InvalidInput(problems)
    return Respondent(shown, team.strip(), date, name, role, answers)


def playbook_questions(playbook: Playbook) -> dict[str, str]:
    """Question id -> rule id, in bank order."""
    return {q.id: rule_id for rule_id, qs in playbook.questions.items() for q in qs}


CSV_FIXED = ("respondent", "role")
CSV_OPTIONAL = ("team", "date")


def parse_csv(text: str, shown: str, playbook: Playbook) -> list[Respondent]:
    """One respondent per row: respondent, role, then one column per question id.

    Lines starting with # are comments (the blank template uses them for question text).
    """
    if not text.strip():
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row "
                                    "(respondent, role, question ids) and one row per person")])
    lines = [line if not line.lstrip().startswith("#") else "" for line in
             io.StringIO(text, newline="").readlines()]
    content: list[tuple[int, list[str]]] = []  # (line where the record starts, cells)
    reader = csv.reader(io.StringIO("".join(lines), newline=""), strict=True)
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if any(cell.strip() for cell in row):
                content.append((start, row))
    except csv.Error as error:
        raise InvalidInput([Problem(shown, reader.line_num, 0, f"invalid CSV: {error}")]) from None
    if not content:
        raise InvalidInput([Problem(shown, 1, 0, "file is empty; it needs a header row")])
    header_line, header = content[0]
    header = [column.strip() for column in header]
    known = playbook_questions(playbook)
    problems: list[Problem] = []
    if [c.lower() for c in header[:2]] != list(CSV_FIXED):
        problems.append(Problem(shown, header_line, 0, "the first two columns must be "
                                "'respondent' and 'role'; run `revops template --format csv`"))
    seen: set[str] = set()
    for column in header[2:]:
        if column in seen:
            problems.append(Problem(shown, header_line, 0, f"duplicate column '{column}'"))
        elif column not in known and column.lower() not in CSV_OPTIONAL:
            problems.append(Problem(shown, header_line, 0, _unknown_question(column, known)))
        seen.add(column)
    if problems:
        raise InvalidInput(problems)
    respondents = []
    questions = [(i, column) for i, column in enumerate(header) if column in known]
    extra = {name: header.index(name) for name in CSV_OPTIONAL if name in header}
    width = len(header)
    for line, row in content[1:]:
        if len(row) != width:
            problems.append(Problem(shown, line, 0, f"row has {len(row)} fields but the header "
                                    f"has {width}; check for a missing or extra comma"))
            continue
        answers: dict[str, Value] = {}
        for i, column in questions:
            cell = row[i]
            if cell in _COMMON:  # inlined fast path: this loop runs once per cell
                answers[column] = _COMMON[cell]
                continue
            try:
                answers[column] = parse_value(cell)
            except ValueError as error:
                problems.append(Problem(shown, line, 0, f"column '{column}': {error}; "
                                        f"{VALUE_HINT}"))
        date = None
        raw_date = row[extra["date"]].strip() if "date" in extra else ""
        if raw_date:
            try:
                date = _date(raw_date)
            except ValueError:
                problems.append(Problem(shown, line, 0, f"bad date '{raw_date}'; write "
                                        "it as YYYY-MM-DD"))
        team = row[extra["team"]].strip() if "team" in extra else ""
        respondents.append(Respondent(shown, team or None, date, row[0].strip() or None,
                                      row[1].strip() or None, answers))
    if problems:
        raise InvalidInput(problems)
    return respondents

