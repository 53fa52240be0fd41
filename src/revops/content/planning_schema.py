"""Typed shape of the planning model's inputs (playbook/planning-model.yaml). Every input is a
labelled assumption: its value and a note on what it assumes. Only the types are held here;
content/planning_checks.py says which values make sense, naming the input, and
content/planning.py computes everything else from them."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from revops.content.schema import Id, Line, Strict, Text

Number = float  # strict pydantic takes whole numbers here too


class Assumption(Strict):
    """One input: a number, and what the number assumes (or where it was read)."""

    value: Number
    assumes: Line


class CurveAssumption(Strict):
    """One input that is a list of numbers, e.g. a ramp curve by month of tenure."""

    value: Annotated[list[Number], Field(min_length=1)]
    assumes: Line


class Target(Strict):
    """The year's revenue target and what it is built from."""

    starting_arr: Assumption  # recurring revenue on the first day of the year
    ending_arr: Assumption  # the target: recurring revenue on the last day
    gross_retention: Assumption  # share of starting ARR kept (no expansion counted)
    expansion: Assumption  # expansion bookings as a share of starting ARR


class Miss(Strict):
    """How far quarterly new bookings miss their plan: sizes the pipeline's margin."""

    spread: Assumption  # standard deviation of quarterly bookings against plan, as a share
    confidence: Assumption  # the chance of reaching plan the pipeline is sized for


class Team(Strict):
    """What is the same for every segment's sellers."""

    attrition: Assumption  # share of sellers who leave in a year
    backfill_lag: Assumption  # whole months a leaver's seat stays empty
    quota_buffer: Assumption  # quota assigned above capacity, as a share of capacity
    other_sales_costs: Assumption  # managers, engineers, tools: a year's cost


class Segment(Strict):
    id: Id
    name: Line
    share_of_new: Assumption  # share of the year's new bookings this segment sells
    starting_reps: Assumption  # ramped sellers on the first day of the year
    hiring_pace: Assumption  # the most new sellers recruiting can start in one month
    capacity_margin: Assumption  # hires sized for the target plus this share of it
    ramped_productivity: Assumption  # new bookings a ramped seller closes in a year
    average_deal: Assumption
    win_rate: Assumption  # won opportunities out of those closed, by count
    ramp: CurveAssumption  # share of full productivity in each month of tenure
    on_target_earnings: Assumption
    base_share: Assumption  # the pay mix: base and variable as shares of OTE
    variable_share: Assumption
    accelerator: Assumption  # commission rate multiplier above 100% of quota
    cap: Assumption  # attainment above which no more commission is paid


class PlanningModel(Strict):
    company: Line
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]  # ISO 4217, e.g. USD
    year: int
    summary: Text
    target: Target
    miss: Miss
    team: Team
    segments: Annotated[list[Segment], Field(min_length=1)]
