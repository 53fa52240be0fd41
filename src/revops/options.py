"""assess's keyword options as one value, and their checks: what a bad value is told before
any file is read (revops.api uses them; the command line gives the same values)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from revops.advice.plan_limits import DEFAULT_LOAD, DEFAULT_QUARTERS, MAX_QUARTERS
from revops.advice.targets import given_targets
from revops.answers.readings import option_readings
from revops.bank.profile import known_profiles, unknown_profile
from revops.foundation.problems import InvalidInput, InvalidOption, Problem
from revops.foundation.values import parse_date
from revops.reports import DEFAULT_SITE_URL, site_url_problem

if TYPE_CHECKING:  # history.py is imported when there are earlier assessments
    from revops.advice.history import Earlier

MAX_PREVIOUS = 40  # earlier assessments in one history: ten years of quarters
DATE_ORDERS = ("dmy", "mdy")

PathLike = str | os.PathLike[str]
Notify = Callable[[str], None]


class Options(NamedTuple):
    """assess's keyword options as one value, with the same defaults (assess documents
    each; tests/test_api.py holds the two alike)."""

    previous: Sequence[PathLike | Earlier] = ()
    stage: str | None = None
    motion: str | None = None
    readings: Mapping[str, float] | Sequence[str] = ()
    targets: Mapping[str, int] | Sequence[str] = ()
    start: dt.date | str | None = None
    quarters: int = DEFAULT_QUARTERS
    load: int = DEFAULT_LOAD
    anonymous: bool = False
    team: str | None = None
    date: dt.date | str | None = None
    sheet: str | None = None
    date_order: Literal["dmy", "mdy"] | None = None
    ignore_columns: Sequence[str] = ()
    top: int = 3
    site_url: str = DEFAULT_SITE_URL
    overlay: PathLike | None = None
    notify: Notify | None = None


def check_options(options: Options) -> None:
    problems = []
    if options.top < 0:
        problems.append(Problem("top", 0, 0, "must be 0 or more"))
    if len(options.previous) > MAX_PREVIOUS:
        problems.append(
            Problem(
                "previous",
                0,
                0,
                f"{len(options.previous)} earlier assessments; a history takes at most "
                f"{MAX_PREVIOUS}, so leave out the oldest",
            )
        )
    if message := site_url_problem(options.site_url):
        problems.append(Problem("site_url", 0, 0, message))
    if not 1 <= options.quarters <= MAX_QUARTERS:
        problems.append(
            Problem("quarters", 0, 0, f"must be 1 to {MAX_QUARTERS}, not {options.quarters}")
        )
    if options.load < 1:
        problems.append(Problem("load", 0, 0, f"must be 1 or more, not {options.load}"))
    if options.date_order not in (None, *DATE_ORDERS):
        problems.append(
            Problem("date_order", 0, 0, f"'{options.date_order}' is not 'dmy' or 'mdy'")
        )
    if problems:
        raise InvalidOption(problems)


def option_values(
    options: Options, bank: Mapping[str, Any]
) -> tuple[dict[str, float], dict[str, int]]:
    """The readings and targets the options give, once the options that depend on the
    question bank (stage, motion, readings, targets) are known to name what it holds.
    Raises InvalidOption."""
    known = known_profiles(bank)
    problems = [
        Problem(f"--{key}", 0, 0, message)
        for key, value in (("stage", options.stage), ("motion", options.motion))
        if (message := unknown_profile(key, value, known))
    ]
    readings: dict[str, float] = {}
    targets: dict[str, int] = {}
    try:
        readings = option_readings(_reading_texts(options.readings), dict(bank))
    except InvalidInput as error:
        problems += error.problems
    try:
        targets = given_targets(options.targets, bank)
    except InvalidInput as error:
        problems += error.problems
    if problems:
        raise InvalidOption(problems)
    return readings, targets


def as_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    try:
        return parse_date(date)
    except ValueError as error:
        raise InvalidInput([Problem("date", 0, 0, str(error))]) from None


def _reading_texts(readings: Mapping[str, float] | Sequence[str]) -> list[str]:
    """Readings as the METRIC=VALUE texts --reading takes, which option_readings checks."""
    if isinstance(readings, str):
        return [readings]
    if isinstance(readings, Mapping):
        return [f"{metric}={value!r}" for metric, value in readings.items()]
    return list(readings)
