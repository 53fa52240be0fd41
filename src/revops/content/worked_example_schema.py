"""Typed shape of the worked example (playbook/worked-example.yaml): one company taken from
its assessment through a plan, with the forums, dashboard, dictionary entry, experiment and
post-mortem it produced. Its ids point across files; content/reference_checks.py checks them."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from revops.content.reference_schema import NonEmptyIds
from revops.content.schema import Id, Items, Line, Strict, Text

ExampleFile = Annotated[str, StringConstraints(pattern=r"^assessment/examples/[a-z0-9._-]+$")]


class PlanPhase(Strict):
    days: Line
    focus: NonEmptyIds  # rule ids
    actions: Items


class DictionaryEntry(Strict):
    metric: Id
    source_system: Line
    fields: Items
    includes: Items
    excludes: Items
    refresh: Line
    steward: Line


class ExperimentBrief(Strict):
    title: Line
    hypothesis: Text
    change: Text
    audience: Text
    metric: Id
    guardrails: NonEmptyIds
    duration: Line
    decision_rule: Text


class PostMortem(Strict):
    title: Line
    what_happened: Text
    impact: Text
    causes: Items
    went_well: Items
    actions: Items


class WorkedExample(Strict):
    company: Text
    stage: Id
    motion: Id
    answers: ExampleFile  # the assessment the plan starts from
    later: ExampleFile | None = None  # the same team assessed again after the plan
    plan: Annotated[list[PlanPhase], Field(min_length=1)]
    forums: NonEmptyIds
    dashboard: NonEmptyIds  # metric ids
    dictionary_entry: DictionaryEntry
    experiment: ExperimentBrief
    post_mortem: PostMortem
