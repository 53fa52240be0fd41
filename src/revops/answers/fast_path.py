"""The answer file's fast path: the AnswerFile model (answers/model.py) applied without loading
pydantic, which would double the start-up of a one-file run.

The model is the definition. This module restates its fields as plain data (FIELDS, REQUIRED,
NESTED) and reads each value with the very functions the model's validators call; it accepts
a file only when the model and the bank checks would, and otherwise answers None so that the
model reads the file again and explains every problem. tests/test_formats.py holds it to that:
the tables equal what the model declares, and generated documents, valid and not, get the same
decision and the same respondent from both paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from revops.answers.readings import parse_reading, reading_problem
from revops.answers.respondents import KnownQuestions, Respondent
from revops.bank.profile import unknown_profile
from revops.foundation.values import (
    Evidence,
    Value,
    parse_answer,
    parse_date,
    parse_target,
    retired_message,
    team_name,
)

Loc = tuple[str | int, ...]  # where in the file: keys and indexes, as pydantic gives them


def text_or_none(raw: object) -> str | None:
    """A label such as a name or a stage: text, or left empty."""
    if raw is not None and not isinstance(raw, str):
        raise ValueError("must be text")
    return raw


class Each(NamedTuple):
    """A mapping of text keys, or null; `read` reads each value."""

    read: Callable[[Any], Any]


class Labels(NamedTuple):
    """A nested model of these keys, or null; each value is text or null (text_or_none)."""

    keys: tuple[str, ...]


# The AnswerFile model's fields in its order, each with what reads its value: the function its
# validator calls, a mapping of values read so, or a nested model of labels.
FIELDS: dict[str, Callable[[Any], Any] | Each | Labels] = {
    "team": team_name,
    "date": parse_date,
    "respondent": Labels(("name", "role")),
    "profile": Labels(("stage", "motion")),
    "targets": Each(parse_target),
    "metrics": Each(parse_reading),
    "answers": Each(parse_answer),
}
REQUIRED = ("team", "date", "answers")  # `answers` may be null, but must be there
NESTED = {key: kind.keys for key, kind in FIELDS.items() if isinstance(kind, Labels)}


def _read(kind: Callable[[Any], Any] | Each | Labels, raw: object) -> Any:
    """A field's value as the model reads it. Raises ValueError where the model refuses it."""
    if not isinstance(kind, Each | Labels):
        return kind(raw)
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(key, str) for key in raw):
        raise ValueError("not a mapping of text keys")
    if isinstance(kind, Labels):
        if not raw.keys() <= set(kind.keys):
            raise ValueError("unknown key")
        return {key: text_or_none(value) for key, value in raw.items()}
    return {key: kind.read(value) for key, value in raw.items()}


def well_formed(data: dict[str, Any], shown: str, known: KnownQuestions) -> Respondent | None:
    """The respondent of a file that the AnswerFile model and the bank checks accept as it
    stands; None means "ask the model", which then explains every problem."""
    if not set(REQUIRED) <= data.keys() or not data.keys() <= FIELDS.keys():
        return None
    try:
        read = {key: _read(kind, data[key]) for key, kind in FIELDS.items() if key in data}
    except ValueError:
        return None
    profile = read.get("profile")
    if next(bank_problems(data, profile, known), None) is not None:
        return None
    person = read.get("respondent") or {}
    answers, evidence = split_evidence(read["answers"] or {})
    return Respondent(
        shown,
        read["team"],
        read["date"],
        person.get("name"),
        person.get("role"),
        answers,
        evidence,
        named_profile(profile),
        filled_in(read.get("metrics")),
        filled_in(read.get("targets")),
    )


def bank_problems(
    data: dict[str, Any], profile: dict[str, Any] | None, known: KnownQuestions
) -> Iterator[tuple[Loc, str]]:
    """(where, what) for each reading, stage or motion, target's rule and question id of the
    file that the bank does not know: what the model cannot check alone. `profile` is the
    file's profile once read (None: not checked)."""
    metrics = data.get("metrics")
    for metric_id, raw in metrics.items() if isinstance(metrics, dict) else ():
        value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else 0.0
        if raw is None and metric_id in known.readings:  # left empty: no reading
            continue
        if message := reading_problem(metric_id, value, known.readings):
            yield ("metrics", metric_id), message
    for key, label in (profile or {}).items():
        if message := unknown_profile(key, label, known.profiles):
            yield ("profile", key), message
    targets = data.get("targets")
    for rule_id in targets if isinstance(targets, dict) else ():
        if rule_id not in known.rules:
            yield ("targets", rule_id), unknown_rule(str(rule_id), known.rules)
    answers = data.get("answers")
    for question_id in answers if isinstance(answers, dict) else ():
        if question_id not in known:
            yield ("answers", question_id), unknown_question(str(question_id), known)


def unknown_question(question_id: str, known: KnownQuestions) -> str:
    """Why an answer names no question: retired (and what replaced it), or a likely typo."""
    if question_id in known.retired:
        return retired_message(question_id, known.retired[question_id])
    import difflib  # here: only a problem's message needs it

    close = difflib.get_close_matches(question_id, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else "run `revops template` for the list"
    return f"unknown question id '{question_id[:60]}'; {hint}"


def unknown_rule(rule_id: str, rules: list[str]) -> str:
    """Why a target names no rule, with the likely one or the list."""
    import difflib  # here: only a problem's message needs it

    close = difflib.get_close_matches(rule_id, rules, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(rules)}"
    return f"unknown rule '{rule_id[:40]}'; {hint}"


def split_evidence(read: dict[str, Any]) -> tuple[dict[str, Value], dict[str, Evidence]]:
    """Question id -> value, and question id -> evidence for the answers that carry it."""
    return (
        {key: value for key, (value, _) in read.items()},
        {key: evidence for key, (_, evidence) in read.items() if evidence is not None},
    )


def filled_in(given: dict[str, Any] | None) -> dict[str, Any] | None:
    """The readings or targets a file gives, without the ones left empty; None for none."""
    return (
        {key: value for key, value in given.items() if value is not None} or None if given else None
    )


def named_profile(profile: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stage and motion a file names; None when it names neither."""
    if not profile or not (profile.get("stage") or profile.get("motion")):
        return None
    return {"stage": profile.get("stage"), "motion": profile.get("motion")}
