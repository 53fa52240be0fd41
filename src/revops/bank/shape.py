"""The shape of a question bank read from a file (a cached bank, or the one a wheel carries):
formats.Bank, checked without pydantic (importing it would double the start-up of a run),
and the content's own limits on top: what bank.bank builds from valid content and nothing
else. tests/test_bank_cache.py holds the two together."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import NamedTuple


class Whole(NamedTuple):
    low: int
    high: int


class Number(NamedTuple):
    above: float
    up_to: float


class Each(NamedTuple):
    """A mapping of text to values of one shape."""

    shape: object


TEXT_OR_NONE = (str, None)
PAGE = {"name?": TEXT_OR_NONE, "title?": TEXT_OR_NONE, "path": str}
QUESTION = {
    "id": str,
    "text": str,
    "help?": TEXT_OR_NONE,
    "weight": Whole(1, 5),
    "evidence?": (Each(str), None),
    "options": Each(str),
    "foundational?": bool,
    "plan?": (
        {
            "process": str,
            "owner": str,
            "owner_name": str,
            "forum": str,
            "forum_name": str,
            "metric": str,
            "metric_name": str,
        },
        None,
    ),
}
RULE = {
    "id": str,
    "title": str,
    "path": str,
    "maturity": Each(str),
    "practices": [PAGE],
    "steps": [PAGE],
    "questions": [QUESTION],
}
GUIDE = {
    "id": str,
    "name": str,
    "path": str,
    "foundations": Each({"until_level": (int, None), "reason": str}),
    "later": Each({"from_level": int, "reason": str}),
    "target_level?": (int, None),
    "target_reason?": TEXT_OR_NONE,
}
SCORING = {
    "min_answered_fraction": Number(0, 1),
    "misaligned_gap": Number(0, math.inf),
    "decimals": Whole(0, 4),
    "evidence_from_level?": Whole(1, 5),
    "unevidenced_cap?": (Whole(1, 5), None),
    "miscalibrated_gap?": Whole(1, 4),
    "inconsistent_from_level?": Whole(2, 5),
    "foundation_at_most?": Whole(1, 4),
}
BANK = {
    "version": int,
    "parameters": SCORING,
    "levels": [{"level": int, "name": str}],
    "rules": [RULE],
    "retired?": Each({"replaced_by": TEXT_OR_NONE, "reason": str, "text?": TEXT_OR_NONE}),
    "overlay?": (
        {"organisation": TEXT_OR_NONE, "set_aside": Each(str), "not_applicable": [str]},
        None,
    ),
    "profiles?": ({"stages": [GUIDE], "motions": [GUIDE]}, None),
    "readings?": Each(
        {
            "name": str,
            "rule": str,
            "higher_is_better": bool,
            "unit": str,
            "levels": Each(Number(-math.inf, math.inf)),
            "basis": str,
        }
    ),
}


def bank_problem(bank: object) -> str | None:
    """Where and how a bank read from a file departs from what scoring needs, or None."""
    if problem := _departure(bank, BANK, "bank"):
        return problem
    assert isinstance(bank, dict)  # as _departure has just found it
    levels = [level["level"] for level in bank["levels"]]
    if len(levels) < 2 or levels != list(range(1, len(levels) + 1)):
        return "levels: not 1, 2, 3... without gaps"
    numbers = set(map(str, levels))
    for i, rule in enumerate(bank["rules"]):
        ladders = [("maturity", rule["maturity"])] + [
            (f"questions[{j}].options", question["options"])
            for j, question in enumerate(rule["questions"])
        ]
        for where, ladder in ladders:
            if ladder.keys() != numbers:
                return f"rules[{i}].{where}: not one entry per level"
        for j, question in enumerate(rule["questions"]):
            if not (question.get("evidence") or {}).keys() <= numbers:
                return f"rules[{i}].questions[{j}].evidence: not level numbers"
    for metric, reading in (bank.get("readings") or {}).items():
        if not reading["levels"].keys() <= numbers:
            return f"readings.{metric}.levels: not level numbers"
    return None


def _departure(value: object, shape: object, where: str) -> str | None:
    """Where value first departs from shape: a type (int and float exclude bool), None, a
    Whole or Number range, a tuple of alternatives, [shape] for a list, Each(shape), or a
    dict of key -> shape (a key ending in ? may be left out; no other key is allowed)."""
    if type(shape) is tuple:  # Whole, Number and Each are tuples of their own kinds
        if value is None and None in shape or type(value) in shape:  # most alternatives
            return None
        found = [_departure(value, option, where) for option in shape]
        return None if None in found else found[0]
    if isinstance(shape, list | Each | dict):
        return _container_departure(value, shape, where)
    if shape is None:
        return None if value is None else f"{where}: not null"
    if isinstance(shape, Whole):
        fits = type(value) is int and shape.low <= value <= shape.high
        return None if fits else f"{where}: not a whole number from {shape.low} to {shape.high}"
    if isinstance(shape, Number):
        fits = (
            (type(value) is int or type(value) is float)
            and math.isfinite(value)
            and shape.above < value <= shape.up_to
        )
        return None if fits else f"{where}: not a number in range"
    names: dict[object, str] = {int: "a whole number", str: "text", bool: "true or false"}
    return None if type(value) is shape else f"{where}: not {names[shape]}"


def _container_departure(
    value: object, shape: list[object] | Each | dict[str, object], where: str
) -> str | None:
    if isinstance(shape, list):
        if type(value) is not list:
            return f"{where}: not a list"
        items = ((i, item, shape[0]) for i, item in enumerate(value))
        return _first_departure(items, lambda i: f"{where}[{i}]")
    if type(value) is not dict:
        return f"{where}: not a mapping"
    if isinstance(shape, Each):
        items = ((key, item, shape.shape) for key, item in value.items())
    else:
        keys = {key.rstrip("?"): key for key in shape}
        missing = [key for key in shape if not key.endswith("?") and key not in value]
        extra = [key for key in value if key not in keys]
        if missing or extra:
            return f"{where}.{(missing or extra)[0]}: {'missing' if missing else 'unexpected'}"
        items = ((key, item, shape[keys[key]]) for key, item in value.items())
    return _first_departure(items, lambda key: f"{where}.{key}")


def _first_departure(
    items: Iterable[tuple[object, object, object]], place: Callable[[object], str]
) -> str | None:
    """The first departure of (key, value, shape) items, each placed by place(key): a value
    of a plain type its shape names passes at once, as most of a bank's values do, and no
    place is written for it."""
    for key, item, part in items:
        if type(item) is part:  # text, a whole number, true or false, as asked
            continue
        if problem := _departure(item, part, place(key)):
            return problem
    return None
