"""Typed shape of the reference files: metrics, operating rhythm, team, stages, domains, tech
stack and anti-patterns (the worked example's is in worked_example_schema.py). Ids point across
files; content/reference_checks.py checks that every one of them resolves."""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from revops.content.schema import Id, Ids, Items, Line, Strict, Text

NonEmptyIds = Annotated[Ids, Field(min_length=1)]
Abbreviation = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9:/&+-]{0,11}$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]+$", max_length=300)]
Year = Annotated[int, Field(ge=2000, le=2100)]


# --- metrics: playbook/metrics/<group>.yaml ---


class Formula(Strict):
    calculation: Line  # the whole formula on one line
    numerator: Line
    denominator: Line | None = None  # absent for totals such as ARR
    window: Line  # the period or point in time it covers


class ReferenceRange(Strict):
    """A published figure. No source, no number: the playbook invents no benchmarks."""

    applies_to: Line  # the stage or segment the figure describes
    value: Line
    source: Line  # publisher and title
    year: Year
    url: HttpsUrl


SUGGESTED_LEVELS = (2, 3, 4, 5)  # below level 2's threshold a reading suggests level 1
Reading = Annotated[float, Field(ge=0, allow_inf_nan=False)]


def _error_at(key, message: str, value) -> ValidationError:
    """An error located at one key inside the field being validated, so validate points at
    the line that is wrong rather than at the whole mapping."""
    error = PydanticCustomError("value_error", message)
    return ValidationError.from_exception_data(
        "LevelThresholds", [InitErrorDetails(type=error, loc=(key,), input=value)]
    )


class LevelThresholds(Strict):
    """The level a reading of the metric suggests for one rule's practice. The playbook's
    own rule of thumb unless `basis` is `source`; a reading is evidence to set beside a
    self-rating, never a score on its own."""

    # Editors learn the rule the validator below enforces: a source basis names its source.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"basis": {"const": "source"}}},
            "then": {"required": ["source", "year", "url"]},
        }
    )

    rule: Id  # the rule whose practice a reading reflects
    higher_is_better: bool  # declared before levels: their order depends on it
    unit: Literal["ratio", "percent", "months", "days", "hours"]  # how readings are written
    # Level -> the lowest reading that suggests it (the highest when lower is better).
    levels: Annotated[
        dict[int, Reading],
        Field(
            json_schema_extra={
                "propertyNames": {"enum": [str(n) for n in SUGGESTED_LEVELS]},
                "required": [str(n) for n in SUGGESTED_LEVELS],
            }
        ),
    ]
    basis: Literal["heuristic", "source"]
    source: Line | None = None  # publisher and title; only with basis: source
    year: Year | None = None
    url: HttpsUrl | None = None
    note: Line  # what the thresholds assume: segment, period, snapshot

    @field_validator("levels")
    @classmethod
    def _ordered(cls, levels: dict[int, float], info) -> dict[int, float]:
        for level in levels:
            if level not in SUGGESTED_LEVELS:
                raise _error_at(
                    level,
                    f"no threshold for level {level}: thresholds are given "
                    "for levels 2 to 5, and a reading short of level 2's suggests "
                    "level 1; remove it",
                    levels[level],
                )
        missing = [str(n) for n in SUGGESTED_LEVELS if n not in levels]
        if missing:
            raise ValueError(
                f"missing threshold(s) for level {', '.join(missing)}; give one "
                "for each of levels 2, 3, 4 and 5"
            )
        higher = info.data.get("higher_is_better")
        if higher is None:  # reported on its own field
            return levels
        for below, level in itertools.pairwise(SUGGESTED_LEVELS):
            bar, prior = levels[level], levels[below]
            if not (bar > prior if higher else bar < prior):
                way = "above" if higher else "below"
                raise _error_at(
                    level,
                    f"level {level}'s threshold {bar:g} breaks the order: "
                    f"it must be {way} level {below}'s {prior:g}, since "
                    f"{'higher' if higher else 'lower'} readings are better",
                    bar,
                )
        return levels

    @model_validator(mode="after")
    def _basis_matches_source(self):
        named = [key for key in ("source", "year", "url") if getattr(self, key) is not None]
        if self.basis == "source" and len(named) < 3:
            missing = [key for key in ("source", "year", "url") if key not in named]
            raise _error_at(
                "basis",
                f"basis 'source' needs the publisher and title, year and "
                f"https url; add {', '.join(missing)}, or say basis: heuristic",
                self.basis,
            )
        if self.basis == "heuristic" and named:
            raise _error_at(
                named[0],
                f"a heuristic names no source; remove {', '.join(named)}, or say basis: source",
                getattr(self, named[0]),
            )
        return self


class Metric(Strict):
    id: Id
    name: Line
    abbreviation: Abbreviation | None = None
    owner: Id  # a function in playbook/team.yaml
    measures: Text
    formula: Formula
    reading: Text
    mistakes: Items
    ranges: list[ReferenceRange] = Field(default_factory=list)
    suggests: LevelThresholds | None = None
    see_also: Ids = Field(default_factory=list)


class MetricFile(Strict):
    metrics: Annotated[list[Metric], Field(min_length=1)]


# --- operating rhythm: playbook/operating-rhythm.yaml ---

Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly", "annual", "after each event"]


class Forum(Strict):
    id: Id
    name: Line
    cadence: Cadence
    length: Line
    chair: Id  # a function in playbook/team.yaml
    purpose: Text
    attendees: Items
    inputs: Items
    agenda: Items
    decisions: Items
    metrics: Ids = Field(default_factory=list)
    rules: NonEmptyIds
    from_stage: Id


class Priority(Strict):
    name: Line
    detail: Text


class Intake(Strict):
    summary: Text
    route: Text
    request_fields: Items
    triage: Text
    priorities: Annotated[list[Priority], Field(min_length=1)]
    service_levels: Items
    forum: Id  # where the queue is reviewed


class Rhythm(Strict):
    summary: Text
    forums: Annotated[list[Forum], Field(min_length=1)]
    intake: Intake


# --- team design: playbook/team.yaml ---


class TeamFunction(Strict):
    id: Id
    name: Line


class CharterItem(Strict):
    heading: Line
    detail: Text


class ReportingLine(Strict):
    id: Id
    to: Line
    strengths: Items
    risks: Items
    suits: Text


RaciLetter = Literal["R", "A", "C", "I", "-"]


class RaciRow(Strict):
    id: Id
    process: Line
    roles: dict[Id, RaciLetter]  # function id -> letter, every function once


class Team(Strict):
    summary: Text
    functions: Annotated[list[TeamFunction], Field(min_length=2)]
    charter: Annotated[list[CharterItem], Field(min_length=1)]
    reporting_lines: Annotated[list[ReportingLine], Field(min_length=1)]
    raci: Annotated[list[RaciRow], Field(min_length=1)]


# --- guidance by stage and motion: playbook/stages.yaml ---


class Focus(Strict):
    rule: Id
    reason: Line  # shown with the recommendation


class Foundation(Focus):
    # advice comes first only while it aims for this level or below; none: at every level
    until_level: Annotated[int, Field(ge=2, le=5)] | None = None


class Postponed(Focus):
    from_level: Annotated[int, Field(ge=2, le=5)]  # advice to reach this level or above waits


class AssessmentFocus(Strict):
    """How the assessment orders its advice here: foundations first, postponed work last."""

    foundations: list[Foundation] = Field(default_factory=list)
    later: list[Postponed] = Field(default_factory=list)


class Guidance(Strict):
    id: Id
    name: Line
    summary: Text
    signs: Items  # how a company recognises itself here
    first: Items
    postpone: Items
    roles: Items
    metrics: NonEmptyIds
    assessment: AssessmentFocus = Field(default_factory=AssessmentFocus)


class GuideTopic(Strict):
    """One part of a stage's operating guide: what to run, in order, who is accountable,
    where it is decided and which domains hold the method."""

    id: Id  # its anchor on the stages page is <stage id>-<topic id>
    heading: Line
    summary: Text
    steps: Annotated[list[Text], Field(min_length=1)]  # in order, with owners and numbers
    accountable: Id  # a function in playbook/team.yaml
    domains: Ids = Field(default_factory=list)
    forums: Ids = Field(default_factory=list)
    metrics: Ids = Field(default_factory=list)


class Stage(Guidance):
    team_shape: Text
    guide: list[GuideTopic] = Field(default_factory=list)  # the operating guide, if any


class Stages(Strict):
    summary: Text
    stages: Annotated[list[Stage], Field(min_length=1)]  # earliest first
    motions: Annotated[list[Guidance], Field(min_length=1)]


# --- domains: playbook/domains.yaml ---


class DomainPractice(Strict):
    name: Line
    what: Text
    from_stage: Id


class Domain(Strict):
    id: Id
    name: Line
    summary: Text
    practices: Annotated[list[DomainPractice], Field(min_length=1)]
    pitfalls: Items
    metrics: NonEmptyIds
    rules: NonEmptyIds
    forums: Ids = Field(default_factory=list)


class Domains(Strict):
    summary: Text
    domains: Annotated[list[Domain], Field(min_length=1)]


# --- tech stack: playbook/tech-stack.yaml ---


class SystemCategory(Strict):
    id: Id
    name: Line
    purpose: Text
    record_for: Ids = Field(default_factory=list)  # data ids it is the system of record for
    from_stage: Id


class DataKind(Strict):
    id: Id
    name: Line


class Integration(Strict):
    source: Id
    target: Id
    carries: Line
    why: Line


class TechStack(Strict):
    summary: Text
    principles: Items
    data: Annotated[list[DataKind], Field(min_length=1)]
    categories: Annotated[list[SystemCategory], Field(min_length=1)]
    integrations: Annotated[list[Integration], Field(min_length=1)]


# --- anti-patterns: playbook/anti-patterns.yaml ---


class AntiPattern(Strict):
    id: Id
    name: Line
    symptoms: Items
    why: Text
    breaks: NonEmptyIds  # rule ids
    way_out: Items
    metrics: Ids = Field(default_factory=list)


class AntiPatterns(Strict):
    summary: Text
    anti_patterns: Annotated[list[AntiPattern], Field(min_length=1)]
