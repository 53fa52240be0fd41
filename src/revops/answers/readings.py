"""Metric readings that check a self-rating: an answer file's `metrics: {id: number}` and the
level each reading suggests for its rule, by the catalogue's `suggests` thresholds (the
bank's `readings`). docs/assets/revops-score.js does the same on the page."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any, TypedDict

from revops.answers.respondents import Respondent
from revops.foundation.problems import InvalidInput, Problem


class ReadingSpec(TypedDict):
    """What a reading of one metric suggests, as the bank holds it (bank.model.BankReading
    dumped; tests/test_typed_records.py holds the two to the same fields)."""

    name: str
    rule: str
    higher_is_better: bool
    unit: str
    levels: dict[str, float]  # level "2".."5" -> the reading that reaches it
    basis: str


def parse_reading(raw: object) -> float | None:
    """A reading as a file gives it: a finite number, or null for none. Raises ValueError
    with the reason."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        shown = f"'{raw[:40]}'" if isinstance(raw, str) else type(raw).__name__
        raise ValueError(f"a reading is a number, such as 0.82 for 82%; not {shown}")
    if not math.isfinite(raw):
        raise ValueError("a reading is a finite number")
    return float(raw)


class RuleReading(TypedDict):
    """A reading of one of a rule's metrics (advice.calibration.Reading takes it as is)."""

    metric: str
    value: float
    suggests: int  # the level the metric's thresholds give the reading


def reading_problem(metric_id: str, value: float, specs: Mapping[str, ReadingSpec]) -> str | None:
    """Why a reading cannot be used, or None: a metric that takes no reading, or a ratio
    written as a percentage."""
    if metric_id not in specs:
        import difflib  # here: only a problem's message needs it

        close = difflib.get_close_matches(str(metric_id), list(specs), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (
            f"no metric '{str(metric_id)[:60]}' takes a reading; {hint}readings are "
            f"taken for {', '.join(specs) or 'no metric in this playbook'}"
        )
    spec = specs[metric_id]
    if spec["unit"] == "ratio" and value > 1 >= max(spec["levels"].values()):
        return f"'{metric_id}' is a ratio from 0 to 1: write {value:g}% as {value / 100:g}"
    if value < 0:
        return f"'{metric_id}' cannot be negative"
    return None


def level_for(spec: ReadingSpec, reading: float) -> int:
    """The highest level whose threshold the reading reaches (reaching it exactly counts);
    1 when it reaches none."""
    higher = spec["higher_is_better"]
    reached = [
        int(level)
        for level, bar in spec["levels"].items()
        if (reading >= bar if higher else reading <= bar)
    ]
    return max(reached, default=1)


def rule_readings(
    rule_id: str, readings: Mapping[str, float], specs: Mapping[str, ReadingSpec]
) -> list[RuleReading]:
    """The readings of a rule's metrics, each with the level it suggests, in catalogue order."""
    return [
        {
            "metric": metric_id,
            "value": readings[metric_id],
            "suggests": level_for(spec, readings[metric_id]),
        }
        for metric_id, spec in specs.items()
        if spec["rule"] == rule_id and metric_id in readings
    ]


def combine_readings(respondents: Iterable[Respondent]) -> dict[str, float]:
    """One reading per metric from all answer files; two files that give one metric
    different readings are refused, naming both."""
    chosen: dict[str, tuple[float, str]] = {}
    problems = []
    for respondent in filter(attrgetter("readings"), respondents):  # in C: most give none
        for metric_id, value in (respondent.readings or {}).items():
            if value is None:
                continue
            if metric_id in chosen and chosen[metric_id][0] != value:
                problems.append(
                    Problem(
                        respondent.source,
                        0,
                        0,
                        (
                            f"'{metric_id}' reads {value:g} here but {chosen[metric_id][0]:g} in "
                            f"{chosen[metric_id][1]}; give the company's reading in one file"
                        ),
                    )
                )
            chosen.setdefault(metric_id, (value, respondent.source))
    if problems:
        raise InvalidInput(problems)
    return {metric_id: value for metric_id, (value, _) in chosen.items()}


def option_readings(options: list[str], bank: dict[str, Any]) -> dict[str, float]:
    """Readings given as --reading METRIC=VALUE; they override the answer files' readings.
    Raises InvalidInput naming each option that is not one."""
    specs: dict[str, ReadingSpec] = bank.get("readings") or {}
    readings: dict[str, float] = {}
    problems = []
    for option in options:
        metric_id, equals, text = option.partition("=")
        metric_id = metric_id.strip()
        try:
            value = float(text) if equals and text.strip() else None
            if value is None or not math.isfinite(value):
                raise ValueError
        except ValueError:
            problems.append(
                Problem(
                    "--reading",
                    0,
                    0,
                    f"'{option[:60]}' is not METRIC=NUMBER, e.g. forecast-accuracy=0.82",
                )
            )
            continue
        if message := reading_problem(metric_id, value, specs):
            problems.append(Problem("--reading", 0, 0, message))
        readings[metric_id] = value
    if problems:
        raise InvalidInput(problems)
    return readings
