"""Read an earlier assessment, as an answer file or a JSON report, for comparison."""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from revops.answers.documents import MAX_RESPONDENTS, load_answer_files
from revops.foundation.characters import shown as escaped
from revops.foundation.files import read_text
from revops.foundation.problems import InvalidInput, Problem
from revops.scoring.formula import Scorer

SUPPORTED = (1, 2)  # report schema versions this revops reads


@dataclass(frozen=True)
class Earlier:
    """One earlier assessment: when, its scores, and its question means."""

    source: str
    date: str | None
    overall: float | None
    rules: dict[str, float | None]
    question_means: dict[str, float | None] = field(default_factory=dict)
    respondents: int = 0  # read from an answer file (a report is not read row by row)

    @classmethod
    def of(cls, source: str, date: str | None, overall: float | None, rules) -> Earlier:
        """From scored rules: a fresh Result's or an earlier JSON report's, which name their
        id, score and question means alike."""
        return cls(
            source,
            date,
            overall,
            {rule.id: rule.score for rule in rules},
            {q: m for rule in rules for q, m in rule.question_means.items()},
        )


def load_earlier(
    path: Path, scorer: Scorer, bank_hash: str | None = None, room: int = MAX_RESPONDENTS
) -> Earlier:
    """An earlier assessment, from an answer file or a JSON report. Warns on stderr when an
    earlier report was scored against other content than bank_hash names. An answer file of
    more than `room` respondents raises TooManyRespondents."""
    if path.suffix.lower() == ".json":
        text = read_text(path, str(path))
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None  # not a report: read it as an answer file below, which explains
        if isinstance(data, dict) and "schema_version" in data:
            earlier = _from_report(data, text, str(path))
            _warn_if_other_content(data, str(path), bank_hash)
            return earlier
    respondents = load_answer_files([path], scorer.bank, earlier=True, room=room)
    result = scorer.score(respondents)
    _note_retired(path, scorer.bank.get("retired") or {}, respondents.left_out)
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


def _note_retired(path: Path, retired: dict, left_out: list[str]) -> None:
    """Say so when an earlier answer file answered questions that have since been retired
    (the readers left those answers out)."""
    named = [question_id for question_id in retired if question_id in left_out]
    if named:
        print(
            escaped(
                f"note: {path}: answers to {len(named)} retired question"
                f"{'s' if len(named) != 1 else ''} left out ({', '.join(named)})"
            ),
            file=sys.stderr,
        )


def _from_report(data: dict, text: str, shown: str):
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
        versions = " and ".join(map(str, SUPPORTED))
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


def _warn_if_other_content(data: dict, shown: str, bank_hash: str | None) -> None:
    content = data.get("content")
    earlier = content.get("bank") if isinstance(content, dict) else None
    if bank_hash and earlier and earlier != bank_hash:
        print(
            escaped(
                f"warning: {shown} was scored against other questions (bank "
                f"{str(earlier)[:16]}, now {bank_hash}); rules whose questions changed "
                "may not compare"
            ),
            file=sys.stderr,
        )  # the report's text, a file's
