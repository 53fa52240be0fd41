"""A company's own planning model: the playbook's planning inputs with the values a company
overlay's `planning` section sets, held to the same rules as the file (planning_rules.py),
each problem located at the overlay's line for that input."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from revops.content.known import unknown
from revops.content.messages import describe_error
from revops.content.overlay import read_overlay
from revops.content.planning_rules import input_problems, reconciliation_problems
from revops.content.planning_schema import Assumption, CurveAssumption, PlanningModel
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.yamlsource import Located

WHERE = "playbook/planning-model.yaml (e.g. target.ending_arr, segments.<id>.win_rate)"


def input_places(model: PlanningModel) -> dict[str, tuple]:
    """Each input's name in an overlay, e.g. 'segments.enterprise.win_rate', and its place
    in the planning file, e.g. ('segments', 1, 'win_rate')."""
    parts: list[tuple[str, tuple, BaseModel]] = [
        (group, (group,), getattr(model, group)) for group in ("target", "miss", "team")
    ]
    parts += [(f"segments.{s.id}", ("segments", i), s) for i, s in enumerate(model.segments)]
    return {
        f"{name}.{field}": loc + (field,)
        for name, loc, part in parts
        for field in type(part).model_fields
        if isinstance(getattr(part, field), Assumption | CurveAssumption)
    }


def _set(data: dict, loc: tuple, value) -> None:
    for part in loc:
        data = data[part]
    data["value"] = value


def apply_planning(
    model: PlanningModel, changes: dict[str, float | list[float]], located: Located
) -> PlanningModel:
    """The model with each change applied. Raises InvalidInput with every problem, located
    at the change that causes it (or at the overlay's `planning` key if several do)."""
    places = input_places(model)
    problems = [
        located.problem(("planning", name), unknown("planning input", name, places, WHERE))
        for name in changes
        if name not in places
    ]
    if problems:
        raise InvalidInput(problems)
    data = model.model_dump()
    for name, value in changes.items():
        _set(data, places[name], value)
    by_place = {places[name]: name for name in changes}
    try:
        changed = PlanningModel.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(
            [
                _at(located, by_place, tuple(d["loc"]), describe_error(d, PlanningModel))
                for d in error.errors()
            ]
        ) from None
    found = input_problems(changed) or reconciliation_problems(changed)
    if found:
        raise InvalidInput([_at(located, by_place, loc, message) for loc, message in found])
    return changed


def _at(located: Located, by_place: dict[tuple, str], loc: tuple, message: str) -> Problem:
    """The problem at the change whose input holds loc, else at the `planning` key."""
    for place, name in by_place.items():
        if loc[: len(place)] == place:
            return located.problem(("planning", name), message, prefer_key=False)
    return located.problem(("planning",), message)


def planning_with_overlay(model: PlanningModel, overlay: Path) -> PlanningModel:
    """The planning model as the company overlay at `overlay` sets it."""
    read, located, _ = read_overlay(overlay)
    return apply_planning(model, read.planning, located) if read.planning else model
