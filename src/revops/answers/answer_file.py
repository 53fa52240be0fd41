"""One respondent from a YAML or JSON answer file (JSON is read as YAML): read, filled in from
the options, answers to questions set aside dropped, then checked by the fast path
(fast_path.py) or, when it declines, by the AnswerFile model (model.py), which locates every
problem by line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from revops.answers.fast_path import (
    FIELDS,
    NESTED,
    Loc,
    bank_problems,
    filled_in,
    named_profile,
    split_evidence,
    well_formed,
)
from revops.answers.respondents import KnownQuestions, Respondent, question_ids
from revops.foundation.characters import refused_in
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.values import VALUE_HINT

if TYPE_CHECKING:
    from revops.foundation.yamlsource import Located

NOT_A_MAPPING = (
    "an answer file is a mapping with team, date and answers; run `revops template` for an example"
)


def parse_answer_document(
    text: str,
    shown: str,
    known: Any,
    left_out: list[str] | None = None,
    given: dict[str, Any] | None = None,
) -> Respondent:
    """One respondent from a YAML or JSON answer file, checked through the AnswerFile model and
    against the known question ids (a Playbook, a bank or KnownQuestions). Answers to questions
    set aside are dropped, and their ids added to `left_out` when given. `given` fills the
    team or date that the file leaves empty or out (from --team and --date). Raises
    InvalidInput listing every problem."""
    known = question_ids(known)
    located, problems = _read(text, shown)
    data = _set_aside(_fill_in(located.data, given), known, left_out)
    if not problems and (respondent := well_formed(data, shown, known)):
        return respondent
    return read_by_the_model(data, located, shown, known, problems)


def _read(text: str, shown: str) -> tuple[Located, list[Problem]]:
    """The file's YAML, located, and the problems of its syntax (duplicate keys, tags...).
    Raises InvalidInput when it holds no mapping to check."""
    from revops.foundation.yamlsource import (  # here: a CSV-only run does not import PyYAML
        HIDDEN,
        parse_yaml,
    )

    if refused := refused_in(text, shown, HIDDEN):  # at its column, as every reader places it
        raise InvalidInput([refused])
    located, problems = parse_yaml(text, shown)
    problems = [Problem(p.path, p.line, 0, p.message) for p in problems]
    if located is None:
        raise InvalidInput(problems)
    if not isinstance(located.data, dict):
        raise InvalidInput([Problem(shown, 1, 0, NOT_A_MAPPING)])
    return located, problems


def _fill_in(data: dict[str, Any], given: dict[str, Any] | None) -> dict[str, Any]:
    """The file's fields, with the given ones in place of those it leaves empty or out."""
    empty = [
        key
        for key, value in (given or {}).items()
        if value is not None
        and (data.get(key) is None or (isinstance(data[key], str) and not data[key].strip()))
    ]
    return {**data, **{key: given[key] for key in empty}} if empty and given else data


def _set_aside(
    data: dict[str, Any], known: KnownQuestions, left_out: list[str] | None
) -> dict[str, Any]:
    """The file without its answers to questions a company overlay set aside."""
    answers = data.get("answers")
    if not known.set_aside or not isinstance(answers, dict):
        return data
    if left_out is not None:
        left_out += [question_id for question_id in answers if question_id in known.set_aside]
    kept = {key: value for key, value in answers.items() if key not in known.set_aside}
    return {**data, "answers": kept}


def read_by_the_model(
    data: dict[str, Any],
    located: Located,
    shown: str,
    known: KnownQuestions,
    problems: list[Problem],
) -> Respondent:
    """The respondent as the AnswerFile model reads the file, or InvalidInput with the given
    problems, every validation error of the model and every id the bank does not know,
    each at its line."""
    from pydantic import ValidationError  # here: a well-formed file never imports pydantic

    from revops.answers.model import AnswerFile

    problems = list(problems)
    document = None
    try:
        document = AnswerFile.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            problems.append(_located(located, *describe(detail)))
    profile = document.profile.model_dump() if document and document.profile else None
    problems += [
        _located(located, loc, message) for loc, message in bank_problems(data, profile, known)
    ]
    if problems or document is None:
        raise InvalidInput(problems)
    person = document.respondent
    return Respondent(
        shown,
        document.team,
        document.date,
        person.name if person else None,
        person.role if person else None,
        *split_evidence(document.answers or {}),
        named_profile(profile),
        filled_in(document.metrics),
        filled_in(document.targets),
    )


def _located(located: Located, loc: Loc, message: str) -> Problem:
    line, _ = located.where(loc)
    return Problem(located.path, line, 0, message)


MISSING = {
    "team": "the team's name, as text",
    "date": "as YYYY-MM-DD",
    "answers": "a mapping of question id to answer",
}
NOT_MAPPINGS = {
    ("answers",): "'answers' must be a mapping of question id to answer",
    ("respondent",): "'respondent' must be a mapping with name and role",
    ("metrics",): "'metrics' must be a mapping of metric id to reading",
    ("profile",): "'profile' must be a mapping with stage and motion",
    ("targets",): "'targets' must be a mapping of rule id to level",
}


def describe(detail: Any) -> tuple[Loc, str]:
    """Where and what, for one validation error of an answer file."""
    loc = tuple(part for part in detail["loc"] if part != "[key]")
    kind, message = detail["type"], detail["msg"].removeprefix("Value error, ")
    if kind == "missing":
        what = MISSING.get(loc[-1], "")
        return loc[:-1], f"'{loc[-1]}' is required{': ' + what if what else ''}"
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc)
    if loc in NOT_MAPPINGS:
        return loc, NOT_MAPPINGS[loc]
    if len(loc) == 2 and loc[0] == "answers":
        hint = f"; {VALUE_HINT}" if "not an answer" in message or "range" in message else ""
        return loc, f"answer to '{loc[1]}': {message}{hint}"
    if len(loc) == 2 and loc[0] == "metrics":
        return loc, f"reading of '{loc[1]}': {message}"
    if len(loc) == 2 and loc[0] == "targets":
        return loc, f"target for '{loc[1]}': {message}"
    if loc[:1] == ("profile",):
        return loc, f"{loc[-1]} must be text"
    if loc[:1] == ("respondent",):
        return loc, f"respondent {loc[-1]} must be text"
    return loc, message


def _unknown_key(loc: Loc) -> str:
    allowed = list(FIELDS) if len(loc) == 1 else list(NESTED.get(str(loc[0]), ()))
    import difflib  # here: only a problem's message needs it

    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
    where = "" if len(loc) == 1 else f" in {loc[0]}"
    return f"unknown key '{str(loc[-1])[:40]}'{where}; {hint}"
