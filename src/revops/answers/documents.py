"""Read answer files (YAML, JSON or CSV) into respondents, reporting every problem by line."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from revops.answers.csv_rows import (
    MAX_RESPONDENTS,
    RowAnswers,
    RowEvidence,
    TooManyRespondents,
    read_csv_table,
    read_table,
)
from revops.answers.readings import parse_reading, reading_problem
from revops.answers.regional import decode
from revops.answers.sheet import SPREADSHEETS
from revops.bank.profile import known_profiles, unknown_profile
from revops.foundation.characters import refused_in
from revops.foundation.files import read_bytes, read_text
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.values import (
    NOT_APPLICABLE,
    UNKNOWN,
    VALUE_HINT,
    Evidence,
    Value,
    parse_answer,
    parse_date,
    parse_value,
    retired_message,
    team_name,
)
from revops.foundation.wording import same_column

__all__ = [
    "MAX_RESPONDENTS",
    "NOT_APPLICABLE",
    "UNKNOWN",
    "Value",
    "Respondent",
    "load_answer_files",
    "parse_answer_document",
    "parse_csv",
    "parse_value",
    "question_ids",
]
# A CSV holds a whole team (100,000 respondents fit); a YAML or JSON file holds one person.
MAX_CSV_BYTES = 20_000_000
# Each YAML or JSON file costs a parse of its own; a team gives its answers in one CSV file.
MAX_ANSWER_FILES = 10_000
MAX_WARNINGS = 10  # warnings of one kind printed before the rest are only counted


@dataclass(slots=True)
class Respondent:
    source: str
    team: str | None
    date: dt.date | None
    name: str | None
    role: str | None
    answers: Mapping[str, Value] = field(default_factory=dict)
    evidence: Mapping[str, Evidence] = field(default_factory=dict)  # only answers that name it
    profile: dict | None = None  # the company's stage and motion, as the file names them
    readings: dict[str, float] | None = None  # metric id -> the company's reading


class Responses(list):
    """Respondents in file order; `columns` holds each question's answers in the same order
    when the reader has them as columns already (CSV), else None; `evidence_texts` likewise
    holds the text of each "<id>:evidence" column (None where a cell is empty)."""

    columns: dict[str, list[Value]] | None = None
    evidence_texts: dict[str, list[str | None]] | None = None

    def __init__(self, *args):
        super().__init__(*args)
        self.notices: list[str] = []  # e.g. the encoding a file was read in
        self.left_out: list[str] = []  # columns or answer ids ignored or set aside, as asked

    def column(self, question_id: str) -> list[Value]:
        if self.columns is not None:
            return self.columns.get(question_id) or [None] * len(self)
        return [r.answers.get(question_id) for r in self]

    def evidence_column(self, question_id: str) -> list[str | None]:
        """Each respondent's evidence text for the question, or None."""
        if self.evidence_texts is not None:
            return self.evidence_texts.get(question_id) or [None] * len(self)
        return [found.text if (found := r.evidence.get(question_id)) else None for r in self]

    def evidenced(self, question_id: str) -> list[bool]:
        """Whether each respondent's answer to the question names its evidence."""
        return list(map(bool, self.evidence_column(question_id)))

    @functools.cached_property
    def any_evidence(self) -> bool:
        """Whether any answer names evidence (read once: scoring asks for every rule)."""
        if self.evidence_texts is not None:
            return any(map(any, self.evidence_texts.values()))
        return any(r.evidence for r in self)


class KnownQuestions(dict):
    """Question id -> rule id, in bank order; `texts` holds each question's text and
    options (level -> text), by which a survey tool's export names them. `set_aside` holds
    the questions a company overlay hid (id -> text): answers to them are left out."""

    def __init__(
        self,
        items,
        texts: dict[str, tuple[str, dict]],
        set_aside: dict[str, str] | None = None,
        retired: dict | None = None,
        profiles: dict[str, list[str]] | None = None,
        readings: dict | None = None,
    ):
        super().__init__(items)
        self.texts, self.set_aside = texts, set_aside or {}
        self.retired: dict[str, dict] = retired or {}  # id -> {replaced_by, reason}
        # 'stage' and 'motion' -> the ids an answer file's profile may name
        self.profiles = profiles or {"stage": [], "motion": []}
        self.readings = readings or {}  # metric id -> its thresholds, for `metrics:` readings


def question_ids(source) -> KnownQuestions:
    """The known questions of a Playbook or a bank mapping (or the map itself, if given)."""
    if isinstance(source, KnownQuestions):
        return source
    if isinstance(source, dict):
        pairs = [(q, rule["id"]) for rule in source["rules"] for q in rule["questions"]]
        return KnownQuestions(
            ((q["id"], rule_id) for q, rule_id in pairs),
            {q["id"]: (q["text"], q["options"]) for q, _ in pairs},
            (source.get("overlay") or {}).get("set_aside"),
            source.get("retired"),
            known_profiles(source),
            source.get("readings"),
        )
    # Imported here: bank/build.py needs the content model, which a bank mapping does not.
    from revops.bank.build import readings as bank_readings

    pairs = [(q, rule_id) for rule_id, qs in source.questions.items() for q in qs]
    return KnownQuestions(
        ((q.id, rule_id) for q, rule_id in pairs),
        {q.id: (q.text, q.options) for q, _ in pairs},
        None,
        {
            entry.id: {"replaced_by": entry.replaced_by, "reason": entry.reason}
            for entry in source.retired.values()
        },
        {
            "stage": [s.id for s in source.reference.stages.stages],
            "motion": [m.id for m in source.reference.stages.motions],
        },
        bank_readings(source),
    )


def load_answer_files(
    paths: list[Path],
    source,
    sheet: str | None = None,
    date_order: str | None = None,
    ignore_columns: tuple[str, ...] = (),
    earlier: bool = False,
    given: dict | None = None,
    room: int = MAX_RESPONDENTS,
) -> Responses:
    """All respondents from all files, checked against a Playbook or a bank mapping; `sheet`
    names the sheet to read in spreadsheets (default: the first), `date_order` ('dmy' or
    'mdy') settles dates such as 01/02/2026, and `ignore_columns` names CSV or sheet columns
    to leave out. An `earlier` assessment may answer questions since retired: those answers
    are left out. `given` holds the team and date that options give for a YAML or JSON file
    that leaves them empty. More than `room` respondents raise TooManyRespondents. Raises
    InvalidInput listing every problem."""
    known = question_ids(source)
    if earlier and known.retired:
        known = KnownQuestions(
            known.items(),
            known.texts,
            {**known.set_aside, **dict.fromkeys(known.retired, "")},
            known.retired,
            known.profiles,
            known.readings,
        )
    if len(paths) > MAX_ANSWER_FILES:
        raise InvalidInput(
            [
                Problem(
                    str(paths[MAX_ANSWER_FILES]),
                    0,
                    0,
                    f"more than "
                    f"{MAX_ANSWER_FILES:,} answer files in one run; give a "
                    "team's answers in one CSV file, a row per person "
                    "(`revops template --format csv`)",
                )
            ]
        )
    parts: list[Responses] = []
    problems: list[Problem] = []
    read = 0  # respondents so far, over all files
    for path in paths:
        shown = str(path)
        suffix = path.suffix.lower()
        left = room - read
        try:
            if suffix == ".csv":
                text, notice = decode(read_bytes(path, shown, MAX_CSV_BYTES), shown)
                parts.append(parse_csv(text, shown, known, date_order, ignore_columns, left))
                parts[-1].notices += [notice] if notice else []
            elif suffix in SPREADSHEETS:
                parts.append(
                    parse_sheet(path, shown, known, sheet, date_order, ignore_columns, left)
                )
            elif left < 1:
                raise TooManyRespondents(shown, 0)
            else:
                parts.append(Responses())
                parts[-1].append(
                    parse_answer_document(
                        read_text(path, shown), shown, known, parts[-1].left_out, given
                    )
                )
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


ANONYMOUS = ("anonymous", "anon")  # what Microsoft Forms writes for everyone who signed no name


def person_key(name: str | None) -> str | None:
    """Who a name (or an email address) stands for, ignoring case and spacing; None when
    it names nobody in particular."""
    key = " ".join(name.casefold().split()) if name else ""
    return key if key and key not in ANONYMOUS else None


def drop_repeats(respondents: Responses) -> tuple[Responses, list[str]]:
    """One answer set per person: where a name or email appears twice, the later answers
    by date, then by file order, count. Returns the respondents and a warning per repeat,
    up to MAX_WARNINGS, then one counting the rest."""
    latest: dict[str, int] = {}
    for index, respondent in enumerate(respondents):
        key = person_key(respondent.name)
        if key is None:
            continue
        if key in latest:
            kept = respondents[latest[key]]
            if (respondent.date or dt.date.min) >= (kept.date or dt.date.min):
                latest[key] = index
        else:
            latest[key] = index
    keep = set(latest.values()) | {
        i for i, r in enumerate(respondents) if person_key(r.name) is None
    }
    if len(keep) == len(respondents):
        return respondents, []
    dropped = [index for index in range(len(respondents)) if index not in keep]
    warnings = []
    for index in dropped[:MAX_WARNINGS]:
        respondent = respondents[index]
        kept = respondents[latest[person_key(respondent.name)]]
        warnings.append(
            f"{respondent.name} answered twice ({respondent.source} and "
            f"{kept.source}); only the later answers, in {kept.source}, count"
        )
    if (rest := len(dropped) - MAX_WARNINGS) > 0:
        warnings.append(
            f"... and {rest:,} more answers from people who answered twice; "
            "only the later answers of each person count"
        )
    kept = sorted(keep)
    kept_list = Responses(map(respondents.__getitem__, kept))
    kept_list.notices, kept_list.left_out = respondents.notices, respondents.left_out
    if respondents.columns is not None:  # kept as columns, so scoring stays column-wise
        kept_list.columns = _rows_of(respondents.columns, kept)
    if respondents.evidence_texts is not None:
        kept_list.evidence_texts = _rows_of(respondents.evidence_texts, kept)
    return kept_list, warnings


def _rows_of(columns: dict[str, list], rows: list[int]) -> dict[str, list]:
    return {key: list(map(values.__getitem__, rows)) for key, values in columns.items()}


def combine(parts: list[Responses], known: dict) -> Responses:
    """One list of respondents; answers kept as columns when any part is a large CSV."""
    if len(parts) == 1:
        return parts[0]
    combined = Responses(r for part in parts for r in part)
    combined.notices = [notice for part in parts for notice in part.notices]
    if any(part.columns is not None for part in parts):
        combined.columns = {
            question_id: [value for part in parts for value in part.column(question_id)]
            for question_id in known
        }
        combined.evidence_texts = {
            question_id: [text for part in parts for text in part.evidence_column(question_id)]
            for question_id in known
        }
    return combined


def _problem(located, loc: tuple, message: str) -> Problem:
    line, _ = located.where(loc)
    return Problem(located.path, line, 0, message)


def _unknown_question(question_id: str, known: dict) -> str:
    if question_id in getattr(known, "retired", {}):
        return retired_message(question_id, known.retired[question_id])
    close = difflib.get_close_matches(question_id, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else "run `revops template` for the list"
    return f"unknown question id '{question_id[:60]}'; {hint}"


ANSWER_KEYS = ("team", "date", "respondent", "profile", "metrics", "answers")
NESTED_KEYS = {"respondent": ["name", "role"], "profile": ["stage", "motion"]}


def _describe(detail: dict) -> tuple[tuple, str]:
    """Where and what, for one validation error of an answer file."""
    loc = tuple(part for part in detail["loc"] if part != "[key]")
    kind, message = detail["type"], detail["msg"].removeprefix("Value error, ")
    if kind == "missing":
        what = {
            "team": "the team's name, as text",
            "date": "as YYYY-MM-DD",
            "answers": "a mapping of question id to answer",
        }.get(loc[-1], "")
        return loc[:-1], f"'{loc[-1]}' is required{': ' + what if what else ''}"
    if kind == "extra_forbidden":
        allowed = list(ANSWER_KEYS) if len(loc) == 1 else NESTED_KEYS.get(loc[0], [])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        where = "" if len(loc) == 1 else f" in {loc[0]}"
        return loc, f"unknown key '{str(loc[-1])[:40]}'{where}; {hint}"
    if loc[:1] == ("answers",) and len(loc) == 2:
        hint = f"; {VALUE_HINT}" if "not an answer" in message or "range" in message else ""
        return loc, f"answer to '{loc[1]}': {message}{hint}"
    if loc == ("answers",):
        return loc, "'answers' must be a mapping of question id to answer"
    if loc == ("respondent",):
        return loc, "'respondent' must be a mapping with name and role"
    if loc == ("metrics",):
        return loc, "'metrics' must be a mapping of metric id to reading"
    if loc[:1] == ("metrics",) and len(loc) == 2:
        return loc, f"reading of '{loc[1]}': {message}"
    if loc == ("profile",):
        return loc, "'profile' must be a mapping with stage and motion"
    if loc[:1] == ("profile",):
        return loc, f"{loc[-1]} must be text"
    if loc[:1] == ("respondent",):
        return loc, f"respondent {loc[-1]} must be text"
    return loc, message


def _well_formed(data: dict, shown: str, known: dict) -> Respondent | None:
    """The respondent of a file that the AnswerFile model accepts as it stands, checked with
    the same value rules without loading pydantic (start-up time); None means "ask the model",
    which then explains every problem. tests/test_formats.py holds the two to agreement."""
    if not data.keys() <= set(ANSWER_KEYS) or not {"team", "date", "answers"} <= data.keys():
        return None
    person, answers = data.get("respondent") or {}, data["answers"] or {}
    if (
        not isinstance(person, dict)
        or not person.keys() <= {"name", "role"}
        or any(value is not None and not isinstance(value, str) for value in person.values())
    ):
        return None
    if not isinstance(answers, dict) or not all(
        isinstance(key, str) and key in known for key in answers
    ):
        return None
    profile = data.get("profile")
    if profile is not None and (
        not isinstance(profile, dict)
        or not profile.keys() <= {"stage", "motion"}
        or any(unknown_profile(key, value, known.profiles) for key, value in profile.items())
    ):
        return None
    metrics = data.get("metrics")
    try:
        readings = (
            {key: parse_reading(value) for key, value in metrics.items()}
            if isinstance(metrics, dict)
            else None
        )
    except ValueError:
        return None
    if metrics is not None and (
        readings is None
        or any(
            reading_problem(key, value or 0.0, known.readings) for key, value in readings.items()
        )
    ):
        return None
    try:
        read = {key: parse_answer(raw) for key, raw in answers.items()}
        team, date = team_name(data["team"]), parse_date(data["date"])
    except ValueError:
        return None
    return Respondent(
        shown,
        team,
        date,
        person.get("name"),
        person.get("role"),
        *split_evidence(read),
        _profile(profile),
        _given(readings),
    )


def _given(readings: dict | None) -> dict | None:
    """The readings a file gives, without the ones left empty."""
    return (
        {key: value for key, value in readings.items() if value is not None} or None
        if readings
        else None
    )


def _profile(profile: dict | None) -> dict | None:
    """The stage and motion a file names; None when it names neither."""
    if not profile or not (profile.get("stage") or profile.get("motion")):
        return None
    return {"stage": profile.get("stage"), "motion": profile.get("motion")}


def split_evidence(read: dict) -> tuple[dict[str, Value], dict[str, Evidence]]:
    """Question id -> value, and question id -> evidence for the answers that carry it."""
    return (
        {key: value for key, (value, _) in read.items()},
        {key: evidence for key, (_, evidence) in read.items() if evidence is not None},
    )


def parse_answer_document(
    text: str, shown: str, known, left_out: list[str] | None = None, given: dict | None = None
) -> Respondent:
    """One respondent from a YAML or JSON answer file (JSON is read as YAML), checked
    through the AnswerFile model and against the known question ids. Answers to questions
    set aside are dropped, and their ids added to `left_out` when given. `given` fills the
    team or date that the file leaves empty or out (from --team and --date)."""
    from revops.foundation.yamlsource import (  # here: a CSV-only run does not import PyYAML
        HIDDEN,
        parse_yaml,
    )

    known = question_ids(known)
    if refused := refused_in(text, shown, HIDDEN):  # at its column, as every reader places it
        raise InvalidInput([refused])
    located, problems = parse_yaml(text, shown)
    problems = [Problem(p.path, p.line, 0, p.message) for p in problems]
    if located is None:
        raise InvalidInput(problems)
    data = located.data
    if not isinstance(data, dict):
        raise InvalidInput(
            [
                Problem(
                    shown,
                    1,
                    0,
                    "an answer file is a mapping with team, date "
                    "and answers; run `revops template` for an example",
                )
            ]
        )
    data = _fill_in(data, given)
    if known.set_aside and isinstance(data.get("answers"), dict):  # hidden by the overlay
        if left_out is not None:
            left_out += [
                question_id for question_id in data["answers"] if question_id in known.set_aside
            ]
        data = {
            **data,
            "answers": {
                question_id: value
                for question_id, value in data["answers"].items()
                if question_id not in known.set_aside
            },
        }
    if not problems and (respondent := _well_formed(data, shown, known)):
        return respondent
    from pydantic import ValidationError  # here: a well-formed file never imports pydantic

    from revops.answers.model import AnswerFile

    document = None
    try:
        document = AnswerFile.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            loc, message = _describe(detail)
            problems.append(_problem(located, loc, message))
    metrics = data.get("metrics")
    for metric_id, raw in metrics.items() if isinstance(metrics, dict) else ():
        value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else 0.0
        if raw is None and metric_id in known.readings:  # left empty: no reading
            continue
        if message := reading_problem(metric_id, value, known.readings):
            problems.append(_problem(located, ("metrics", metric_id), message))
    if document is not None and document.profile is not None:
        for key, value in document.profile.model_dump().items():
            if message := unknown_profile(key, value, known.profiles):
                problems.append(_problem(located, ("profile", key), message))
    for question_id in (data.get("answers") or {}) if isinstance(data.get("answers"), dict) else ():
        if question_id not in known:
            problems.append(
                _problem(
                    located, ("answers", question_id), _unknown_question(str(question_id), known)
                )
            )
    if problems or document is None:
        raise InvalidInput(problems)
    person = document.respondent
    return Respondent(
        shown,
        document.team,
        document.date,
        person and person.name,
        person and person.role,
        *split_evidence(document.answers or {}),
        _profile(document.profile and document.profile.model_dump()),
        _given(document.metrics),
    )


def _fill_in(data: dict, given: dict | None) -> dict:
    """The file's fields, with the given ones in place of those it leaves empty or out."""
    empty = [
        key
        for key, value in (given or {}).items()
        if value is not None
        and (data.get(key) is None or (isinstance(data[key], str) and not data[key].strip()))
    ]
    return {**data, **{key: given[key] for key in empty}} if empty else data


def parse_sheet(
    path: Path,
    shown: str,
    known,
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
    known,
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


def _responses(table, shown: str) -> Responses:
    evidence = table.evidence
    responses = Responses(
        Respondent(
            shown,
            team,
            date,
            name,
            role,
            RowAnswers(table.columns, row),
            RowEvidence(evidence, row) if evidence else {},
        )
        for row, (name, role, team, date) in enumerate(table.people)
    )
    responses.columns, responses.evidence_texts = table.columns, evidence
    responses.left_out = table.layout.left_out
    return responses
