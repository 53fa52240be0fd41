"""Read an earlier assessment, as an answer file or a JSON report, for comparison."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from revops.advice.history import Earlier
from revops.answers.documents import MAX_RESPONDENTS, load_answer_files
from revops.foundation.files import read_text
from revops.foundation.problems import InvalidInput, Problem
from revops.scoring import fast
from revops.scoring.formula import Bank

__all__ = ["SUPPORTED", "Earlier", "in_order", "load_earlier"]
SUPPORTED = (1, 2, 3)  # report schema versions this revops reads


def load_earlier(
    path: Path,
    bank: Bank,
    bank_hash: str | None = None,
    room: int = MAX_RESPONDENTS,
    notify: Callable[[str], None] = lambda text: None,
) -> Earlier:
    """An earlier assessment, from an answer file (scored against the bank as it was
    answered: no repeats dropped, no profile or readings checked) or a JSON report. Tells
    `notify` when an earlier report was scored against other content than bank_hash names,
    or an answer file's answers to retired questions were left out. An answer file of more
    than `room` respondents raises TooManyRespondents."""
    if path.suffix.lower() == ".json":
        text = read_text(path, str(path))
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None  # not a report: read it as an answer file below, which explains
        if isinstance(data, dict) and "schema_version" in data:
            earlier = _from_report(data, text, str(path))
            _warn_if_other_content(data, str(path), bank_hash, notify)
            return earlier
    respondents = load_answer_files([path], bank, earlier=True, room=room)
    result = fast.score(bank, respondents)
    _note_retired(path, bank.get("retired") or {}, respondents.left_out, notify)
    earlier = Earlier.of(str(path), result.date, result.score, result.rules)
    return dataclasses.replace(earlier, respondents=len(respondents))


def in_order(earlier: list[Earlier], current_date: str | None) -> list[Earlier]:
    """Earlier assessments oldest first. Several need dates to be ordered; none may share a
    date with another or fall on or after the current one. Raises InvalidInput."""
    problems = []
    if len(earlier) > 1:
        problems += [
            Problem(
                e.source,
                0,
                0,
                "has no date, so it cannot be placed among the other earlier assessments; add one",
            )
            for e in earlier
            if not e.date
        ]
    seen: dict[str, str] = {}
    for item in earlier:
        if item.date and current_date and item.date >= current_date:
            when = "the same day as" if item.date == current_date else "after"
            problems.append(
                Problem(
                    item.source,
                    0,
                    0,
                    (
                        f"is dated {item.date}, {when} the assessment being scored "
                        f"({current_date}); --previous takes earlier assessments only"
                    ),
                )
            )
        if item.date in seen:
            problems.append(
                Problem(
                    item.source,
                    0,
                    0,
                    f"is dated {item.date}, like {seen[item.date]}; give one assessment per date",
                )
            )
        if item.date:
            seen.setdefault(item.date, item.source)
    if problems:
        raise InvalidInput(problems)
    return sorted(earlier, key=lambda item: item.date or "")


def _note_retired(
    path: Path, retired: dict[str, Any], left_out: list[str], notify: Callable[[str], None]
) -> None:
    """Say so when an earlier answer file answered questions that have since been retired
    (the readers left those answers out)."""
    named = [question_id for question_id in retired if question_id in left_out]
    if named:
        notify(
            f"note: {path}: answers to {len(named)} retired question"
            f"{'s' if len(named) != 1 else ''} left out ({', '.join(named)})"
        )


def _from_report(data: dict[str, Any], text: str, shown: str) -> Earlier:
    """Scores from a JSON report, checked through the Report model (schemas/report.schema.json);
    each problem is placed on its line."""
    from pydantic import ValidationError

    from revops.content.messages import describe_error
    from revops.reports.model import Report

    @functools.cache
    def located():
        """Only a faulty report is parsed again, as YAML, to find where each value is."""
        from revops.foundation.yamlsource import parse_yaml

        return parse_yaml(text, shown)[0]

    def line_of(loc: tuple) -> int:
        return located().where(loc)[0] if located() else 1

    if data.get("schema_version") not in SUPPORTED:
        versions = ", ".join(map(str, SUPPORTED[:-1])) + f" and {SUPPORTED[-1]}"
        raise InvalidInput(
            [
                Problem(
                    shown,
                    line_of(("schema_version",)),
                    0,
                    f"report "
                    f"schema_version {data.get('schema_version')!r} is not "
                    f"supported; this revops reads versions {versions}",
                )
            ]
        )
    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if part != "[key]")
            problems.append(
                Problem(
                    shown,
                    line_of(loc),
                    0,
                    "not a complete revops JSON report: " + describe_error(detail, Report),
                )
            )
        raise InvalidInput(problems) from None
    return Earlier.of(shown, report.date, report.overall.score, report.rules)


def _warn_if_other_content(
    data: dict[str, Any], shown: str, bank_hash: str | None, notify: Callable[[str], None]
) -> None:
    content = data.get("content")
    earlier = content.get("bank") if isinstance(content, dict) else None
    if bank_hash and earlier and earlier != bank_hash:
        notify(
            f"warning: {shown} was scored against other questions (bank "
            f"{str(earlier)[:16]}, now {bank_hash}); rules whose questions changed "
            "may not compare"
        )  # the report's text, a file's: whoever shows it escapes control characters
