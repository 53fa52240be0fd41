"""Typed shape of the reference files: operating rhythm, team, stages, domains, tech stack and
anti-patterns (the metric catalogue's is in metric_schema.py, the worked example's in
worked_example_schema.py). Ids point across files; content/reference_checks.py checks that
every one of them resolves."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from revops.content.metric_schema import (  # noqa: F401  (the catalogue's models, re-exported)
    SUGGESTED_LEVELS,
    Benchmark,
    Formula,
    LevelThresholds,
    Metric,
    MetricFile,
    Source,
)
from revops.content.schema import Id, Ids, Items, Line, Strict, Text

NonEmptyIds = Annotated[Ids, Field(min_length=1)]

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
    # What good looks like at this stage: the level every rule's default target starts from
    # (a foundation's until_level raises it, a postponement's from_level caps it below).
    target_level: Annotated[int, Field(ge=1, le=5)] | None = None
    target_reason: Line | None = None

    @model_validator(mode="after")
    def _target_with_its_reason(self):
        if (self.target_level is None) != (self.target_reason is None):
            raise ValueError("target_level and target_reason are given together")
        return self


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
