"""Which planning inputs make sense, as small rules over the typed inputs. Each yields
(where in the file, message) naming the input, so the content checks (planning_checks.py) and a
company overlay's planning changes (overlay.py) report the same problems, each at its place."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import NamedTuple

from pydantic import BaseModel

from revops.content.planning import MONTHS, PlanningError, computed, exact, miss_margin
from revops.content.planning_schema import Assumption, PlanningModel

Located = tuple[tuple, str]  # (place in the planning file, what is wrong there)


class Bounds(NamedTuple):
    low: float
    high: float | None  # None: no upper bound
    low_open: bool  # the low bound itself is refused
    says: str  # what a good value is, e.g. "a share from 0 to 1"
    whole: bool = False


SHARE = Bounds(0, 1, False, "a share from 0 to 1, e.g. 0.25 for 25%")
OPEN_SHARE = Bounds(0, 1, True, "a share above 0 and at most 1, e.g. 0.25 for 25%")
AMOUNT = Bounds(0, None, True, "an amount above 0")
COUNT = Bounds(0, None, False, "a whole number, 0 or more", whole=True)
MULTIPLE = Bounds(1, None, False, "a multiple of at least 1, e.g. 1.5")

# Input name -> the values it may take. Every Assumption field of the model is listed.
BOUNDS: dict[str, Bounds] = {
    "starting_arr": Bounds(0, None, False, "an amount, 0 or more"),
    "ending_arr": AMOUNT,
    "gross_retention": SHARE,
    "expansion": Bounds(0, None, False, "a share of starting ARR, 0 or more, e.g. 0.1"),
    "spread": Bounds(0, 1, False, "a share from 0 to 1, e.g. 0.15 for 15% of plan"),
    "confidence": Bounds(0.5, 1, False, "a chance from 0.5 up to (not including) 1, e.g. 0.8"),
    "attrition": Bounds(0, 1, False, "a share of sellers from 0 to 1 (100%) a year"),
    "backfill_lag": Bounds(0, MONTHS - 1, False, "whole months from 0 to 11", whole=True),
    "quota_buffer": Bounds(0, 1, False, "a share of capacity from 0 to 1, e.g. 0.15"),
    "other_sales_costs": Bounds(0, None, False, "an amount, 0 or more"),
    "share_of_new": SHARE,
    "starting_reps": COUNT,
    "hiring_pace": COUNT,
    "capacity_margin": Bounds(0, 1, False, "a share of the target from 0 to 1, e.g. 0.15"),
    "ramped_productivity": AMOUNT,
    "average_deal": AMOUNT,
    "win_rate": OPEN_SHARE,
    "on_target_earnings": AMOUNT,
    "base_share": SHARE,
    "variable_share": SHARE,
    "accelerator": MULTIPLE,
    "cap": MULTIPLE,
}


def assumptions(model: PlanningModel) -> Iterator[tuple[tuple, str, Assumption]]:
    """(place, readable name, input) for every single-number input."""
    parts: list[tuple[tuple[str | int, ...], str, BaseModel]] = [
        (("target",), "target", model.target),
        (("miss",), "miss", model.miss),
    ]
    parts.append((("team",), "team", model.team))
    parts += [(("segments", i), f"segment '{s.id}'", s) for i, s in enumerate(model.segments)]
    for loc, owner, part in parts:
        for name in type(part).model_fields:
            value = getattr(part, name)
            if isinstance(value, Assumption):
                yield loc + (name, "value"), f"{owner}: '{name}'", value


def shown(value: float | Fraction) -> str:
    """A number as a reader writes it: 1,000,000 or 0.25."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{float(value):,.4f}".rstrip("0")


def _outside(value: float, bounds: Bounds) -> bool:
    low = value <= bounds.low if bounds.low_open else value < bounds.low
    high = bounds.high is not None and value > bounds.high
    return low or high or (bounds.whole and value != int(value))


def values_in_range(model: PlanningModel) -> Iterator[Located]:
    """Every input is within what it can mean: no negative amounts, no share above 100%."""
    for loc, name, assumption in assumptions(model):
        bounds = BOUNDS[loc[-2]]
        if _outside(assumption.value, bounds):
            yield loc, f"{name} is {shown(assumption.value)}; it must be {bounds.says}"
    if model.miss.confidence.value == 1:
        yield ("miss", "confidence", "value"), "miss: 'confidence' must be below 1"


def ramps_rise_to_full(model: PlanningModel) -> Iterator[Located]:
    """A ramp curve runs at most 12 months, never falls, and ends at 1 (full productivity)."""
    for i, segment in enumerate(model.segments):
        loc, curve = ("segments", i, "ramp", "value"), segment.ramp.value
        name = f"segment '{segment.id}': 'ramp'"
        if len(curve) > MONTHS:
            yield loc, f"{name} runs {len(curve)} months; a ramp within the year has at most 12"
        elif any(share < 0 or share > 1 for share in curve):
            yield loc, f"{name} has a share outside 0 to 1; give each month's share of full"
        elif falls := [m for m in range(1, len(curve)) if curve[m] < curve[m - 1]]:
            month = falls[0]
            yield (
                loc + (month,),
                f"{name} falls from {shown(curve[month - 1])} in month {month} to "
                f"{shown(curve[month])} in month {month + 1}; a ramp never falls",
            )
        elif curve[-1] != 1:
            yield loc, f"{name} ends at {shown(curve[-1])}; it must rise to 1 (full productivity)"


def pay_mix_whole(model: PlanningModel) -> Iterator[Located]:
    """Base and variable shares of on-target earnings add up to 100%."""
    for i, segment in enumerate(model.segments):
        base, variable = exact(segment.base_share.value), exact(segment.variable_share.value)
        if base + variable != 1:
            yield (
                ("segments", i, "variable_share", "value"),
                f"segment '{segment.id}': the pay mix 'base_share' {shown(base)} + "
                f"'variable_share' {shown(variable)} = {shown(base + variable)}; "
                "they must add up to 1 (100%)",
            )


def split_adds_up(model: PlanningModel) -> Iterator[Located]:
    """Segments split new bookings whole, and renewals plus expansion leave room for new."""
    shares = sum((exact(s.share_of_new.value) for s in model.segments), Fraction(0))
    if shares != 1:
        yield (
            ("segments",),
            f"the segments' 'share_of_new' add up to {shown(shares)}; they must add up to 1",
        )
    target = model.target
    starting = exact(target.starting_arr.value)
    kept = starting * (exact(target.gross_retention.value) + exact(target.expansion.value))
    if kept >= exact(target.ending_arr.value):
        yield (
            ("target", "ending_arr", "value"),
            f"target: 'ending_arr' {shown(target.ending_arr.value)} is not above renewals "
            f"plus expansion ({shown(kept)}); the split leaves nothing for new bookings",
        )
    seen: set[str] = set()
    for i, segment in enumerate(model.segments):
        if segment.id in seen:
            yield ("segments", i, "id"), f"segment '{segment.id}' is defined twice"
        seen.add(segment.id)
        if segment.starting_reps.value == 0 and segment.hiring_pace.value == 0:
            yield (
                ("segments", i, "hiring_pace", "value"),
                f"segment '{segment.id}' starts with no sellers and hires none; give it either",
            )


def margin_possible(model: PlanningModel) -> Iterator[Located]:
    """The miss spread at the chosen confidence leaves a pipeline margin (z x spread < 1)."""
    if not list(values_in_range(model)) and miss_margin(model)[1] <= 0:
        yield (
            ("miss", "spread", "value"),
            f"miss: 'spread' {shown(model.miss.spread.value)} at confidence "
            f"{shown(model.miss.confidence.value)} leaves no margin (z × spread must be below 1); "
            "lower one of them",
        )


RULES = (values_in_range, ramps_rise_to_full, pay_mix_whole, split_adds_up, margin_possible)


def input_problems(model: PlanningModel) -> list[Located]:
    return [found for rule in RULES for found in rule(model)]


def reconciliation_problems(model: PlanningModel) -> list[Located]:
    """Nothing if the inputs are sound and the plan computed from them reconciles."""
    if input_problems(model):
        return []
    try:
        computed(model)  # kept: the site's pages show this plan
    except PlanningError as error:
        return [((), str(error))]
    return []
